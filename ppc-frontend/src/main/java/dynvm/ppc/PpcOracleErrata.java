package dynvm.ppc;

import java.util.List;

/**
 * Bits the QEMU-based oracles (Unicorn, qemu-user) get wrong against the PowerPC manual, or that
 * the manual leaves undefined, for the Unicorn fuzzer ({@link PpcFuzzTarget}). The same rules as
 * QemuDifferentialTest's, in the fuzzer's field numbering; each is stated in {@link #RULES}.
 */
final class PpcOracleErrata {
    private PpcOracleErrata() { }

    static final List<String> RULES = List.of(
            "Unicorn 2.0.1 uc_reg_write/read(XER) bypass SO/OV/CA: XER is moved with mtxer/mfxer through r0",
            "Unicorn 2.0.1 mtxer keeps reserved XER bits 3-24 and mfxer returns them: no mtspr XER in generated cases",
            "Unicorn 2.0.1 does not drop translations when uc_mem_write replaces code: uc_ctl_remove_cache per case",
            "XER bits 3-24: reserved (Book I 3.2.2); QEMU keeps what mtxer wrote, dynvm (like the 750) reads 0",
            "FPSCR[FR] (Book I 4.2.2: set when rounding incremented the fraction): QEMU never updates it",
            "fctiw/fctiwz (Book I 4.6.7), mffs (pre-2.05): FRT[0:31] undefined; fctiw*: FPRF undefined",
            "fres/frsqrte: estimates (Book I 4.6.5.1): compared to 12 fraction bits; FR, FI undefined; QEMU raises XX",
            "fres(+-0) = +-infinity with ZX (Book I fres); QEMU returns +-0.5",
            "fcmpu/fcmpo alter only FPCC, FX, VXSNAN, VXVC; QEMU also clears FI and sets C for unordered",
            "FX is set on a 0-to-1 exception change only (Book I 4.2.2); QEMU sets it on every exception: "
                    + "not compared after mtfsb0/mcrfs/mtfsf/mtfsfi left exception bits with FX=0",
            "FPRF class of a single-precision result below 2^-126 is denormal (C=1); QEMU classes it as a double",
            "mtfsb1 (Book I 4.6.10: sets the named bit, FI included): QEMU 5.0 (Unicorn 2.0.1) recomputes FI from "
                    + "the softfloat flags afterwards and clears it: FI not compared in a case with mtfsb1",
            "multiply-add with an SNaN and also inf*0 or inf-inf sets VXSNAN and VXIMZ/VXISI (Book I 4.4.1); QEMU only the latter");

    static boolean contains(InsnFuzzCases.Case c, String row) {
        for (PpcRow r : c.rows()) if (r.name().equals(row) || r.name().equals(row + ".")) return true;
        return false;
    }

    private static boolean any(InsnFuzzCases.Case c, String regex) {
        for (PpcRow r : c.rows()) if (r.name().matches(regex)) return true;
        return false;
    }

    static final int FCTIW_POSITIVE_OVERFLOW = 0x7fff_ffff, FCTIW_UNICORN = 0x8000_0000;

    static long ignored(InsnFuzzCases.Case c, int field, long[] oracleFields, long[] ourFields) {
        long oracle = oracleFields[field], ours = ourFields[field];
        int last = c.words().length - 1, frt = (c.words()[last] >>> 21) & 31;
        String name = c.rows()[last].name();
        int o = (int) oracle, d = (int) ours;
        boolean twice = roundedTwice(c, ourFields);
        if (twice) {
            if (field == PpcFuzzTarget.F_FPR + frt && adjacentSingles(oracle, ours)) return -1L;
            if (field == PpcFuzzTarget.F_FPSCR) {
                int m = Fpscr.FR | Fpscr.FI | Fpscr.FPRF | Fpscr.OX | Fpscr.UX | Fpscr.XX;
                if (((o ^ d) & (Fpscr.OX | Fpscr.UX)) != 0) m |= Fpscr.FX;
                return (m | (int) documented(c, field, oracleFields, ourFields)) & 0xffffffffL;
            }
            if (field == PpcFuzzTarget.F_CR && name.endsWith("."))
                return (crMask(c) | ((Fpscr.FX | Fpscr.OX) >>> 4)) & 0xffffffffL;
        }
        return documented(c, field, oracleFields, ourFields);
    }

    /**
     * The last word is a single-precision multiply-add whose exact result a*c+-b needs more than
     * 53 bits: Unicorn 2.0.1 (QEMU 5.0's fmadds = fmadd then frsp) rounds it to double and then
     * to single; Book I 4.6.5.2 rounds once. The operands are the final FRA, FRB, FRC (the
     * generator keeps FRT apart from them in this target).
     */
    static boolean roundedTwice(InsnFuzzCases.Case c, long[] fields) {
        int last = c.words().length - 1, w = c.words()[last];
        if (!c.rows()[last].name().matches(SINGLE_MADD)) return false;
        double a = fpr(fields, (w >>> 16) & 31), b = fpr(fields, (w >>> 11) & 31), x = fpr(fields, (w >>> 6) & 31);
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(x)) return false;
        boolean sub = c.rows()[last].name().contains("sub");
        java.math.BigDecimal exact = new java.math.BigDecimal(a).multiply(new java.math.BigDecimal(x));
        exact = sub ? exact.subtract(new java.math.BigDecimal(b)) : exact.add(new java.math.BigDecimal(b));
        return exact.compareTo(new java.math.BigDecimal(Math.fma(a, x, sub ? -b : b))) != 0;
    }

    static final String SINGLE_MADD = "fn?m(add|sub)s\\.?";

    private static double fpr(long[] fields, int r) { return Double.longBitsToDouble(fields[PpcFuzzTarget.F_FPR + r]); }

    /** Two single-format values one apart in the single encoding (FLT_MAX and infinity included). */
    static boolean adjacentSingles(long x, long y) {
        double dx = Double.longBitsToDouble(x), dy = Double.longBitsToDouble(y);
        if (Double.isNaN(dx) || Double.isNaN(dy) || (double) (float) dx != dx || (double) (float) dy != dy) return false;
        int fx = Float.floatToRawIntBits((float) dx), fy = Float.floatToRawIntBits((float) dy);
        return (fx ^ fy) >= 0 && Math.abs(fx - fy) == 1;
    }

    /** The rules other than double rounding. */
    private static long documented(InsnFuzzCases.Case c, int field, long[] oracleFields, long[] ourFields) {
        long oracle = oracleFields[field], ours = ourFields[field];
        int last = c.words().length - 1, frt = (c.words()[last] >>> 21) & 31;
        String name = c.rows()[last].name();
        int o = (int) oracle, d = (int) ours;
        if (field == PpcFuzzTarget.F_FPR + frt) {
            long m = 0;
            if (name.startsWith("fctiw")) {
                m = 0xffff_ffff_0000_0000L;
                if ((int) oracle == FCTIW_UNICORN && (int) ours == FCTIW_POSITIVE_OVERFLOW) m = -1L;
            } else if (name.startsWith("mffs")) {
                m = 0xffff_ffff_0000_0000L | (fpscrMask(c) & 0xffffffffL);
            } else if (name.startsWith("fres") || name.startsWith("frsqrte")) {
                m = (1L << 40) - 1;
                boolean fresZero = name.startsWith("fres") && (oracle & ~Long.MIN_VALUE) == 0x3fe0_0000_0000_0000L
                        && (ours & ~Long.MIN_VALUE) == 0x7ff0_0000_0000_0000L && (oracle ^ ours) >= 0;
                if (fresZero) m = -1L;
            }
            return m;
        }
        if (field == PpcFuzzTarget.F_CR) return crMask(c) & 0xffffffffL;
        if (field != PpcFuzzTarget.F_FPSCR) return 0;
        int fpscr = Fpscr.FR;
        if (contains(c, "fcmpu") || contains(c, "fcmpo")) fpscr |= Fpscr.FI | 0x1_0000;
        if (contains(c, "mtfsb1")) fpscr |= Fpscr.FI;
        if (fxMasked(c)) fpscr |= Fpscr.FX;
        boolean mtfsf = contains(c, "mtfsf") || contains(c, "mtfsfi");
        if (mtfsf && (o & Fpscr.FI) == 0 && (d & Fpscr.FI) != 0) fpscr |= Fpscr.FI;
        if (mtfsf && (o & Fpscr.RESERVED) != 0 && (d & Fpscr.RESERVED) == 0) fpscr |= Fpscr.RESERVED;
        if (name.startsWith("fctiw")) {
            fpscr |= Fpscr.FPRF;
            if ((o & Fpscr.FI) != 0 && (d & Fpscr.FI) == 0) fpscr |= Fpscr.FI;
        } else if (name.startsWith("fres") || name.startsWith("frsqrte")) {
            int fx = (c.init().fpscr() & Fpscr.FX) == 0 ? Fpscr.FX : 0;
            fpscr |= Fpscr.FI | Fpscr.XX | fx | Fpscr.FPRF;   // FPRF: of the estimate, and of fres(0)
            if (name.startsWith("fres") && (d & Fpscr.ZX) != 0 && (o & Fpscr.ZX) == 0) fpscr |= Fpscr.ZX;
        }
        boolean single = false, madd = any(c, MADD);
        for (int i = 0; i < c.words().length; i++)
            single |= c.words()[i] >>> 26 == 59 || c.rows()[i].name().startsWith("frsp");
        if (single && (d & 0x1_0000) != 0 && (o & 0x1_0000) == 0) fpscr |= 0x1_0000;
        if (madd && (o & (Fpscr.VXIMZ | Fpscr.VXISI)) != 0 && (d & Fpscr.VXSNAN) != 0 && (o & Fpscr.VXSNAN) == 0)
            fpscr |= Fpscr.VXSNAN;
        if (madd && (o & Fpscr.VXISI) != 0 && (d & Fpscr.VXISI) == 0 && (d & (Fpscr.VXIMZ | Fpscr.VXSNAN)) != 0)
            fpscr |= Fpscr.VXISI;
        return fpscr & 0xffffffffL;
    }

    private static final String MADD = "fn?m(add|sub)s?\\.?";

    /** After mtfsb0/mcrfs/mtfsf/mtfsfi FX may be 0 with exception bits 1 (see RULES). */
    private static boolean fxMasked(InsnFuzzCases.Case c) {
        return contains(c, "mtfsb0") || contains(c, "mcrfs") || contains(c, "mtfsf") || contains(c, "mtfsfi");
    }

    /**
     * Every FPSCR bit some rule may leave uncompared in this case, whatever the final values: what
     * mffs (last only) and mcrfs may have copied, and a record form's CR1 (FX FEX VX OX).
     */
    static int fpscrMask(InsnFuzzCases.Case c) {
        String name = c.rows()[c.words().length - 1].name();
        int m = Fpscr.FR;
        if (contains(c, "fcmpu") || contains(c, "fcmpo")) m |= Fpscr.FI | 0x1_0000;
        if (contains(c, "mtfsb1") || contains(c, "mtfsf") || contains(c, "mtfsfi")) m |= Fpscr.FI;
        if (contains(c, "mtfsf") || contains(c, "mtfsfi")) m |= Fpscr.RESERVED;
        if (fxMasked(c)) m |= Fpscr.FX;
        if (name.startsWith("fctiw")) m |= Fpscr.FPRF | Fpscr.FI;
        if (name.startsWith("fres") || name.startsWith("frsqrte")) m |= Fpscr.FI | Fpscr.XX | Fpscr.FX | Fpscr.FPRF | Fpscr.ZX;
        if (any(c, MADD)) m |= Fpscr.VXSNAN | Fpscr.VXISI;
        for (int i = 0; i < c.words().length; i++)
            if (c.words()[i] >>> 26 == 59 || c.rows()[i].name().startsWith("frsp")) m |= 0x1_0000;
        return m;
    }

    /** CR bits that copy masked FPSCR bits: mcrfs's BF field, a floating-point record form's CR1. */
    static int crMask(InsnFuzzCases.Case c) {
        int f = fpscrMask(c), cr = 0;
        for (int i = 0; i < c.words().length; i++) {
            int w = c.words()[i], op = w >>> 26;
            String n = c.rows()[i].name();
            if (n.equals("mcrfs")) {
                int bf = (w >>> 23) & 7, bfa = (w >>> 18) & 7;
                cr |= ((f >>> (28 - 4 * bfa)) & 15) << (28 - 4 * bf);
            } else if ((op == 59 || op == 63) && n.endsWith(".")) {
                cr |= ((f >>> 28) & 15) << 24;
            }
        }
        return cr;
    }
}
