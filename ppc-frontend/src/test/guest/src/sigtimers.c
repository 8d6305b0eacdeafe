/* signalfd, sigtimedwait and POSIX timers: what the goldens (qemu-ppc, qemu-arm) print.
 * Timer ids are never printed (qemu numbers them its own way). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void check(const char *what, int ok) { printf("%s: %s\n", what, ok ? "ok" : "FAIL"); }

static int readsig(int fd, struct signalfd_siginfo *si) {
    ssize_t n = read(fd, si, sizeof *si);
    return n == sizeof *si ? (int) si->ssi_signo : (n < 0 ? -errno : -1000);
}

static void *kicker(void *arg) {
    (void) arg;
    usleep(50000);
    kill(getpid(), SIGUSR1);
    return NULL;
}

static volatile sig_atomic_t got, got_code, got_value;
static void on_usr2(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    got = sig;
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
}

static volatile int cb_value;
static void callback(union sigval v) { __atomic_store_n(&cb_value, v.sival_int, __ATOMIC_SEQ_CST); }

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) { }
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t blk, m;
    sigemptyset(&blk);
    sigaddset(&blk, SIGUSR1);
    sigaddset(&blk, SIGUSR2);
    sigaddset(&blk, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &blk, NULL);

    /* signalfd basics */
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    int sfd = signalfd(-1, &m, SFD_NONBLOCK | SFD_CLOEXEC);
    check("signalfd", sfd >= 0);
    struct signalfd_siginfo si;
    printf("empty read: %s\n", strerror(-readsig(sfd, &si)));
    struct pollfd pf = {sfd, POLLIN, 0};
    printf("poll before: %d\n", poll(&pf, 1, 0));
    raise(SIGUSR1);
    printf("poll after raise: %d revents=%d\n", poll(&pf, 1, 0), pf.revents);
    printf("read: sig=%d code=%d pid_ok=%d\n", readsig(sfd, &si), si.ssi_code, si.ssi_pid == (unsigned) getpid());
    kill(getpid(), SIGUSR1);
    printf("read: sig=%d code=%d uid_ok=%d\n", readsig(sfd, &si), si.ssi_code, si.ssi_uid == getuid());
    kill(getpid(), SIGUSR2);
    printf("usr2 not in mask: %s\n", strerror(-readsig(sfd, &si)));
    sigset_t pend;
    sigpending(&pend);
    printf("usr2 pending: %d\n", sigismember(&pend, SIGUSR2));
    sigaddset(&m, SIGUSR2);
    printf("update returns fd: %d\n", signalfd(sfd, &m, 0) == sfd);
    printf("read: sig=%d\n", readsig(sfd, &si));
    char small[16];
    kill(getpid(), SIGUSR1);
    printf("short buffer: %s\n", read(sfd, small, sizeof small) < 0 ? strerror(errno) : "read");
    printf("read: sig=%d\n", readsig(sfd, &si));

    /* two at once */
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR2);
    struct signalfd_siginfo two[3];
    printf("read of three slots: %zd bytes\n", read(sfd, two, sizeof two));

    /* epoll */
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 99}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
    printf("epoll before: %d\n", epoll_wait(ep, &out, 1, 0));
    kill(getpid(), SIGUSR1);
    int n = epoll_wait(ep, &out, 1, 0);
    printf("epoll after: %d data=%llu\n", n, (unsigned long long) out.data.u64);
    readsig(sfd, &si);
    close(ep);

    /* a blocking read woken by another thread's kill */
    int bfd = signalfd(-1, &m, 0);
    pthread_t th;
    pthread_create(&th, NULL, kicker, NULL);
    printf("blocking read: sig=%d\n", readsig(bfd, &si));
    pthread_join(th, NULL);

    /* fork: the child reads its own signals through the inherited descriptor */
    pid_t c = fork();
    if (c == 0) {
        kill(getpid(), SIGUSR2);
        int s = readsig(sfd, &si);
        printf("child read: sig=%d pid_ok=%d\n", s, si.ssi_pid == (unsigned) getpid());
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    printf("parent after child: %s\n", strerror(-readsig(sfd, &si)));

    /* sigtimedwait */
    struct timespec tmo = {0, 10000000};
    siginfo_t info;
    printf("sigtimedwait empty: %d %s\n", sigtimedwait(&m, &info, &tmo), strerror(errno));
    kill(getpid(), SIGUSR2);
    printf("sigtimedwait: %d code=%d\n", sigtimedwait(&m, &info, &tmo), info.si_code);

    /* POSIX timers delivered to a signalfd */
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN);
    int tfd = signalfd(-1, &rt, 0);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN;
    sev.sigev_value.sival_int = 42;
    timer_t t;
    check("timer_create", timer_create(CLOCK_MONOTONIC, &sev, &t) == 0);
    struct itimerspec its = {{0, 0}, {0, 20000000}}, cur, longer = {{0, 0}, {30, 0}};
    /* armed: looked at with 30 s to go, so a slow first run cannot see it expire */
    timer_settime(t, 0, &longer, NULL);
    timer_gettime(t, &cur);
    printf("armed: %d\n", cur.it_value.tv_sec >= 28 && cur.it_value.tv_sec <= 30);
    check("timer_settime", timer_settime(t, 0, &its, NULL) == 0);
    printf("timer read: sig_ok=%d code=%d int=%d\n", readsig(tfd, &si) == SIGRTMIN, si.ssi_code, si.ssi_int);
    timer_gettime(t, &cur);
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    /* periodic: expiries while the signal is pending are overruns */
    struct itimerspec per = {{0, 5000000}, {0, 5000000}};
    timer_settime(t, 0, &per, NULL);
    sleep_ms(80);
    readsig(tfd, &si);
    printf("overrun>=3: %d getoverrun>=3: %d\n", si.ssi_overrun >= 3, timer_getoverrun(t) >= 3);
    timer_gettime(t, &cur);
    printf("interval: %ld\n", cur.it_interval.tv_nsec);
    struct itimerspec off = {{0, 0}, {0, 0}}, old;
    timer_settime(t, 0, &off, &old);
    printf("old interval: %ld\n", old.it_interval.tv_nsec);
    check("timer_delete", timer_delete(t) == 0);

    /* absolute CLOCK_REALTIME */
    sev.sigev_value.sival_int = 7;
    timer_create(CLOCK_REALTIME, &sev, &t);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    now.tv_nsec += 20000000;
    if (now.tv_nsec >= 1000000000) { now.tv_sec++; now.tv_nsec -= 1000000000; }
    struct itimerspec abs = {{0, 0}, now};
    timer_settime(t, TIMER_ABSTIME, &abs, NULL);
    printf("abs timer read: sig_ok=%d int=%d\n", readsig(tfd, &si) == SIGRTMIN, si.ssi_int);
    timer_delete(t);

    /* SIGEV_NONE: armed, never a signal */
    sev.sigev_notify = SIGEV_NONE;
    timer_create(CLOCK_MONOTONIC, &sev, &t);
    struct itimerspec sec = {{0, 0}, {1, 0}};
    timer_settime(t, 0, &sec, NULL);
    timer_gettime(t, &cur);
    printf("none armed: %d\n", cur.it_value.tv_sec == 1 || cur.it_value.tv_nsec > 900000000);
    timer_delete(t);

    /* SIGEV_THREAD_ID to this thread, run by a handler */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGUSR2;
    sev.sigev_value.sival_int = 5;
    sev._sigev_un._tid = syscall(SYS_gettid);
    check("thread id timer", timer_create(CLOCK_MONOTONIC, &sev, &t) == 0);
    struct itimerspec ten = {{0, 0}, {0, 10000000}};
    timer_settime(t, 0, &ten, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    for (int i = 0; i < 200 && !got; i++) sleep_ms(5);
    printf("handler: sig=%d code=%d value=%d\n", (int) got, (int) got_code, (int) got_value);
    timer_delete(t);

    /* SIGEV_THREAD: glibc's helper thread waits in sigtimedwait */
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = callback;
    sev.sigev_value.sival_int = 77;
    check("thread timer", timer_create(CLOCK_MONOTONIC, &sev, &t) == 0);
    timer_settime(t, 0, &ten, NULL);
    for (int i = 0; i < 400 && !__atomic_load_n(&cb_value, __ATOMIC_SEQ_CST); i++) sleep_ms(5);
    printf("callback value: %d\n", cb_value);
    timer_delete(t);

    /* errors */
    printf("bad clock: %s\n", timer_create(99, NULL, &t) < 0 ? strerror(errno) : "created");
    timer_create(CLOCK_MONOTONIC, NULL, &t);
    timer_delete(t);
    printf("deleted timer: %s\n", timer_settime(t, 0, &its, NULL) < 0 ? strerror(errno) : "set");
    printf("bad fd: %s\n", signalfd(99, &m, 0) < 0 ? strerror(errno) : "ok");
    printf("not a signalfd: %s\n", signalfd(1, &m, 0) < 0 ? strerror(errno) : "ok");
    printf("bad flags: %s\n", signalfd(-1, &m, 1) < 0 ? strerror(errno) : "ok");
    return 0;
}
