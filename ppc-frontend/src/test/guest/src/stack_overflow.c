/* Recurses until the stack overflows. With an argument it reports the SIGSEGV from a handler on
 * an alternate signal stack; without one it dies of SIGSEGV, as on Linux. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int depth(int n) {
    volatile char pad[1024];
    memset((char *)pad, n, sizeof pad);
    return depth(n + 1) + pad[n & 1023];
}

static void on_segv(int sig) {
    static const char msg[] = "caught SIGSEGV on the alternate stack\n";
    (void)sig;
    write(1, msg, sizeof msg - 1);
    _exit(3);
}

int main(int argc, char **argv) {
    (void)argv;
    if (argc > 1) {
        static char alt[65536];
        stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
        if (sigaltstack(&ss, 0) != 0) { perror("sigaltstack"); return 1; }
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_segv;
        sa.sa_flags = SA_ONSTACK;
        sigaction(SIGSEGV, &sa, 0);
    }
    printf("recursing\n");
    fflush(stdout);
    return depth(0);
}
