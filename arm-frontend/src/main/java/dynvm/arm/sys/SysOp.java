package dynvm.arm.sys;

import dynvm.ir.IrEmitter;
import dynvm.spi.Services;

/**
 * The operand encoding of ARM's {@link Services#SYSTEM} calls, shared by the decoders (which
 * emit them) and {@link ArmSystemCpu#execute} (which performs them):
 *
 * <pre>
 *   args[0] = operation (the constants below)
 *   args[1] = fields: the instruction's operand fields, normalised to the A32 encoding of the
 *             same instruction (a Thumb MSR arrives with its mask in bits 19:16 and Rn in 3:0, ...)
 *   args[2] = condition (0..14): the service performs nothing unless it passes, judged on the
 *             flags of the exact CPU state (so a conditional LDM^ does not even touch memory)
 *   args[3], args[4] = operation-specific values the block computed (an exception-return
 *             target, an unprivileged access's address and writeback value, an MSR operand)
 * </pre>
 *
 * Registers the operation reads are read by execute from the CPU state, which is exact at a
 * service call; only values the decoder can compute more simply (shifted operands, pc reads) are
 * passed. The size of the instruction is implied: A32 = 4, Thumb = 4 if it has a second
 * halfword ({@link #THUMB32} set in fields), else 2.
 */
public final class SysOp {
    private SysOp() { }

    /** Supervisor call (exception entry, never the Linux syscall service in system mode). */
    public static final int SVC = 1;
    /** Hypervisor call: PSCI and dynvm's hypercalls (fields bits 15:0 = imm16). */
    public static final int HVC = 2;
    /** Secure monitor call: UNDEFINED without the Security Extensions (as QEMU's virt without EL3). */
    public static final int SMC = 3;
    /** MCR/MRC/MCRR/MRRC (fields = the A32 word's bits 27:0). */
    public static final int MCR = 4, MRC = 5, MCRR = 6, MRRC = 7;
    /** CPS (fields: imod 19:18, M 17, A I F 8:6, mode 4:0). */
    public static final int CPS = 8;
    /** MRS Rd, CPSR/SPSR (fields: R 22, Rd 15:12). */
    public static final int MRS = 9;
    /** MSR CPSR/SPSR_fields (fields: R 22, mask 19:16; args[3] = the operand). */
    public static final int MSR = 10;
    /** MRS/MSR banked register (fields: R 22, M1 19:16, M 8, Rd 15:12 for MRS, Rn 3:0 for MSR). */
    public static final int MRS_BANKED = 11, MSR_BANKED = 12;
    /** SRS (fields: P 24, U 23, W 21, mode 4:0) and RFE (fields: P 24, U 23, W 21, Rn 19:16). */
    public static final int SRS = 13, RFE = 14;
    /** Exception return from a data-processing instruction: CPSR = SPSR, pc = args[3] (SUBS pc, lr ...). */
    public static final int EXCEPTION_RETURN = 15;
    /** LDM/STM with the S bit (fields = the A32 word: user registers, or exception return with pc in an LDM list). */
    public static final int LDM_USER = 16, STM_USER = 17;
    /**
     * LDRT and its family, with PL0 permissions (fields: load 20, Rt 15:12, Rn 19:16, size 1:0
     * as log2 bytes, signed 2, writeback 3; args[3] = address, args[4] = value written back to Rn).
     */
    public static final int UNPRIVILEGED = 18;
    /** Hints with a system meaning. */
    public static final int WFI = 19, WFE = 20, SEV = 21;
    /** ISB: context synchronisation, returns to the dispatcher. */
    public static final int ISB = 22;
    /** VMRS/VMSR of FPSID, FPEXC, MVFR0/1 (fields: L 20, reg 19:16, Rt 15:12). */
    public static final int VFP_SYSREG = 23;

    /** In fields: the instruction was a 32-bit Thumb one (Thumb16 otherwise, when in Thumb state). */
    public static final int THUMB32 = 1 << 31;

    /** Ends the block in a SYSTEM call of {@code op}; {@code values} are I32 temps (at most two). */
    public static void emit(IrEmitter e, int nextPc, int op, int fields, int cond, int... values) {
        int[] args = new int[3 + values.length];
        args[0] = e.const32(op);
        args[1] = e.const32(fields);
        args[2] = e.const32(cond);
        System.arraycopy(values, 0, args, 3, values.length);
        e.service(Services.SYSTEM, nextPc, args);
    }
}
