package dynvm.arm;

import dynvm.ir.IrEmitter;

/**
 * VFPv3-D16 (coprocessors 10 and 11): the encodings ARM and Thumb-2 state share. A Thumb-2 VFP
 * instruction {@code hw1 << 16 | hw2} is the A32 encoding with condition 1110, so one table
 * serves both states; only the value a read of pc gives differs.
 */
final class Vfp {
    private Vfp() { }

    /**
     * Lowers the VFP instruction {@code word} (A32 form; bits 31:28 are ignored, the caller guards
     * by the condition). {@code pcRead} is what a read of r15 gives (A32: pc + 8, Thumb: pc + 4).
     * Returns false, emitting nothing, when {@code word} is not a defined VFP encoding.
     */
    static boolean lower(IrEmitter e, int word, int pcRead) { return false; }

    /** Disassembly without the condition suffix, or null when {@code word} is not a defined VFP encoding. */
    static String disassemble(int word, int pcRead) { return null; }
}
