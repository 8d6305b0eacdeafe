/* Dies of a synchronous fault chosen by argv[1], for the bad-input tests (no golden case: the
 * expected outcome is the signal, checked in BadInputTest; qemu-ppc dies of the same signal):
 *   illegal      executes the undefined word 0x00000000          -> SIGILL  (exit 132)
 *   null-read    loads a word from address 0                     -> SIGSEGV (exit 139)
 *   wild-write   stores a word to 0x80000000 (never mapped here) -> SIGSEGV (exit 139)
 *   null-call    calls a null function pointer (fetch from 0)    -> SIGSEGV (exit 139)
 * Anything else: prints usage and exits 2. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "illegal") == 0) {
        __asm__ volatile(".long 0x00000000");
    } else if (strcmp(what, "null-read") == 0) {
        int v = *(volatile int *) 0;
        printf("read %d\n", v);
    } else if (strcmp(what, "wild-write") == 0) {
        *(volatile int *) 0x80000000 = 1;
        printf("wrote\n");
    } else if (strcmp(what, "null-call") == 0) {
        void (*f)(void) = (void (*)(void)) (uintptr_t) (argc - 2);   /* 0, hidden from the optimiser */
        f();
    } else {
        printf("usage: fault illegal|null-read|wild-write|null-call\n");
        return 2;
    }
    printf("survived %s\n", what);
    return 1;
}
