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
 * Two registers, miscellaneous (ARM ARM A7.4.5: {@code 1111 0011 1 D 11 size A Vd 0 B M 0 Vm}),
 * VEXT and VTBL/VTBX. Here the integer forms: VREV16/32/64, VPADDL/VPADAL, VCLS, VCLZ, VCNT,
 * VMVN (register), comparisons with #0, VABS, VNEG, VSWP, VTRN, VUZP, VZIP, VMOVN. Permutes are
 * byte gathers ({@link NeonLanes#permute}) whose indexes are worked out here, at decode time, by
 * running the manual's element shuffle on byte numbers. Also VQABS/VQNEG, VQMOVN/VQMOVUN and VSHLL
 * by esize; the float forms are {@link NeonFloatRows}. Absent (UNDEFINED): half-precision VCVT.
 */
final class NeonMisc {
    private NeonMisc() { }

    private static final int MASK = 0xffb30f90, BASE = 0xf3b00000;

    static int size(int w) { return w >>> 18 & 3; }

    private interface Lower { void lower(IrEmitter e, int w); }

    private static NeonRow row(String name, int bits, int sizeMask, Lower l) {
        return NeonRow.of(name, MASK, BASE | bits, "Qd,Qm", w -> (sizeMask >>> size(w) & 1) != 0 && qOk(w, d(w), m(w)), l::lower);
    }

    /** A comparison with #0 (the immediate is part of the syntax). */
    private static NeonRow rowZ(String name, int bits, int sizeMask, Lower l) {
        return NeonRow.of(name, MASK, BASE | bits, "Qd,Qm,#0", w -> (sizeMask >>> size(w) & 1) != 0 && qOk(w, d(w), m(w)), l::lower);
    }

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        r.add(row("vrev64", 0x000, 0b0111, (e, w) -> permute(e, w, Perm.REV64)));
        r.add(row("vrev32", 0x080, 0b0011, (e, w) -> permute(e, w, Perm.REV32)));
        r.add(row("vrev16", 0x100, 0b0001, (e, w) -> permute(e, w, Perm.REV16)));
        for (int u = 0; u < 2; u++) {
            int uctl = u == 1 ? NeonLanes.UNSIGNED : 0;
            String t = u == 1 ? ".u" : ".s";
            r.add(row("vpaddl" + t, 0x200 | u << 7, 0b0111, (e, w) -> unary(e, w, "paddl", true, 8 << size(w) | uctl, false)));
            r.add(row("vpadal" + t, 0x600 | u << 7, 0b0111, (e, w) -> unary(e, w, "paddl", true, 8 << size(w) | uctl | NeonLanes.ROUND, true)));
        }
        r.add(row("vcls.s", 0x400, 0b0111, (e, w) -> unary(e, w, "cls", false, 8 << size(w), false)));
        r.add(row("vclz.i", 0x480, 0b0111, (e, w) -> unary(e, w, "clz", false, 8 << size(w), false)));
        r.add(row("vcnt.8", 0x500, 0b0001, (e, w) -> unary(e, w, "cnt", false, 8, false)));
        r.add(row("vmvn", 0x580, 0b0001, (e, w) -> {
            int[] out = new int[regs(w)];
            for (int i = 0; i < out.length; i++) out[i] = NeonIr.not64(e, NeonIr.readD(e, m(w) + i));
            for (int i = 0; i < out.length; i++) NeonIr.writeD(e, d(w) + i, out[i]);
        }));
        String[] cmp = {"vcgt.s", "vcge.s", "vceq.i", "vcle.s", "vclt.s"};   // + esize, operand #0
        for (int op = 0; op < 5; op++) {
            int o = op;
            r.add(rowZ(cmp[op], 0x10000 | op << 7, 0b0111, (e, w) -> unary(e, w, "cmpz", false, 8 << size(w) | o << 16, false)));
        }
        r.add(row("vqabs.s", 0x700, 0b0111, (e, w) -> satUnary(e, w, 0)));
        r.add(row("vqneg.s", 0x780, 0b0111, (e, w) -> satUnary(e, w, NeonLanes.ROUND)));
        r.add(row("vabs.s", 0x10300, 0b0111, (e, w) -> unary(e, w, "abs", false, 8 << size(w), false)));
        r.add(row("vneg.s", 0x10380, 0b0111, (e, w) -> unary(e, w, "neg", false, 8 << size(w), false)));
        r.add(row("vswp", 0x20000, 0b0001, (e, w) -> permute(e, w, Perm.SWP)));
        r.add(row("vtrn", 0x20080, 0b0111, (e, w) -> permute(e, w, Perm.TRN)));
        r.add(NeonRow.of("vuzp", MASK, BASE | 0x20100, "Qd,Qm",
                w -> size(w) < 3 && qOk(w, d(w), m(w)) && (q(w) || size(w) < 2), (e, w) -> permute(e, w, Perm.UZP)));
        r.add(NeonRow.of("vzip", MASK, BASE | 0x20180, "Qd,Qm",
                w -> size(w) < 3 && qOk(w, d(w), m(w)) && (q(w) || size(w) < 2), (e, w) -> permute(e, w, Perm.ZIP)));
        // VMOVN: B = 01000 (Q = 0), Qm even
        r.add(NeonRow.of("vmovn.i", MASK | 0x40, BASE | 0x20200, "Dd,Qm", w -> size(w) < 3 && (m(w) & 1) == 0, (e, w) ->
                NeonIr.writeD(e, d(w), NeonIr.lanes(e, "narrow", NeonIr.readD(e, m(w)), NeonIr.readD(e, m(w) + 1), e.const32(8 << size(w))))));
        // VQMOVUN (op 01), VQMOVN.S (10), VQMOVN.U (11): B = 010 op
        String[] qn = {"vqmovun.s", "vqmovn.s", "vqmovn.u"};
        int[] qctl = {NeonSat.DST_UNSIGNED, 0, NeonLanes.UNSIGNED | NeonSat.DST_UNSIGNED};
        for (int op = 1; op < 4; op++) {
            int c = qctl[op - 1];
            r.add(NeonRow.of(qn[op - 1], MASK | 0x40, BASE | 0x20200 | op << 6, "Dd,Qm", w -> size(w) < 3 && (m(w) & 1) == 0, (e, w) ->
                    NeonIr.writeD(e, d(w), NeonIr.sat(e, "qnarrow", NeonIr.readD(e, m(w)), NeonIr.readD(e, m(w) + 1), e.const32(8 << size(w) | c)))));
        }
        // VSHLL (maximum shift, shift = esize): A = 10, B = 01100 (Q = 0), Qd even; the extension is shifted out, so unsigned
        r.add(NeonRow.of("vshll.i", MASK | 0x40, BASE | 0x20300, "Qd,Dm,#esize", w -> size(w) < 3 && (d(w) & 1) == 0, (e, w) -> {
            int es = 8 << size(w), ctl = es | NeonLanes.UNSIGNED | es << 16, a = NeonIr.readD(e, m(w));
            int lo = NeonIr.lanes(e, "widen", a, e.const32(0), e.const32(ctl));
            int hi = NeonIr.lanes(e, "widen", a, e.const32(32 / es), e.const32(ctl));
            NeonIr.writeD(e, d(w), lo);
            NeonIr.writeD(e, d(w) + 1, hi);
        }));
        // VEXT: 1111 0010 1 D 11 Vn Vd imm4 N Q M 0 Vm
        r.add(NeonRow.of("vext.8", 0xffb00010, 0xf2b00000, "Qd,Qn,Qm,#ext",
                w -> qOk(w, d(w), n(w), m(w)) && (q(w) || (w >>> 11 & 1) == 0), NeonMisc::ext));
        // VTBL / VTBX: 1111 0011 1 D 11 Vn Vd 10 len N op M 0 Vm
        // (op, bit 6: VTBX keeps the destination byte for an index out of range; two rows for the two mnemonics)
        r.add(NeonRow.of("vtbl.8", 0xffb00c50, 0xf3b00800, "Dd,tbl,Dm", w -> n(w) + (w >>> 8 & 3) < 32, NeonMisc::tbl));
        r.add(NeonRow.of("vtbx.8", 0xffb00c50, 0xf3b00840, "Dd,tbl,Dm", w -> n(w) + (w >>> 8 & 3) < 32, NeonMisc::tbl));
        return r;
    }

    /** Helpers of one operand per D register; {@code widening} ones (pairwise long) may accumulate into Dd. */
    private static void unary(IrEmitter e, int w, String helper, boolean widening, int ctl, boolean acc) {
        int[] out = new int[regs(w)];
        for (int i = 0; i < out.length; i++) {
            int a = NeonIr.readD(e, m(w) + i);
            out[i] = widening ? NeonIr.lanes(e, helper, acc ? NeonIr.readD(e, d(w) + i) : e.const64(0), a, e.const32(ctl))
                              : NeonIr.lanes(e, helper, a, e.const32(ctl));
        }
        for (int i = 0; i < out.length; i++) NeonIr.writeD(e, d(w) + i, out[i]);
    }

    private static void satUnary(IrEmitter e, int w, int flag) {
        int[] out = new int[regs(w)];
        for (int i = 0; i < out.length; i++) out[i] = NeonIr.sat(e, "qabsNeg", NeonIr.readD(e, m(w) + i), e.const32(8 << size(w) | flag));
        for (int i = 0; i < out.length; i++) NeonIr.writeD(e, d(w) + i, out[i]);
    }

    enum Perm { REV64, REV32, REV16, SWP, TRN, UZP, ZIP }

    /**
     * The byte indexes of each result register: sources are Dd (bytes 0-7), Dd+1 (8-15), Dm
     * (16-23), Dm+1 (24-31); results are Dd[, Dd+1] then (for the two-result permutes) Dm[, Dm+1].
     */
    static long[] indexes(Perm p, int esize, boolean quad) {
        int nb = quad ? 16 : 8, eb = esize / 8, ne = nb / eb;
        int[] dB = new int[nb], mB = new int[nb];
        for (int i = 0; i < nb; i++) { dB[i] = i; mB[i] = 16 + i; }
        int[] outD = dB.clone(), outM = mB.clone();
        boolean both = true;
        switch (p) {
            case REV64, REV32, REV16 -> {
                int group = p == Perm.REV64 ? 8 : p == Perm.REV32 ? 4 : 2;
                for (int j = 0; j < nb; j++) {
                    int base = j / group * group, k = j % group;
                    outD[j] = mB[base + (group / eb - 1 - k / eb) * eb + k % eb];
                }
                both = false;
            }
            case SWP -> { outD = mB.clone(); outM = dB.clone(); }
            case TRN -> {
                for (int i = 0; i + 1 < ne; i += 2)
                    for (int k = 0; k < eb; k++) {
                        outD[(i + 1) * eb + k] = mB[i * eb + k];
                        outM[i * eb + k] = dB[(i + 1) * eb + k];
                    }
            }
            case UZP, ZIP -> {
                int[] all = new int[2 * nb], res = new int[2 * nb];
                System.arraycopy(dB, 0, all, 0, nb);
                System.arraycopy(mB, 0, all, nb, nb);
                for (int i = 0; i < ne; i++)
                    for (int k = 0; k < eb; k++) {
                        if (p == Perm.UZP) {
                            res[i * eb + k] = all[2 * i * eb + k];
                            res[nb + i * eb + k] = all[(2 * i + 1) * eb + k];
                        } else {
                            res[2 * i * eb + k] = dB[i * eb + k];
                            res[(2 * i + 1) * eb + k] = mB[i * eb + k];
                        }
                    }
                System.arraycopy(res, 0, outD, 0, nb);
                System.arraycopy(res, nb, outM, 0, nb);
            }
        }
        int regs = nb / 8;
        long[] idx = new long[both ? 2 * regs : regs];
        for (int r = 0; r < regs; r++) {
            idx[r] = pack(outD, r * 8);
            if (both) idx[regs + r] = pack(outM, r * 8);
        }
        return idx;
    }

    private static long pack(int[] bytes, int from) {
        long v = 0;
        for (int j = 0; j < 8; j++) v |= (long) bytes[from + j] << (8 * j);
        return v;
    }

    private static void permute(IrEmitter e, int w, Perm p) {
        boolean quad = q(w);
        int regs = quad ? 2 : 1, dd = d(w), mm = m(w);
        int a0 = NeonIr.readD(e, dd), a1 = quad ? NeonIr.readD(e, dd + 1) : a0;
        int a2 = NeonIr.readD(e, mm), a3 = quad ? NeonIr.readD(e, mm + 1) : a2;
        long[] idx = indexes(p, 8 << size(w), quad);
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = NeonIr.lanes(e, "permute", a0, a1, a2, a3, e.const64(idx[i]));
        // Dm first, then Dd: with Vd = Vm (UNPREDICTABLE for VZIP/VUZP/VTRN) the Dd result stays, as on qemu
        if (idx.length > regs) for (int i = 0; i < regs; i++) NeonIr.writeD(e, mm + i, out[regs + i]);
        for (int i = 0; i < regs; i++) NeonIr.writeD(e, dd + i, out[i]);
    }

    /** VEXT: bytes imm4.. of Vn:Vm (Vn lowest). */
    private static void ext(IrEmitter e, int w) {
        boolean quad = q(w);
        int regs = quad ? 2 : 1, nb = 8 * regs, imm = w >>> 8 & 15;
        int a0 = NeonIr.readD(e, n(w)), a1 = quad ? NeonIr.readD(e, n(w) + 1) : a0;
        int a2 = NeonIr.readD(e, m(w)), a3 = quad ? NeonIr.readD(e, m(w) + 1) : a2;
        int[] out = new int[regs];
        for (int r = 0; r < regs; r++) {
            long idx = 0;
            for (int j = 0; j < 8; j++) {
                int b = imm + 8 * r + j;
                idx |= (long) (b < nb ? b : 16 + b - nb) << (8 * j);
            }
            out[r] = NeonIr.lanes(e, "permute", a0, a1, a2, a3, e.const64(idx));
        }
        for (int r = 0; r < regs; r++) NeonIr.writeD(e, d(w) + r, out[r]);
    }

    private static void tbl(IrEmitter e, int w) {
        int len = (w >>> 8 & 3) + 1, nn = n(w);
        int[] t = new int[4];
        for (int i = 0; i < 4; i++) t[i] = i < len ? NeonIr.readD(e, nn + i) : e.const64(0);
        int ctl = len | ((w >>> 6 & 1) != 0 ? 0x100 : 0);
        NeonIr.writeD(e, d(w), NeonIr.lanes(e, "tbl", t[0], t[1], t[2], t[3], NeonIr.readD(e, m(w)), NeonIr.readD(e, d(w)), e.const32(ctl)));
    }
}
