package dynvm.arm.a32;

import dynvm.ir.IrEmitter;
import java.util.function.IntPredicate;

/**
 * One row of the A32 (ARM-state) encoding table: an instruction form as data. {@code (word & mask)
 * == match} selects it. Rows of the conditional space leave bits 31:28 out of the mask (the
 * decoder handles the condition); rows of the unconditional space (cond = 1111) include them.
 *
 * @param name     UAL mnemonic without the condition suffix ("adds", "ldrh", "smlabt", ...)
 * @param mask     bits that identify the form
 * @param match    their value
 * @param syntax   operand fields separated by commas (see {@link A32Disassembler})
 * @param guarded  true: the decoder wraps the lowering in the condition (skipUnless ... label);
 *                 false: the lowering handles the condition itself (branches, traps, svc)
 * @param lower    lowering to IR
 * @param defined  null, or the field combinations the row accepts: the ARM ARM calls the others
 *                 UNPREDICTABLE (BFI with msb &lt; lsb, ...) and they decode as UNDEFINED, as in qemu
 */
public record A32Row(String name, int mask, int match, String syntax, boolean guarded, Lowering lower, IntPredicate defined) {
    /**
     * Lowers one decoded instruction at {@code pc}. Returns true when it wrote NEXT_PC (through an
     * ArmOps *WritePc method) and the block must end there; it never sets a terminal when guarded.
     */
    @FunctionalInterface
    public interface Lowering { boolean lower(IrEmitter e, int word, int pc); }

    public boolean matches(int word) { return (word & mask) == match && (defined == null || defined.test(word)); }

    /** This row restricted to the words {@code accepted} holds for (the others are UNDEFINED). */
    A32Row where(IntPredicate accepted) { return new A32Row(name, mask, match, syntax, guarded, lower, accepted); }

    /** In the cond = 1111 space. */
    public boolean unconditional() { return (mask >>> 28) == 0xf; }

    /** A row the decoder guards by the condition field. */
    static A32Row of(String name, int mask, int match, String syntax, Lowering l) {
        return new A32Row(name, mask, match, syntax, true, l, null);
    }

    /** A row whose lowering sees the condition itself (and may end the block). */
    static A32Row unguarded(String name, int mask, int match, String syntax, Lowering l) {
        return new A32Row(name, mask, match, syntax, false, l, null);
    }

    /** A guarded row that never writes the pc. */
    static A32Row plain(String name, int mask, int match, String syntax, Plain l) {
        return new A32Row(name, mask, match, syntax, true, (e, w, pc) -> { l.lower(e, w, pc); return false; }, null);
    }

    /** Lowering of an instruction that does not write the pc. */
    @FunctionalInterface
    interface Plain { void lower(IrEmitter e, int word, int pc); }
}
