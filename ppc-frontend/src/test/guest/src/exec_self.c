/* execve("/proc/self/exe") with an argument; execve of a missing file fails with ENOENT; a forked child execs too.
 * "exec_self run PATH" replaces itself by another program instead. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "run") == 0) {
        puts("running another program");
        fflush(stdout);
        char *args[] = {argv[2], NULL};
        execve(argv[2], args, environ);
        perror("execve");
        return 1;
    }
    if (argc > 1) {
        printf("exec'd with %d args: %s, pid same: %s\n", argc, argv[1],
               argc > 2 && atoi(argv[2]) == getpid() ? "yes" : "no");
        return 42;
    }
    char *none[] = {"missing", NULL};
    errno = 0;
    int r = execve("/no/such/program", none, environ);
    printf("missing: %d %s\n", r, errno == ENOENT ? "ENOENT" : strerror(errno));
    fflush(stdout);
    char pid[16];
    snprintf(pid, sizeof pid, "%d", (int) getpid());
    pid_t c = fork();
    if (c == 0) {
        char cp[16];
        snprintf(cp, sizeof cp, "%d", (int) getpid());
        char *args[] = {argv[0], "child", cp, NULL};
        execve("/proc/self/exe", args, environ);
        _exit(99);
    }
    int st;
    waitpid(c, &st, 0);
    printf("child exit %d\n", WEXITSTATUS(st));
    fflush(stdout);
    char *args[] = {argv[0], "hello", pid, NULL};
    execve("/proc/self/exe", args, environ);
    perror("execve");
    return 1;
}
