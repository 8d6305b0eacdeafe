package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.m;
import static dynvm.arm.neon.NeonFields.n;
import static dynvm.arm.neon.NeonFields.q;
import static dynvm.arm.neon.NeonFields.qOk;
import static dynvm.arm.neon.NeonFields.regs;

import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-precision Advanced SIMD (sz = 0; sz = 1, half precision, is UNDEFINED in ARMv7): the
 * float three-same forms (VADD, VSUB, VMUL, VMLA, VMLS, VFMA, VFMS, VABD, VMAX, VMIN, VPADD,
 * VPMAX, VPMIN, VCEQ, VCGE, VCGT, VACGE, VACGT, VRECPS, VRSQRTS), VABS/VNEG.F32, compares with #0,
 * VRECPE/VRSQRTE (.F32 and .U32, the architecture's estimate tables) and VCVT between F32 and
 * S32/U32 (also with fraction bits, in the shift-immediate space), all in {@link NeonFloat} under
 * the standard FPSCR value, and VCVT between F32 and F16 (IEEE half precision; FPSCR.AHP is RAZ
 * here). The by-scalar float forms are {@link NeonScalar}. Half-precision arithmetic (sz = 1) is
 * UNDEFINED in ARMv7.
 */
final class NeonFloatRows {
    private NeonFloatRows() { }

    private static final int MASK = 0xffb00f10;

    private static final Helper BINARY = Helper.of(NeonFloat.class, "binary"), PAIRWISE = Helper.of(NeonFloat.class, "pairwise"),
            ACCUMULATE = Helper.of(NeonFloat.class, "accumulate"), CONVERT = Helper.of(NeonFloat.class, "convert"),
            CONVERT_FIXED = Helper.of(NeonFloat.class, "convertFixed"), ESTIMATE = Helper.of(NeonFloat.class, "estimate"),
            TO_HALF = Helper.of(NeonFloat.class, "toHalf"), FROM_HALF = Helper.of(NeonFloat.class, "fromHalf");

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        binary(r, "vadd.f32", 0xf2000d00, NeonFloat.ADD);
        binary(r, "vsub.f32", 0xf2200d00, NeonFloat.SUB);
        binary(r, "vabd.f32", 0xf3200d00, NeonFloat.ABD);
        binary(r, "vmul.f32", 0xf3000d10, NeonFloat.MUL);
        binary(r, "vceq.f32", 0xf2000e00, NeonFloat.CEQ);
        binary(r, "vcge.f32", 0xf3000e00, NeonFloat.CGE);
        binary(r, "vcgt.f32", 0xf3200e00, NeonFloat.CGT);
        binary(r, "vacge.f32", 0xf3000e10, NeonFloat.ACGE);
        binary(r, "vacgt.f32", 0xf3200e10, NeonFloat.ACGT);
        binary(r, "vmax.f32", 0xf2000f00, NeonFloat.MAX);
        binary(r, "vmin.f32", 0xf2200f00, NeonFloat.MIN);
        pairwise(r, "vpadd.f32", 0xf3000d00, NeonFloat.ADD);
        pairwise(r, "vpmax.f32", 0xf3000f00, NeonFloat.MAX);
        pairwise(r, "vpmin.f32", 0xf3200f00, NeonFloat.MIN);
        binary(r, "vrecps.f32", 0xf2000f10, NeonFloat.RECPS);
        binary(r, "vrsqrts.f32", 0xf2200f10, NeonFloat.RSQRTS);
        accumulate(r, "vmla.f32", 0xf2000d10, NeonFloat.MLA);
        accumulate(r, "vmls.f32", 0xf2200d10, NeonFloat.MLS);
        accumulate(r, "vfma.f32", 0xf2000c10, NeonFloat.FMA);
        accumulate(r, "vfms.f32", 0xf2200c10, NeonFloat.FMS);
        // two registers misc, size 10: VABS/VNEG.F32 (A = 01, B = 1110x / 1111x), VCVT (A = 11, B = 11 op Q)
        int misc = 0xffbf0f90, base = 0xf3b80000;
        r.add(NeonRow.of("vabs.f32", misc, base | 0x10700, "Qd,Qm", w -> qOk(w, d(w), m(w)),
                (e, w) -> unaryIr(e, w, v -> e.and64(v, e.const64(0x7fff_ffff_7fff_ffffL)))));
        r.add(NeonRow.of("vneg.f32", misc, base | 0x10780, "Qd,Qm", w -> qOk(w, d(w), m(w)),
                (e, w) -> unaryIr(e, w, v -> e.xor64(v, e.const64(0x8000_0000_8000_0000L)))));
        String[] cvt = {"vcvt.f32.s32", "vcvt.f32.u32", "vcvt.s32.f32", "vcvt.u32.f32"};
        int[] ops = {NeonFloat.FROM_S32, NeonFloat.FROM_U32, NeonFloat.TO_S32, NeonFloat.TO_U32};
        for (int op = 0; op < 4; op++) {
            int o = ops[op];
            r.add(NeonRow.of(cvt[op], misc, base | 0x30600 | op << 7, "Qd,Qm", w -> qOk(w, d(w), m(w)),
                    (e, w) -> unaryIr(e, w, v -> e.call(CONVERT, v, e.const32(o)))));
        }
        // compares with #0: A = 01, B = 1 op(3) (F = 1); VCLE/VCLT compare zero with the operand
        String[] cmpz = {"vcgt.f32", "vcge.f32", "vceq.f32", "vcle.f32", "vclt.f32"};
        int[] cmpOp = {NeonFloat.CGT, NeonFloat.CGE, NeonFloat.CEQ, NeonFloat.CGE, NeonFloat.CGT};
        for (int op = 0; op < 5; op++) {
            int o = cmpOp[op];
            boolean swap = op >= 3;
            r.add(NeonRow.of(cmpz[op], misc, base | 0x10400 | op << 7, "Qd,Qm,#0", w -> qOk(w, d(w), m(w)), (e, w) ->
                    unaryIr(e, w, v -> swap ? e.call(BINARY, e.const64(0), v, e.const32(o)) : e.call(BINARY, v, e.const64(0), e.const32(o)))));
        }
        // VRECPE (A = 11, B = 10 F 0 Q) and VRSQRTE (B = 10 F 1 Q); F = 0: .U32
        String[] est = {"vrecpe.u32", "vrsqrte.u32", "vrecpe.f32", "vrsqrte.f32"};
        int[] estOp = {NeonFloat.RECPE_U32, NeonFloat.RSQRTE_U32, NeonFloat.RECPE, NeonFloat.RSQRTE};
        for (int k = 0; k < 4; k++) {
            int o = estOp[k];
            r.add(NeonRow.of(est[k], misc, base | 0x30400 | (k >> 1) << 8 | (k & 1) << 7, "Qd,Qm", w -> qOk(w, d(w), m(w)),
                    (e, w) -> unaryIr(e, w, v -> e.call(ESTIMATE, v, e.const32(o)))));
        }
        // VCVT between F32 and F16 (half-precision extension, which the Cortex-A15 has): A = 10, B = 11 op 00, size 01
        r.add(NeonRow.of("vcvt.f16.f32", 0xffbf0fd0, 0xf3b60600, "Dd,Qm", w -> (m(w) & 1) == 0, (e, w) ->
                NeonIr.writeD(e, d(w), e.call(TO_HALF, NeonIr.readD(e, m(w)), NeonIr.readD(e, m(w) + 1)))));
        r.add(NeonRow.of("vcvt.f32.f16", 0xffbf0fd0, 0xf3b60700, "Qd,Dm", w -> (d(w) & 1) == 0, (e, w) -> {
            int a = NeonIr.readD(e, m(w));
            int lo = e.call(FROM_HALF, a, e.const32(0)), hi = e.call(FROM_HALF, a, e.const32(2));
            NeonIr.writeD(e, d(w), lo);
            NeonIr.writeD(e, d(w) + 1, hi);
        }));
        // VCVT between F32 and fixed point: 1111 001U 1 D imm6 Vd 111 op 0 Q M 1 Vm, imm6 = 1xxxxx, fbits = 64 - imm6
        for (int op = 0; op < 2; op++)
            for (int u = 0; u < 2; u++) {
                int o = op == 0 ? (u == 0 ? NeonFloat.FROM_S32 : NeonFloat.FROM_U32) : (u == 0 ? NeonFloat.TO_S32 : NeonFloat.TO_U32);
                String t = u == 0 ? "s32" : "u32";
                r.add(NeonRow.of(op == 0 ? "vcvt.f32." + t : "vcvt." + t + ".f32", 0xff800f90, 0xf2800e10 | u << 24 | op << 8, "Qd,Qm,#fbits",
                        w -> (w >>> 21 & 1) != 0 && qOk(w, d(w), m(w)),
                        (e, w) -> unaryIr(e, w, v -> e.call(CONVERT_FIXED, v, e.const32(o), e.const32(64 - (w >>> 16 & 0x3f))))));
            }
        return r;
    }

    private static void binary(List<NeonRow> r, String name, int match, int op) {
        r.add(NeonRow.of(name, MASK | 0x300000, match, "Qd,Qn,Qm", w -> qOk(w, d(w), n(w), m(w)), (e, w) -> {
            int[] out = new int[regs(w)];
            for (int i = 0; i < out.length; i++)
                out[i] = e.call(BINARY, NeonIr.readD(e, n(w) + i), NeonIr.readD(e, m(w) + i), e.const32(op));
            for (int i = 0; i < out.length; i++) NeonIr.writeD(e, d(w) + i, out[i]);
        }));
    }

    private static void pairwise(List<NeonRow> r, String name, int match, int op) {
        r.add(NeonRow.of(name, MASK | 0x300000, match, "Qd,Qn,Qm", w -> !q(w), (e, w) ->
                NeonIr.writeD(e, d(w), e.call(PAIRWISE, NeonIr.readD(e, n(w)), NeonIr.readD(e, m(w)), e.const32(op)))));
    }

    private static void accumulate(List<NeonRow> r, String name, int match, int op) {
        r.add(NeonRow.of(name, MASK | 0x300000, match, "Qd,Qn,Qm", w -> qOk(w, d(w), n(w), m(w)), (e, w) -> {
            int[] out = new int[regs(w)];
            for (int i = 0; i < out.length; i++)
                out[i] = e.call(ACCUMULATE, NeonIr.readD(e, d(w) + i), NeonIr.readD(e, n(w) + i), NeonIr.readD(e, m(w) + i), e.const32(op));
            for (int i = 0; i < out.length; i++) NeonIr.writeD(e, d(w) + i, out[i]);
        }));
    }

    private static void unaryIr(IrEmitter e, int w, java.util.function.IntUnaryOperator f) {
        int[] out = new int[regs(w)];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsInt(NeonIr.readD(e, m(w) + i));
        for (int i = 0; i < out.length; i++) NeonIr.writeD(e, d(w) + i, out[i]);
    }
}
