/* SIGALRM from alarm() and setitimer() interrupting busy loops (a handler that returns: the loop
 * goes on), nanosleep, pause and a pipe read ending with EINTR, alarm's remaining seconds. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t fired;

static void on_alarm(int sig) { (void) sig; fired++; }

static void arm_ms(int ms, int interval_ms) {
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = ms / 1000;
    it.it_value.tv_usec = ms % 1000 * 1000;
    it.it_interval.tv_usec = interval_ms * 1000;
    setitimer(ITIMER_REAL, &it, 0);
}

int main(void) {
    signal(SIGALRM, on_alarm);
    alarm(1);
    unsigned long spins = 0;
    while (!fired) spins++;
    printf("alarm fired %d, spun %d\n", (int) fired, spins > 0);

    fired = 0;
    arm_ms(20, 20);
    while (fired < 6) { }
    arm_ms(0, 0);
    printf("periodic timer ticks >= 6: %d\n", fired >= 6);
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;   /* no SA_RESTART */
    sigaction(SIGALRM, &sa, 0);
    struct timespec ts = {5, 0}, rem = {0, 0};
    arm_ms(50, 0);
    int r = nanosleep(&ts, &rem);
    printf("nanosleep %d EINTR %d rem ok %d\n", r, errno == EINTR, rem.tv_sec >= 3 && rem.tv_sec <= 5);
    arm_ms(50, 0);
    errno = 0;
    r = pause();
    printf("pause %d EINTR %d\n", r, errno == EINTR);
    int fds[2];
    pipe(fds);
    arm_ms(50, 0);
    char c;
    errno = 0;
    r = (int) read(fds[0], &c, 1);
    printf("pipe read %d EINTR %d\n", r, errno == EINTR);
    /* with SA_RESTART the read goes on after the handler and gets the byte a second alarm's
       handler writes */
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, 0);
    fired = 0;
    arm_ms(30, 30);
    while (fired < 1) { }
    write(fds[1], "z", 1);
    r = (int) read(fds[0], &c, 1);
    arm_ms(0, 0);
    printf("restarted read %d '%c'\n", r, c);
    alarm(10);
    printf("alarm left %u\n", alarm(0));
    return 0;
}
