package dynvm.ppc;

import static dynvm.ppc.PpcRegs.CR;
import static dynvm.ppc.PpcRegs.GPR;
import static dynvm.ppc.PpcRegs.XER_CA;
import static dynvm.ppc.PpcRegs.XER_OV;
import static dynvm.ppc.PpcRegs.XER_SO;

import dynvm.ir.IrEmitter;

/**
 * IR building blocks shared by the instruction chapters: operand access, effective addresses,
 * and the CR / XER updates (record, overflow and carrying forms), each spelled with few ops
 * because glibc code runs through them constantly.
 */
final class PpcIr {
    private PpcIr() { }

    static int gpr(IrEmitter e, int r) { return e.get(GPR[r]); }

    static void setGpr(IrEmitter e, int r, int value) { e.set(GPR[r], value); }

    /** (RA|0): register RA, or the constant 0 when the field names r0. */
    static int raOrZero(IrEmitter e, int ra) { return ra == 0 ? e.const32(0) : gpr(e, ra); }

    /** D-form effective address (RA|0) + d. */
    static int eaD(IrEmitter e, int ra, int d) { return ra == 0 ? e.const32(d) : e.addImm(gpr(e, ra), d); }

    /** X-form effective address (RA|0) + (RB). */
    static int eaX(IrEmitter e, int ra, int rb) { return ra == 0 ? gpr(e, rb) : e.add(gpr(e, ra), gpr(e, rb)); }

    /** A CR field (LT=8, GT=4, EQ=2) from two BOOL temps, with SO copied from XER. */
    static int crField(IrEmitter e, int lt, int gt) {
        int v = e.select(lt, e.const32(8), e.select(gt, e.const32(4), e.const32(2)));
        return e.or(v, e.get(XER_SO));
    }

    /** CR0 from a result's signed comparison with zero (record forms). */
    static void setCr0(IrEmitter e, int result) {
        int zero = e.const32(0);
        e.set(CR[0], crField(e, e.lts(result, zero), e.gts(result, zero)));
    }

    /** Sets CR0 from {@code result} when the word has Rc=1. */
    static void recordIf(IrEmitter e, int word, int result) {
        if (Fields.rcBit(word)) setCr0(e, result);
    }

    /** Writes OV from a BOOL temp and makes SO sticky. */
    static void setOv(IrEmitter e, int ovBool) {
        int ov = e.boolToI32(ovBool);
        e.set(XER_OV, ov);
        e.set(XER_SO, e.or(e.get(XER_SO), ov));
    }

    /** Signed overflow of r = a + b (+ carry in): both addends differ in sign from r. */
    static int addOverflow(IrEmitter e, int a, int b, int r) {
        return e.lts(e.and(e.xor(a, r), e.xor(b, r)), e.const32(0));
    }

    /**
     * a + b (+ cin, an I32 0/1 temp, or -1 for none) in 64 bits; the carry out goes to XER[CA],
     * the low word is returned. One formula for every carrying form (addc, subfe, addme, ...).
     */
    static int addCarrying(IrEmitter e, int a, int b, int cin) {
        int s = e.add64(e.zext32to64(a), e.zext32to64(b));
        if (cin >= 0) s = e.add64(s, e.zext32to64(cin));
        e.set(XER_CA, e.hi32(s));
        return e.lo32(s);
    }

    /** CR bit {@code bi} (0 = CR0.LT) as an I32 0/1 temp. */
    static int crBit(IrEmitter e, int bi) {
        int f = e.get(CR[bi >>> 2]);
        int shift = 3 - (bi & 3);
        return e.andImm(shift == 0 ? f : e.shruImm(f, shift), 1);
    }

    /** Sets CR bit {@code bt} to an I32 0/1 temp. */
    static void setCrBit(IrEmitter e, int bt, int bit) {
        int shift = 3 - (bt & 3);
        int f = e.andImm(e.get(CR[bt >>> 2]), ~(1 << shift));
        e.set(CR[bt >>> 2], e.or(f, shift == 0 ? bit : e.shlImm(bit, shift)));
    }

    /** The rotate mask MASK(mb, me) of the M-form, wrapping when mb > me. */
    static int rotateMask(int mb, int me) {
        int hi = -1 >>> mb, lo = -1 << (31 - me);
        return mb <= me ? hi & lo : hi | lo;
    }
}
