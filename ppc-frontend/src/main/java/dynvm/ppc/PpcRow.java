package dynvm.ppc;

import dynvm.ir.IrEmitter;

/**
 * One row of the PowerPC encoding table: an instruction form as data. {@code (word & mask) ==
 * match} selects it; {@code lower} emits its IR; {@code syntax} drives the disassembly fallback
 * and the fuzzer. Rows are grouped by the ISA manual's chapters (FixedPoint, Branch, LoadStore,
 * FloatingPoint, SystemOps), each class exposing {@code rows()}.
 *
 * @param name     mnemonic, with "." / "o" for record and overflow forms
 * @param form     the Power ISA instruction format (D, X, XO, M, ...)
 * @param mask     bits that identify the form
 * @param match    their value
 * @param syntax   operand list for disassembly, field names separated by commas (e.g. "RT,RA,SI")
 * @param lower    lowering to IR
 */
public record PpcRow(String name, String form, int mask, int match, String syntax, Lowering lower) {
    /** Lowers one decoded instruction. {@code pc} is its address; {@code word} its encoding. */
    @FunctionalInterface
    public interface Lowering { void lower(IrEmitter e, int word, int pc); }

    public boolean matches(int word) { return (word & mask) == match; }
}
