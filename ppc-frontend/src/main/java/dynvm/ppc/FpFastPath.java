package dynvm.ppc;

import static dynvm.ppc.Fpscr.*;

import dynvm.spi.CpuState;

/**
 * The common case of the FPU helpers at Java double speed: each method either delivers exactly
 * what the exact path in {@link PpcFpu} / {@link FpRounding} would (result bits and FPSCR), or
 * returns {@link #MISS} without touching the FPSCR, and the caller runs the exact path.
 *
 * <p><b>When it applies.</b> The FPSCR is in the default environment: rounding mode RN (round
 * to nearest even), no exception enabled (VE=OE=UE=ZE=XE=0), FEX clear and VX equal to the OR
 * of the invalid-operation bits (as every FPSCR writer leaves it; a value restored from a signal
 * frame or set by a debugger may not be). The operands and the round-to-nearest result are
 * finite and well inside the normal range of the target format, with the same bounds the exact
 * path uses for its error-free transformations (e.g. 2^-1022 <= |sum| < 2^1023 for fadd).
 *
 * <p><b>Why it is exact.</b> Under these conditions the operation cannot raise invalid
 * operation (no NaN, no infinity, no zero divisor), zero divide, overflow or underflow (the result
 * is normal, so not tiny, and below the overflow threshold). The only exception left is inexact.
 * Java's {@code +, -, *, /, Math.sqrt, Math.fma} round to nearest even as IEEE 754 requires, so
 * the value equals the architected result under RN, and an error-free transformation (TwoSum for
 * add, {@code fma(x, y, -p)} for multiply, the remainder {@code fma(-q, y, x)} for divide,
 * {@code fma(-r, r, y)} for square root, ErrFma for multiply-add) gives the sign of
 * {@code exact - result}, which decides FI and FR. Single-precision results go through the
 * round-to-odd double exactly as {@link FpRounding#finishSingle} does. The FPSCR update is then:
 * FR, FI (non-sticky, rewritten by every arithmetic op) and FPRF (normal, signed by the result;
 * fctiw[z] leave FPRF alone, compares set only FPCC) replaced; XX set when inexact and FX with it
 * when XX turns from 0 to 1 (the only exception bit that can change). FEX stays 0 because no
 * exception is enabled, and VX keeps its value because no invalid bit changes, so the summary
 * rules ({@link Fpscr#settle}) need no recomputation.
 *
 * <p><b>Switch.</b> {@code -Ddynvm.fpFastPath=false} turns it off (read once, when this class
 * initializes); the tests run the FPU suites both ways and compare both paths operand by operand.
 */
public final class FpFastPath {
    private FpFastPath() { }

    /**
     * On unless the system property {@code dynvm.fpFastPath} is {@code false}. The callers in
     * {@link PpcFpu} test it (a constant once this class is initialized, so the JIT drops the
     * branch); the methods here do not, so tests can compare both paths in one JVM.
     */
    public static final boolean ENABLED = !"false".equals(System.getProperty("dynvm.fpFastPath"));

    /** "Not handled here": a NaN pattern no fast result has (fctiw[z] results have 0xFFF8000x above). */
    static final long MISS = -1L;

    private static final int FS = FpRounding.FS;
    /** Bits that must be clear: the rounding mode (RN = 0 is nearest), the enables, and FEX. */
    private static final int NOT_DEFAULT = RN | VE | OE | UE | ZE | XE | FEX;
    /** XX is bit 25 and FX bit 31: shifting the newly set XX by 6 gives FX. */
    private static final int XX_TO_FX = 6;

    static { assert XX << XX_TO_FX == FX; }

    /** Default environment and consistent summaries: the exact path's settle() would change nothing else. */
    static boolean usable(int f) {
        return (f & NOT_DEFAULT) == 0 && ((f & VX_ALL) == 0) == ((f & VX) == 0);
    }

    /**
     * The FPSCR after an arithmetic op with a normal result: {@code base} with FR, FI cleared
     * (and FPRF too where the op sets it), then FI/XX when inexact, FR when rounded away from zero,
     * FX when XX turns on.
     */
    private static int status(int f, int base, boolean inexact, boolean up) {
        int n = base;
        if (inexact) n |= up ? FI | XX | FR : FI | XX;
        return n | ((n & ~f & XX) << XX_TO_FX);
    }

    private static int normal(int f, boolean negative) {
        return (f & ~(FR | FI | FPRF)) | ((negative ? CLASS_NNORM : CLASS_PNORM) << FPRF_SHIFT);
    }

    private static double d(long x) { return Double.longBitsToDouble(x); }

    private static long bits(double x) { return Double.doubleToRawLongBits(x); }

    /**
     * Delivers the round-to-nearest double {@code r} whose error exact - r has the sign of
     * {@code err}; {@code negate} negates after rounding (fnmadd/fnmsub), as the exact path does.
     */
    private static long dbl(CpuState cpu, int f, double r, double err, boolean negate) {
        // FR: the delivered magnitude exceeds the exact one, i.e. the error points back to zero
        cpu.r[FS] = status(f, normal(f, (r < 0) != negate), err != 0, (err > 0) != (r > 0));
        return bits(negate ? -r : r);
    }

    /**
     * Single result from the round-to-nearest double {@code r} and the sign of its error: first
     * the round-to-odd double of the exact value, then one rounding to single (as finishSingle).
     */
    private static long sgl(CpuState cpu, int f, double r, double err, boolean negate) {
        double o = r;
        if (err != 0 && (bits(r) & 1) == 0) o = err > 0 ? Math.nextUp(r) : Math.nextDown(r);
        double ao = Math.abs(o);
        if (!(ao >= 0x1p-125 && ao < 0x1p127)) return MISS; // may be tiny or overflow as a single
        float s = (float) o;
        double e = o - s; // exact: s is within half a float ulp of o
        cpu.r[FS] = status(f, normal(f, (s < 0) != negate), e != 0, (e > 0) != (s > 0));
        return bits(negate ? -(double) s : (double) s);
    }

    // ---------------------------------------------------------------- arithmetic

    static long add(CpuState cpu, long a, long b, boolean sub, boolean single) {
        int f = cpu.r[FS];
        if (!usable(f)) return MISS;
        double x = d(a), y = sub ? -d(b) : d(b), s = x + y, as = Math.abs(s);
        if (!(as >= 0x1p-1022 && as < 0x1p1023)) return MISS; // also NaN, infinity and zero
        double t = s - x, e = (x - (s - t)) + (y - t); // TwoSum: exact error of s
        return single ? sgl(cpu, f, s, e, false) : dbl(cpu, f, s, e, false);
    }

    static long mul(CpuState cpu, long a, long c, boolean single) {
        int f = cpu.r[FS];
        if (!usable(f)) return MISS;
        double x = d(a), y = d(c), p = x * y, ap = Math.abs(p);
        if (!(ap >= 0x1p-960 && ap < 0x1p1023)) return MISS;
        double e = Math.fma(x, y, -p);
        return single ? sgl(cpu, f, p, e, false) : dbl(cpu, f, p, e, false);
    }

    static long div(CpuState cpu, long a, long b, boolean single) {
        int f = cpu.r[FS];
        if (!usable(f)) return MISS;
        double x = d(a), y = d(b), q = x / y, aq = Math.abs(q);
        if (!(aq >= 0x1p-960 && aq < 0x1p1023 && Math.abs(x) >= 0x1p-960 && Math.abs(y) >= 0x1p-1022)) return MISS;
        double rem = Math.fma(-q, y, x); // exact here; exact - q has the sign of rem / y
        double e = y > 0 ? rem : -rem;
        return single ? sgl(cpu, f, q, e, false) : dbl(cpu, f, q, e, false);
    }

    static long sqrt(CpuState cpu, long b, boolean single) {
        int f = cpu.r[FS];
        if (!usable(f)) return MISS;
        double y = d(b);
        if (!(y >= 0x1p-960 && y < Double.POSITIVE_INFINITY)) return MISS;
        double r = Math.sqrt(y), e = Math.fma(-r, r, y);
        return single ? sgl(cpu, f, r, e, false) : dbl(cpu, f, r, e, false);
    }

    private static boolean inFmaRange(double v) { double av = Math.abs(v); return av >= 0x1p-900 && av <= 0x1p1000; }

    /** (FRA*FRC) +/- FRB with one rounding; the same bounds and ErrFma as {@link PpcFpu}'s fma. */
    static long fma(CpuState cpu, long a, long c, long b, boolean negB, boolean negResult, boolean single) {
        int f = cpu.r[FS];
        if (!usable(f)) return MISS;
        double x = d(a), w = d(c), z = negB ? -d(b) : d(b), r = Math.fma(x, w, z), p = x * w;
        if (!(r != 0 && inFmaRange(r) && inFmaRange(p) && (z == 0 || inFmaRange(z)))) return MISS;
        // ErrFma (Boldo & Muller 2011): x*w + z = r + r2 + r3 exactly, |r3| <= ulp(r2)/2
        double u2 = Math.fma(x, w, -p);
        double a1 = z + u2, t = a1 - z, zz = (z - (a1 - t)) + (u2 - t);
        double b1 = p + a1;
        t = b1 - p;
        double b2 = (p - (b1 - t)) + (a1 - t);
        double r2 = ((b1 - r) + b2) + zz;
        return single ? sgl(cpu, f, r, r2, negResult) : dbl(cpu, f, r, r2, negResult);
    }

    /** frsp: the operand is the exact value. */
    static long frsp(CpuState cpu, long b) {
        int f = cpu.r[FS];
        if (!usable(f)) return MISS;
        return sgl(cpu, f, d(b), 0, false); // NaN, infinity, zero and tiny values miss in sgl
    }

    // ---------------------------------------------------------------- convert and compare

    /**
     * fctiw (RN is nearest here) and fctiwz: in-range conversions. FPRF is left unchanged, FI/XX
     * when the value was not integral, FR when rounding went away from zero.
     */
    static long toInt(CpuState cpu, long b, boolean truncate) {
        int f = cpu.r[FS];
        if (!usable(f)) return MISS;
        double y = d(b), r = truncate ? (y < 0 ? Math.ceil(y) : Math.floor(y)) : Math.rint(y);
        if (!(r >= -2147483648.0 && r <= 2147483647.0)) return MISS; // NaN and VXCVI cases
        int v = (int) r;
        cpu.r[FS] = status(f, f & ~(FR | FI), r != y, Math.abs(r) > Math.abs(y));
        long out = PpcFpu.UNDEFINED_HIGH | (v & 0xffff_ffffL);
        return v == 0 && b < 0 ? out | (1L << 32) : out;
    }

    /** fcmpu/fcmpo of two ordered operands: FPCC only, no exception. Returns -1 for the exact path. */
    static int compare(CpuState cpu, long a, long b) {
        int f = cpu.r[FS];
        if (!usable(f)) return -1;
        double x = d(a), y = d(b);
        int cc = x < y ? 8 : x > y ? 4 : x == y ? 2 : 0;
        if (cc == 0) return -1; // unordered: NaN operand, may set VXSNAN / VXVC
        cpu.r[FS] = (f & ~FPCC) | (cc << FPRF_SHIFT);
        return cc;
    }
}
