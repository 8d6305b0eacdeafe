/* inotify on files of the working directory: what the goldens (qemu-ppc, qemu-arm) print.
 * Watch descriptors and cookies are compared, never printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(int r) { return r < 0 ? strerror(errno) : "ok"; }

static void names(unsigned m) {
    static const struct { unsigned bit; const char *name; } t[] = {
        {IN_ACCESS, "ACCESS"}, {IN_MODIFY, "MODIFY"}, {IN_ATTRIB, "ATTRIB"}, {IN_CLOSE_WRITE, "CLOSE_WRITE"},
        {IN_CLOSE_NOWRITE, "CLOSE_NOWRITE"}, {IN_OPEN, "OPEN"}, {IN_MOVED_FROM, "MOVED_FROM"},
        {IN_MOVED_TO, "MOVED_TO"}, {IN_CREATE, "CREATE"}, {IN_DELETE, "DELETE"}, {IN_DELETE_SELF, "DELETE_SELF"},
        {IN_MOVE_SELF, "MOVE_SELF"}, {IN_IGNORED, "IGNORED"}, {IN_ISDIR, "ISDIR"}, {IN_Q_OVERFLOW, "Q_OVERFLOW"}};
    const char *sep = "";
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++)
        if (m & t[i].bit) { printf("%s%s", sep, t[i].name); sep = "|"; }
}

static unsigned last_cookie;

/* Reads what is queued and prints one line per event; returns the count. */
static int drain(int fd, int wd) {
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) { printf("  read: %s\n", strerror(errno)); return 0; }
    int count = 0;
    for (char *p = buf; p < buf + n; count++) {
        struct inotify_event *e = (struct inotify_event *) p;
        printf("  %s ", e->wd == wd ? "wd" : "other-wd");
        names(e->mask);
        printf(" '%s'", e->len ? e->name : "");
        if (e->cookie) printf(" cookie%s", e->cookie == last_cookie ? " (same)" : "");
        last_cookie = e->cookie;
        printf("\n");
        p += sizeof *e + e->len;
    }
    return count;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    mkdir("w", 0755);
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    printf("init1: %d cloexec %d nonblock %d\n", fd >= 0, (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0,
           (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    int wd = inotify_add_watch(fd, "w", IN_ALL_EVENTS & ~(IN_ACCESS | IN_OPEN | IN_CLOSE_NOWRITE));
    printf("add_watch: %d\n", wd > 0);
    char small[8];
    printf("empty read: %s\n", read(fd, small, sizeof small) < 0 ? strerror(errno) : "data");

    int f = open("w/a.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(f, "hello\n", 6);
    close(f);
    chmod("w/a.txt", 0600);
    rename("w/a.txt", "w/b.txt");
    mkdir("w/sub", 0755);
    rmdir("w/sub");
    unlink("w/b.txt");
    struct pollfd pfd = {fd, POLLIN, 0};
    printf("poll: %d revents %s\n", poll(&pfd, 1, 1000), pfd.revents & POLLIN ? "POLLIN" : "-");
    int avail = 0;
    ioctl(fd, FIONREAD, &avail);
    printf("FIONREAD: %d\n", avail > 0);
    printf("read into 8 bytes: %s\n", read(fd, small, sizeof small) < 0 ? strerror(errno) : "data");
    printf("events: %d\n", drain(fd, wd));

    /* epoll, and a blocking read woken by a forked child's file */
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 42}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    printf("epoll empty: %d\n", epoll_wait(ep, &out, 1, 0));
    close(open("w/c", O_CREAT | O_WRONLY, 0644));
    int ready = epoll_wait(ep, &out, 1, 1000);
    printf("epoll: %d data %u\n", ready, out.data.u32);
    drain(fd, wd);
    int b = inotify_init();
    int wd2 = inotify_add_watch(b, "w", IN_CREATE);
    pid_t c = fork();
    if (c == 0) {
        usleep(50000);
        close(open("w/from-child", O_CREAT | O_WRONLY, 0644));
        _exit(0);
    }
    printf("blocking read:\n");
    drain(b, wd2);
    waitpid(c, NULL, 0);

    /* one-shot, mask add, removal */
    int w3 = inotify_add_watch(fd, "w/c", IN_ATTRIB | IN_ONESHOT);
    chmod("w/c", 0600);
    chmod("w/c", 0644);
    printf("oneshot:\n");
    drain(fd, w3);
    printf("mask add same wd: %d\n", inotify_add_watch(fd, "w", IN_CREATE | IN_MASK_ADD) == wd);
    printf("mask create: %s\n", err(inotify_add_watch(fd, "w", IN_CREATE | IN_MASK_CREATE)));
    printf("rm_watch: %s\n", err(inotify_rm_watch(fd, wd)));
    drain(fd, wd);
    printf("rm_watch again: %s\n", err(inotify_rm_watch(fd, wd)));

    /* errors */
    printf("init1 bad flags: %s\n", err(inotify_init1(1)));
    printf("add bad fd: %s\n", err(inotify_add_watch(99, "w", IN_CREATE)));
    printf("add on a non-inotify fd: %s\n", err(inotify_add_watch(1, "w", IN_CREATE)));
    printf("add missing: %s\n", err(inotify_add_watch(fd, "nope", IN_CREATE)));
    printf("add mask 0: %s\n", err(inotify_add_watch(fd, "w", 0)));
    printf("add wild path: %s\n", err(inotify_add_watch(fd, (const char *) 1, IN_CREATE)));
    printf("add onlydir on a file: %s\n", err(inotify_add_watch(fd, "w/c", IN_CREATE | IN_ONLYDIR)));
    printf("rm bad fd: %s\n", err(inotify_rm_watch(99, 1)));
    unlink("w/c");
    unlink("w/from-child");
    rmdir("w");
    return 0;
}
