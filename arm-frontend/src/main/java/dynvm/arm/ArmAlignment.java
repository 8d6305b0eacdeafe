package dynvm.arm;

import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import dynvm.microkernel.mem.MemoryFault;

/**
 * Alignment checking in the system context (ARM ARM v7-A A3.2.1 "Unaligned data access" and
 * the pseudocode functions MemA[], MemU[] and AlignmentFault()).
 *
 * <p>The architecture has two kinds of data access:
 * <ul>
 * <li><b>MemA</b>: accesses that must always be aligned, whatever SCTLR.A says: LDM/STM (PUSH,
 * POP, RFE, SRS and the user-register forms too), LDRD/STRD (word aligned), the exclusive
 * loads LDREX{B,H,D} (aligned to the access size, 8 for the doubleword form), SWP, and the
 * VFP loads and stores (word aligned, also for doubles).</li>
 * <li><b>MemU</b>: everything else (LDR, STR, LDRH, STRH, TBH ...), which may be unaligned
 * unless SCTLR.A = 1.</li>
 * </ul>
 * An unaligned MemA access, or an unaligned MemU access with SCTLR.A = 1, is a Data Abort with
 * the alignment fault status, DFAR = the address (the lowest address of a multiple transfer),
 * before any translation. QEMU 7.2 behaves the same except in two places, where we follow QEMU:
 * Strongly-ordered memory (the MMU off), where ARMv7 also faults an unaligned MemU access with
 * SCTLR.A = 0; and STREX, which QEMU checks only after the monitor, so an unaligned one fails
 * (status 1) instead of faulting.
 *
 * <h2>How the checks are made</h2>
 * Only in the system context ({@link ArmDecoder#SYSTEM}): user-mode code decodes and runs exactly
 * as before, with no check, except the VFP loads and stores ({@link #memAAlways}) and the Advanced
 * SIMD alignment qualifiers, which fault in user mode too (SIGBUS). SCTLR.A is the decode context bit {@link ArmDecoder#ALIGNMENT_CHECK},
 * so a translation either has every MemU check or none. A check is a call of the static helper
 * {@link #checkAlignment} before the access, which C2 inlines to a test and a branch. It is not
 * a guarded region around a fault-raising call because IR temps do not live across a label,
 * and the address is needed after the check. A {@link MemoryFault} thrown from a helper is
 * precise in both engines (pc at the instruction, no register of it written, no memory
 * accessed); the system CPU's abort reads {@link #ALIGNMENT_FAULT} and writes the DFSR in the
 * format TTBCR.EAE selects at that moment.
 */
public final class ArmAlignment {
    private ArmAlignment() { }

    /**
     * The {@link MemoryFault#status} of an alignment fault. Negative, apart from the table
     * walkers' FSR values and {@link MemoryFault#EXTERNAL}, because the FSR format (0x001 short,
     * 0x221 long) is only known when the abort is taken.
     */
    public static final int ALIGNMENT_FAULT = MemoryFault.ALIGNMENT;

    private static final Helper CHECK = Helper.of(ArmAlignment.class, "checkAlignment");

    /**
     * MemA[addr, size]: in the system context, an alignment fault unless {@code addr} is a
     * multiple of {@code size} (a power of two; 1 never faults). Emits nothing in user mode.
     */
    public static void memA(IrEmitter e, int addr, int size, boolean write) {
        if ((e.context() & ArmDecoder.SYSTEM) != 0 && size > 1) check(e, addr, size, write);
    }

    /**
     * MemA[addr, size] in every context: the VFP loads and stores. In user mode Linux emulates an
     * unaligned LDM/STM/LDRD for the process (its alignment fixup), so {@link #memA} checks those
     * in the system context only; it cannot emulate a coprocessor transfer (VLDR/VSTR/VLDM/VSTM),
     * which gets SIGBUS (BUS_ADRALN), as under qemu-arm.
     */
    public static void memAAlways(IrEmitter e, int addr, int size, boolean write) {
        if (size > 1) check(e, addr, size, write);
    }

    /** MemA[base + offset, size], the address computed only when it is checked (nothing new in user mode). */
    public static void memA(IrEmitter e, int base, int offset, int size, boolean write) {
        if ((e.context() & ArmDecoder.SYSTEM) != 0 && size > 1) check(e, e.addImm(base, offset), size, write);
    }

    /** MemU[addr, size]: an alignment fault for an unaligned {@code addr} only when SCTLR.A = 1. */
    static void memU(IrEmitter e, int addr, int size, boolean write) {
        if ((e.context() & ArmDecoder.ALIGNMENT_CHECK) != 0 && size > 1) check(e, addr, size, write);
    }

    private static void check(IrEmitter e, int addr, int size, boolean write) {
        e.call(CHECK, addr, e.const32(size - 1), e.const32(write ? 1 : 0));
    }

    /** AlignmentFault(address, iswrite) when any bit of {@code mask} is set in {@code addr}. */
    public static void checkAlignment(int addr, int mask, int write) {
        if ((addr & mask) != 0) throw fault(addr, write != 0);
    }

    /** The fault for an unaligned access at {@code addr}, for the system instructions that access memory themselves. */
    public static MemoryFault fault(int addr, boolean write) {
        return MemoryFault.system(addr, write, false, ALIGNMENT_FAULT);
    }
}
