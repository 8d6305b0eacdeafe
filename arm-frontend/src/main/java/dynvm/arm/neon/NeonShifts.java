package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.m;
import static dynvm.arm.neon.NeonFields.q;
import static dynvm.arm.neon.NeonFields.qOk;
import static dynvm.arm.neon.NeonFields.regs;

import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Two registers and a shift amount (ARM ARM A7.4.4): {@code 1111 001U 1 D imm6 Vd opc L Q M 1 Vm},
 * the element size from L:imm6 (1xxxxxx 64, 01xxxxx 32, 001xxxx 16, 0001xxx 8; 0000xxx is the
 * modified-immediate space). Here VSHR, VSRA, VRSHR, VRSRA, VSRI, VSHL, VSLI, VSHRN, VRSHRN and
 * VSHLL/VMOVL; absent (UNDEFINED): VQSHL/VQSHLU, the saturating narrows, VCVT fixed point.
 */
final class NeonShifts {
    private NeonShifts() { }

    private static final int MASK = 0xff800f10, BASE = 0xf2800010;

    static int esize(int w) {
        int limm = (w >>> 1 & 0x40) | w >>> 16 & 0x3f;   // L (bit 7) : imm6
        return limm >= 64 ? 64 : limm >= 32 ? 32 : limm >= 16 ? 16 : limm >= 8 ? 8 : 0;
    }

    static int imm6(int w) { return w >>> 16 & 0x3f; }

    /** Right shifts: esize*2 - imm6 (64 - imm6 for 64-bit). */
    static int rightShift(int w) { int es = esize(w); return es == 64 ? 64 - imm6(w) : 2 * es - imm6(w); }

    /** Left shifts: imm6 - esize (imm6 for 64-bit). */
    static int leftShift(int w) { int es = esize(w); return es == 64 ? imm6(w) : imm6(w) - es; }

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        for (int u = 0; u < 2; u++) {
            String t = u == 1 ? ".u" : ".s";
            int uu = u << 24, uctl = u == 1 ? NeonLanes.UNSIGNED : 0;
            right(r, "vshr" + t, uu | 0x000, false, uctl);
            right(r, "vsra" + t, uu | 0x100, true, uctl);
            right(r, "vrshr" + t, uu | 0x200, false, uctl | NeonLanes.ROUND);
            right(r, "vrsra" + t, uu | 0x300, true, uctl | NeonLanes.ROUND);
            // VSHLL / VMOVL: opc 1010, L = 0, Q (bit 6) = 0
            r.add(NeonRow.of("vshll" + t, MASK | 0xc0, BASE | uu | 0xa00, "Qd,Dm,#shl",
                    w -> esize(w) != 0 && esize(w) != 64 && (d(w) & 1) == 0, (e, w) -> {
                        int ctl = esize(w) | uctl | leftShift(w) << 16, a = NeonIr.readD(e, m(w));
                        int lo = NeonIr.lanes(e, "widen", a, e.const32(0), e.const32(ctl));
                        int hi = NeonIr.lanes(e, "widen", a, e.const32(32 / esize(w)), e.const32(ctl));
                        NeonIr.writeD(e, d(w), lo);
                        NeonIr.writeD(e, d(w) + 1, hi);
                    }));
        }
        // saturating narrows: VQSHRUN/VQRSHRUN (U = 1, opc 1000), VQSHRN/VQRSHRN (opc 1001, U = signedness); bit 6 = rounding
        for (int round = 0; round < 2; round++) {
            int rc = round == 1 ? NeonLanes.ROUND : 0;
            String rr = round == 1 ? "r" : "";
            satNarrow(r, "vq" + rr + "shrun.s", 0x1000800 | round << 6, rc | NeonSat.DST_UNSIGNED);
            satNarrow(r, "vq" + rr + "shrn.s", 0x900 | round << 6, rc);
            satNarrow(r, "vq" + rr + "shrn.u", 0x1000900 | round << 6, rc | NeonLanes.UNSIGNED | NeonSat.DST_UNSIGNED);
        }
        // VQSHLU (U = 1, opc 0110), VQSHL (opc 0111, U = signedness)
        qshl(r, "vqshlu.s", 0x1000600, NeonSat.DST_UNSIGNED);
        qshl(r, "vqshl.s", 0x700, 0);
        qshl(r, "vqshl.u", 0x1000700, NeonLanes.UNSIGNED | NeonSat.DST_UNSIGNED);
        r.add(NeonRow.of("vsri", MASK, BASE | 0x1000400, "Qd,Qm,#shr", w -> esize(w) != 0 && qOk(w, d(w), m(w)),
                (e, w) -> each(e, w, true, "vsri", esize(w) | rightShift(w) << 16)));
        r.add(NeonRow.of("vshl.i", MASK, BASE | 0x500, "Qd,Qm,#shl", w -> esize(w) != 0 && qOk(w, d(w), m(w)),
                (e, w) -> each(e, w, false, "vshl", esize(w) | leftShift(w) << 16)));
        r.add(NeonRow.of("vsli", MASK, BASE | 0x1000500, "Qd,Qm,#shl", w -> esize(w) != 0 && qOk(w, d(w), m(w)),
                (e, w) -> each(e, w, true, "vsli", esize(w) | leftShift(w) << 16)));
        // VSHRN / VRSHRN: 1111 0010 1 D imm6 Vd 1000 0 op M 1 Vm (op = bit 6: rounding); destination lanes esize
        for (int round = 0; round < 2; round++) {
            int rctl = round == 1 ? NeonLanes.ROUND : 0;
            r.add(NeonRow.of(round == 1 ? "vrshrn.i" : "vshrn.i", MASK | 0x10000c0, BASE | 0x800 | round << 6, "Dd,Qm,#shrn",
                    w -> esize(w) != 0 && esize(w) != 64 && (m(w) & 1) == 0, (e, w) -> {
                        int es = esize(w), ctl = es | rctl | (es - imm6(w) + es) << 16;   // shift = 2*es - imm6 of the narrow size
                        NeonIr.writeD(e, d(w), NeonIr.lanes(e, "narrow", NeonIr.readD(e, m(w)), NeonIr.readD(e, m(w) + 1), e.const32(ctl)));
                    }));
        }
        return r;
    }

    private static void satNarrow(List<NeonRow> r, String name, int bits, int ctl) {
        r.add(NeonRow.of(name, MASK | 0xc0, BASE | bits, "Dd,Qm,#shrn",
                w -> esize(w) != 0 && esize(w) != 64 && (m(w) & 1) == 0, (e, w) -> {
                    int es = esize(w), c = es | ctl | (2 * es - imm6(w)) << 16;
                    NeonIr.writeD(e, d(w), NeonIr.sat(e, "qnarrow", NeonIr.readD(e, m(w)), NeonIr.readD(e, m(w) + 1), e.const32(c)));
                }));
    }

    private static void qshl(List<NeonRow> r, String name, int bits, int ctl) {
        r.add(NeonRow.of(name, MASK, BASE | bits, "Qd,Qm,#shl", w -> esize(w) != 0 && qOk(w, d(w), m(w)), (e, w) -> {
            int k = regs(w), c = esize(w) | ctl | leftShift(w) << 16;
            int[] out = new int[k];
            for (int i = 0; i < k; i++) out[i] = NeonIr.sat(e, "qshl", NeonIr.readD(e, m(w) + i), e.const32(c));
            for (int i = 0; i < k; i++) NeonIr.writeD(e, d(w) + i, out[i]);
        }));
    }

    private static void right(List<NeonRow> r, String name, int bits, boolean acc, int ctl) {
        r.add(NeonRow.of(name, MASK, BASE | bits, "Qd,Qm,#shr", w -> esize(w) != 0 && qOk(w, d(w), m(w)),
                (e, w) -> each(e, w, acc, acc ? "vsra" : "vshr", ctl | esize(w) | rightShift(w) << 16)));
    }

    /** Applies the helper to each D register of Qm (with Qd's when {@code withD}). */
    private static void each(IrEmitter e, int w, boolean withD, String helper, int ctl) {
        int k = regs(w);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            int a = NeonIr.readD(e, m(w) + i);
            out[i] = withD ? NeonIr.lanes(e, helper, NeonIr.readD(e, d(w) + i), a, e.const32(ctl))
                           : NeonIr.lanes(e, helper, a, e.const32(ctl));
        }
        for (int i = 0; i < k; i++) NeonIr.writeD(e, d(w) + i, out[i]);
    }

    static boolean quad(int w) { return q(w); }
}
