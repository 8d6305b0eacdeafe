package dynvm.arm.neon;

import dynvm.ir.IrEmitter;
import java.util.function.IntPredicate;

/**
 * One row of the Advanced SIMD encoding table, in its A32 shape: the unconditional data-processing
 * space {@code 1111 001U}, the element load/store space {@code 1111 0100 xxx0}, and the
 * core-register transfers in coprocessor space 11 (whose condition bits 31:28 are never in the
 * mask: the caller guards by them).
 *
 * @param name   UAL mnemonic with its data type ("vadd.i8", "vld1.32", "vmov.u8")
 * @param mask   bits that identify the form
 * @param match  their value
 * @param syntax operand list for {@link NeonDisassembler}
 * @param valid  further conditions without which the word is UNDEFINED (odd Q register numbers, a
 *               reserved size, the UNPREDICTABLE cases this implementation treats as UNDEFINED)
 * @param lower  lowering to IR
 */
public record NeonRow(String name, int mask, int match, String syntax, IntPredicate valid, Lowering lower) {
    @FunctionalInterface
    interface Lowering { void lower(IrEmitter e, int word); }

    static NeonRow of(String name, int mask, int match, String syntax, IntPredicate valid, Lowering l) {
        return new NeonRow(name, mask, match, syntax, valid, l);
    }

    boolean matches(int word) { return (word & mask) == match; }

    public boolean defines(int word) { return matches(word) && valid.test(word); }
}
