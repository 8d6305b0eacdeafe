package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.n;

import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Two registers and a scalar (ARM ARM A7.4.3): {@code 1111 001Q 1 D size Vn Vd opc N 1 M 0 Vm}.
 * The scalar (16-bit: Dm = Vm<2:0>, index M:Vm<3>; 32-bit: Dm = Vm, index M) is duplicated into
 * every lane at run time, then the vector row's helper does the rest. Here VMLA/VMLS/VMUL (integer
 * and F32; bit 24 is Q), VMLAL/VMLSL/VMULL (bit 24 is U), VQDMULH/VQRDMULH (bit 24 is Q) and
 * VQDMLAL/VQDMLSL/VQDMULL (U = 0) through {@link NeonSat}.
 */
final class NeonScalar {
    private NeonScalar() { }

    private static final int MASK = 0xfe800f50, BASE = 0xf2800040;
    private static final Helper BINARY = Helper.of(NeonFloat.class, "binary"), ACCUMULATE = Helper.of(NeonFloat.class, "accumulate");

    static int size(int w) { return w >>> 20 & 3; }

    static boolean quad(int w) { return (w >>> 24 & 1) != 0; }

    /** The scalar's register and index. */
    static int scalarReg(int w) { return size(w) == 1 ? w & 7 : w & 15; }

    static int scalarIndex(int w) { return size(w) == 1 ? (w >>> 4 & 2 | w >>> 3 & 1) : w >>> 5 & 1; }

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        vector(r, "vmla.i", 0x000, false, (e, dd, a, s, es) -> NeonIr.lanes(e, "mla", dd, a, s, e.const32(es)));
        vector(r, "vmls.i", 0x400, false, (e, dd, a, s, es) -> NeonIr.lanes(e, "mls", dd, a, s, e.const32(es)));
        vector(r, "vmul.i", 0x800, false, (e, dd, a, s, es) -> NeonIr.lanes(e, "mul", a, s, e.const32(es)));
        vector(r, "vmla.f", 0x100, true, (e, dd, a, s, es) -> e.call(ACCUMULATE, dd, a, s, e.const32(NeonFloat.MLA)));
        vector(r, "vmls.f", 0x500, true, (e, dd, a, s, es) -> e.call(ACCUMULATE, dd, a, s, e.const32(NeonFloat.MLS)));
        vector(r, "vmul.f", 0x900, true, (e, dd, a, s, es) -> e.call(BINARY, a, s, e.const32(NeonFloat.MUL)));
        // VQDMULH (opc 1100) / VQRDMULH (1101) by scalar
        for (int round = 0; round < 2; round++) {
            int ctl = round == 1 ? NeonLanes.ROUND : 0;
            vector(r, round == 1 ? "vqrdmulh.s" : "vqdmulh.s", 0xc00 | round << 8, false,
                    (e, dd, a, s, es) -> NeonIr.sat(e, "qdmulh", a, s, e.const32(es | ctl)));
        }
        for (int u = 0; u < 2; u++) {
            int uu = u << 24, uctl = u == 1 ? NeonLanes.UNSIGNED : 0;
            String t = u == 1 ? ".u" : ".s";
            lng(r, "vmlal" + t, uu | 0x200, uctl, 1);
            lng(r, "vmlsl" + t, uu | 0x600, uctl, -1);
            lng(r, "vmull" + t, uu | 0xa00, uctl, 0);
        }
        // VQDMLAL (opc 0011), VQDMLSL (0111), VQDMULL (1011) by scalar: U = 0, sizes 16 and 32
        String[] qd = {"vqdmull.s", "vqdmlal.s", "vqdmlsl.s"};
        int[] qopc = {0xb00, 0x300, 0x700};
        for (int k = 0; k < 3; k++) {
            int kind = k;
            for (int size = 1; size <= 2; size++)
                r.add(NeonRow.of(qd[k], MASK | 0x1300000, BASE | qopc[k] | size << 20, "Qd,Dn,Dm[x]", w -> (d(w) & 1) == 0, (e, w) -> {
                    int es = 8 << size(w), half = 32 / es;
                    int s = scalar(e, w), a = NeonIr.readD(e, n(w));
                    int[] out = new int[2];
                    for (int i = 0; i < 2; i++) {
                        int acc = kind == 0 ? e.const64(0) : NeonIr.readD(e, d(w) + i);
                        out[i] = NeonIr.sat(e, "qdmull", acc, a, s, e.const32(i * half), e.const32(es | kind << 16));
                    }
                    NeonIr.writeD(e, d(w), out[0]);
                    NeonIr.writeD(e, d(w) + 1, out[1]);
                }));
        }
        return r;
    }

    private interface Op { int apply(IrEmitter e, int dd, int a, int scalar, int esize); }

    /** The scalar in every lane of a 64-bit value. */
    private static int scalar(IrEmitter e, int w) {
        int es = 8 << size(w);
        int v = e.shru64(NeonIr.readD(e, scalarReg(w)), e.const32(scalarIndex(w) * es));
        return NeonIr.lanes(e, "dup", v, e.const32(es));
    }

    private static void vector(List<NeonRow> r, String name, int bits, boolean fp, Op op) {
        r.add(NeonRow.of(name, MASK | 0x300000, BASE | bits | (fp ? 2 : 1) << 20, "Qd,Qn,Dm[x]",
                w -> !quad(w) || (d(w) & 1) == 0 && (n(w) & 1) == 0, (e, w) -> emit(e, w, op)));
        if (!fp) r.add(NeonRow.of(name, MASK | 0x300000, BASE | bits | 2 << 20, "Qd,Qn,Dm[x]",
                w -> !quad(w) || (d(w) & 1) == 0 && (n(w) & 1) == 0, (e, w) -> emit(e, w, op)));
    }

    private static void emit(IrEmitter e, int w, Op op) {
        int k = quad(w) ? 2 : 1, es = 8 << size(w);
        int s = scalar(e, w);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = op.apply(e, NeonIr.readD(e, d(w) + i), NeonIr.readD(e, n(w) + i), s, es);
        for (int i = 0; i < k; i++) NeonIr.writeD(e, d(w) + i, out[i]);
    }

    /** VMLAL/VMLSL/VMULL by scalar: Qd (+/-)= widening product of Dn and the scalar. */
    private static void lng(List<NeonRow> r, String name, int bits, int uctl, int acc) {
        for (int size = 1; size <= 2; size++) {
            r.add(NeonRow.of(name + (8 << size), MASK | 0x1300000, BASE | bits | size << 20, "Qd,Dn,Dm[x]",
                    w -> (d(w) & 1) == 0, (e, w) -> {
                        int es = 8 << size(w), ctl = es | uctl, wide = 2 * es, half = 32 / es;
                        int s = scalar(e, w), a = NeonIr.readD(e, n(w));
                        int[] out = new int[2];
                        for (int i = 0; i < 2; i++) {
                            int p = NeonIr.lanes(e, "mull", a, s, e.const32(i * half), e.const32(ctl));
                            out[i] = acc == 0 ? p : NeonIr.lanes(e, acc > 0 ? "add" : "sub", NeonIr.readD(e, d(w) + i), p, e.const32(wide));
                        }
                        NeonIr.writeD(e, d(w), out[0]);
                        NeonIr.writeD(e, d(w) + 1, out[1]);
                    }));
        }
    }
}
