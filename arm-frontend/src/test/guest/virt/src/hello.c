/* hello: identification registers of QEMU's cortex-a15 as seen at -kernel entry. */
#include "lib.h"

int main(void)
{
    println("hello from virt");
    print_reg("MIDR", MRC(0, 0, 0, 0));
    print_reg("CTR", MRC(0, 0, 0, 1));
    print_reg("TLBTR", MRC(0, 0, 0, 3));
    print_reg("MPIDR", MRC(0, 0, 0, 5));
    print_reg("ID_PFR0", MRC(0, 0, 1, 0));
    print_reg("ID_PFR1", MRC(0, 0, 1, 1));
    print_reg("ID_DFR0", MRC(0, 0, 1, 2));
    print_reg("ID_AFR0", MRC(0, 0, 1, 3));
    print_reg("ID_MMFR0", MRC(0, 0, 1, 4));
    print_reg("ID_MMFR1", MRC(0, 0, 1, 5));
    print_reg("ID_MMFR2", MRC(0, 0, 1, 6));
    print_reg("ID_MMFR3", MRC(0, 0, 1, 7));
    print_reg("ID_ISAR0", MRC(0, 0, 2, 0));
    print_reg("ID_ISAR1", MRC(0, 0, 2, 1));
    print_reg("ID_ISAR2", MRC(0, 0, 2, 2));
    print_reg("ID_ISAR3", MRC(0, 0, 2, 3));
    print_reg("ID_ISAR4", MRC(0, 0, 2, 4));
    print_reg("ID_ISAR5", MRC(0, 0, 2, 5));
    print_reg("CLIDR", MRC(1, 0, 0, 1));
    for (u32 sel = 0; sel < 3; sel++) {
        MCR(2, 0, 0, 0, sel);           /* CSSELR */
        ISB();
        print("CCSIDR[CSSELR=");
        print_dec(sel);
        print("]");
        print_reg("", MRC(1, 0, 0, 0));
    }
    print_reg("SCTLR@entry", entry_sctlr);
    print_reg("CPSR@entry", entry_cpsr);
    print_reg("r0@entry", entry_regs[0]);
    print_reg("r1@entry", entry_regs[1]);
    print_reg("r2@entry", entry_regs[2]);
    print_reg("VBAR", MRC(0, 12, 0, 0));
    print_reg("TTBCR", MRC(0, 2, 0, 2));
    print_reg("DACR", MRC(0, 3, 0, 0));
    print_reg("CONTEXTIDR", MRC(0, 13, 0, 1));
    print_reg("CPACR", MRC(0, 1, 0, 2));
    print_reg("CNTKCTL", MRC(0, 14, 1, 0));
    print_reg("CPSR", get_cpsr());
    print_reg("CNTFRQ", MRC(0, 14, 0, 0));
    println("done");
    return 0;
}
