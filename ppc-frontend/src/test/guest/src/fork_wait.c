/* fork + waitpid: exit codes 0..N, a child killed by SIGKILL, WNOHANG, ECHILD, getppid. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t me = getpid();
    pid_t kids[6];
    for (int i = 0; i < 5; i++) {
        pid_t c = fork();
        if (c < 0) { perror("fork"); return 1; }
        if (c == 0) {
            if (getppid() != me) _exit(100);
            _exit(i * 10);
        }
        kids[i] = c;
    }
    /* reap in reverse order by pid */
    for (int i = 4; i >= 0; i--) {
        int st = 0;
        pid_t r = waitpid(kids[i], &st, 0);
        printf("child %d: %s exited=%d code=%d\n", i, r == kids[i] ? "reaped" : "WRONG PID",
               WIFEXITED(st), WEXITSTATUS(st));
    }
    pid_t k = fork();
    if (k == 0) {
        kill(getpid(), SIGKILL);
        _exit(1);
    }
    int st = 0;
    if (waitpid(-1, &st, 0) != k) printf("wrong pid\n");
    printf("killed child: signaled=%d sig=%d exited=%d\n", WIFSIGNALED(st), WTERMSIG(st), WIFEXITED(st));
    /* a child that outlives a WNOHANG poll */
    int fds[2];
    if (pipe(fds) != 0) return 2;
    pid_t slow = fork();
    if (slow == 0) {
        char b;
        close(fds[1]);
        read(fds[0], &b, 1); /* until the parent says so */
        _exit(7);
    }
    close(fds[0]);
    printf("WNOHANG while running: %d\n", (int) waitpid(slow, &st, WNOHANG));
    write(fds[1], "x", 1);
    printf("wait4 slow: %s code=%d\n", wait4(slow, &st, 0, NULL) == slow ? "ok" : "bad", WEXITSTATUS(st));
    errno = 0;
    printf("no children: %d %s\n", (int) wait(&st), errno == ECHILD ? "ECHILD" : "other");
    fflush(stdout);
    return 3;
}
