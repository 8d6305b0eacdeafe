package dynvm.arm.vfp;

import dynvm.ir.IrEmitter;
import java.util.function.IntPredicate;

/**
 * One row of the VFP encoding table: an instruction form as data, in its A32 shape (bits 31:28,
 * the condition, are never part of the mask: the caller guards by it, and Thumb-2 uses 1110).
 *
 * @param name    UAL mnemonic with its type suffix ("vadd.f64", "vcvtr.s32.f32", "vldmia", ...)
 * @param mask    bits that identify the form
 * @param match   their value
 * @param syntax  operand fields separated by commas (see {@link VfpDisassembler}); the D-register
 *                fields (Dd, Dn, Dm, Dn[x]) also tell which words name d16-d31 (UNDEFINED in D16)
 * @param valid   further conditions without which the word is UNDEFINED here (the ARM ARM's
 *                UNPREDICTABLE cases, which this implementation chooses to treat as UNDEFINED)
 * @param lower   lowering to IR; {@code pcRead} is what a read of pc gives (A32 pc+8, Thumb pc+4)
 */
public record VfpRow(String name, int mask, int match, String syntax, IntPredicate valid, Lowering lower) {
    @FunctionalInterface
    interface Lowering { void lower(IrEmitter e, int word, int pcRead); }

    static VfpRow of(String name, int mask, int match, String syntax, Lowering l) {
        return new VfpRow(name, mask, match, syntax, w -> true, l);
    }

    static VfpRow of(String name, int mask, int match, String syntax, IntPredicate valid, Lowering l) {
        return new VfpRow(name, mask, match, syntax, valid, l);
    }

    boolean matches(int word) { return (word & mask) == match; }

    /** Matches, names no register above d15, and passes {@link #valid}. */
    public boolean defines(int word) {
        if (!matches(word)) return false;
        for (String f : syntax.split(",")) {
            int top = switch (f) {
                case "Dd" -> 22;
                case "Dn", "Dn[x]" -> 7;
                case "Dm" -> 5;
                default -> -1;
            };
            if (top >= 0 && (word >>> top & 1) != 0) return false;
        }
        return valid.test(word);
    }
}
