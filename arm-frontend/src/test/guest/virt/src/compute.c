/* compute: CPU-bound deterministic work (compute_loop.c) with the MMU on (identity sections,
 * RAM normal write-back) and the caches and branch prediction enabled. Same output as
 * compute-linux.elf under qemu-arm, so system- and user-mode speed can be compared. */
#include "lib.h"
#include "compute_loop.h"

static u32 tt[4096] __attribute__((aligned(16384)));
#define NORM_S ((1u << 12) | (1u << 3) | (1u << 2) | (3u << 10) | 2u)
#define DEV_S  ((1u << 4) | (1u << 2) | (3u << 10) | 2u)

static void mmu_caches_on(void)
{
    for (u32 i = 0x080; i < 0x0a0; i++) tt[i] = (i << 20) | DEV_S;
    for (u32 i = 0x400; i < 0x480; i++) tt[i] = (i << 20) | NORM_S;
    MCR(0, 7, 5, 0, 0);                        /* ICIALLU */
    for (u32 way = 0; way < 2; way++)          /* DCISW over L1D (32 KiB, 2 ways, 64 B lines) */
        for (u32 set = 0; set < 256; set++)
            MCR(0, 7, 6, 2, (way << 31) | (set << 6));
    DSB();
    TTBCR_W(0);
    TTBR0_W((u32)tt | 0x48);                   /* walks: inner/outer write-back */
    DACR_W(1);
    TLBIALL();
    DSB();
    ISB();
    SCTLR_W(SCTLR_R() | 1 | (1u << 2) | (1u << 11) | (1u << 12));   /* M, C, Z, I */
    ISB();
}

int main(void)
{
    mmu_caches_on();
    println("compute");
    u32 last;
    ph("crc=", compute_crc(CRC_ROUNDS));
    println("");
    ph("primes=", compute_sieve(SIEVE_ROUNDS, &last));
    ph(" last=", last);
    println("");
    println("done");
    return 0;
}
