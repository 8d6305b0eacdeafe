/* raise/kill with SA_SIGINFO, blocking and unblocking (pending delivered at once), sigpending,
 * sigsuspend, the ucontext a handler sees, SA_RESETHAND, SA_NODEFER, nested handlers, an
 * alternate stack, FP state surviving handlers, SIGPIPE, default-ignored signals, SIGTERM. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int got, code, pid_ok, depth, max_depth, calls;
static char order[64];
static volatile int order_n;

static void note(char c) { if (order_n < 63) order[order_n++] = c; }

static void on_info(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    got = sig;
    code = si->si_code;
    pid_ok = si->si_pid == getpid();
}

static void install(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, 0);
}

static void on_usr2_nested(int sig, siginfo_t *si, void *uc) { (void) sig; (void) si; (void) uc; note('2'); }

static void on_usr1_nested(int sig, siginfo_t *si, void *uc) {
    (void) sig; (void) si; (void) uc;
    note('[');
    raise(SIGUSR2);
    note(']');
}

static volatile int uc_ok, usr1_blocked_inside, usr2_in_saved;

static void on_ucontext(int sig, siginfo_t *si, void *ucv) {
    (void) sig; (void) si;
    ucontext_t *uc = ucv;
    sigset_t now;
    sigprocmask(SIG_BLOCK, 0, &now);
    usr1_blocked_inside = sigismember(&now, SIGUSR1);
    usr2_in_saved = sigismember(&uc->uc_sigmask, SIGUSR2) && !sigismember(&uc->uc_sigmask, SIGUSR1);
    uc_ok = uc->uc_stack.ss_flags == SS_DISABLE;
}

static void on_nodefer(int sig, siginfo_t *si, void *uc) {
    (void) si; (void) uc;
    depth++;
    if (depth > max_depth) max_depth = depth;
    if (calls++ < 2) raise(sig);
    depth--;
}

static char altstack[65536];
static volatile int on_alt, alt_flags_ok;

static void on_altstack(int sig, siginfo_t *si, void *ucv) {
    (void) sig; (void) si;
    int local;
    on_alt = (char *) &local >= altstack && (char *) &local < altstack + sizeof altstack;
    stack_t cur;
    sigaltstack(0, &cur);
    alt_flags_ok = cur.ss_flags == SS_ONSTACK && ((ucontext_t *) ucv)->uc_stack.ss_flags == 0;
}

static volatile double fp_sink;

static void on_fp(int sig) {
    (void) sig;
    double a = 1.5, b = 0.1;
    for (int i = 0; i < 10; i++) a = a * 1.25 + b / (i + 1);
    fp_sink = a;
}

static double fp_work(int n) {
    double acc = 0.5, x = 1e-3, y = 3.25;
    for (int i = 0; i < n; i++) {
        acc = acc * 0.999 + x * y;
        x = x + 1e-7;
        y = y - 1e-9;
    }
    return acc;
}

static volatile sig_atomic_t fp_ticks;
static void on_fp_tick(int sig) { on_fp(sig); fp_ticks++; }

int main(void) {
    install(SIGUSR1, on_info, 0);
    install(SIGUSR2, on_info, 0);
    raise(SIGUSR1);
    printf("raise: sig %d code %d pid ok %d\n", got, code, pid_ok);
    kill(getpid(), SIGUSR2);
    printf("kill: sig %d code %d pid ok %d\n", got, code, pid_ok);

    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    got = 0;
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("blocked: got %d pending %d\n", got, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, 0);
    printf("unblocked: got %d\n", got);

    /* sigsuspend: SIGUSR1 pending while blocked, delivered inside; the old mask comes back */
    got = 0;
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigset_t none;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    sigset_t after;
    sigprocmask(SIG_BLOCK, 0, &after);
    printf("sigsuspend %d EINTR %d got %d still blocked %d\n", r, errno == EINTR, got, sigismember(&after, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, 0);

    /* the ucontext: saved mask, and the handler's own signal blocked while it runs */
    install(SIGUSR1, on_ucontext, 0);
    sigset_t b2;
    sigemptyset(&b2);
    sigaddset(&b2, SIGUSR2);
    sigprocmask(SIG_BLOCK, &b2, &old);
    raise(SIGUSR1);
    sigprocmask(SIG_SETMASK, &old, 0);
    printf("ucontext: usr1 blocked inside %d, saved mask ok %d, uc_stack ok %d\n", usr1_blocked_inside, usr2_in_saved, uc_ok);

    /* nested: a handler raising another signal */
    install(SIGUSR1, on_usr1_nested, 0);
    install(SIGUSR2, on_usr2_nested, 0);
    raise(SIGUSR1);
    printf("nested order %s\n", order);

    install(SIGUSR1, on_nodefer, SA_NODEFER);
    raise(SIGUSR1);
    printf("SA_NODEFER depth %d\n", max_depth);
    max_depth = depth = calls = 0;
    install(SIGUSR1, on_nodefer, 0);
    raise(SIGUSR1);
    printf("deferred depth %d calls %d\n", max_depth, calls);

    install(SIGUSR2, on_info, SA_RESETHAND);
    raise(SIGUSR2);
    struct sigaction q;
    sigaction(SIGUSR2, 0, &q);
    printf("SA_RESETHAND: reset to default %d\n", q.sa_handler == SIG_DFL);

    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    printf("sigaltstack %d\n", sigaltstack(&ss, 0));
    install(SIGUSR1, on_altstack, SA_ONSTACK);
    raise(SIGUSR1);
    printf("on alternate stack %d flags ok %d\n", on_alt, alt_flags_ok);
    stack_t tiny = {.ss_sp = altstack, .ss_size = 100, .ss_flags = 0};
    r = sigaltstack(&tiny, 0);
    printf("tiny altstack %d ENOMEM %d\n", r, errno == ENOMEM);

    /* FP state: a timer handler doing FP arithmetic must not disturb the interrupted FP loop */
    double quiet = fp_work(100000);
    signal(SIGALRM, on_fp_tick);
    struct itimerval it = {{0, 20000}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, 0);
    double noisy;
    int same = 1;
    for (;;) {   /* until a tick arrived while the loop ran */
        int before = fp_ticks;
        noisy = fp_work(100000);
        same &= quiet == noisy;
        if (fp_ticks != before) break;
    }
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, 0);
    printf("FP result unchanged by handlers %d\n", same);
    raise(SIGALRM);
    printf("FP after raise %d\n", fp_work(1000) == fp_work(1000));

    int fds[2];
    pipe(fds);
    close(fds[0]);
    install(SIGPIPE, on_info, 0);
    got = 0;
    r = (int) write(fds[1], "x", 1);
    printf("SIGPIPE: write %d EPIPE %d got %d code %d\n", r, errno == EPIPE, got, code);
    signal(SIGPIPE, SIG_IGN);
    r = (int) write(fds[1], "x", 1);
    printf("ignored SIGPIPE: write %d EPIPE %d\n", r, errno == EPIPE);

    raise(SIGCHLD);
    raise(SIGURG);
    raise(SIGWINCH);
    printf("default-ignored signals survived\n");
    fflush(stdout);
    raise(SIGTERM);
    printf("not reached\n");
    return 0;
}
