package dynvm.arm.vfp;

import dynvm.ir.IrEmitter;

/**
 * VFPv3-D16 (coprocessors 10 and 11): the encodings ARM and Thumb-2 state share. A Thumb-2 VFP
 * instruction {@code hw1 << 16 | hw2} is the A32 encoding with condition 1110, so one table
 * ({@link VfpTable}) serves both states; only the value a read of pc gives differs.
 *
 * <p>Arithmetic runs in {@link VfpArith} helpers on raw bits with the FPSCR of the CPU state
 * (rounding mode, flush-to-zero, default NaN, cumulative exception bits), after the ARM ARM
 * pseudocode ({@link VfpFloat}); moves, loads and stores, VABS and VNEG are plain IR.
 */
public final class Vfp {
    private Vfp() { }

    /**
     * Lowers the VFP instruction {@code word} (A32 form; bits 31:28 are ignored, the caller guards
     * by the condition). {@code pcRead} is what a read of r15 gives (A32: pc + 8, Thumb: pc + 4).
     * Returns false, emitting nothing, when {@code word} is not a defined VFP encoding.
     */
    public static boolean lower(IrEmitter e, int word, int pcRead) {
        VfpRow row = VfpTable.find(word);
        if (row == null) return false;
        row.lower().lower(e, word, pcRead);
        return true;
    }

    /** Disassembly without the condition suffix, or null when {@code word} is not a defined VFP encoding. */
    public static String disassemble(int word, int pcRead) {
        VfpRow row = VfpTable.find(word);
        return row == null ? null : VfpDisassembler.format(row, word, pcRead);
    }

    /** Is {@code word} in coprocessor space 10/11 (whatever its condition), so VFP's to decode or reject? */
    public static boolean inSpace(int word) { return VfpTable.inSpace(word); }

    /** Is {@code word} a defined VFP encoding in some model (so that a caller can open its condition guard first)? */
    public static boolean defined(int word) { return VfpTable.find(word) != null; }

    /** Is {@code word} a VFP encoding that {@code model} has ({@link dynvm.arm.ArmFeatureGate#vfp})? */
    public static boolean defined(int word, dynvm.arm.ArmCpuModel model) {
        VfpRow row = VfpTable.find(word);
        return row != null && dynvm.arm.ArmFeatureGate.vfp(model, row, word);
    }

    /** {@link #disassemble} with the condition suffix in its UAL place ("vaddeq.f64"). */
    public static String disassemble(int word, int pcRead, String cond) {
        String s = disassemble(word, pcRead);
        return s == null ? null : VfpDisassembler.withCondition(s, cond);
    }

    /** Puts the condition suffix in its UAL place, before the type suffix ("vmov.u8" -> "vmoveq.u8"). */
    public static String withCondition(String text, String cond) { return VfpDisassembler.withCondition(text, cond); }
}
