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
 * VPMAX, VPMIN, VCEQ, VCGE, VCGT, VACGE, VACGT), VABS/VNEG.F32 and VCVT between F32 and
 * S32/U32 (no fraction bits), all in {@link NeonFloat} under the standard FPSCR value. Absent
 * (UNDEFINED): VRECPE/VRSQRTE/VRECPS/VRSQRTS, compares with #0, fixed-point VCVT, by-scalar forms.
 */
final class NeonFloatRows {
    private NeonFloatRows() { }

    private static final int MASK = 0xffb00f10;

    private static final Helper BINARY = Helper.of(NeonFloat.class, "binary"), PAIRWISE = Helper.of(NeonFloat.class, "pairwise"),
            ACCUMULATE = Helper.of(NeonFloat.class, "accumulate"), CONVERT = Helper.of(NeonFloat.class, "convert");

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
