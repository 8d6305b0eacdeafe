package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpFields.dd;
import static dynvm.arm.vfp.VfpFields.dm;
import static dynvm.arm.vfp.VfpFields.dn;
import static dynvm.arm.vfp.VfpFields.sd;
import static dynvm.arm.vfp.VfpFields.sm;
import static dynvm.arm.vfp.VfpFields.sn;

import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * VFP data-processing instructions (ARM ARM A7.5): {@code cond 1110 opc1 opc2 Vd 101 sz opc3 M 0
 * opc4}. The three-register arithmetic (VMLA, VMLS, VNMLA, VNMLS, VMUL, VNMUL, VADD, VSUB, VDIV),
 * and in the opc1 = 1x11 space VMOV (immediate, register), VABS, VNEG, VSQRT, VCMP{E} (also with
 * #0.0) and the VCVTs between single and double, float and 32-bit integer, float and fixed point.
 *
 * <p>The multiply-accumulates are not fused: as in the pseudocode, the product is rounded (FPMul)
 * and then added (FPAdd), each step raising its own exceptions; VMLS, VNMLA and VNMLS negate with
 * FPNeg, a sign flip that also flips a NaN's sign. VABS, VNEG and VMOV never raise exceptions
 * nor touch NaNs. The VFPv4 fused forms VFMA/VFMS/VFNMA/VFNMS (opc1 1x10 and 1x01) round once
 * (FPMulAdd, {@link VfpArith#fma64}); they exist only in VFPv4 models ({@link dynvm.arm.ArmFeatureGate}).
 * VCVTB/VCVTT (opc2 001x, ARM ARM A8.8.306) convert between single and the half precision in the
 * bottom or top 16 bits of an S register, with the FPSCR's rounding, FZ (single inputs only) and
 * DN; the other half of a half-precision destination is kept. They are the half-precision
 * extension (VFPv3-HP; every VFPv4 core): {@link dynvm.arm.ArmFeatureGate} gives them to VFPv4
 * models only.
 */
final class VfpDataProcessing {
    private VfpDataProcessing() { }

    private static final int BASE = 0x0e000a00;
    /** Three-register forms: bits 27:24, opc1 without D (23, 21, 20), 11:8, opc3<0> (6), 4. */
    private static final int MASK3 = 0x0fb00f50;
    /** Two-register forms in the opc1 = 1D11 space: also opc2 (19:16) and opc3<1> (7). */
    private static final int MASK2 = 0x0fbf0fd0;

    /** The combination of FPMul and FPAdd a multiply-accumulate performs. */
    private enum Mac { VMLA, VMLS, VNMLA, VNMLS }

    static List<VfpRow> rows() {
        List<VfpRow> r = new ArrayList<>();
        for (int sz = 0; sz < 2; sz++) {
            boolean dp = sz == 1;
            String t = dp ? ".f64" : ".f32", three = dp ? "Dd,Dn,Dm" : "Sd,Sn,Sm", two = dp ? "Dd,Dm" : "Sd,Sm";
            int s = sz << 8;
            String p = dp ? "64" : "32";
            r.add(VfpRow.of("vmla" + t, MASK3, BASE | s, three, (e, w, pc) -> mac(e, w, dp, Mac.VMLA)));
            r.add(VfpRow.of("vmls" + t, MASK3, BASE | s | 0x40, three, (e, w, pc) -> mac(e, w, dp, Mac.VMLS)));
            r.add(VfpRow.of("vnmls" + t, MASK3, BASE | 0x100000 | s, three, (e, w, pc) -> mac(e, w, dp, Mac.VNMLS)));
            r.add(VfpRow.of("vnmla" + t, MASK3, BASE | 0x100000 | s | 0x40, three, (e, w, pc) -> mac(e, w, dp, Mac.VNMLA)));
            r.add(VfpRow.of("vmul" + t, MASK3, BASE | 0x200000 | s, three, (e, w, pc) -> binary(e, w, dp, "mul" + p, false)));
            r.add(VfpRow.of("vnmul" + t, MASK3, BASE | 0x200000 | s | 0x40, three, (e, w, pc) -> binary(e, w, dp, "mul" + p, true)));
            r.add(VfpRow.of("vadd" + t, MASK3, BASE | 0x300000 | s, three, (e, w, pc) -> binary(e, w, dp, "add" + p, false)));
            r.add(VfpRow.of("vsub" + t, MASK3, BASE | 0x300000 | s | 0x40, three, (e, w, pc) -> binary(e, w, dp, "sub" + p, false)));
            // VFPv4 fused: VFMA/VFMS cond 1110 1D10 Vn Vd 101 sz N op M 0 Vm, VFNMS/VFNMA with 1D01 (op 0 = VFNMS)
            r.add(VfpRow.of("vfma" + t, MASK3, BASE | 0xa00000 | s, three, (e, w, pc) -> fused(e, w, dp, false, false)));
            r.add(VfpRow.of("vfms" + t, MASK3, BASE | 0xa00000 | s | 0x40, three, (e, w, pc) -> fused(e, w, dp, false, true)));
            r.add(VfpRow.of("vfnms" + t, MASK3, BASE | 0x900000 | s, three, (e, w, pc) -> fused(e, w, dp, true, false)));
            r.add(VfpRow.of("vfnma" + t, MASK3, BASE | 0x900000 | s | 0x40, three, (e, w, pc) -> fused(e, w, dp, true, true)));
            r.add(VfpRow.of("vdiv" + t, MASK3, BASE | 0x800000 | s, three, (e, w, pc) -> binary(e, w, dp, "div" + p, false)));

            int other = BASE | 0xb00000 | s;
            // VMOV immediate: cond 1110 1D11 imm4H Vd 101 sz (0)0(0)0 imm4L
            r.add(VfpRow.of("vmov" + t, 0x0fb00ff0, other, (dp ? "Dd" : "Sd") + ",#vimm", (e, w, pc) -> {
                long v = VfpFloat.expandImm(dp ? Fmt.F64 : Fmt.F32, w >>> 12 & 0xf0 | w & 15);
                VfpIr.write(e, dp, d(w, dp), dp ? e.const64(v) : e.const32((int) v));
            }));
            r.add(VfpRow.of("vmov" + t, MASK2, other | 0x40, two, (e, w, pc) -> VfpIr.write(e, dp, d(w, dp), VfpIr.read(e, dp, m(w, dp)))));
            r.add(VfpRow.of("vabs" + t, MASK2, other | 0xc0, two, (e, w, pc) ->
                    VfpIr.write(e, dp, d(w, dp), VfpIr.abs(e, dp, VfpIr.read(e, dp, m(w, dp))))));
            r.add(VfpRow.of("vneg" + t, MASK2, other | 0x10000 | 0x40, two, (e, w, pc) ->
                    VfpIr.write(e, dp, d(w, dp), VfpIr.neg(e, dp, VfpIr.read(e, dp, m(w, dp))))));
            r.add(VfpRow.of("vsqrt" + t, MASK2, other | 0x10000 | 0xc0, two, (e, w, pc) ->
                    VfpIr.write(e, dp, d(w, dp), VfpIr.call(e, "sqrt" + p, VfpIr.read(e, dp, m(w, dp))))));
            // VCMP{E}: opc2 0100 against a register, 0101 against +0.0 (bits 5 and 3:0 are (0))
            for (int quiet = 0; quiet < 2; quiet++) {
                int eBit = quiet << 7, qnan = quiet;
                String name = (quiet == 1 ? "vcmpe" : "vcmp") + t;
                r.add(VfpRow.of(name, MASK2, other | 0x40000 | 0x40 | eBit, two, (e, w, pc) ->
                        compare(e, dp, VfpIr.read(e, dp, d(w, dp)), VfpIr.read(e, dp, m(w, dp)), qnan)));
                r.add(VfpRow.of(name, MASK2 | 0x2f, other | 0x50000 | 0x40 | eBit, (dp ? "Dd" : "Sd") + ",#0.0", (e, w, pc) ->
                        compare(e, dp, VfpIr.read(e, dp, d(w, dp)), dp ? e.const64(0) : e.const32(0), qnan)));
            }
            // VCVT between double and single: opc2 0111, opc3 11
            if (dp) r.add(VfpRow.of("vcvt.f32.f64", MASK2, other | 0x70000 | 0xc0, "Sd,Dm", (e, w, pc) ->
                    VfpIr.writeS(e, sd(w), VfpIr.call(e, "cvtF64ToF32", VfpIr.readD(e, dm(w))))));
            else r.add(VfpRow.of("vcvt.f64.f32", MASK2, other | 0x70000 | 0xc0, "Dd,Sm", (e, w, pc) ->
                    VfpIr.writeD(e, dd(w), VfpIr.call(e, "cvtF32ToF64", VfpIr.readS(e, sm(w))))));
            // VCVTB/VCVTT: opc2 001 op (1 = to half), T (bit 7) = the top half; single registers only (sz = 0)
            if (!dp)
                for (int op = 0; op < 2; op++)
                    for (int top = 0; top < 2; top++) {
                        boolean toHalf = op == 1, hi = top == 1;
                        r.add(VfpRow.of((hi ? "vcvtt" : "vcvtb") + (toHalf ? ".f16.f32" : ".f32.f16"), MASK2,
                                other | 0x20000 | op << 16 | top << 7 | 0x40, "Sd,Sm", (e, w, pc) -> half(e, w, toHalf, hi)));
                    }
            // VCVT from a 32-bit integer: opc2 1000, op (bit 7) = signed; FPSCR rounding
            for (int signed = 0; signed < 2; signed++) {
                boolean unsigned = signed == 0;
                String name = "vcvt" + t + (unsigned ? ".u32" : ".s32");
                int ctl = VfpArith.control(0, 32, unsigned, false);
                r.add(VfpRow.of(name, MASK2, other | 0x80000 | 0x40 | signed << 7, (dp ? "Dd" : "Sd") + ",Sm", (e, w, pc) ->
                        VfpIr.write(e, dp, d(w, dp), VfpIr.call(e, "fromFixed" + p, VfpIr.readS(e, sm(w)), e.const32(ctl)))));
            }
            // VCVT{R} to a 32-bit integer: opc2 110U (1100 unsigned, 1101 signed), op (bit 7) = round toward zero
            for (int signed = 0; signed < 2; signed++)
                for (int rz = 0; rz < 2; rz++) {
                    boolean unsigned = signed == 0;
                    String name = (rz == 1 ? "vcvt" : "vcvtr") + (unsigned ? ".u32" : ".s32") + t;
                    int ctl = VfpArith.control(0, 32, unsigned, rz == 1);
                    r.add(VfpRow.of(name, MASK2, other | 0xc0000 | signed << 16 | 0x40 | rz << 7, "Sd," + (dp ? "Dm" : "Sm"), (e, w, pc) ->
                            VfpIr.writeS(e, sd(w), VfpIr.call(e, "toFixed" + p, VfpIr.read(e, dp, m(w, dp)), e.const32(ctl)))));
                }
            // VCVT between floating point and fixed point: opc2 1 op 1 U, sx (bit 7) = 32-bit, imm4:i = size - fbits
            for (int op = 0; op < 2; op++)
                for (int u = 0; u < 2; u++)
                    for (int sx = 0; sx < 2; sx++)
                        r.add(fixed(dp, op == 1, u == 1, sx == 1, other | 0xa0000 | op << 18 | u << 16 | sx << 7 | 0x40));
        }
        return r;
    }

    /** VCVTB (bits 15:0) or VCVTT (bits 31:16) between Sm and Sd. */
    private static void half(IrEmitter e, int w, boolean toHalf, boolean top) {
        int src = VfpIr.readS(e, sm(w));
        if (!toHalf) {
            VfpIr.writeS(e, sd(w), VfpIr.call(e, "cvtF16ToF32", top ? e.shruImm(src, 16) : src));
            return;
        }
        int h = VfpIr.call(e, "cvtF32ToF16", src), old = VfpIr.readS(e, sd(w));
        VfpIr.writeS(e, sd(w), top ? e.or(e.andImm(old, 0xffff), e.shlImm(h, 16)) : e.or(e.andImm(old, 0xffff_0000), h));
    }

    /**
     * Fixed-point VCVT (Vd is both source and destination). To fixed point rounds toward zero, from
     * fixed point to nearest whatever FPSCR.RMode says (ARM ARM: round_zero = to_fixed,
     * round_nearest = !to_fixed); FZ and DN still apply. The integer VCVTs differ: VCVTR and the
     * conversions from an integer use the FPSCR mode.
     */
    private static VfpRow fixed(boolean dp, boolean toFixed, boolean unsigned, boolean word, int match) {
        String t = dp ? ".f64" : ".f32", x = (unsigned ? ".u" : ".s") + (word ? "32" : "16");
        String name = "vcvt" + (toFixed ? x + t : t + x), reg = dp ? "Dd" : "Sd";
        String p = dp ? "64" : "32";
        return VfpRow.of(name, MASK2, match, reg + "," + reg + ",#fbits", w -> VfpFields.fracBits(w) >= 0, (e, w, pc) -> {
            int ctl = VfpArith.control(VfpFields.fracBits(w), word ? 32 : 16, unsigned, true);
            int d = d(w, dp);
            if (toFixed) {
                int v = VfpIr.call(e, "toFixed" + p, VfpIr.read(e, dp, d), e.const32(ctl));
                if (dp) VfpIr.writeD(e, d, unsigned ? e.zext32to64(v) : e.sext32to64(v));
                else VfpIr.writeS(e, d, v);
            } else {
                int operand = dp ? e.lo32(VfpIr.readD(e, d)) : VfpIr.readS(e, d);
                VfpIr.write(e, dp, d, VfpIr.call(e, "fromFixed" + p, operand, e.const32(ctl)));
            }
        });
    }

    private static int d(int w, boolean dp) { return dp ? dd(w) : sd(w); }

    private static int n(int w, boolean dp) { return dp ? dn(w) : sn(w); }

    private static int m(int w, boolean dp) { return dp ? dm(w) : sm(w); }

    /** VMUL/VNMUL/VADD/VSUB/VDIV: Vd = op(Vn, Vm), negated (FPNeg) for VNMUL. */
    private static void binary(IrEmitter e, int w, boolean dp, String helper, boolean negate) {
        int r = VfpIr.call(e, helper, VfpIr.read(e, dp, n(w, dp)), VfpIr.read(e, dp, m(w, dp)));
        VfpIr.write(e, dp, d(w, dp), negate ? VfpIr.neg(e, dp, r) : r);
    }

    /** The multiply-accumulates: product = FPMul(Vn, Vm), then FPAdd of the (negated) addend and (negated) product. */
    private static void mac(IrEmitter e, int w, boolean dp, Mac kind) {
        String p = dp ? "64" : "32";
        int product = VfpIr.call(e, "mul" + p, VfpIr.read(e, dp, n(w, dp)), VfpIr.read(e, dp, m(w, dp)));
        int addend = VfpIr.read(e, dp, d(w, dp));
        if (kind == Mac.VMLS || kind == Mac.VNMLA) product = VfpIr.neg(e, dp, product);
        if (kind == Mac.VNMLA || kind == Mac.VNMLS) addend = VfpIr.neg(e, dp, addend);
        VfpIr.write(e, dp, d(w, dp), VfpIr.call(e, "add" + p, addend, product));
    }

    /**
     * The fused multiply-adds, as the ARM ARM writes them: Vd = FPMulAdd(addend, op1, Vm) with
     * addend = Vd (FPNeg'd for VFNMA/VFNMS) and op1 = Vn (FPNeg'd for VFMS/VFNMA). The negations
     * come first, so a NaN operand comes out with its sign flipped, as on the hardware.
     */
    private static void fused(IrEmitter e, int w, boolean dp, boolean negateAddend, boolean negateProduct) {
        int addend = VfpIr.read(e, dp, d(w, dp)), op1 = VfpIr.read(e, dp, n(w, dp));
        if (negateAddend) addend = VfpIr.neg(e, dp, addend);
        if (negateProduct) op1 = VfpIr.neg(e, dp, op1);
        VfpIr.write(e, dp, d(w, dp), VfpIr.call(e, dp ? "fma64" : "fma32", addend, op1, VfpIr.read(e, dp, m(w, dp))));
    }

    private static void compare(IrEmitter e, boolean dp, int a, int b, int quietNaNExc) {
        VfpIr.call(e, dp ? "cmp64" : "cmp32", a, b, e.const32(quietNaNExc));
    }
}
