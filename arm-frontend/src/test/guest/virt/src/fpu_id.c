/* fpu_id: the floating-point and Advanced SIMD identification registers of QEMU's cortex-a15
 * (FPSID, MVFR0, MVFR1: VFPv4 with 32 double registers and NEON), read at PL1 once CPACR grants
 * cp10/cp11, then an Advanced SIMD add on q8 (d16-d17) with FPEXC.EN set. */
#include "lib.h"

#define VMRS(reg) ({ u32 _v; __asm__ volatile(".fpu neon-vfpv4\n\tvmrs %0, " #reg : "=r"(_v)); _v; })
#define VMSR(reg, v) __asm__ volatile(".fpu neon-vfpv4\n\tvmsr " #reg ", %0" :: "r"((u32)(v)) : "memory")

int main(void)
{
    println("fpu_id");
    MCR(0, 1, 0, 2, MRC(0, 1, 0, 2) | 0xf << 20);   /* CPACR: cp10 and cp11, PL0 and PL1 */
    ISB();
    print_reg("CPACR", MRC(0, 1, 0, 2));
    print_reg("FPSID", VMRS(fpsid));
    print_reg("MVFR0", VMRS(mvfr0));
    print_reg("MVFR1", VMRS(mvfr1));
    print_reg("FPEXC", VMRS(fpexc));
    VMSR(fpexc, 1u << 30);                            /* FPEXC.EN */
    ISB();
    u32 lo, hi, lo17, hi17;
    __asm__ volatile(".fpu neon-vfpv4\n\t"
                     "vmov.i32 q8, #0x3f\n\t"
                     "vadd.i32 q8, q8, q8\n\t"
                     "vmov %0, %1, d16\n\t"
                     "vmov %2, %3, d17\n\t"
                     : "=r"(lo), "=r"(hi), "=r"(lo17), "=r"(hi17) :: "d16", "d17", "memory");
    print_reg("d16.lo", lo);
    print_reg("d16.hi", hi);
    print_reg("d17.lo", lo17);
    print_reg("d17.hi", hi17);
    print_reg("FPEXC", VMRS(fpexc));
    println("done");
    return 0;
}
