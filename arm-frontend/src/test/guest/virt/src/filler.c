/* filler: the neighbour of `isolation` in the two-VM test. With the MMU off, writes a known word
 * (0x600d0000 + n) at every MiB from 0x48000000 to 0x4ff00000 (n = 0..127: RAM only when the VM
 * has 256 MiB), reads them back, prints how many it wrote and found, then spins like `spinner`
 * (IRQ/FIQ masked, b .) so that its memory stays alive while the other VM scans the same physical
 * addresses in its own space. Writes that abort (128 MiB of RAM) are counted and skipped.
 * Golden: qemu with -m 256M (goldens.sh), "filled 128 verified 128". */
#include "lib.h"

#define FIRST 0x48000000u
#define STEP  0x100000u
#define COUNT 128u

int main(void)
{
    u32 wrote = 0, found = 0;
    for (u32 n = 0; n < COUNT; n++)
        if (probe_write(FIRST + n * STEP, 0x600d0000u | n) == 0) wrote++;
    for (u32 n = 0; n < COUNT; n++)
        if (probe_read(FIRST + n * STEP) == 0 && probe_value == (0x600d0000u | n)) found++;
    print("filled ");
    print_dec(wrote);
    print(" verified ");
    print_dec(found);
    println("");
    println("spinning");
    __asm__ volatile("cpsid if\n1:\tb 1b" ::: "memory");
    return 0;
}
