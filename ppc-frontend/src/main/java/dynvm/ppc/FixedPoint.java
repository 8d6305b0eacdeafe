package dynvm.ppc;

import static dynvm.ppc.PpcIr.addCarrying;
import static dynvm.ppc.PpcIr.addOverflow;
import static dynvm.ppc.PpcIr.gpr;
import static dynvm.ppc.PpcIr.raOrZero;
import static dynvm.ppc.PpcIr.recordIf;
import static dynvm.ppc.PpcIr.setGpr;
import static dynvm.ppc.PpcRegs.CR;
import static dynvm.ppc.PpcRegs.CTR;
import static dynvm.ppc.PpcRegs.LR;
import static dynvm.ppc.PpcRegs.XER_BC;
import static dynvm.ppc.PpcRegs.XER_CA;
import static dynvm.ppc.PpcRegs.XER_OV;
import static dynvm.ppc.PpcRegs.XER_SO;
import static dynvm.ppc.PpcRows.d;
import static dynvm.ppc.PpcRows.mRc;
import static dynvm.ppc.PpcRows.x;
import static dynvm.ppc.PpcRows.xRc;
import static dynvm.ppc.PpcRows.xo;
import static dynvm.ppc.PpcRows.xoNoOe;

import dynvm.ir.Helper;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-point facility (Power ISA Book I, chapter 3): arithmetic, compare, logical, rotate and
 * shift, CR logical (chapter 2.5) and the user SPR moves. Undefined results follow what qemu-ppc
 * produces, since golden outputs come from it: divw/divwu by zero and divw of 0x80000000 by -1
 * give the dividend (and set OV in o-forms).
 */
public final class FixedPoint {
    private FixedPoint() { }

    private static final Helper TB_LOWER = Helper.of(PpcTimeBase.class, "lower");
    private static final Helper TB_UPPER = Helper.of(PpcTimeBase.class, "upper");
    private static final int SPR_XER = 1, SPR_LR = 8, SPR_CTR = 9, SPR_TBL = 268, SPR_TBU = 269, SPR_PVR = 287;
    /**
     * Processor version reported by mfpvr: a PowerPC 750 (qemu-ppc's default model). mfpvr is
     * privileged, but Linux emulates it for user space and glibc reads it at startup.
     */
    public static final int PVR_750 = 0x00080301;

    public static List<PpcRow> rows() {
        List<PpcRow> r = new ArrayList<>();
        // D-form arithmetic and compare
        r.add(d("mulli", "D", 7, "RT,RA,SI", FixedPoint::mulli));
        r.add(d("subfic", "D", 8, "RT,RA,SI", FixedPoint::subfic));
        r.add(d("cmpli", "D", 10, "BF,RA,UI", FixedPoint::cmpli));
        r.add(d("cmpi", "D", 11, "BF,RA,SI", FixedPoint::cmpi));
        r.add(d("addic", "D", 12, "RT,RA,SI", FixedPoint::addic));
        r.add(d("addic.", "D", 13, "RT,RA,SI", FixedPoint::addic));
        r.add(d("addi", "D", 14, "RT,RA,SI", FixedPoint::addi));
        r.add(d("addis", "D", 15, "RT,RA,SI", FixedPoint::addis));
        // D-form logical
        r.add(d("ori", "D", 24, "RA,RS,UI", (e, w, pc) -> logicalImm(e, w, 0, false)));
        r.add(d("oris", "D", 25, "RA,RS,UI", (e, w, pc) -> logicalImm(e, w, 0, true)));
        r.add(d("xori", "D", 26, "RA,RS,UI", (e, w, pc) -> logicalImm(e, w, 1, false)));
        r.add(d("xoris", "D", 27, "RA,RS,UI", (e, w, pc) -> logicalImm(e, w, 1, true)));
        r.add(d("andi.", "D", 28, "RA,RS,UI", (e, w, pc) -> logicalImm(e, w, 2, false)));
        r.add(d("andis.", "D", 29, "RA,RS,UI", (e, w, pc) -> logicalImm(e, w, 2, true)));
        // M-form rotates
        r.addAll(mRc("rlwimi", "M", 20, "RA,RS,SH,MB,ME", FixedPoint::rlwimi));
        r.addAll(mRc("rlwinm", "M", 21, "RA,RS,SH,MB,ME", FixedPoint::rlwinm));
        r.addAll(mRc("rlwnm", "M", 23, "RA,RS,RB,MB,ME", FixedPoint::rlwnm));
        // XO-form arithmetic
        r.addAll(xo("add", 266, "RT,RA,RB", FixedPoint::add));
        r.addAll(xo("subf", 40, "RT,RA,RB", FixedPoint::subf));
        r.addAll(xo("addc", 10, "RT,RA,RB", (e, w, pc) -> carrying(e, w, false, gpr(e, Fields.rb(w)), -1)));
        r.addAll(xo("subfc", 8, "RT,RA,RB", (e, w, pc) -> carrying(e, w, true, gpr(e, Fields.rb(w)), e.const32(1))));
        r.addAll(xo("adde", 138, "RT,RA,RB", (e, w, pc) -> carrying(e, w, false, gpr(e, Fields.rb(w)), e.get(XER_CA))));
        r.addAll(xo("subfe", 136, "RT,RA,RB", (e, w, pc) -> carrying(e, w, true, gpr(e, Fields.rb(w)), e.get(XER_CA))));
        r.addAll(xo("addme", 234, "RT,RA", (e, w, pc) -> carrying(e, w, false, e.const32(-1), e.get(XER_CA))));
        r.addAll(xo("addze", 202, "RT,RA", (e, w, pc) -> carrying(e, w, false, e.const32(0), e.get(XER_CA))));
        r.addAll(xo("subfme", 232, "RT,RA", (e, w, pc) -> carrying(e, w, true, e.const32(-1), e.get(XER_CA))));
        r.addAll(xo("subfze", 200, "RT,RA", (e, w, pc) -> carrying(e, w, true, e.const32(0), e.get(XER_CA))));
        r.addAll(xo("neg", 104, "RT,RA", FixedPoint::neg));
        r.addAll(xo("mullw", 235, "RT,RA,RB", FixedPoint::mullw));
        r.addAll(xo("divw", 491, "RT,RA,RB", (e, w, pc) -> divide(e, w, true)));
        r.addAll(xo("divwu", 459, "RT,RA,RB", (e, w, pc) -> divide(e, w, false)));
        r.addAll(xoNoOe("mulhw", 75, "RT,RA,RB", (e, w, pc) -> mulh(e, w, true)));
        r.addAll(xoNoOe("mulhwu", 11, "RT,RA,RB", (e, w, pc) -> mulh(e, w, false)));
        // X-form compare
        r.add(x("cmp", "X", 31, 0, "BF,RA,RB", (e, w, pc) -> compare(e, w, true)));
        r.add(x("cmpl", "X", 31, 32, "BF,RA,RB", (e, w, pc) -> compare(e, w, false)));
        // X-form logical, shifts, counts
        r.addAll(xRc("and", 31, 28, "RA,RS,RB", (e, w, pc) -> logical(e, w, 0)));
        r.addAll(xRc("andc", 31, 60, "RA,RS,RB", (e, w, pc) -> logical(e, w, 1)));
        r.addAll(xRc("or", 31, 444, "RA,RS,RB", (e, w, pc) -> logical(e, w, 2)));
        r.addAll(xRc("orc", 31, 412, "RA,RS,RB", (e, w, pc) -> logical(e, w, 3)));
        r.addAll(xRc("xor", 31, 316, "RA,RS,RB", (e, w, pc) -> logical(e, w, 4)));
        r.addAll(xRc("nand", 31, 476, "RA,RS,RB", (e, w, pc) -> logical(e, w, 5)));
        r.addAll(xRc("nor", 31, 124, "RA,RS,RB", (e, w, pc) -> logical(e, w, 6)));
        r.addAll(xRc("eqv", 31, 284, "RA,RS,RB", (e, w, pc) -> logical(e, w, 7)));
        r.addAll(xRc("slw", 31, 24, "RA,RS,RB", (e, w, pc) -> shiftLogical(e, w, true)));
        r.addAll(xRc("srw", 31, 536, "RA,RS,RB", (e, w, pc) -> shiftLogical(e, w, false)));
        r.addAll(xRc("sraw", 31, 792, "RA,RS,RB", FixedPoint::sraw));
        r.addAll(xRc("srawi", 31, 824, "RA,RS,SH", FixedPoint::srawi));
        r.addAll(xRc("cntlzw", 31, 26, "RA,RS", (e, w, pc) -> unary(e, w, 0)));
        r.addAll(xRc("extsh", 31, 922, "RA,RS", (e, w, pc) -> unary(e, w, 1)));
        r.addAll(xRc("extsb", 31, 954, "RA,RS", (e, w, pc) -> unary(e, w, 2)));
        // CR logical (XL-form) and CR / XER / SPR moves
        r.add(x("crand", "XL", 19, 257, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 0)));
        r.add(x("crandc", "XL", 19, 129, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 1)));
        r.add(x("cror", "XL", 19, 449, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 2)));
        r.add(x("crorc", "XL", 19, 417, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 3)));
        r.add(x("crxor", "XL", 19, 193, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 4)));
        r.add(x("crnand", "XL", 19, 225, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 5)));
        r.add(x("crnor", "XL", 19, 33, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 6)));
        r.add(x("creqv", "XL", 19, 289, "BT,BA,BB", (e, w, pc) -> crLogical(e, w, 7)));
        r.add(x("mcrf", "XL", 19, 0, "BF,BFA", (e, w, pc) -> e.set(CR[Fields.bf(w)], e.get(CR[Fields.bfa(w)]))));
        r.add(x("mfcr", "XFX", 31, 19, "RT", FixedPoint::mfcr));
        r.add(x("mtcrf", "XFX", 31, 144, "FXM,RS", FixedPoint::mtcrf));
        r.add(x("mcrxr", "X", 31, 512, "BF", FixedPoint::mcrxr));
        r.add(x("mfspr", "XFX", 31, 339, "RT,SPR", FixedPoint::mfspr));
        r.add(x("mtspr", "XFX", 31, 467, "SPR,RS", FixedPoint::mtspr));
        r.add(x("mftb", "XFX", 31, 371, "RT,SPR", FixedPoint::mfspr));
        return r;
    }

    // ---- arithmetic

    private static void addi(IrEmitter e, int w, int pc) {
        int ra = Fields.ra(w);
        setGpr(e, Fields.rt(w), ra == 0 ? e.const32(Fields.si(w)) : e.addImm(gpr(e, ra), Fields.si(w)));
    }

    private static void addis(IrEmitter e, int w, int pc) {
        int ra = Fields.ra(w), imm = Fields.si(w) << 16;
        setGpr(e, Fields.rt(w), ra == 0 ? e.const32(imm) : e.addImm(gpr(e, ra), imm));
    }

    /** addic and addic. (opcode 13 records). */
    private static void addic(IrEmitter e, int w, int pc) {
        int r = addCarrying(e, gpr(e, Fields.ra(w)), e.const32(Fields.si(w)), -1);
        setGpr(e, Fields.rt(w), r);
        if (Fields.opcd(w) == 13) PpcIr.setCr0(e, r);
    }

    private static void subfic(IrEmitter e, int w, int pc) {
        int r = addCarrying(e, e.not(gpr(e, Fields.ra(w))), e.const32(Fields.si(w)), e.const32(1));
        setGpr(e, Fields.rt(w), r);
    }

    private static void mulli(IrEmitter e, int w, int pc) {
        setGpr(e, Fields.rt(w), e.mul(gpr(e, Fields.ra(w)), e.const32(Fields.si(w))));
    }

    /** Writes RT, then OV/SO for o-forms (ov computed only then), then CR0 for record forms. */
    private interface Overflow { int compute(); }

    private static void finish(IrEmitter e, int w, int r, Overflow ov) {
        setGpr(e, Fields.rt(w), r);
        if (Fields.oe(w)) PpcIr.setOv(e, ov.compute());
        recordIf(e, w, r);
    }

    private static void add(IrEmitter e, int w, int pc) {
        int a = gpr(e, Fields.ra(w)), b = gpr(e, Fields.rb(w)), r = e.add(a, b);
        finish(e, w, r, () -> addOverflow(e, a, b, r));
    }

    /** subf: RT = ~RA + RB + 1, i.e. RB - RA. */
    private static void subf(IrEmitter e, int w, int pc) {
        int a = gpr(e, Fields.ra(w)), b = gpr(e, Fields.rb(w)), r = e.sub(b, a);
        finish(e, w, r, () -> addOverflow(e, e.not(a), b, r));
    }

    /** The carrying family: RT = (RA or ~RA) + b + cin, CA = carry out. */
    private static void carrying(IrEmitter e, int w, boolean complementA, int b, int cin) {
        int a = gpr(e, Fields.ra(w));
        int x = complementA ? e.not(a) : a;
        int r = addCarrying(e, x, b, cin);
        finish(e, w, r, () -> addOverflow(e, x, b, r));
    }

    private static void neg(IrEmitter e, int w, int pc) {
        int a = gpr(e, Fields.ra(w)), r = e.neg(a);
        finish(e, w, r, () -> e.eq(a, e.const32(Integer.MIN_VALUE)));
    }

    private static void mullw(IrEmitter e, int w, int pc) {
        int a = gpr(e, Fields.ra(w)), b = gpr(e, Fields.rb(w));
        if (!Fields.oe(w)) {
            finish(e, w, e.mul(a, b), null);
            return;
        }
        int p = e.mul64(e.sext32to64(a), e.sext32to64(b)), r = e.lo32(p);
        finish(e, w, r, () -> e.ne(e.hi32(p), e.shrsImm(r, 31)));
    }

    private static void mulh(IrEmitter e, int w, boolean signed) {
        int a = gpr(e, Fields.ra(w)), b = gpr(e, Fields.rb(w));
        finish(e, w, signed ? e.mulhs(a, b) : e.mulhu(a, b), null);
    }

    /** divw / divwu; an invalid division yields the dividend, as qemu-ppc does. */
    private static void divide(IrEmitter e, int w, boolean signed) {
        int a = gpr(e, Fields.ra(w)), b = gpr(e, Fields.rb(w));
        int invalid = e.eq(b, e.const32(0));
        if (signed)
            invalid = e.bor(invalid, e.band(e.eq(a, e.const32(Integer.MIN_VALUE)), e.eq(b, e.const32(-1))));
        int q = signed ? e.divs(a, b) : e.divu(a, b);
        int bad = invalid;
        finish(e, w, e.select(bad, a, q), () -> bad);
    }

    // ---- compare

    private static void compare(IrEmitter e, int w, boolean signed) {
        setCompare(e, Fields.bf(w), gpr(e, Fields.ra(w)), gpr(e, Fields.rb(w)), signed);
    }

    private static void cmpi(IrEmitter e, int w, int pc) {
        setCompare(e, Fields.bf(w), gpr(e, Fields.ra(w)), e.const32(Fields.si(w)), true);
    }

    private static void cmpli(IrEmitter e, int w, int pc) {
        setCompare(e, Fields.bf(w), gpr(e, Fields.ra(w)), e.const32(Fields.ui(w)), false);
    }

    private static void setCompare(IrEmitter e, int bf, int a, int b, boolean signed) {
        int lt = signed ? e.lts(a, b) : e.ltu(a, b), gt = signed ? e.gts(a, b) : e.gtu(a, b);
        e.set(CR[bf], PpcIr.crField(e, lt, gt));
    }

    // ---- logical

    /** op: 0 or, 1 xor, 2 and (always records CR0); shifted = the "is" forms. */
    private static void logicalImm(IrEmitter e, int w, int op, boolean shifted) {
        int imm = shifted ? Fields.ui(w) << 16 : Fields.ui(w);
        int s = gpr(e, Fields.rs(w)), c = e.const32(imm);
        int r = switch (op) {
            case 0 -> e.or(s, c);
            case 1 -> e.xor(s, c);
            default -> e.and(s, c);
        };
        setGpr(e, Fields.ra(w), r);
        if (op == 2) PpcIr.setCr0(e, r);
    }

    /** op: 0 and, 1 andc, 2 or, 3 orc, 4 xor, 5 nand, 6 nor, 7 eqv. */
    private static void logical(IrEmitter e, int w, int op) {
        int s = gpr(e, Fields.rs(w)), b = Fields.rs(w) == Fields.rb(w) ? s : gpr(e, Fields.rb(w));
        int r = switch (op) {
            case 0 -> e.and(s, b);
            case 1 -> e.and(s, e.not(b));
            case 2 -> s == b ? s : e.or(s, b); // "mr" is or RA,RS,RS
            case 3 -> e.or(s, e.not(b));
            case 4 -> e.xor(s, b);
            case 5 -> e.not(e.and(s, b));
            case 6 -> e.not(e.or(s, b));
            default -> e.not(e.xor(s, b));
        };
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    /** op: 0 cntlzw, 1 extsh, 2 extsb. */
    private static void unary(IrEmitter e, int w, int op) {
        int s = gpr(e, Fields.rs(w));
        int r = op == 0 ? e.clz(s) : op == 1 ? e.sext16(s) : e.sext8(s);
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    // ---- rotate and shift

    /** rlwinm, with slwi/srwi spelled as plain shifts so the backend sees simple ops. */
    private static void rlwinm(IrEmitter e, int w, int pc) {
        int s = gpr(e, Fields.rs(w)), sh = Fields.sh(w), m = PpcIr.rotateMask(Fields.mb(w), Fields.me(w));
        int r;
        if (sh == 0) r = m == -1 ? s : e.andImm(s, m);
        else if (m == -1 << sh) r = e.shlImm(s, sh);
        else if (m == -1 >>> (32 - sh)) r = e.shruImm(s, 32 - sh);
        else {
            int rot = e.rotl(s, e.const32(sh));
            r = m == -1 ? rot : e.andImm(rot, m);
        }
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    private static void rlwnm(IrEmitter e, int w, int pc) {
        int m = PpcIr.rotateMask(Fields.mb(w), Fields.me(w));
        int rot = e.rotl(gpr(e, Fields.rs(w)), gpr(e, Fields.rb(w)));
        int r = m == -1 ? rot : e.andImm(rot, m);
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    private static void rlwimi(IrEmitter e, int w, int pc) {
        int sh = Fields.sh(w), m = PpcIr.rotateMask(Fields.mb(w), Fields.me(w));
        int s = gpr(e, Fields.rs(w));
        int rot = sh == 0 ? s : e.rotl(s, e.const32(sh));
        int r = e.or(e.andImm(rot, m), e.andImm(gpr(e, Fields.ra(w)), ~m));
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    /** slw / srw: amounts 32..63 (bit 26 of RB) give 0. */
    private static void shiftLogical(IrEmitter e, int w, boolean left) {
        int s = gpr(e, Fields.rs(w)), n = gpr(e, Fields.rb(w));
        int shifted = left ? e.shl(s, n) : e.shru(s, n);
        int r = e.select(e.eq(e.andImm(n, 32), e.const32(0)), shifted, e.const32(0));
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    /** sraw: amounts >= 32 fill with the sign; CA = negative and a 1 bit was shifted out. */
    private static void sraw(IrEmitter e, int w, int pc) {
        int s = gpr(e, Fields.rs(w)), n = gpr(e, Fields.rb(w));
        int big = e.ne(e.andImm(n, 32), e.const32(0));
        int minus1 = e.const32(-1);
        int r = e.shrs(s, e.select(big, e.const32(31), n));
        int lost = e.select(big, minus1, e.not(e.shl(minus1, n)));
        setCarryOut(e, s, lost);
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    private static void srawi(IrEmitter e, int w, int pc) {
        int sh = Fields.sh(w), s = gpr(e, Fields.rs(w));
        int r = sh == 0 ? s : e.shrsImm(s, sh);
        if (sh == 0) e.set(XER_CA, e.const32(0));
        else setCarryOut(e, s, e.const32((1 << sh) - 1));
        setGpr(e, Fields.ra(w), r);
        recordIf(e, w, r);
    }

    /** CA = (s < 0) && (s & lost) != 0 for the algebraic right shifts. */
    private static void setCarryOut(IrEmitter e, int s, int lost) {
        int zero = e.const32(0);
        e.set(XER_CA, e.boolToI32(e.band(e.lts(s, zero), e.ne(e.and(s, lost), zero))));
    }

    // ---- CR logical and moves

    /** op: 0 and, 1 andc, 2 or, 3 orc, 4 xor, 5 nand, 6 nor, 7 eqv; on single CR bits. */
    private static void crLogical(IrEmitter e, int w, int op) {
        int a = PpcIr.crBit(e, Fields.bits(w, 11, 15)), b = PpcIr.crBit(e, Fields.bits(w, 16, 20));
        int one = e.const32(1);
        int r = switch (op) {
            case 0 -> e.and(a, b);
            case 1 -> e.and(a, e.xor(b, one));
            case 2 -> e.or(a, b);
            case 3 -> e.or(a, e.xor(b, one));
            case 4 -> e.xor(a, b);
            case 5 -> e.xor(e.and(a, b), one);
            case 6 -> e.xor(e.or(a, b), one);
            default -> e.xor(e.xor(a, b), one);
        };
        PpcIr.setCrBit(e, Fields.bits(w, 6, 10), r);
    }

    /** mfcr; with bit 11 set (mfocrf) and one FXM bit, only that field is copied, the rest zero (as qemu). */
    private static void mfcr(IrEmitter e, int w, int pc) {
        int fxm = Fields.bits(w, 12, 19);
        boolean one = Fields.bits(w, 11, 11) == 1 && Integer.bitCount(fxm) == 1;
        int acc = -1;
        for (int i = 0; i < 8; i++) {
            if (one && (fxm & (0x80 >>> i)) == 0) continue;
            int f = e.get(CR[i]);
            int v = i == 7 ? f : e.shlImm(f, 28 - 4 * i);
            acc = acc < 0 ? v : e.or(acc, v);
        }
        setGpr(e, Fields.rt(w), acc);
    }

    private static void mtcrf(IrEmitter e, int w, int pc) {
        int fxm = Fields.bits(w, 12, 19), s = gpr(e, Fields.rs(w));
        for (int i = 0; i < 8; i++) {
            if ((fxm & (0x80 >>> i)) == 0) continue;
            int v = i == 0 ? e.shruImm(s, 28) : e.andImm(i == 7 ? s : e.shruImm(s, 28 - 4 * i), 15);
            e.set(CR[i], v);
        }
    }

    private static void mcrxr(IrEmitter e, int w, int pc) {
        int v = e.or(e.or(e.shlImm(e.get(XER_SO), 3), e.shlImm(e.get(XER_OV), 2)), e.shlImm(e.get(XER_CA), 1));
        e.set(CR[Fields.bf(w)], v);
        int zero = e.const32(0);
        e.set(XER_SO, zero);
        e.set(XER_OV, zero);
        e.set(XER_CA, zero);
    }

    /** XER as one word: SO bit 0, OV bit 1, CA bit 2, byte count bits 25-31. */
    static int readXer(IrEmitter e) {
        int v = e.or(e.shlImm(e.get(XER_SO), 31), e.shlImm(e.get(XER_OV), 30));
        return e.or(e.or(v, e.shlImm(e.get(XER_CA), 29)), e.get(XER_BC));
    }

    static void writeXer(IrEmitter e, int v) {
        e.set(XER_SO, e.shruImm(v, 31));
        e.set(XER_OV, e.andImm(e.shruImm(v, 30), 1));
        e.set(XER_CA, e.andImm(e.shruImm(v, 29), 1));
        e.set(XER_BC, e.andImm(v, 0x7f));
    }

    /** mfspr and mftb: XER, LR, CTR and the time base; anything else is SIGILL. */
    private static void mfspr(IrEmitter e, int w, int pc) {
        int spr = Fields.spr(w), v;
        switch (spr) {
            case SPR_XER -> v = readXer(e);
            case SPR_LR -> v = e.get(LR);
            case SPR_CTR -> v = e.get(CTR);
            case SPR_TBL -> v = e.call(TB_LOWER);
            case SPR_TBU -> v = e.call(TB_UPPER);
            case SPR_PVR -> v = e.const32(PVR_750);
            default -> {
                illegalSpr(e, pc, spr);
                return;
            }
        }
        setGpr(e, Fields.rt(w), v);
    }

    private static void mtspr(IrEmitter e, int w, int pc) {
        int spr = Fields.spr(w), s = gpr(e, Fields.rs(w));
        switch (spr) {
            case SPR_XER -> writeXer(e, s);
            case SPR_LR -> e.set(LR, s);
            case SPR_CTR -> e.set(CTR, s);
            default -> illegalSpr(e, pc, spr);
        }
    }

    /** SPRs with bit 0x10 of the 10-bit number set are privileged; the rest are just unknown here. */
    private static void illegalSpr(IrEmitter e, int pc, int spr) {
        boolean privileged = (spr & 0x10) != 0;
        e.trap(privileged ? GuestException.PRIVILEGED_INSTRUCTION : GuestException.UNDEFINED_INSTRUCTION, pc,
                privileged ? "privileged instruction" : "unsupported SPR " + spr);
    }
}
