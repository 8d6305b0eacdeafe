package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.m;
import static dynvm.arm.neon.NeonFields.n;
import static dynvm.arm.neon.NeonFields.q;
import static dynvm.arm.neon.NeonFields.qOk;
import static dynvm.arm.neon.NeonFields.regs;

import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Integer "three registers of the same length" (ARM ARM A7.4.1):
 * {@code 1111 001U 0 D size Vn Vd opc N Q M B Vm}. Bitwise operations are plain 64-bit IR;
 * lane arithmetic calls {@link NeonLanes} per D register, saturating arithmetic {@link NeonSat}.
 * Absent here so far (UNDEFINED): VSHL/VQSHL/VRSHL/VQRSHL by register, VQDMULH/VQRDMULH and the
 * float forms (opc 1101-1111 and VFMA/VFMS).
 */
final class NeonThreeSame {
    private NeonThreeSame() { }

    private static final int MASK = 0xff800f10, BASE = 0xf2000000;

    /** How a row combines its operands for one D register. */
    private interface Combine { int apply(IrEmitter e, int dd, int nn, int mm, int ctl); }

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        // bitwise: opc 0001 B 1, U and size pick the operation
        bitwise(r, "vand", 0, 0, (e, dd, a, b) -> e.and64(a, b));
        bitwise(r, "vbic", 0, 1, (e, dd, a, b) -> e.and64(a, NeonIr.not64(e, b)));
        bitwise(r, "vorn", 0, 3, (e, dd, a, b) -> e.or64(a, NeonIr.not64(e, b)));
        bitwise(r, "veor", 1, 0, (e, dd, a, b) -> e.xor64(a, b));
        bitwise(r, "vbsl", 1, 1, (e, dd, a, b) -> e.xor64(b, e.and64(e.xor64(a, b), dd)));
        bitwise(r, "vbit", 1, 2, (e, dd, a, b) -> e.xor64(dd, e.and64(e.xor64(a, dd), b)));
        bitwise(r, "vbif", 1, 3, (e, dd, a, b) -> e.xor64(dd, e.and64(e.xor64(a, dd), NeonIr.not64(e, b))));
        // VORR: VMOV (register) when Vn = Vm
        r.add(NeonRow.of("vorr", MASK | 0x300000, BASE | 0x200110, "Qd,Qn,Qm",
                w -> qOk(w, d(w), n(w), m(w)), (e, w) -> each(e, w, 0, (ee, dd, a, b, c) -> ee.or64(a, b))));

        for (int u = 0; u < 2; u++) {
            String s = u == 1 ? ".u" : ".s";
            int uu = u << 24, uctl = u == 1 ? NeonLanes.UNSIGNED : 0;
            lanes(r, "vhadd" + s, uu | 0x000, false, "hadd", uctl);
            lanes(r, "vrhadd" + s, uu | 0x100, false, "rhadd", uctl);
            lanes(r, "vhsub" + s, uu | 0x200, false, "hsub", uctl);
            lanes(r, "vcgt" + s, uu | 0x300, false, "cgt", uctl);
            lanes(r, "vcge" + s, uu | 0x310, false, "cge", uctl);
            lanes(r, "vmax" + s, uu | 0x600, false, "max", uctl);
            lanes(r, "vmin" + s, uu | 0x610, false, "min", uctl);
            lanes(r, "vabd" + s, uu | 0x700, false, "abd", uctl);
            accumulate(r, "vaba" + s, uu | 0x710, "aba", uctl);
            lanes(r, "vpmax" + s, uu | 0xa00, false, "pmax", uctl);
            lanes(r, "vpmin" + s, uu | 0xa10, false, "pmin", uctl);
            saturating(r, "vqadd" + s, uu | 0x010, "qadd", uctl);
            saturating(r, "vqsub" + s, uu | 0x210, "qsub", uctl);
        }
        for (int u = 0; u < 2; u++) {
            int uctl = u == 1 ? NeonLanes.UNSIGNED : 0;
            String t = u == 1 ? ".u" : ".s";
            shiftReg(r, "vshl" + t, u << 24 | 0x400, uctl);
            shiftReg(r, "vrshl" + t, u << 24 | 0x500, uctl | NeonLanes.ROUND);
            saturatingShiftReg(r, "vqshl" + t, u << 24 | 0x410, uctl);
            saturatingShiftReg(r, "vqrshl" + t, u << 24 | 0x510, uctl | NeonLanes.ROUND);
        }
        // VQDMULH (U = 0) / VQRDMULH (U = 1): opc 1011, B = 0, sizes 16 and 32
        for (int u = 0; u < 2; u++) {
            int ctl = u == 1 ? NeonLanes.ROUND : 0;
            for (int size = 1; size <= 2; size++) {
                int es = 8 << size;
                r.add(NeonRow.of((u == 1 ? "vqrdmulh.s" : "vqdmulh.s") + es, MASK | 0x300000, BASE | u << 24 | 0xb00 | size << 20, "Qd,Qn,Qm",
                        w -> qOk(w, d(w), n(w), m(w)), (e, w) -> each(e, w, es | ctl, (ee, dd, a, b, c) -> NeonIr.sat(ee, "qdmulh", a, b, ee.const32(c)))));
            }
        }
        sixtyFour(r, "vadd.i", 0x800, "add");
        sixtyFour(r, "vsub.i", 0x1000800, "sub");
        lanes(r, "vtst.", 0x810, false, "tst", 0);
        lanes(r, "vceq.i", 0x1000810, false, "ceq", 0);
        accumulate(r, "vmla.i", 0x900, "mla", 0);
        accumulate(r, "vmls.i", 0x1000900, "mls", 0);
        lanes(r, "vmul.i", 0x910, false, "mul", 0);
        lanes(r, "vpadd.i", 0xb10, false, "padd", 0);
        r.add(NeonRow.of("vmul.p8", MASK | 0x300000, BASE | 0x1000910, "Qd,Qn,Qm",
                w -> qOk(w, d(w), n(w), m(w)), (e, w) -> each(e, w, 8, (ee, dd, a, b, c) -> NeonIr.lanes(ee, "pmul", a, b, ee.const32(c)))));
        return r;
    }

    private interface Bitwise { int apply(IrEmitter e, int dd, int a, int b); }

    /** opc 0001, B = 1: U and size (bits 21:20) name the operation, which ignores lanes. */
    private static void bitwise(List<NeonRow> r, String name, int u, int size, Bitwise op) {
        r.add(NeonRow.of(name, MASK | 0x300000, BASE | u << 24 | size << 20 | 0x110, "Qd,Qn,Qm",
                w -> qOk(w, d(w), n(w), m(w)), (e, w) -> each(e, w, 0, (ee, dd, a, b, c) -> op.apply(ee, dd, a, b))));
    }

    /** Rows for element sizes 8, 16, 32 (size 11 is UNDEFINED); pairwise forms are D-only. */
    private static void lanes(List<NeonRow> r, String name, int bits, boolean any, String helper, int ctl) {
        boolean pairwise = helper.startsWith("p") && !helper.equals("pmul");
        for (int size = 0; size < 3; size++) {
            int es = 8 << size;
            r.add(NeonRow.of(name + es, MASK | 0x300000, BASE | bits | size << 20, "Qd,Qn,Qm",
                    w -> pairwise ? !q(w) : qOk(w, d(w), n(w), m(w)),
                    pairwise ? (e, w) -> pair(e, w, helper, es | ctl)
                             : (e, w) -> each(e, w, es | ctl, (ee, dd, a, b, c) -> NeonIr.lanes(ee, helper, a, b, ee.const32(c)))));
        }
    }

    private static void accumulate(List<NeonRow> r, String name, int bits, String helper, int ctl) {
        for (int size = 0; size < 3; size++) {
            int es = 8 << size;
            r.add(NeonRow.of(name + es, MASK | 0x300000, BASE | bits | size << 20, "Qd,Qn,Qm",
                    w -> qOk(w, d(w), n(w), m(w)),
                    (e, w) -> each(e, w, es | ctl, (ee, dd, a, b, c) -> NeonIr.lanes(ee, helper, dd, a, b, ee.const32(c)))));
        }
    }

    private static void saturating(List<NeonRow> r, String name, int bits, String helper, int ctl) {
        for (int size = 0; size < 4; size++) {
            int es = 8 << size;
            r.add(NeonRow.of(name + es, MASK | 0x300000, BASE | bits | size << 20, "Qd,Qn,Qm",
                    w -> qOk(w, d(w), n(w), m(w)),
                    (e, w) -> each(e, w, es | ctl, (ee, dd, a, b, c) -> NeonIr.sat(ee, helper, a, b, ee.const32(c)))));
        }
    }

    /** VADD/VSUB: 64-bit lanes are plain IR, narrower lanes SWAR in {@link NeonLanes}. */
    private static void sixtyFour(List<NeonRow> r, String name, int bits, String helper) {
        for (int size = 0; size < 4; size++) {
            int es = 8 << size;
            r.add(NeonRow.of(name + es, MASK | 0x300000, BASE | bits | size << 20, "Qd,Qn,Qm",
                    w -> qOk(w, d(w), n(w), m(w)),
                    (e, w) -> each(e, w, es, (ee, dd, a, b, c) -> es == 64
                            ? (helper.equals("add") ? ee.add64(a, b) : ee.sub64(a, b))
                            : NeonIr.lanes(ee, helper, a, b, ee.const32(c)))));
        }
    }

    /** VSHL/VRSHL by register: Dd = Dm shifted by Dn's lanes (operands in the order Vd, Vm, Vn). */
    private static void shiftReg(List<NeonRow> r, String name, int bits, int ctl) {
        for (int size = 0; size < 4; size++) {
            int es = 8 << size;
            r.add(NeonRow.of(name + es, MASK | 0x300000, BASE | bits | size << 20, "Qd,Qm,Qn",
                    w -> qOk(w, d(w), n(w), m(w)),
                    (e, w) -> each(e, w, es | ctl, (ee, dd, a, b, c) -> NeonIr.lanes(ee, "shlReg", b, a, ee.const32(c)))));
        }
    }

    /** VQSHL/VQRSHL by register: as {@link #shiftReg}, saturated (FPSCR.QC). */
    private static void saturatingShiftReg(List<NeonRow> r, String name, int bits, int ctl) {
        for (int size = 0; size < 4; size++) {
            int es = 8 << size;
            r.add(NeonRow.of(name + es, MASK | 0x300000, BASE | bits | size << 20, "Qd,Qm,Qn",
                    w -> qOk(w, d(w), n(w), m(w)),
                    (e, w) -> each(e, w, es | ctl, (ee, dd, a, b, c) -> NeonIr.sat(ee, "qshlReg", b, a, ee.const32(c)))));
        }
    }

    private interface PerD { int apply(IrEmitter e, int dd, int a, int b, int ctl); }

    /** Applies {@code op} to each D register of the operands; all reads before the writes. */
    static void each(IrEmitter e, int w, int ctl, PerD op) {
        int k = regs(w), dv = d(w), nv = n(w), mv = m(w);
        int[] out = new int[k];
        for (int i = 0; i < k; i++)
            out[i] = op.apply(e, NeonIr.readD(e, dv + i), NeonIr.readD(e, nv + i), NeonIr.readD(e, mv + i), ctl);
        for (int i = 0; i < k; i++) NeonIr.writeD(e, dv + i, out[i]);
    }

    private static void pair(IrEmitter e, int w, String helper, int ctl) {
        NeonIr.writeD(e, d(w), NeonIr.lanes(e, helper, NeonIr.readD(e, n(w)), NeonIr.readD(e, m(w)), e.const32(ctl)));
    }
}
