package dynvm.arm.neon;

import static dynvm.arm.neon.NeonLanes.esize;
import static dynvm.arm.neon.NeonLanes.lane;
import static dynvm.arm.neon.NeonLanes.put;
import static dynvm.arm.neon.NeonLanes.unsigned;

import dynvm.arm.ArmRegs;
import dynvm.ir.Touches;
import dynvm.spi.CpuState;

/**
 * Saturating lane arithmetic: like {@link NeonLanes}, and a lane that saturated sets the
 * cumulative FPSCR.QC (bit 27), which only a VMSR clears.
 */
public final class NeonSat {
    private NeonSat() { }

    static final int FPSCR = ArmRegs.slot(ArmRegs.FPSCR);
    public static final int QC = 1 << 27;

    @Touches("fpscr")
    public static long qadd(CpuState cpu, long a, long b, int ctl) { return addSub(cpu, a, b, ctl, false); }

    @Touches("fpscr")
    public static long qsub(CpuState cpu, long a, long b, int ctl) { return addSub(cpu, a, b, ctl, true); }

    private static long addSub(CpuState cpu, long a, long b, int ctl, boolean sub) {
        int es = esize(ctl);
        boolean u = unsigned(ctl), sat = false;
        long r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, u), y = lane(b, i, es, u), v;
            if (es == 64) {
                if (u) {
                    v = sub ? x - y : x + y;
                    boolean over = sub ? Long.compareUnsigned(x, y) < 0 : Long.compareUnsigned(v, x) < 0;
                    if (over) { v = sub ? 0 : -1L; sat = true; }
                } else {
                    v = sub ? x - y : x + y;
                    boolean over = sub ? ((x ^ y) & (x ^ v)) < 0 : (~(x ^ y) & (x ^ v)) < 0;
                    if (over) { v = x < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; sat = true; }
                }
            } else {
                v = sub ? x - y : x + y;
                long lo = u ? 0 : -(1L << (es - 1)), hi = u ? (1L << es) - 1 : (1L << (es - 1)) - 1;
                if (v < lo) { v = lo; sat = true; }
                else if (v > hi) { v = hi; sat = true; }
            }
            r = put(r, i, es, v);
        }
        if (sat) cpu.r[FPSCR] |= QC;
        return r;
    }

    /** ctl flag of the narrowing and left-shifting forms: the result lanes are unsigned (VQMOVUN, VQSHRUN, VQSHLU, and the .U forms). */
    public static final int DST_UNSIGNED = 0x400;

    private static long saturate(long v, int es, boolean dstU, boolean[] sat) {
        long lo = dstU ? 0 : -(1L << (es - 1)), hi = dstU ? (1L << es) - 1 : (1L << (es - 1)) - 1;
        if (v < lo) { sat[0] = true; return lo; }
        if (v > hi) { sat[0] = true; return hi; }
        return v;
    }

    /**
     * VQMOVN/VQMOVUN/VQSHRN/VQRSHRN/VQSHRUN/VQRSHRUN: lanes of 2*esize from {@code lo}:{@code hi}
     * (signed unless UNSIGNED), shifted right by {@code ctl >>> 16} (rounded with ROUND), saturated
     * to esize (unsigned with DST_UNSIGNED).
     */
    @Touches("fpscr")
    public static long qnarrow(CpuState cpu, long lo, long hi, int ctl) {
        int es = esize(ctl), wide = 2 * es, n = ctl >>> 16, half = 32 / es;
        boolean u = unsigned(ctl), dstU = (ctl & DST_UNSIGNED) != 0, round = (ctl & NeonLanes.ROUND) != 0;
        boolean[] sat = {false};
        long r = 0;
        for (int i = 0; i < 2 * half; i++) {
            long x = lane(i < half ? lo : hi, i % half, wide, u);     // wide <= 32 bits here except es = 32
            long v;
            if (wide == 64 && u) {                                    // unsigned 64-bit source: stay in range
                v = n == 0 ? x : (x >>> n) + (round ? x >>> (n - 1) & 1 : 0);
                if (Long.compareUnsigned(v, dstU ? (1L << es) - 1 : (1L << (es - 1)) - 1) > 0) {
                    sat[0] = true;
                    v = dstU ? (1L << es) - 1 : (1L << (es - 1)) - 1;
                }
            } else {
                v = n == 0 ? x : (x >> n) + (round ? x >> (n - 1) & 1 : 0);
                v = saturate(v, es, dstU, sat);
            }
            r = put(r, i, es, v);
        }
        if (sat[0]) cpu.r[FPSCR] |= QC;
        return r;
    }

    /** VQSHL/VQSHLU (immediate): each lane shifted left by {@code ctl >>> 16}, saturated (unsigned result with DST_UNSIGNED). */
    @Touches("fpscr")
    public static long qshl(CpuState cpu, long a, int ctl) {
        int es = esize(ctl), n = ctl >>> 16;
        boolean u = unsigned(ctl), dstU = (ctl & DST_UNSIGNED) != 0;
        boolean[] sat = {false};
        long r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, u), v;
            if (es == 64) {
                if (u) {
                    v = x << n;
                    if (n > 0 && (x >>> (64 - n)) != 0) { v = -1L; sat[0] = true; }
                } else if (dstU) {
                    if (x < 0) { v = 0; sat[0] = true; }
                    else { v = x << n; if (n > 0 && (x >>> (64 - n)) != 0) { v = -1L; sat[0] = true; } }
                } else {
                    v = x << n;
                    if ((v >> n) != x) { v = x < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; sat[0] = true; }
                }
            } else {
                // |x| < 2^32 and n < 32: the product fits in a long
                v = saturate(x << n, es, dstU || u, sat);
            }
            r = put(r, i, es, v);
        }
        if (sat[0]) cpu.r[FPSCR] |= QC;
        return r;
    }

    /**
     * VQSHL/VQRSHL (register): each lane of {@code a} (signed unless UNSIGNED) shifted by the signed
     * low byte of {@code b}'s lane (left when positive; right, rounded with ROUND, when negative),
     * saturated to the lane's range.
     */
    @Touches("fpscr")
    public static long qshlReg(CpuState cpu, long a, long b, int ctl) {
        int es = esize(ctl);
        boolean u = unsigned(ctl), round = (ctl & NeonLanes.ROUND) != 0;
        boolean[] sat = {false};
        long r = 0;
        for (int i = 0; i < 64 / es; i++) {
            int sh = (byte) (b >>> (i * es));
            long v;
            if (es == 64) {
                java.math.BigInteger x = u ? new java.math.BigInteger(Long.toUnsignedString(a)) : java.math.BigInteger.valueOf(a);
                java.math.BigInteger y = sh >= 0 ? x.shiftLeft(sh)
                        : (round ? x.add(java.math.BigInteger.ONE.shiftLeft(-sh - 1)) : x).shiftRight(-sh);
                java.math.BigInteger lo = u ? java.math.BigInteger.ZERO : java.math.BigInteger.ONE.shiftLeft(63).negate();
                java.math.BigInteger hi = u ? java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE)
                        : java.math.BigInteger.ONE.shiftLeft(63).subtract(java.math.BigInteger.ONE);
                if (y.compareTo(lo) < 0) { y = lo; sat[0] = true; }
                if (y.compareTo(hi) > 0) { y = hi; sat[0] = true; }
                v = y.longValue();
            } else {
                long x = lane(a, i, es, u);                                   // |x| < 2^32
                if (sh >= 0) v = sh >= es ? (x == 0 ? 0 : x < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : x << sh;
                else {
                    int n = -sh;                                              // 1..128
                    if (n > 40) v = u || round ? 0 : x >> 63;
                    else v = (x + (round ? 1L << (n - 1) : 0)) >> n;
                }
                v = saturate(v, es, u, sat);
            }
            r = put(r, i, es, v);
        }
        if (sat[0]) cpu.r[FPSCR] |= QC;
        return r;
    }

    /**
     * VQDMULL/VQDMLAL/VQDMLSL: 2 * a * b of signed lanes {@code first}.. saturated to 2*esize, then
     * (op {@code ctl >>> 16}: 0 none, 1 add, 2 subtract) combined with {@code acc}'s wide lane and
     * saturated again; either saturation sets FPSCR.QC.
     */
    @Touches("fpscr")
    public static long qdmull(CpuState cpu, long acc, long a, long b, int first, int ctl) {
        int es = esize(ctl), wide = 2 * es, op = ctl >>> 16;
        boolean[] sat = {false};
        long r = 0;
        for (int i = 0; i < 64 / wide; i++) {
            long m = lane(a, first + i, es, false) * lane(b, first + i, es, false);   // |m| <= 2^62
            long p;
            if (wide == 64) {
                if (m == 1L << 62) { p = Long.MAX_VALUE; sat[0] = true; } else p = 2 * m;
            } else p = saturate(2 * m, wide, false, sat);
            if (op != 0) {
                long d = lane(acc, i, wide, false), s;
                if (wide == 64) {
                    s = op == 1 ? d + p : d - p;
                    boolean over = op == 1 ? ((d ^ s) & (p ^ s)) < 0 : ((d ^ p) & (d ^ s)) < 0;
                    if (over) { s = d < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; sat[0] = true; }
                } else s = saturate(op == 1 ? d + p : d - p, wide, false, sat);
                p = s;
            }
            r = put(r, i, wide, p);
        }
        if (sat[0]) cpu.r[FPSCR] |= QC;
        return r;
    }

    /** VQDMULH/VQRDMULH: the high half of 2*a*b (rounded with ROUND), saturated (only min * min overflows). */
    @Touches("fpscr")
    public static long qdmulh(CpuState cpu, long a, long b, int ctl) {
        int es = esize(ctl);
        boolean round = (ctl & NeonLanes.ROUND) != 0, sat = false;
        long min = -(1L << (es - 1)), r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, false), y = lane(b, i, es, false), v;
            if (x == min && y == min) { v = -min - 1; sat = true; }
            else v = (2 * x * y + (round ? 1L << (es - 1) : 0)) >> es;
            r = put(r, i, es, v);
        }
        if (sat) cpu.r[FPSCR] |= QC;
        return r;
    }

    /** VQABS/VQNEG: |x| or -x per lane, the most negative value saturating. */
    @Touches("fpscr")
    public static long qabsNeg(CpuState cpu, long a, int ctl) {
        int es = esize(ctl);
        boolean neg = (ctl & NeonLanes.ROUND) != 0, sat = false;     // ROUND marks VQNEG here
        long min = -(1L << (es - 1)), r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, false), v = neg ? -x : Math.abs(x);
            if (x == min) { v = -min - 1; sat = true; }            // |min| and -min do not fit
            r = put(r, i, es, v);
        }
        if (sat) cpu.r[FPSCR] |= QC;
        return r;
    }
}
