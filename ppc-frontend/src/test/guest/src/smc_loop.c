/* Rewrites a code buffer in a loop and calls it each time: every call must see the new code
 * (the DBT must drop its stale translation after __builtin___clear_cache). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

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
}

int main(void) {
    uint32_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); return 1; }
    unsigned sum = 0, bad = 0;
    for (unsigned i = 0; i < 200; i++) {
        emit(code, i & 0xff);
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        unsigned r = ((unsigned (*)(void))code)();
        if (r != (i & 0xff)) bad++;
        sum += r;
    }
    printf("smc_loop: sum %u, stale results %u\n", sum, bad);
    return bad != 0;
}
