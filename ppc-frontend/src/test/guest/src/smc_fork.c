/* Self-modifying code after fork: translations are shared between the processes of a run
 * (docs/performance.md, "Shared translations"), so a child that rewrites code its parent made hot
 * must run its new code, while the parent and a later child (whose copies of the page still hold
 * the old code) keep running the old. */
#include <stdio.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void emit(uint32_t *p, unsigned n) {
#if defined(__powerpc__)
    p[0] = 0x38600000u | n;   /* li r3, n */
    p[1] = 0x4e800020u;       /* blr */
#elif defined(__arm__)
    p[0] = 0xe3a00000u | n;   /* mov r0, #n */
    p[1] = 0xe12fff1eu;       /* bx lr */
#else
#error unsupported
#endif
    __builtin___clear_cache((char *)p, (char *)(p + 2));
}

/* Calls the code 2000 times (hot in every engine); returns how many calls did not return want. */
static unsigned calls(uint32_t *code, unsigned want) {
    unsigned bad = 0;
    for (int i = 0; i < 2000; i++)
        if (((unsigned (*)(void))code)() != want) bad++;
    return bad;
}

/* Forks a child that runs the code expecting old, rewrites it to new (if new != old), runs it
 * expecting new, and exits with 1 if anything was wrong; returns the child's status. */
static int child(uint32_t *code, unsigned old, unsigned new) {
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) {
        unsigned bad = calls(code, old);
        if (new != old) {
            emit(code, new);
            bad += calls(code, new);
        }
        _exit(bad != 0);
    }
    int st;
    if (waitpid(pid, &st, 0) != pid) return 2;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}

int main(void) {
    uint32_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); return 1; }
    emit(code, 7);
    unsigned before = calls(code, 7);
    int writer = child(code, 7, 9);       /* rewrites its copy after the fork */
    unsigned after = calls(code, 7);      /* the parent's copy is unchanged */
    int reader = child(code, 7, 7);       /* a later child sees the parent's code */
    emit(code, 11);                       /* the parent rewrites its own copy */
    unsigned rewritten = calls(code, 11);
    int third = child(code, 11, 5);
    printf("smc_fork: parent %u %u %u stale, children %d %d %d\n", before, after, rewritten, writer, reader, third);
    return before || after || rewritten || writer || reader || third;
}
