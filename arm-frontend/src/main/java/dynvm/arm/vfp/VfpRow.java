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
 *                fields (Dd, Dn, Dm, Dn[x]) also tell which words name d16-d31 (UNDEFINED in D16
 *                models: {@link dynvm.arm.ArmFeatureGate#vfp})
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

    /** Matches and passes {@link #valid} (whether the CPU model has the row is the decoder's question). */
    public boolean defines(int word) { return matches(word) && valid.test(word); }

    /** Does {@code word} name a register above d15 (so it needs a D32 model)? */
    public boolean namesHighRegister(int word) {
        for (String f : syntax.split(",")) {
            int top = switch (f) {
                case "Dd" -> 22;
                case "Dn", "Dn[x]" -> 7;
                case "Dm" -> 5;
                default -> -1;
            };
            if (top >= 0 && (word >>> top & 1) != 0) return true;
        }
        return rangeReachesHighRegisters(word);
    }

    /** A VLDM/VSTM of doubles whose register list runs past d15 (first + count > 16). */
    private boolean rangeReachesHighRegisters(int word) {
        return syntax.endsWith("list") && VfpFields.dp(word) && VfpFields.first(word) + VfpFields.regs(word) > 16;
    }
}
