/* spinner: prints "spinning", masks IRQ and FIQ and spins forever (b .). For the two-VM tests:
 * a spinning VM must not stop the others. Never powers off (goldens.sh stops qemu). */
#include "lib.h"

int main(void)
{
    println("spinning");
    __asm__ volatile("cpsid if\n1:\tb 1b" ::: "memory");
    return 0;
}
