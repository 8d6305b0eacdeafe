/* A signal must interrupt tight loops that never make a syscall: while (!flag); in one block, a
 * counting loop, then SIGALRM's default action ends a for (;;). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile int flag;
static volatile sig_atomic_t ticks;

static void on_alarm(int sig) { (void) sig; flag = 1; ticks++; }

static void arm_ms(int ms) {
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_usec = ms * 1000;
    setitimer(ITIMER_REAL, &it, 0);
}

int main(void) {
    signal(SIGALRM, on_alarm);
    arm_ms(30);
    while (!flag);
    printf("flag loop ended, ticks %d\n", (int) ticks);
    flag = 0;
    arm_ms(30);
    unsigned n = 0;
    while (!flag) n += 3;
    printf("counting loop ended, counted %d\n", n != 0);
    signal(SIGALRM, SIG_DFL);
    printf("spinning until SIGALRM kills us\n");
    fflush(stdout);
    arm_ms(30);
    for (;;) { }
}
