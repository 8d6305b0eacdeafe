/* isolation: with the MMU off, reads one word at every MiB from 0x48000000 to 0x4ff00000 (just
 * beyond a 128 MiB RAM at 0x40000000) and at a few far addresses. The data-abort handler counts
 * the aborts and skips the load. Prints the number of aborts and of reads that returned data.
 * In a two-VM dynvm run this shows that one VM cannot see another's memory. */
#include "lib.h"

static volatile u32 n_abort;

int guest_exc(int kind, struct frame *f)
{
    if (kind != EXC_DABT)
        return 0;
    n_abort++;
    exc_resume(kind, f, exc_pref_return(kind, f) + 4);
    return 1;
}

static u32 load(u32 a)
{
    u32 v = 0;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(a) : "memory");
    return v;
}

static const u32 far[] = { 0x50000000, 0x60000000, 0x80000000, 0xc0000000, 0xfff00000 };

int main(void)
{
    println("isolation");
    u32 reads = 0, data = 0, mix = 0;
    for (u32 a = 0x48000000; a <= 0x4ff00000; a += 0x100000) {
        u32 before = n_abort;
        u32 v = load(a);
        reads++;
        if (n_abort == before) { data++; mix ^= v; }
    }
    for (u32 i = 0; i < sizeof far / sizeof far[0]; i++) {
        u32 before = n_abort;
        u32 v = load(far[i]);
        reads++;
        if (n_abort == before) { data++; mix ^= v; }
    }
    print("reads ");
    print_dec(reads);
    print(" aborts ");
    print_dec(n_abort);
    print(" data ");
    print_dec(data);
    println("");
    if (data) ph("xor of data ", mix), println("");
    println("done");
    return 0;
}
