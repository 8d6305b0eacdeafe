package dynvm.arm.thumb;

import dynvm.arm.a32.A32Row;
import dynvm.ir.IrEmitter;
import java.util.function.IntPredicate;

/**
 * One row of the Thumb encoding table: an instruction form as data. {@code (insn & mask) ==
 * match} selects it. 16-bit rows match a halfword; 32-bit rows match {@code hw1 << 16 | hw2}
 * (their mask always covers hw1's top bits, so {@link #wide} tells them apart). {@code syntax}
 * names the operand fields (see {@link ThumbDisassembler}) and drives disassembly; {@code lower}
 * emits the IR; {@code it} says how the form behaves inside an IT block.
 *
 * <p>Lowering protocol (as for {@link A32Row}): the lowering returns true when it wrote NEXT_PC
 * through an ArmOps *WritePc method, and {@link ThumbDecoder} then ends the block. A lowering may
 * set a terminal itself only outside an IT block ({@code itState == 0}, e.g. a direct branch), or
 * when its row is {@link It#OWN}.
 *
 * @param name   mnemonic as the ARM ARM's UAL syntax spells it outside IT blocks ("adds", "ldrsh", "bl", ...)
 * @param mask   bits that identify the form
 * @param match  their value
 * @param syntax operand fields separated by commas, e.g. "R0,R3,#I3"
 * @param it      behaviour inside an IT block
 * @param lower   lowering to IR
 * @param defined false for the encodings of the form that are UNDEFINED, or UNPREDICTABLE and
 *                treated as UNDEFINED (e.g. an empty register list): checked before any IR is emitted
 */
public record ThumbRow(String name, int mask, int match, String syntax, It it, Lowering lower, IntPredicate defined) {
    private static final IntPredicate ALWAYS = w -> true;

    ThumbRow(String name, int mask, int match, String syntax, It it, Lowering lower) {
        this(name, mask, match, syntax, it, lower, ALWAYS);
    }

    /** This row, defined only for the encodings {@code p} accepts (and the ones it accepted already). */
    ThumbRow definedWhen(IntPredicate p) {
        return new ThumbRow(name, mask, match, syntax, it, lower, defined == ALWAYS ? p : defined.and(p));
    }

    /** How a form executes inside an IT block. */
    public enum It {
        /** The decoder guards it by the block's condition. */
        GUARDED,
        /**
         * A narrow (16-bit) form that sets the flags outside IT blocks only ({@code setflags =
         * !InITBlock()}, e.g. ADDS/MOVS/LSLS); guarded like the others, and spelt without the S inside.
         */
        NARROW_FLAGS,
        /** The lowering sees the IT state and handles the condition itself (SVC, BKPT); it may end the block. */
        OWN,
        /** UNPREDICTABLE inside an IT block (B&lt;cond&gt;, CBZ/CBNZ, IT): we raise SIGILL there, as qemu does. */
        OUTSIDE_ONLY
    }

    /**
     * Lowers one decoded instruction at {@code pc}; {@code insn} is its halfword or {@code hw1 << 16
     * | hw2}; {@code itState} is the ITSTATE it executes under (0 outside IT blocks). Returns true
     * when it wrote NEXT_PC.
     */
    @FunctionalInterface
    public interface Lowering { boolean lower(IrEmitter e, int insn, int pc, int itState); }

    /** Lowering of an instruction that never writes the pc and ignores the IT state. */
    @FunctionalInterface
    interface Plain { void lower(IrEmitter e, int insn, int pc); }

    /** Lowering of a form that may write the pc (returns true then) and ignores the IT state. */
    @FunctionalInterface
    interface PcWriter { boolean lower(IrEmitter e, int insn, int pc); }

    /** Lowering of a narrow form that sets the flags only when {@code setFlags}. */
    @FunctionalInterface
    interface Narrow { void lower(IrEmitter e, int insn, int pc, boolean setFlags); }

    boolean matches(int insn) { return (insn & mask) == match; }

    /** Matches and is defined: the row decodes {@code insn}. */
    public boolean decodes(int insn) { return matches(insn) && defined.test(insn); }

    /** A 32-bit row (hw1 << 16 | hw2). */
    public boolean wide() { return (mask & 0xffff0000) != 0; }

    /** Encoding length in bytes. */
    public int length() { return wide() ? 4 : 2; }

    /** A guarded row that never writes the pc. */
    static ThumbRow plain(String name, int mask, int match, String syntax, Plain l) {
        return new ThumbRow(name, mask, match, syntax, It.GUARDED, (e, w, pc, it) -> { l.lower(e, w, pc); return false; });
    }

    /** A guarded row that may write the pc. */
    static ThumbRow writesPc(String name, int mask, int match, String syntax, PcWriter l) {
        return new ThumbRow(name, mask, match, syntax, It.GUARDED, (e, w, pc, it) -> l.lower(e, w, pc));
    }

    /** A guarded row whose lowering wants the IT state (direct branches: a terminal outside IT, NEXT_PC inside). */
    static ThumbRow guarded(String name, int mask, int match, String syntax, Lowering l) {
        return new ThumbRow(name, mask, match, syntax, It.GUARDED, l);
    }

    /** A narrow flag-setting form: flags only outside IT blocks. */
    static ThumbRow narrow(String name, int mask, int match, String syntax, Narrow l) {
        return new ThumbRow(name, mask, match, syntax, It.NARROW_FLAGS, (e, w, pc, it) -> { l.lower(e, w, pc, it == 0); return false; });
    }

    /** A row that handles the IT condition itself. */
    static ThumbRow own(String name, int mask, int match, String syntax, Lowering l) {
        return new ThumbRow(name, mask, match, syntax, It.OWN, l);
    }

    /** A row that is UNPREDICTABLE inside an IT block; outside it may set a terminal. */
    static ThumbRow outsideIt(String name, int mask, int match, String syntax, Lowering l) {
        return new ThumbRow(name, mask, match, syntax, It.OUTSIDE_ONLY, l);
    }
}
