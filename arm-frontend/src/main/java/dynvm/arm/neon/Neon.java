package dynvm.arm.neon;

import dynvm.arm.ArmCpuModel;
import dynvm.ir.IrEmitter;

/**
 * Advanced SIMD: the entry points the A32 and Thumb decoders use. One table ({@link NeonTable})
 * in the A32 shape serves both states; {@link #fromThumb} maps a Thumb-2 word onto it (ARM ARM
 * A7.4, A7.7: the data-processing space {@code 111U 1111} is A32's {@code 1111 001U}, the
 * load/store space {@code 1111 1001 xxx0} is A32's {@code 1111 0100 xxx0}; the coprocessor
 * space 11 transfers are the same word with condition 1110). Only models with NEON
 * ({@link ArmCpuModel#neon}) decode these rows; elsewhere they are UNDEFINED.
 */
public final class Neon {
    private Neon() { }

    /** Is the A32 word in the unconditional Advanced SIMD data-processing or load/store space? */
    public static boolean inSpace(int word) {
        return (word & 0xfe000000) == 0xf2000000 || (word & 0xff100000) == 0xf4000000;
    }

    /** Is the Thumb-2 word {@code hw1 << 16 | hw2} in the Advanced SIMD data-processing or load/store space? */
    public static boolean inThumbSpace(int insn) {
        return (insn & 0xef000000) == 0xef000000 || (insn & 0xff100000) == 0xf9000000;
    }

    /** The A32 twin of a Thumb-2 Advanced SIMD word; other words (transfers) are returned as they are. */
    public static int fromThumb(int insn) {
        if ((insn & 0xef000000) == 0xef000000) return 0xf2000000 | (insn >>> 28 & 1) << 24 | insn & 0x00ffffff;
        if ((insn & 0xff100000) == 0xf9000000) return 0xf4000000 | insn & 0x00ffffff;
        return insn;
    }

    /** Is the A32 word a defined Advanced SIMD encoding that {@code model} has? */
    public static boolean defined(int word, ArmCpuModel model) {
        return model.neon && NeonTable.find(word) != null;
    }

    /** Lowers the A32 word (a transfer's condition is the caller's); false, emitting nothing, when undefined. */
    public static boolean lower(IrEmitter e, int word) {
        NeonRow row = NeonTable.find(word);
        if (row == null) return false;
        row.lower().lower(e, word);
        return true;
    }

    /** Disassembly without condition, or null when undefined. */
    public static String disassemble(int word) {
        NeonRow row = NeonTable.find(word);
        return row == null ? null : NeonDisassembler.format(row, word);
    }
}
