/* ticker: prints "tick N" ten times, each after a busy loop of a fixed iteration count (no timer,
 * so the output is deterministic), then done. For the two-VM tests next to spinner. */
#include "lib.h"

#define SPIN 2000000u

static void busy(u32 n)
{
    __asm__ volatile("1:\tsubs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
}

int main(void)
{
    for (u32 i = 1; i <= 10; i++) {
        busy(SPIN);
        print("tick ");
        print_dec(i);
        println("");
    }
    println("done");
    return 0;
}
