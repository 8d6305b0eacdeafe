/* pipe + fork + dup2: the child writes lines to stdout redirected into the pipe; the parent reads to EOF. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fds[2];
    if (pipe(fds) != 0) { perror("pipe"); return 1; }
    pid_t c = fork();
    if (c == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
        for (int i = 0; i < 200; i++) printf("line %d from the child\n", i);
        return 0; /* exit flushes stdout into the pipe */
    }
    close(fds[1]);
    char buf[512];
    long total = 0, lines = 0;
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) {
        total += n;
        for (ssize_t i = 0; i < n; i++) lines += buf[i] == '\n';
    }
    close(fds[0]);
    int st;
    waitpid(c, &st, 0);
    printf("read %ld bytes, %ld lines, last read %d, child status %d\n", total, lines, (int) n, WEXITSTATUS(st));
    return 0;
}
