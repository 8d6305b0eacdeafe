package dynvm.ppc;

import java.util.List;

/**
 * Row factories named after the Power ISA instruction formats. Forms with Rc / OE bits expand to
 * one row per variant ("add", "add.", "addo", "addo."), so the table names every encoding the
 * manual names; the lowering reads the bits from the word.
 */
final class PpcRows {
    private PpcRows() { }

    static final int OPCD = 0xfc000000;
    static final int XO10 = 0x7fe, XO9 = 0x3fe, OE = 0x400, RC = 1;

    static int opcd(int op) { return op << 26; }

    /** D-, I-, B-, M-style row identified by the primary opcode alone. */
    static PpcRow d(String name, String form, int op, String syntax, PpcRow.Lowering l) {
        return new PpcRow(name, form, OPCD, opcd(op), syntax, l);
    }

    /** Row with extra fixed bits beyond the primary opcode. */
    static PpcRow fixed(String name, String form, int op, int mask, int match, String syntax, PpcRow.Lowering l) {
        return new PpcRow(name, form, OPCD | mask, opcd(op) | match, syntax, l);
    }

    /** X/XL/XFX-form with a 10-bit extended opcode and no Rc (bit 31 ignored). */
    static PpcRow x(String name, String form, int op, int xo, String syntax, PpcRow.Lowering l) {
        return new PpcRow(name, form, OPCD | XO10, opcd(op) | xo << 1, syntax, l);
    }

    /** X-form with Rc: plain and record rows. */
    static List<PpcRow> xRc(String name, int op, int xo, String syntax, PpcRow.Lowering l) {
        int m = OPCD | XO10 | RC, v = opcd(op) | xo << 1;
        return List.of(new PpcRow(name, "X", m, v, syntax, l), new PpcRow(name + ".", "X", m, v | RC, syntax, l));
    }

    /** XO-form with OE and Rc: four rows. */
    static List<PpcRow> xo(String name, int xo, String syntax, PpcRow.Lowering l) {
        int m = OPCD | XO9 | OE | RC, v = opcd(31) | xo << 1;
        return List.of(new PpcRow(name, "XO", m, v, syntax, l),
                new PpcRow(name + ".", "XO", m, v | RC, syntax, l),
                new PpcRow(name + "o", "XO", m, v | OE, syntax, l),
                new PpcRow(name + "o.", "XO", m, v | OE | RC, syntax, l));
    }

    /** XO-form whose OE bit is reserved (mulhw, mulhwu): two rows. */
    static List<PpcRow> xoNoOe(String name, int xo, String syntax, PpcRow.Lowering l) {
        int m = OPCD | XO9 | OE | RC, v = opcd(31) | xo << 1;
        return List.of(new PpcRow(name, "XO", m, v, syntax, l), new PpcRow(name + ".", "XO", m, v | RC, syntax, l));
    }

    /** M-form (or any primary-opcode form) with Rc: two rows. */
    static List<PpcRow> mRc(String name, String form, int op, String syntax, PpcRow.Lowering l) {
        int m = OPCD | RC, v = opcd(op);
        return List.of(new PpcRow(name, form, m, v, syntax, l), new PpcRow(name + ".", form, m, v | RC, syntax, l));
    }
}
