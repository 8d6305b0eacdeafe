package dynvm.arm.thumb;

import static dynvm.arm.thumb.Thumb32Fields.*;

import dynvm.arm.ArmMedia;
import dynvm.arm.ArmMedia.Wide;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * 32-bit multiplies (ARM ARM A6.3.16, A6.3.17): MUL/MLA/MLS, the halfword multiplies SMULxy,
 * SMLAxy, SMULWy, SMLAWy, the dual ones SMUAD/SMUSD/SMLAD/SMLSD, the most-significant-word
 * SMMUL/SMMLA/SMMLS, USAD8/USADA8, and the long ones SMULL/UMULL/SMLAL/UMLAL/UMAAL,
 * SMLALxy, SMLALD, SMLSLD. Semantics from {@link ArmMedia}. Ra = 1111 selects the
 * non-accumulating form. SDIV/UDIV (A8.8.165, A8.8.248) round toward zero, give 0 for a zero
 * divisor (no DZ trap in the A profile) and 0x80000000 for 0x80000000 / -1, which is what the IR's
 * DIVS/DIVU do; only models with the divider have them ({@link dynvm.arm.ArmFeatureGate}). sp or
 * pc as an operand, and RdLo = RdHi, decode as UNDEFINED (UNPREDICTABLE).
 */
final class Thumb32Multiply {
    private Thumb32Multiply() { }

    private static final String[] XY = {"bb", "bt", "tb", "tt"};

    @FunctionalInterface
    interface Acc { int apply(IrEmitter e, int n, int m, int a); }

    @FunctionalInterface
    interface Long { Wide apply(IrEmitter e, int n, int m, int lo, int hi); }

    private static ThumbRow divide(String name, int match, boolean signed) {
        return ThumbRow.plain(name, 0xfff0f0f0, match, "RD,RN,RM", (e, w, pc) -> {
            int n = e.get(ArmRegs.R[w >>> 16 & 15]), m = e.get(ArmRegs.R[w & 15]);
            e.set(ArmRegs.R[w >>> 8 & 15], signed ? e.divs(n, m) : e.divu(n, m));
        }).definedWhen(w -> noSpPc(w >>> 8 & 15) && noSpPc(w >>> 16 & 15) && noSpPc(w & 15));
    }

    private static boolean noSpPc(int reg) { return reg != 13 && reg != 15; }

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        // 1111 1011 0 op1 Rn | Ra Rd 00 op2 Rm; the non-accumulating form is Ra = 1111
        pair(r, "mul.w", "mla", 0x000, (e, n, m, a) -> ArmMedia.mla(e, n, m, a), (e, n, m) -> ArmMedia.mul(e, n, m));
        r.add(accumulate("mls", 0xfb000010, (e, n, m, a) -> ArmMedia.mls(e, n, m, a)));
        for (int xy = 0; xy < 4; xy++) {
            boolean nTop = (xy & 2) != 0, mTop = (xy & 1) != 0;
            pair(r, "smul" + XY[xy], "smla" + XY[xy], 0x100 | xy, (e, n, m, a) -> ArmMedia.smlaxy(e, n, m, a, nTop, mTop),
                    (e, n, m) -> ArmMedia.smulxy(e, n, m, nTop, mTop));
        }
        for (int x = 0; x < 2; x++) {
            boolean swap = x == 1;
            String sx = swap ? "x" : "";
            pair(r, "smuad" + sx, "smlad" + sx, 0x200 | x, (e, n, m, a) -> ArmMedia.smlad(e, n, m, a, swap), (e, n, m) -> ArmMedia.smuad(e, n, m, swap));
            pair(r, "smusd" + sx, "smlsd" + sx, 0x400 | x, (e, n, m, a) -> ArmMedia.smlsd(e, n, m, a, swap), (e, n, m) -> ArmMedia.smusd(e, n, m, swap));
            String y = swap ? "t" : "b";
            pair(r, "smulw" + y, "smlaw" + y, 0x300 | x, (e, n, m, a) -> ArmMedia.smlawy(e, n, m, a, swap), (e, n, m) -> ArmMedia.smulwy(e, n, m, swap));
            String rr = swap ? "r" : "";
            pair(r, "smmul" + rr, "smmla" + rr, 0x500 | x, (e, n, m, a) -> ArmMedia.smmla(e, n, m, a, swap), (e, n, m) -> ArmMedia.smmul(e, n, m, swap));
            r.add(accumulate("smmls" + rr, 0xfb600000 | x << 4, (e, n, m, a) -> ArmMedia.smmls(e, n, m, a, swap)));
        }
        pair(r, "usad8", "usada8", 0x700, (e, n, m, a) -> ArmMedia.usada8(e, n, m, a), (e, n, m) -> ArmMedia.usada8(e, n, m, e.const32(0)));
        // SDIV / UDIV Rd, Rn, Rm: 1111 1011 1001 Rn | 1111 Rd 1111 Rm (UDIV: 1011 1011)
        r.add(divide("sdiv", 0xfb90f0f0, true));
        r.add(divide("udiv", 0xfbb0f0f0, false));
        // 1111 1011 1 op1 Rn | RdLo RdHi op2 Rm
        r.add(wide("smull", 0xfb800000, (e, n, m, lo, hi) -> ArmMedia.mull(e, n, m, true), false));
        r.add(wide("umull", 0xfba00000, (e, n, m, lo, hi) -> ArmMedia.mull(e, n, m, false), false));
        r.add(wide("smlal", 0xfbc00000, (e, n, m, lo, hi) -> ArmMedia.mlal(e, n, m, lo, hi, true), true));
        r.add(wide("umlal", 0xfbe00000, (e, n, m, lo, hi) -> ArmMedia.mlal(e, n, m, lo, hi, false), true));
        r.add(wide("umaal", 0xfbe00060, (e, n, m, lo, hi) -> ArmMedia.umaal(e, n, m, lo, hi), true));
        for (int xy = 0; xy < 4; xy++) {
            boolean nTop = (xy & 2) != 0, mTop = (xy & 1) != 0;
            r.add(wide("smlal" + XY[xy], 0xfbc00080 | xy << 4, (e, n, m, lo, hi) -> ArmMedia.smlalxy(e, n, m, lo, hi, nTop, mTop), true));
        }
        for (int x = 0; x < 2; x++) {
            boolean swap = x == 1;
            String sx = swap ? "x" : "";
            r.add(wide("smlald" + sx, 0xfbc000c0 | x << 4, (e, n, m, lo, hi) -> ArmMedia.smlald(e, n, m, lo, hi, swap), true));
            r.add(wide("smlsld" + sx, 0xfbd000c0 | x << 4, (e, n, m, lo, hi) -> ArmMedia.smlsld(e, n, m, lo, hi, swap), true));
        }
        return r;
    }

    @FunctionalInterface
    interface Product { int apply(IrEmitter e, int n, int m); }

    private static boolean ok(int reg) { return Thumb32Media.ok(reg); }

    /** The accumulating form (Ra != 1111) and the plain one (Ra = 1111) of op1:op2 = {@code ops} (op1 << 8 | op2). */
    private static void pair(List<ThumbRow> r, String plainName, String accName, int ops, Acc acc, Product plain) {
        int match = 0xfb000000 | (ops >>> 8) << 20 | (ops & 0xff) << 4;
        r.add(accumulate(accName, match, acc));
        r.add(ThumbRow.plain(plainName, 0xfff0f0f0, match | 0xf000, "RD,RN,RM", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), plain.apply(e, e.get(ArmRegs.R[rn(w)]), e.get(ArmRegs.R[rm(w)]))))
                .definedWhen(w -> ok(rd(w)) && ok(rn(w)) && ok(rm(w))));
    }

    /** Rd = f(Rn, Rm, Ra), Ra = hw2[15:12] (1111 belongs to the plain form where there is one; UNPREDICTABLE otherwise, as 1101). */
    private static ThumbRow accumulate(String name, int match, Acc f) {
        return ThumbRow.plain(name, 0xfff000f0, match, "RD,RN,RM,RA", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), f.apply(e, e.get(ArmRegs.R[rn(w)]), e.get(ArmRegs.R[rm(w)]), e.get(ArmRegs.R[rt(w)]))))
                .definedWhen(w -> ok(rd(w)) && ok(rn(w)) && ok(rm(w)) && ok(rt(w)));
    }

    /** RdLo, RdHi = f(Rn, Rm, RdLo, RdHi); RdLo and RdHi distinct. */
    private static ThumbRow wide(String name, int match, Long f, boolean reads) {
        return ThumbRow.plain(name, 0xfff000f0, match, "RDLO,RDHI,RN,RM", (e, w, pc) -> {
            int lo = reads ? e.get(ArmRegs.R[rt(w)]) : -1, hi = reads ? e.get(ArmRegs.R[rd(w)]) : -1;
            Wide v = f.apply(e, e.get(ArmRegs.R[rn(w)]), e.get(ArmRegs.R[rm(w)]), lo, hi);
            ArmOps.writeReg(e, rt(w), v.lo());
            ArmOps.writeReg(e, rd(w), v.hi());
        }).definedWhen(w -> ok(rt(w)) && ok(rd(w)) && ok(rn(w)) && ok(rm(w)) && rt(w) != rd(w));
    }
}
