package dynvm.ppc;

import static dynvm.ppc.Fields.*;

import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Floating-point facility (Power ISA Book I, chapter 4): table rows and lowering of the classic
 * FPU. Arithmetic lowers to one {@link PpcFpu} helper call (which also updates the FPSCR);
 * moves, fsel and loads/stores are plain IR. Record forms copy FPSCR[FX,FEX,VX,OX] into CR1.
 * Encoding bits that the architecture reserves (unused operand fields, Rc where there is none)
 * are part of each row's mask, so a word with them set stays undecoded, as in QEMU.
 */
public final class FloatingPoint {
    private FloatingPoint() { }


    // A-form fields, IBM bit numbers
    private static final int FRA_F = field(11, 15), FRB_F = field(16, 20), FRC_F = field(21, 25), RC = 1;

    private static Helper h(String name) { return Helper.of(PpcFpu.class, name); }

    private static final Helper FADD = h("fadd"), FSUB = h("fsub"), FMUL = h("fmul"), FDIV = h("fdiv"),
            FSQRT = h("fsqrt"), FADDS = h("fadds"), FSUBS = h("fsubs"), FMULS = h("fmuls"), FDIVS = h("fdivs"),
            FSQRTS = h("fsqrts"), FMADD = h("fmadd"), FMSUB = h("fmsub"), FNMADD = h("fnmadd"),
            FNMSUB = h("fnmsub"), FMADDS = h("fmadds"), FMSUBS = h("fmsubs"), FNMADDS = h("fnmadds"),
            FNMSUBS = h("fnmsubs"), FRES = h("fres"), FRSQRTE = h("frsqrte"), FRSP = h("frsp"),
            FCTIW = h("fctiw"), FCTIWZ = h("fctiwz"), FCMPU = h("fcmpu"), FCMPO = h("fcmpo"),
            MTFSF = h("mtfsf"), MTFSB0 = h("mtfsb0"), MTFSB1 = h("mtfsb1"), MCRFS = h("mcrfs");
    private static final Helper LFS = Helper.of(FpConvert.class, "singleToDouble"),
            STFS = Helper.of(FpConvert.class, "doubleToSingle");

    /** Mask of IBM bits {@code from..to}. */
    static int field(int from, int to) { return (int) ((0xffff_ffffL >>> from) & (0xffff_ffffL << (31 - to))); }

    private static final int OPCD = 0xfc00_0000, XO5 = field(26, 30), XO10 = field(21, 30);
    private static final long SIGN = Long.MIN_VALUE;

    public static List<PpcRow> rows() {
        List<PpcRow> t = new ArrayList<>();
        // ---- arithmetic (A-form): opcode 63 double, 59 single
        arith(t, "fadd", 63, 21, FRC_F, "FRT,FRA,FRB", (e, w) -> ab(e, w, FADD));
        arith(t, "fsub", 63, 20, FRC_F, "FRT,FRA,FRB", (e, w) -> ab(e, w, FSUB));
        arith(t, "fmul", 63, 25, FRB_F, "FRT,FRA,FRC", (e, w) -> ac(e, w, FMUL));
        arith(t, "fdiv", 63, 18, FRC_F, "FRT,FRA,FRB", (e, w) -> ab(e, w, FDIV));
        arith(t, "fsqrt", 63, 22, FRA_F | FRC_F, "FRT,FRB", (e, w) -> b(e, w, FSQRT));
        arith(t, "frsqrte", 63, 26, FRA_F | FRC_F, "FRT,FRB", (e, w) -> b(e, w, FRSQRTE));
        arith(t, "fmadd", 63, 29, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FMADD));
        arith(t, "fmsub", 63, 28, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FMSUB));
        arith(t, "fnmadd", 63, 31, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FNMADD));
        arith(t, "fnmsub", 63, 30, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FNMSUB));
        arith(t, "fsel", 63, 23, 0, "FRT,FRA,FRC,FRB", FloatingPoint::fsel);
        arith(t, "fadds", 59, 21, FRC_F, "FRT,FRA,FRB", (e, w) -> ab(e, w, FADDS));
        arith(t, "fsubs", 59, 20, FRC_F, "FRT,FRA,FRB", (e, w) -> ab(e, w, FSUBS));
        arith(t, "fmuls", 59, 25, FRB_F, "FRT,FRA,FRC", (e, w) -> ac(e, w, FMULS));
        arith(t, "fdivs", 59, 18, FRC_F, "FRT,FRA,FRB", (e, w) -> ab(e, w, FDIVS));
        arith(t, "fsqrts", 59, 22, FRA_F | FRC_F, "FRT,FRB", (e, w) -> b(e, w, FSQRTS));
        arith(t, "fres", 59, 24, FRA_F | FRC_F, "FRT,FRB", (e, w) -> b(e, w, FRES));
        arith(t, "fmadds", 59, 29, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FMADDS));
        arith(t, "fmsubs", 59, 28, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FMSUBS));
        arith(t, "fnmadds", 59, 31, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FNMADDS));
        arith(t, "fnmsubs", 59, 30, 0, "FRT,FRA,FRC,FRB", (e, w) -> acb(e, w, FNMSUBS));

        // ---- X-form, opcode 63
        x63(t, "frsp", 12, FRA_F, "FRT,FRB", (e, w) -> b(e, w, FRSP));
        x63(t, "fctiw", 14, FRA_F, "FRT,FRB", (e, w) -> b(e, w, FCTIW));
        x63(t, "fctiwz", 15, FRA_F, "FRT,FRB", (e, w) -> b(e, w, FCTIWZ));
        x63(t, "fmr", 72, FRA_F, "FRT,FRB", (e, w) -> move(e, w, fpr(e, frb(w))));
        x63(t, "fneg", 40, FRA_F, "FRT,FRB", (e, w) -> move(e, w, e.xor64(fpr(e, frb(w)), e.const64(SIGN))));
        x63(t, "fabs", 264, FRA_F, "FRT,FRB", (e, w) -> move(e, w, e.and64(fpr(e, frb(w)), e.const64(~SIGN))));
        x63(t, "fnabs", 136, FRA_F, "FRT,FRB", (e, w) -> move(e, w, e.or64(fpr(e, frb(w)), e.const64(SIGN))));
        x63(t, "mtfsb0", 70, field(11, 20), "BT", (e, w) -> e.call(MTFSB0, e.const32(rt(w))));
        x63(t, "mtfsb1", 38, field(11, 20), "BT", (e, w) -> e.call(MTFSB1, e.const32(rt(w))));
        x63(t, "mtfsfi", 134, field(9, 14) | field(20, 20), "BF,U,W", FloatingPoint::mtfsfi);
        x63(t, "mtfsf", 711, 0, "FLM,FRB,L,W", FloatingPoint::mtfsf);
        x63(t, "mffs", 583, 0, "FRT", FloatingPoint::mffs);
        // The ISA 3.0 mffs variants reuse mffs's encoding with bits 11:15 set, which older
        // processors define as reserved and ignore: a pre-3.0 CPU (this is a 750) runs them as
        // plain mffs. glibc relies on that: it executes mffscrni, then, seeing no ISA 3.0 in
        // AT_HWCAP2, sets the rounding mode the old way. (qemu-ppc 7.2 raises SIGILL instead;
        // the manual wins.)
        for (String[] v : new String[][]{{"mffsce", "1"}, {"mffscdrn", "20"}, {"mffscdrni", "21"}, {"mffscrn", "22"},
                {"mffscrni", "23"}, {"mffsl", "24"}})
            mffsVariant(t, v[0], Integer.parseInt(v[1]), 0, "FRT", FloatingPoint::mffs);
        int cmpZero = field(9, 10) | RC;
        t.add(new PpcRow("fcmpu", "X", OPCD | XO10 | cmpZero, match(63, 0), "BF,FRA,FRB", (e, w, pc) -> cmp(e, w, FCMPU)));
        t.add(new PpcRow("fcmpo", "X", OPCD | XO10 | cmpZero, match(63, 32), "BF,FRA,FRB", (e, w, pc) -> cmp(e, w, FCMPO)));
        t.add(new PpcRow("mcrfs", "X", OPCD | XO10 | field(9, 10) | field(14, 20) | RC, match(63, 64), "BF,BFA",
                (e, w, pc) -> e.set(PpcRegs.CR[bf(w)], e.call(MCRFS, e.const32(bfa(w))))));

        // ---- loads and stores
        FpMemoryOps.rows(t, LFS, STFS);
        return List.copyOf(t);
    }

    /** Primary opcode and extended opcode (either the A-form xo5 or the X-form xo10, both end at bit 30). */
    static int match(int opcd, int xo) { return (opcd << 26) | (xo << 1); }

    private interface Body { void lower(IrEmitter e, int w); }

    /** A-form rows: the plain and the record form. */
    private static void arith(List<PpcRow> t, String name, int opcd, int xo, int zero, String syntax, Body body) {
        int mask = OPCD | XO5 | zero | RC;
        t.add(new PpcRow(name, "A", mask, match(opcd, xo), syntax, (e, w, pc) -> body.lower(e, w)));
        t.add(new PpcRow(name + ".", "A", mask, match(opcd, xo) | 1, syntax, (e, w, pc) -> { body.lower(e, w); cr1(e); }));
    }

    /** X-form rows of opcode 63 with a record form. */
    private static void x63(List<PpcRow> t, String name, int xo, int zero, String syntax, Body body) {
        int mask = OPCD | XO10 | zero | RC;
        t.add(new PpcRow(name, "X", mask, match(63, xo), syntax, (e, w, pc) -> body.lower(e, w)));
        t.add(new PpcRow(name + ".", "X", mask, match(63, xo) | 1, syntax, (e, w, pc) -> { body.lower(e, w); cr1(e); }));
    }

    /** The ISA 3.0 mffs variants: mffs with a selector in bits 11:15, no record form. */
    private static void mffsVariant(List<PpcRow> t, String name, int sel, int zero, String syntax, Body body) {
        t.add(new PpcRow(name, "X", OPCD | XO10 | field(11, 15) | zero | RC, match(63, 583) | (sel << 16), syntax,
                (e, w, pc) -> body.lower(e, w)));
    }

    /** CR1 <- FPSCR[FX, FEX, VX, OX]. */
    static void cr1(IrEmitter e) {
        e.set(PpcRegs.CR[1], e.shruImm(e.get(PpcRegs.FPSCR), Fpscr.CR1_SHIFT));
    }

    private static int fpr(IrEmitter e, int n) { return e.get(PpcRegs.FPR[n]); }

    private static void ab(IrEmitter e, int w, Helper h) {
        int t = frt(w);
        e.set(PpcRegs.FPR[t], e.call(h, fpr(e, t), fpr(e, fra(w)), fpr(e, frb(w))));
    }

    private static void ac(IrEmitter e, int w, Helper h) {
        int t = frt(w);
        e.set(PpcRegs.FPR[t], e.call(h, fpr(e, t), fpr(e, fra(w)), fpr(e, frc(w))));
    }

    private static void b(IrEmitter e, int w, Helper h) {
        int t = frt(w);
        e.set(PpcRegs.FPR[t], e.call(h, fpr(e, t), fpr(e, frb(w))));
    }

    private static void acb(IrEmitter e, int w, Helper h) {
        int t = frt(w);
        e.set(PpcRegs.FPR[t], e.call(h, fpr(e, t), fpr(e, fra(w)), fpr(e, frc(w)), fpr(e, frb(w))));
    }

    /** fmr/fneg/fabs/fnabs: bit operations on the sign, no FPSCR change (NaNs pass untouched). */
    private static void move(IrEmitter e, int w, int value) { e.set(PpcRegs.FPR[frt(w)], value); }

    /** fsel: FRT <- FRA >= 0.0 (not NaN; -0 counts) ? FRC : FRB. No FPSCR change. */
    private static void fsel(IrEmitter e, int w) {
        int a = e.bitsToF64(fpr(e, fra(w)));
        int zero = e.constF64(0.0);
        int ge = e.bnot(e.bor(e.flt(a, zero), e.funord(a, a)));
        e.set(PpcRegs.FPR[frt(w)], e.select64(ge, fpr(e, frc(w)), fpr(e, frb(w))));
    }

    private static void cmp(IrEmitter e, int w, Helper h) {
        e.set(PpcRegs.CR[bf(w)], e.call(h, fpr(e, fra(w)), fpr(e, frb(w))));
    }

    /** mffs: FRT <- undefined high word (0xFFF80000 as on 750-class hardware) || FPSCR. */
    private static void mffs(IrEmitter e, int w) {
        int v = e.zext32to64(e.get(PpcRegs.FPSCR));
        e.set(PpcRegs.FPR[rt(w)], e.or64(v, e.const64(PpcFpu.UNDEFINED_HIGH)));
    }

    /** mtfsf: L=1 writes every field; W=1 names the upper 32-bit word, which a 32-bit FPSCR lacks. */
    private static void mtfsf(IrEmitter e, int w) {
        boolean l = bits(w, 6, 6) != 0, wBit = bits(w, 15, 15) != 0;
        int flm = l ? 0xff : wBit ? 0 : bits(w, 7, 14);
        e.call(MTFSF, e.const32(flm), fpr(e, frb(w)));
    }

    /** mtfsfi: FPSCR field BF <- U (W=1 names the nonexistent upper word: no effect). */
    private static void mtfsfi(IrEmitter e, int w) {
        int bf = bf(w), u = bits(w, 16, 19);
        boolean wBit = bits(w, 15, 15) != 0;
        e.call(MTFSF, e.const32(wBit ? 0 : 0x80 >>> bf), e.const64((long) u << (28 - 4 * bf)));
    }
}
