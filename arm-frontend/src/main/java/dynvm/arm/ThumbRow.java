package dynvm.arm;

import dynvm.ir.IrEmitter;

/**
 * One row of the Thumb encoding table: an instruction form as data. {@code (insn & mask) ==
 * match} selects it. 16-bit rows match a halfword; the BL/BLX prefix+suffix pairs are 32-bit rows
 * matching {@code prefix << 16 | suffix}. {@code syntax} names the operand fields (see
 * {@link ThumbDisassembler}) and drives disassembly; {@code lower} emits the IR.
 *
 * @param name   mnemonic as the ARM ARM's UAL syntax spells it ("adds", "ldrsh", "bl", ...)
 * @param mask   bits that identify the form
 * @param match  their value
 * @param syntax operand fields separated by commas, e.g. "R0,R3,#I3"
 * @param lower  lowering to IR
 */
record ThumbRow(String name, int mask, int match, String syntax, Lowering lower) {
    /** Lowers one decoded instruction at {@code pc}; {@code insn} is its halfword (or pair). */
    @FunctionalInterface
    interface Lowering { void lower(IrEmitter e, int insn, int pc); }

    boolean matches(int insn) { return (insn & mask) == match; }

    /** A 32-bit (BL/BLX pair) row. */
    boolean isPair() { return (mask & 0xffff0000) != 0; }
}
