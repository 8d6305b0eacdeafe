/* SIGSEGV handlers: siglongjmp out of a handler, si_addr and si_code for unmapped and read-only
 * pages, the mask restored by siglongjmp, a trap instruction's signal, then death by SIGSEGV. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static void *volatile fault_addr;
static volatile int fault_code;

static void on_fault(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, sig);
}

static const char ro_page[4096] __attribute__((aligned(4096))) = "read-only";

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, 0);
    sigaction(SIGILL, &sa, 0);
    sigaction(SIGTRAP, &sa, 0);
    for (int i = 0; i < 3; i++) {
        uintptr_t a = 0x10 + i * 0x1000;
        int r = sigsetjmp(env, 1);
        if (r == 0) {
            *(volatile int *) a = 1;
            printf("no fault at %d\n", i);
        } else {
            printf("write %d: signal %d code %d addr ok %d\n", i, r, fault_code, fault_addr == (void *) a);
        }
    }
    int r = sigsetjmp(env, 1);
    if (r == 0) {
        printf("read %d\n", *(volatile int *) 0x20);
    } else {
        printf("read: signal %d code %d addr ok %d\n", r, fault_code, fault_addr == (void *) 0x20);
    }
    r = sigsetjmp(env, 1);
    if (r == 0) {
        *(volatile char *) &ro_page[8] = 1;
        printf("read-only page written\n");
    } else {
        /* Linux says SEGV_ACCERR; qemu-user 7.2 says SEGV_MAPERR */
        printf("read-only: signal %d code ok %d addr ok %d\n", r, fault_code == 1 || fault_code == 2,
               fault_addr == (void *) &ro_page[8]);
    }
    sigset_t cur;
    sigprocmask(SIG_BLOCK, 0, &cur);
    printf("SIGSEGV blocked after siglongjmp: %d\n", sigismember(&cur, SIGSEGV));
    r = sigsetjmp(env, 1);
    if (r == 0) {
        __builtin_trap();
        printf("trap returned\n");
    } else {
        printf("trap: signal is SIGILL or SIGTRAP: %d\n", r == SIGILL || r == SIGTRAP);
    }
    signal(SIGSEGV, SIG_DFL);
    printf("now dying of SIGSEGV\n");
    fflush(stdout);
    *(volatile int *) 0x30 = 0;
    printf("still alive\n");
    return 0;
}
