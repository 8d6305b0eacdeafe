/* Forks 50 children one after another; each exits with its index; the parent checks every status. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int bad = 0;
    for (int i = 0; i < 50; i++) {
        pid_t c = fork();
        if (c < 0) { perror("fork"); return 1; }
        if (c == 0) _exit(i);
        int st;
        if (waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != i) bad++;
    }
    printf("50 forks, %d bad\n", bad);
    return bad != 0;
}
