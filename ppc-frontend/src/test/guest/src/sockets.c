/* Sockets on the loopback interface only: socketpair (stream and datagram), AF_UNIX path and
 * abstract servers with a forked client, TCP echo on 127.0.0.1 port 0 with a thread, UDP,
 * IPv6 loopback, non-blocking connect + poll + SO_ERROR, MSG_PEEK / MSG_DONTWAIT / MSG_WAITALL,
 * SO_RCVTIMEO, EPIPE with and without MSG_NOSIGNAL, SCM_RIGHTS, sendmsg/recvmsg with several
 * iovecs, options and the errno values of bad calls. On PowerPC also through socketcall(2).
 * Prints nothing that depends on the run (ports, pids, paths). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void check(int ok, const char *what) {
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) printf("  errno=%d (%s)\n", errno, strerror(errno));
}

static void socketpairs(void) {
    int sv[2];
    char buf[64];
    check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair stream");
    check(write(sv[0], "ping", 4) == 4, "write ping");
    check(read(sv[1], buf, sizeof buf) == 4 && memcmp(buf, "ping", 4) == 0, "read ping");
    check(send(sv[1], "pong!", 5, 0) == 5, "send pong");
    check(recv(sv[0], buf, 2, MSG_PEEK) == 2 && memcmp(buf, "po", 2) == 0, "MSG_PEEK");
    check(recv(sv[0], buf, 5, MSG_WAITALL) == 5 && memcmp(buf, "pong!", 5) == 0, "MSG_WAITALL");
    errno = 0;
    check(recv(sv[0], buf, 5, MSG_DONTWAIT) == -1 && errno == EAGAIN, "MSG_DONTWAIT gives EAGAIN");
    struct timeval tv = {0, 100000};
    check(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0, "SO_RCVTIMEO set");
    struct timeval back;
    socklen_t bl = sizeof back;
    check(getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &back, &bl) == 0 && bl == sizeof back
          && back.tv_sec == 0 && back.tv_usec == 100000, "SO_RCVTIMEO get");
    errno = 0;
    check(recv(sv[0], buf, 5, 0) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK), "SO_RCVTIMEO timeout");
    int type = -1;
    socklen_t tl = sizeof type;
    check(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &tl) == 0 && type == SOCK_STREAM && tl == 4, "SO_TYPE");
    check(shutdown(sv[1], SHUT_WR) == 0, "shutdown SHUT_WR");
    check(read(sv[0], buf, sizeof buf) == 0, "read after shutdown is EOF");
    close(sv[0]);
    close(sv[1]);

    check(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) == 0, "socketpair dgram");
    send(sv[0], "one", 3, 0);
    send(sv[0], "three", 5, 0);
    check(recv(sv[1], buf, sizeof buf, 0) == 3, "datagram 1 keeps its boundary");
    check(recv(sv[1], buf, 2, MSG_TRUNC) == 5, "MSG_TRUNC gives the datagram's length");
    check(fcntl(sv[0], F_GETFD) == FD_CLOEXEC, "SOCK_CLOEXEC");
    close(sv[0]);
    close(sv[1]);
}

static void fd_passing(void) {
    int sv[2], pair[2];
    char buf[16];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    struct msghdr m = {0};
    struct iovec iov[2] = {{"fd", 2}, {"!", 1}};
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } ctl;
    memset(&ctl, 0, sizeof ctl);
    m.msg_iov = iov;
    m.msg_iovlen = 2;
    m.msg_control = ctl.b;
    m.msg_controllen = sizeof ctl.b;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pair[1], sizeof(int));
    check(sendmsg(sv[0], &m, 0) == 3, "sendmsg with SCM_RIGHTS");

    struct msghdr r = {0};
    char a[2], b2[8];
    struct iovec riov[2] = {{a, 2}, {b2, sizeof b2}};
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } rctl;
    r.msg_iov = riov;
    r.msg_iovlen = 2;
    r.msg_control = rctl.b;
    r.msg_controllen = sizeof rctl.b;
    check(recvmsg(sv[1], &r, 0) == 3 && memcmp(a, "fd", 2) == 0 && b2[0] == '!', "recvmsg scatters");
    struct cmsghdr *rc = CMSG_FIRSTHDR(&r);
    int got = -1;
    if (rc && rc->cmsg_level == SOL_SOCKET && rc->cmsg_type == SCM_RIGHTS) memcpy(&got, CMSG_DATA(rc), sizeof got);
    check(got >= 0 && got != pair[1], "received a new descriptor");
    check(write(got, "via", 3) == 3 && read(pair[0], buf, sizeof buf) == 3 && memcmp(buf, "via", 3) == 0,
          "the passed socket works");
    close(got);
    close(pair[0]);
    close(pair[1]);
    close(sv[0]);
    close(sv[1]);
}

static void unix_server(struct sockaddr_un *addr, socklen_t len, const char *what) {
    char msg[80];
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    snprintf(msg, sizeof msg, "%s bind", what);
    check(bind(s, (struct sockaddr *) addr, len) == 0, msg);
    check(listen(s, 4) == 0, "listen");
    pid_t pid = fork();
    if (pid == 0) {
        int c = socket(AF_UNIX, SOCK_STREAM, 0);
        if (connect(c, (struct sockaddr *) addr, len) != 0) _exit(1);
        char buf[32];
        int n = read(c, buf, sizeof buf);
        for (int i = 0; i < n; i++) buf[i] ^= 0x20;
        write(c, buf, n);
        close(c);
        _exit(0);
    }
    int a = accept(s, NULL, NULL);
    check(a >= 0, "accept");
    write(a, "hello", 5);
    char buf[32] = {0};
    int n = read(a, buf, sizeof buf);
    printf("child echoed %d bytes: %.*s\n", n, n, buf);
    int st = 0;
    waitpid(pid, &st, 0);
    check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "client exited 0");
    struct sockaddr_un name;
    socklen_t nl = sizeof name;
    /* a path's name is as long as the path and its NUL, an abstract one as long as it was given */
    socklen_t want = addr->sun_path[0] ? offsetof(struct sockaddr_un, sun_path) + strlen(addr->sun_path) + 1 : len;
    check(getsockname(s, (struct sockaddr *) &name, &nl) == 0 && nl == want && memcmp(&name, addr, want) == 0,
          "getsockname is the bound name");
    close(a);
    close(s);
}

static void unix_sockets(void) {
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof addr.sun_path, "/tmp/dynvm-sock-%d", (int) getpid());
    unlink(addr.sun_path);
    unix_server(&addr, sizeof addr, "path");
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    check(bind(s, (struct sockaddr *) &addr, sizeof addr) == -1 && errno == EADDRINUSE, "bind again: EADDRINUSE");
    close(s);
    unlink(addr.sun_path);
    s = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    check(connect(s, (struct sockaddr *) &addr, sizeof addr) == -1 && errno == ENOENT, "connect to removed path: ENOENT");
    close(s);

    struct sockaddr_un abs = {.sun_family = AF_UNIX};
    int l = snprintf(abs.sun_path + 1, sizeof abs.sun_path - 1, "dynvm-abstract-%d", (int) getpid());
    unix_server(&abs, offsetof(struct sockaddr_un, sun_path) + 1 + l, "abstract");
}

static void *tcp_echo(void *arg) {
    int s = *(int *) arg;
    int a = accept(s, NULL, NULL);
    int one = 1;
    setsockopt(a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char buf[4096];
    long total = 0;
    for (;;) {
        int n = recv(a, buf, sizeof buf, 0);
        if (n <= 0) break;
        send(a, buf, n, 0);
        total += n;
    }
    close(a);
    return (void *) total;
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig) { (void) sig; sigpipes++; }

static void tcp(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    check(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0, "SO_REUSEADDR");
    int v = 0;
    socklen_t vl = sizeof v;
    check(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &vl) == 0 && v == 1, "SO_REUSEADDR reads back 1");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    check(bind(s, (struct sockaddr *) &a, sizeof a) == 0, "tcp bind 127.0.0.1:0");
    socklen_t al = sizeof a;
    check(getsockname(s, (struct sockaddr *) &a, &al) == 0 && a.sin_family == AF_INET && ntohs(a.sin_port) != 0
          && a.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "getsockname gives a port");
    check(listen(s, 8) == 0, "tcp listen");
    pthread_t th;
    pthread_create(&th, NULL, tcp_echo, &s);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    check(connect(c, (struct sockaddr *) &a, sizeof a) == 0, "tcp connect");
    check(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0, "TCP_NODELAY");
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    check(getpeername(c, (struct sockaddr *) &peer, &pl) == 0 && peer.sin_port == a.sin_port, "getpeername");
    static char big[100000], back[100000];
    for (int i = 0; i < (int) sizeof big; i++) big[i] = (char) (i * 7);
    long got = 0;
    for (int round = 0; round < 10; round++) {
        int off = 0;
        while (off < 10000) {
            int n = send(c, big + round * 10000 + off, 10000 - off, 0);
            if (n <= 0) break;
            off += n;
        }
        int want = 10000;
        while (want > 0) {
            int n = recv(c, back + got, want, 0);
            if (n <= 0) break;
            got += n;
            want -= n;
        }
    }
    check(got == sizeof big && memcmp(big, back, sizeof big) == 0, "tcp echo of 100000 bytes");
    shutdown(c, SHUT_WR);
    char x;
    check(recv(c, &x, 1, 0) == 0, "EOF after the server closes");
    void *total;
    pthread_join(th, &total);
    printf("server echoed %ld bytes\n", (long) total);
    /* writing to a connection the peer has closed: EPIPE, SIGPIPE unless MSG_NOSIGNAL */
    signal(SIGPIPE, SIG_IGN);
    int r = 0;
    for (int i = 0; i < 50 && r >= 0; i++) r = send(c, "x", 1, MSG_NOSIGNAL);
    check(r == -1 && errno == EPIPE, "send after shutdown: EPIPE");
    signal(SIGPIPE, on_sigpipe);
    errno = 0;
    check(send(c, "x", 1, 0) == -1 && errno == EPIPE && sigpipes == 1, "without MSG_NOSIGNAL: EPIPE and SIGPIPE");
    errno = 0;
    check(send(c, "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE && sigpipes == 1, "with MSG_NOSIGNAL: no SIGPIPE");
    errno = 0;
    check(write(c, "x", 1) == -1 && errno == EPIPE && sigpipes == 2, "write: EPIPE and SIGPIPE");
    signal(SIGPIPE, SIG_DFL);
    close(c);
    close(s);
}

static void nonblocking_connect(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(s, (struct sockaddr *) &a, sizeof a);
    socklen_t al = sizeof a;
    getsockname(s, (struct sockaddr *) &a, &al);
    listen(s, 1);
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(c, (struct sockaddr *) &a, sizeof a);
    check(r == 0 || errno == EINPROGRESS, "non-blocking connect: 0 or EINPROGRESS");
    struct pollfd p = {c, POLLOUT, 0};
    check(poll(&p, 1, 5000) == 1 && (p.revents & POLLOUT), "poll says writable");
    int err = -1;
    socklen_t el = sizeof err;
    check(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el) == 0 && err == 0, "SO_ERROR 0");
    struct pollfd lp = {s, POLLIN, 0};
    check(poll(&lp, 1, 5000) == 1 && (lp.revents & POLLIN), "listener readable");
    int acc = accept4(s, NULL, NULL, SOCK_NONBLOCK);
    check(acc >= 0 && (fcntl(acc, F_GETFL) & O_NONBLOCK), "accept4 SOCK_NONBLOCK");
    char b;
    errno = 0;
    check(read(acc, &b, 1) == -1 && errno == EAGAIN, "non-blocking read: EAGAIN");
    close(acc);
    close(c);
    close(s);
    /* a refused connection: the port of the listener just closed */
    c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    r = connect(c, (struct sockaddr *) &a, sizeof a);
    if (r == -1 && errno == EINPROGRESS) {
        struct pollfd q = {c, POLLOUT, 0};
        poll(&q, 1, 5000);
        el = sizeof err;
        getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el);
    } else {
        err = errno;
    }
    check(err == ECONNREFUSED, "refused: SO_ERROR ECONNREFUSED");
    close(c);
    c = socket(AF_INET, SOCK_STREAM, 0);
    errno = 0;
    check(connect(c, (struct sockaddr *) &a, sizeof a) == -1 && errno == ECONNREFUSED, "blocking connect: ECONNREFUSED");
    close(c);
}

static void udp(void) {
    int s = socket(AF_INET, SOCK_DGRAM, 0), c = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    check(bind(s, (struct sockaddr *) &a, sizeof a) == 0, "udp bind");
    socklen_t al = sizeof a;
    getsockname(s, (struct sockaddr *) &a, &al);
    check(sendto(c, "datagram", 8, 0, (struct sockaddr *) &a, sizeof a) == 8, "udp sendto");
    char buf[32];
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    int n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *) &from, &fl);
    struct sockaddr_in mine;
    socklen_t ml = sizeof mine;
    getsockname(c, (struct sockaddr *) &mine, &ml);
    check(n == 8 && memcmp(buf, "datagram", 8) == 0 && fl == sizeof from && from.sin_port == mine.sin_port
          && from.sin_family == AF_INET, "udp recvfrom with the sender's address");
    check(sendto(s, "reply", 5, 0, (struct sockaddr *) &from, fl) == 5 && recv(c, buf, sizeof buf, 0) == 5, "udp reply");
    close(s);
    close(c);

    int s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    if (s6 < 0 || bind(s6, (struct sockaddr *) &a6, sizeof a6) != 0) {
        printf("ipv6 loopback: not available\n");
    } else {
        socklen_t l6 = sizeof a6;
        getsockname(s6, (struct sockaddr *) &a6, &l6);
        int c6 = socket(AF_INET6, SOCK_DGRAM, 0);
        sendto(c6, "six", 3, 0, (struct sockaddr *) &a6, sizeof a6);
        check(recv(s6, buf, sizeof buf, 0) == 3 && l6 == sizeof a6, "udp over ::1");
        close(c6);
    }
    if (s6 >= 0) close(s6);
}

static void errors(void) {
    char b;
    errno = 0;
    check(socket(12345, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT, "unknown family: EAFNOSUPPORT");
    errno = 0;
    check(recv(1234, &b, 1, 0) == -1 && errno == EBADF, "recv on a closed fd: EBADF");
    errno = 0;
    check(recv(1, &b, 1, 0) == -1 && errno == ENOTSOCK, "recv on stdout: ENOTSOCK");
    int s = socket(AF_INET, SOCK_STREAM, 0);
    errno = 0;
    check(connect(s, (struct sockaddr *) 16, 16) == -1 && errno == EFAULT, "wild sockaddr: EFAULT");
    errno = 0;
    check(send(s, "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE, "send unconnected: EPIPE");
    errno = 0;
    int v;
    socklen_t vl = sizeof v;
    check(getsockopt(s, SOL_SOCKET, 9999, &v, &vl) == -1 && errno == ENOPROTOOPT, "unknown option: ENOPROTOOPT");
    close(s);
}

#ifdef SYS_socketcall
/* PowerPC's multiplexer, called directly (glibc uses the direct calls when the kernel has them) */
static void socketcall_forms(void) {
    long args[4] = {AF_UNIX, SOCK_STREAM, 0, 0};
    int sv[2];
    args[3] = (long) sv;
    check(syscall(SYS_socketcall, 8 /* SYS_SOCKETPAIR */, args) == 0, "socketcall SYS_SOCKETPAIR");
    long sargs[4] = {sv[0], (long) "mux", 3, 0};
    check(syscall(SYS_socketcall, 9 /* SYS_SEND */, sargs) == 3, "socketcall SYS_SEND");
    char buf[8];
    long rargs[4] = {sv[1], (long) buf, sizeof buf, 0};
    check(syscall(SYS_socketcall, 10 /* SYS_RECV */, rargs) == 3 && memcmp(buf, "mux", 3) == 0, "socketcall SYS_RECV");
    errno = 0;
    check(syscall(SYS_socketcall, 99, rargs) == -1 && errno == EINVAL, "socketcall 99: EINVAL");
    close(sv[0]);
    close(sv[1]);
}
#endif

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    socketpairs();
    fd_passing();
    unix_sockets();
    tcp();
    nonblocking_connect();
    udp();
    errors();
#ifdef SYS_socketcall
    socketcall_forms();
#else
    printf("socketcall SYS_SOCKETPAIR: ok\nsocketcall SYS_SEND: ok\nsocketcall SYS_RECV: ok\nsocketcall 99: EINVAL: ok\n");
#endif
    return 0;
}
