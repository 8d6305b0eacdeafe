/* eventfd and epoll: eventfd counter and semaphore modes, blocking and EAGAIN; epoll over a pipe,
 * an eventfd and a socketpair, level-triggered (reported while ready), edge-triggered (reported
 * once per new input), EPOLLONESHOT (disarmed until EPOLL_CTL_MOD), EPOLLHUP when the writer
 * closes, a timeout, a thread waking a blocked epoll_wait, timerfd (one-shot, periodic, absolute,
 * under epoll), and the errno values of bad calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void check(int ok, const char *what) {
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) printf("  errno=%d (%s)\n", errno, strerror(errno));
}

static int wait_events(int ep, int timeout, struct epoll_event *ev, int n) {
    int r = epoll_wait(ep, ev, n, timeout);
    return r;
}

static void eventfds(void) {
    int e = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
    uint64_t v = 0;
    check(e >= 0 && fcntl(e, F_GETFD) == FD_CLOEXEC, "eventfd with EFD_CLOEXEC");
    check(read(e, &v, 8) == 8 && v == 5, "read takes the counter (5)");
    errno = 0;
    check(read(e, &v, 8) == -1 && errno == EAGAIN, "empty: EAGAIN");
    v = 3;
    write(e, &v, 8);
    v = 4;
    write(e, &v, 8);
    check(read(e, &v, 8) == 8 && v == 7, "writes add up (7)");
    errno = 0;
    check(read(e, &v, 4) == -1 && errno == EINVAL, "short read: EINVAL");
    v = UINT64_MAX;
    errno = 0;
    check(write(e, &v, 8) == -1 && errno == EINVAL, "writing 2^64-1: EINVAL");
    v = UINT64_MAX - 1;
    check(write(e, &v, 8) == 8, "counter at its maximum");
    v = 1;
    errno = 0;
    check(write(e, &v, 8) == -1 && errno == EAGAIN, "overflow: EAGAIN");
    struct pollfd p = {e, POLLIN | POLLOUT, 0};
    check(poll(&p, 1, 0) == 1 && p.revents == POLLIN, "poll: readable, not writable");
    close(e);

    int s = eventfd(2, EFD_SEMAPHORE);
    check(read(s, &v, 8) == 8 && v == 1 && read(s, &v, 8) == 8 && v == 1, "semaphore reads 1 at a time");
    close(s);
}

static void level_and_edge(void) {
    int pfd[2];
    pipe(pfd);
    int e = eventfd(0, EFD_NONBLOCK);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    check(ep >= 0 && fcntl(ep, F_GETFD) == FD_CLOEXEC, "epoll_create1(EPOLL_CLOEXEC)");
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1111222233334444ULL};
    check(epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], &ev) == 0, "add pipe (level)");
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 2;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev) == 0, "add eventfd (edge)");
    errno = 0;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev) == -1 && errno == EEXIST, "add twice: EEXIST");
    struct epoll_event out[4];
    check(wait_events(ep, 0, out, 4) == 0, "nothing ready");
    write(pfd[1], "abc", 3);
    uint64_t one = 1;
    write(e, &one, 8);
    int n = wait_events(ep, 1000, out, 4);
    int pipe_seen = 0, efd_seen = 0;
    for (int i = 0; i < n; i++) {
        if (out[i].data.u64 == 0x1111222233334444ULL && out[i].events == EPOLLIN) pipe_seen++;
        if (out[i].data.u64 == 2 && out[i].events == EPOLLIN) efd_seen++;
    }
    check(n == 2 && pipe_seen == 1 && efd_seen == 1, "both ready, data kept");
    n = wait_events(ep, 0, out, 4);
    check(n == 1 && out[0].data.u64 == 0x1111222233334444ULL, "again: only the level-triggered pipe");
    write(e, &one, 8);
    n = wait_events(ep, 0, out, 4);
    check(n == 2, "new eventfd input reports the edge again");
    n = wait_events(ep, 0, out, 4);
    check(n == 1, "and then not again");
    char buf[8];
    read(pfd[0], buf, sizeof buf);
    uint64_t v;
    read(e, &v, 8);
    check(wait_events(ep, 0, out, 4) == 0, "drained: nothing ready");
    check(wait_events(ep, 50, out, 4) == 0, "50 ms timeout");

    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.u64 = 1;
    check(epoll_ctl(ep, EPOLL_CTL_MOD, pfd[0], &ev) == 0, "mod pipe to one-shot");
    write(pfd[1], "x", 1);
    check(wait_events(ep, 0, out, 4) == 1, "one-shot reports once");
    check(wait_events(ep, 0, out, 4) == 0, "then is disarmed");
    check(epoll_ctl(ep, EPOLL_CTL_MOD, pfd[0], &ev) == 0 && wait_events(ep, 0, out, 4) == 1, "re-armed by MOD");
    read(pfd[0], buf, sizeof buf);

    check(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL) == 0, "del eventfd");
    errno = 0;
    check(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL) == -1 && errno == ENOENT, "del again: ENOENT");
    ev.events = EPOLLIN;
    epoll_ctl(ep, EPOLL_CTL_MOD, pfd[0], &ev);
    close(pfd[1]);
    n = wait_events(ep, 1000, out, 4);
    check(n == 1 && (out[0].events & EPOLLHUP), "writer closed: EPOLLHUP");
    close(pfd[0]);
    close(e);
    close(ep);
}

static int wake_fd;

static void *waker(void *arg) {
    (void) arg;
    struct timespec ts = {0, 30000000};
    nanosleep(&ts, NULL);
    uint64_t one = 1;
    write(wake_fd, &one, 8);
    return NULL;
}

static void sockets_and_threads(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int ep = epoll_create(8);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.fd = sv[0]};
    epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
    struct epoll_event out[2];
    int n = epoll_wait(ep, out, 2, 1000);
    check(n == 1 && out[0].data.fd == sv[0] && out[0].events == EPOLLOUT, "socket writable");
    write(sv[1], "hi", 2);
    n = epoll_wait(ep, out, 2, 1000);
    check(n == 1 && out[0].events == (EPOLLIN | EPOLLOUT), "socket readable and writable");
    shutdown(sv[1], SHUT_WR);
    n = epoll_wait(ep, out, 2, 1000);
    check(n == 1 && (out[0].events & EPOLLRDHUP), "peer shut down: EPOLLRDHUP");
    close(sv[0]);
    close(sv[1]);
    close(ep);

    wake_fd = eventfd(0, 0);
    ep = epoll_create1(0);
    ev.events = EPOLLIN;
    ev.data.u32 = 77;
    epoll_ctl(ep, EPOLL_CTL_ADD, wake_fd, &ev);
    pthread_t t;
    pthread_create(&t, NULL, waker, NULL);
    n = epoll_wait(ep, out, 2, 5000);
    check(n == 1 && out[0].data.u32 == 77, "another thread's write wakes epoll_wait");
    pthread_join(t, NULL);
    uint64_t v;
    check(read(wake_fd, &v, 8) == 8 && v == 1, "blocking eventfd read");
    close(wake_fd);
    close(ep);
}

static void errors(void) {
    struct epoll_event ev = {.events = EPOLLIN};
    errno = 0;
    check(epoll_create(0) == -1 && errno == EINVAL, "epoll_create(0): EINVAL");
    errno = 0;
    check(epoll_create1(1) == -1 && errno == EINVAL, "epoll_create1(1): EINVAL");
    int ep = epoll_create1(0);
    errno = 0;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev) == -1 && errno == EBADF, "bad fd: EBADF");
    errno = 0;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) == -1 && errno == EINVAL, "itself: EINVAL");
    int pfd[2];
    pipe(pfd);
    errno = 0;
    check(epoll_ctl(pfd[0], EPOLL_CTL_ADD, pfd[1], &ev) == -1 && errno == EINVAL, "not an epoll fd: EINVAL");
    errno = 0;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], (struct epoll_event *) 16) == -1 && errno == EFAULT, "wild event: EFAULT");
    close(pfd[0]);
    close(pfd[1]);
    errno = 0;
    struct epoll_event out;
    check(epoll_wait(ep, &out, 0, 0) == -1 && errno == EINVAL, "maxevents 0: EINVAL");
    int fd = open("/proc/self/exe", O_RDONLY);
    errno = 0;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == -1 && errno == EPERM, "regular file: EPERM");
    close(fd);
    errno = 0;
    check(eventfd(0, 0x10) == -1 && errno == EINVAL, "eventfd bad flags: EINVAL");
    close(ep);
}

static void timerfds(void) {
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    check(t >= 0 && fcntl(t, F_GETFD) == FD_CLOEXEC, "timerfd_create");
    uint64_t n = 0;
    errno = 0;
    check(read(t, &n, 8) == -1 && errno == EAGAIN, "disarmed, non-blocking: EAGAIN");
    /* 900 ms: "not yet expired" must hold on a loaded machine too (30 ms did not, under a 2-core CI) */
    struct itimerspec its = {{0, 0}, {0, 900000000}}, cur;
    check(timerfd_settime(t, 0, &its, NULL) == 0, "arm for 900 ms");
    check(timerfd_gettime(t, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0
          && cur.it_value.tv_nsec <= 900000000, "gettime: time left");
    struct pollfd p = {t, POLLIN, 0};
    check(poll(&p, 1, 0) == 0, "not yet expired");
    check(poll(&p, 1, 2000) == 1, "poll sees the expiry");
    check(read(t, &n, 8) == 8 && n == 1, "one expiration");
    check(timerfd_gettime(t, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0, "one-shot: disarmed");
    close(t);

    t = timerfd_create(CLOCK_MONOTONIC, 0);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    its.it_interval.tv_nsec = 10000000;
    its.it_value = now;
    its.it_value.tv_nsec += 20000000;
    if (its.it_value.tv_nsec >= 1000000000) { its.it_value.tv_sec++; its.it_value.tv_nsec -= 1000000000; }
    struct itimerspec old;
    check(timerfd_settime(t, TFD_TIMER_ABSTIME, &its, &old) == 0 && old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0,
          "absolute, periodic 10 ms");
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 5}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, t, &ev);
    check(epoll_wait(ep, &out, 1, 2000) == 1 && out.data.u32 == 5, "epoll sees the timer");
    struct timespec nap = {0, 40000000};
    nanosleep(&nap, NULL);
    check(read(t, &n, 8) == 8 && n >= 3, "blocking read: several periods counted");
    check(read(t, &n, 8) == 8 && n >= 1, "blocking read waits for the next period");
    its = (struct itimerspec) {{0, 0}, {0, 0}};
    timerfd_settime(t, 0, &its, NULL);
    check(epoll_wait(ep, &out, 1, 30) == 0, "disarmed: epoll times out");
    close(ep);
    close(t);
    errno = 0;
    check(timerfd_create(12345, 0) == -1 && errno == EINVAL, "bad clock: EINVAL");
    errno = 0;
    check(timerfd_settime(0, 0, &its, NULL) == -1 && errno == EINVAL, "not a timerfd: EINVAL");
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    eventfds();
    level_and_edge();
    sockets_and_threads();
    timerfds();
    errors();
    return 0;
}
