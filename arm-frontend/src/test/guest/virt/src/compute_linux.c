/* compute-linux: compute_loop.c as a static Linux EABI program for qemu-arm (own _start, raw
 * system calls: svc #0 with r7 = 4 write, 1 exit). Prints exactly what compute.elf prints. */
#include "compute_loop.h"

__asm__(
    "    .text\n"
    "    .arm\n"
    "    .global _start\n"
    "_start:\n"
    "    mov   fp, #0\n"
    "    bic   sp, sp, #7\n"
    "    bl    main\n"
    "    mov   r7, #1\n"
    "    svc   #0\n"
    "    b     .\n");

static int sys_write(const char *p, unsigned int n)
{
    register unsigned int r0 __asm__("r0") = 1;
    register unsigned int r1 __asm__("r1") = (unsigned int)p;
    register unsigned int r2 __asm__("r2") = n;
    register unsigned int r7 __asm__("r7") = 4;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
    return (int)r0;
}
static void print(const char *s) { unsigned int n = 0; while (s[n]) n++; sys_write(s, n); }
static void ph(const char *label, unsigned int v)
{
    char b[8];
    for (int i = 0; i < 8; i++) b[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    print(label);
    sys_write(b, 8);
}

int main(void)
{
    print("compute\n");
    unsigned int last;
    ph("crc=", compute_crc(CRC_ROUNDS));
    print("\n");
    ph("primes=", compute_sieve(SIEVE_ROUNDS, &last));
    ph(" last=", last);
    print("\n");
    print("done\n");
    return 0;
}
