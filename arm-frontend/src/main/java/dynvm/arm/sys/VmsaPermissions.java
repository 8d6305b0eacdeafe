package dynvm.arm.sys;

import static dynvm.spi.sys.SystemCpu.PERM_EXEC;
import static dynvm.spi.sys.SystemCpu.PERM_READ;
import static dynvm.spi.sys.SystemCpu.PERM_WRITE;

import dynvm.spi.sys.SystemCpu;

/**
 * Stage 1 access permissions of the PL1&amp;0 regime: what a mapping's AP, XN and PXN bits grant at
 * PL1 and PL0 (ARM ARM v7-A B3.7 "Memory access control"; the ARMv8 AArch32.CheckPermission
 * pseudocode states the same rules in one place).
 *
 * <p>Both descriptor formats end here. The short format's AP[2:0] (SCTLR.AFE=0) is decoded by
 * {@link #fullModel}; the short format with SCTLR.AFE=1 and the long format use the simplified
 * AP[2:1] model, {@link #simplifiedModel}, where AP[1] grants PL0 access and AP[2] makes the
 * region read-only. The result is a mask of {@link SystemCpu#PERM_READ} and
 * {@link SystemCpu#PERM_WRITE} for one privilege; {@link #withExecute} adds
 * {@link SystemCpu#PERM_EXEC} when nothing forbids instruction fetch:
 * <ul>
 * <li>a fetch needs read permission at the same level (v7 has no execute-only memory);</li>
 * <li>XN forbids fetch at both levels, PXN at PL1 only;</li>
 * <li>SCTLR.WXN makes any region writable at the accessing level execute-never;</li>
 * <li>SCTLR.UWXN makes a region writable at PL0 execute-never at PL1.</li>
 * </ul>
 * WXN and UWXN come with the Virtualization Extensions, which the Cortex-A15 has, and apply to
 * both descriptor formats. QEMU applies them to the long format only ({@code get_S1prot}); a guest
 * that sets WXN with short descriptors sees the architectural behaviour here.
 */
final class VmsaPermissions {
    private VmsaPermissions() { }

    private static final int RW = PERM_READ | PERM_WRITE, R = PERM_READ, NONE = 0;

    /**
     * AP[2:0] with SCTLR.AFE=0 (Table B3-8). AP=0b100 is reserved: treated as no access, as
     * QEMU does. AP=0b110 is the deprecated twin of 0b111 (read-only at both levels).
     */
    static int fullModel(int ap, boolean privileged) {
        return switch (ap & 7) {
            case 0b001 -> privileged ? RW : NONE;
            case 0b010 -> privileged ? RW : R;
            case 0b011 -> RW;
            case 0b101 -> privileged ? R : NONE;
            case 0b110, 0b111 -> R;
            default -> NONE;                       // 0b000 no access, 0b100 reserved
        };
    }

    /** AP[2:1], the simplified model (Table B3-9): AP[2] = read-only, AP[1] = PL0 may access. */
    static int simplifiedModel(int ap21, boolean privileged) {
        boolean readOnly = (ap21 & 2) != 0, unprivileged = (ap21 & 1) != 0;
        if (!privileged && !unprivileged) {
            return NONE;
        }
        return readOnly ? R : RW;
    }

    /**
     * Adds {@link SystemCpu#PERM_EXEC} to {@code rw} (the read/write mask at the accessing level)
     * unless fetching is forbidden. {@code pl0Rw} is the mask PL0 would get, which UWXN reads.
     */
    static int withExecute(int rw, int pl0Rw, boolean privileged, boolean xn, boolean pxn, int sctlr) {
        boolean wxn = (sctlr & TranslationRegisters.SCTLR_WXN) != 0;
        boolean uwxn = (sctlr & TranslationRegisters.SCTLR_UWXN) != 0;
        boolean executeNever = (rw & PERM_READ) == 0 || xn
                || wxn && (rw & PERM_WRITE) != 0
                || privileged && (pxn || uwxn && (pl0Rw & PERM_WRITE) != 0);
        return executeNever ? rw : rw | PERM_EXEC;
    }

    /** Does {@code perms} allow an access of kind {@code access} (SystemCpu.READ/WRITE/FETCH)? */
    static boolean permits(int perms, int access) {
        int needed = switch (access) {
            case SystemCpu.WRITE -> PERM_WRITE;
            case SystemCpu.FETCH -> PERM_EXEC;
            default -> PERM_READ;
        };
        return (perms & needed) != 0;
    }
}
