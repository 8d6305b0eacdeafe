package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.m;
import static dynvm.arm.neon.NeonFields.n;

import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Three registers of different lengths (ARM ARM A7.4.2): {@code 1111 001U 1 D size Vn Vd opc N 0 M 0 Vm},
 * size 11 being other spaces. Here VADDL/VADDW, VSUBL/VSUBW, VADDHN/VRADDHN/VSUBHN/VRSUBHN,
 * VABAL, VABDL, VMLAL, VMLSL, VMULL (integer). The long operands (D) are widened per half with
 * {@link NeonLanes#widen}; the wide ones are plain Q registers. VMULL.P8 (opc 1110, U = 0, size 00;
 * other sizes are UNDEFINED in ARMv7). VQDMLAL/VQDMLSL/VQDMULL (opc 1001/1011/1101, U = 0, sizes 16
 * and 32) through {@link NeonSat#qdmull}.
 */
final class NeonLong {
    private NeonLong() { }

    private static final int MASK = 0xff800f50, BASE = 0xf2800000;

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        for (int u = 0; u < 2; u++) {
            String t = u == 1 ? ".u" : ".s";
            int uu = u << 24, uctl = u == 1 ? NeonLanes.UNSIGNED : 0;
            r.add(row("vaddl" + t, uu | 0x000, false, true, null, uctl, "add"));
            r.add(row("vaddw" + t, uu | 0x100, true, true, null, uctl, "add"));
            r.add(row("vsubl" + t, uu | 0x200, false, true, null, uctl, "sub"));
            r.add(row("vsubw" + t, uu | 0x300, true, true, null, uctl, "sub"));
            r.add(row("vabal" + t, uu | 0x500, false, false, null, uctl, "abal"));
            r.add(row("vabdl" + t, uu | 0x700, false, false, null, uctl, "abdl"));
            r.add(row("vmlal" + t, uu | 0x800, false, false, null, uctl, "mlal"));
            r.add(row("vmlsl" + t, uu | 0xa00, false, false, null, uctl, "mlsl"));
            r.add(row("vmull" + t, uu | 0xc00, false, false, null, uctl, "mull"));
        }
        r.add(NeonRow.of("vmull.p8", MASK | 0x1000000, BASE | 0xe00, "Qd,Dn,Dm", w -> size(w) == 0 && (d(w) & 1) == 0, (e, w) -> {
            int dn = NeonIr.readD(e, n(w)), dm = NeonIr.readD(e, m(w));
            int lo = NeonIr.lanes(e, "pmull", dn, dm, e.const32(0)), hi = NeonIr.lanes(e, "pmull", dn, dm, e.const32(4));
            NeonIr.writeD(e, d(w), lo);
            NeonIr.writeD(e, d(w) + 1, hi);
        }));
        for (int op = 0; op < 3; op++) {
            int kind = op, opc = op == 0 ? 0xd00 : op == 1 ? 0x900 : 0xb00;
            r.add(NeonRow.of(op == 0 ? "vqdmull.s" : op == 1 ? "vqdmlal.s" : "vqdmlsl.s", MASK, BASE | opc, "Qd,Dn,Dm",
                    w -> (size(w) == 1 || size(w) == 2) && (d(w) & 1) == 0, (e, w) -> {
                        int es = 8 << size(w), half = 32 / es, dn = NeonIr.readD(e, n(w)), dm = NeonIr.readD(e, m(w));
                        int[] out = new int[2];
                        for (int i = 0; i < 2; i++) {
                            int acc = kind == 0 ? e.const64(0) : NeonIr.readD(e, d(w) + i);
                            out[i] = NeonIr.sat(e, "qdmull", acc, dn, dm, e.const32(i * half), e.const32(es | kind << 16));
                        }
                        NeonIr.writeD(e, d(w), out[0]);
                        NeonIr.writeD(e, d(w) + 1, out[1]);
                    }));
        }
        // VADDHN/VRADDHN (opc 0100), VSUBHN/VRSUBHN (0110): U = rounding; Dd = high halves of Qn +/- Qm
        for (int u = 0; u < 2; u++) {
            int round = u == 1 ? NeonLanes.ROUND : 0;
            for (int sub = 0; sub < 2; sub++) {
                boolean isSub = sub == 1;
                String name = (u == 1 ? "vr" : "v") + (isSub ? "subhn.i" : "addhn.i");
                r.add(NeonRow.of(name, MASK, BASE | u << 24 | (isSub ? 0x600 : 0x400), "Dd,Qn,Qm",
                        w -> size(w) != 3 && (n(w) & 1) == 0 && (m(w) & 1) == 0, (e, w) -> {
                            int es = 8 << size(w), wide = 2 * es;
                            int[] s = new int[2];
                            for (int i = 0; i < 2; i++) {
                                int a = NeonIr.readD(e, n(w) + i), b = NeonIr.readD(e, m(w) + i);
                                s[i] = wide == 64 ? (isSub ? e.sub64(a, b) : e.add64(a, b)) : NeonIr.lanes(e, isSub ? "sub" : "add", a, b, e.const32(wide));
                            }
                            NeonIr.writeD(e, d(w), NeonIr.lanes(e, "narrow", s[0], s[1], e.const32(es | round | es << 16)));
                        }));
            }
        }
        return r;
    }

    static int size(int w) { return w >>> 20 & 3; }

    private interface Unused { int f(IrEmitter e, int w, int i, int ctl); }

    /**
     * A long row: {@code wideN} (the W forms) reads Qn as is, else Dn widened; {@code kind} names
     * the combination: add/sub of the widened operands, abal/abdl, mlal/mlsl/mull.
     */
    private static NeonRow row(String name, int bits, boolean wideN, boolean widenM, Unused unused, int uctl, String kind) {
        return NeonRow.of(name, MASK, BASE | bits, wideN ? "Qd,Qn,Dm" : "Qd,Dn,Dm",
                w -> size(w) != 3 && (d(w) & 1) == 0 && (!wideN || (n(w) & 1) == 0), (e, w) -> {
                    int es = 8 << size(w), wide = 2 * es, ctl = es | uctl, half = 32 / es;
                    int dn = NeonIr.readD(e, n(w)), dn1 = wideN ? NeonIr.readD(e, n(w) + 1) : dn, dm = NeonIr.readD(e, m(w));
                    int[] out = new int[2];
                    for (int i = 0; i < 2; i++) {
                        int first = e.const32(i * half), c = e.const32(ctl), wc = e.const32(wide);
                        int mw = NeonIr.lanes(e, "widen", dm, first, c);
                        out[i] = switch (kind) {
                            case "add", "sub" -> {
                                int nw = wideN ? (i == 0 ? dn : dn1) : NeonIr.lanes(e, "widen", dn, first, c);
                                yield wide == 64 ? (kind.equals("add") ? e.add64(nw, mw) : e.sub64(nw, mw)) : NeonIr.lanes(e, kind, nw, mw, wc);
                            }
                            case "abdl" -> NeonIr.lanes(e, "abdl", dn, dm, first, c);
                            case "abal" -> NeonIr.lanes(e, "add", NeonIr.readD(e, d(w) + i), NeonIr.lanes(e, "abdl", dn, dm, first, c), wc);
                            case "mull" -> NeonIr.lanes(e, "mull", dn, dm, first, c);
                            case "mlal" -> NeonIr.lanes(e, "add", NeonIr.readD(e, d(w) + i), NeonIr.lanes(e, "mull", dn, dm, first, c), wc);
                            default -> NeonIr.lanes(e, "sub", NeonIr.readD(e, d(w) + i), NeonIr.lanes(e, "mull", dn, dm, first, c), wc);
                        };
                    }
                    NeonIr.writeD(e, d(w), out[0]);
                    NeonIr.writeD(e, d(w) + 1, out[1]);
                });
    }
}
