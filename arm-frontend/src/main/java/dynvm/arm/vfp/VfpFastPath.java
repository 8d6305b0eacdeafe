package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpFloat.IXC;
import static dynvm.arm.vfp.VfpFloat.RM;
import static dynvm.arm.vfp.VfpFloat.RN;
import static dynvm.arm.vfp.VfpFloat.RP;

import dynvm.arm.ArmRegs;
import dynvm.spi.CpuState;

/**
 * The common case of the {@link VfpArith} helpers at Java double speed: each method either
 * delivers exactly what the exact model {@link VfpFloat} would (result bits and FPSCR), or returns
 * a miss marker ({@link #MISS64}, {@link #MISS32}, {@link #MISS_FIXED}, -1 for compares) without
 * touching the FPSCR, and the caller runs the exact model.
 *
 * <p><b>When it applies.</b> Any FPSCR: every rounding mode is handled, and FZ and DN cannot
 * matter in the domain below (trap enables do not exist here: {@link VfpTransfer#FPSCR_WRITABLE}
 * keeps them zero, and the exact model has no traps either). The operands are zeros or normal
 * numbers inside an exponent band far from both ends (doubles: biased exponent 64..2045; singles:
 * 2..253 for the result), and so is a non-zero result. No NaN, infinity or denormal is ever
 * an operand or a result.
 *
 * <p><b>Why it is exact.</b> With no NaN, infinity or denormal operand, FPUnpack raises no IDC
 * (FZ only flushes denormals) and FPProcessNaNs has nothing to do (DN only replaces NaNs); no
 * invalid operation (no inf - inf, 0 * inf, 0 / 0, sqrt of a negative), division by zero (the
 * divisor is normal), overflow or underflow (the result is normal and far from both ends, so
 * neither tiny before rounding nor above the largest finite number after a step) can happen. The
 * only exception left is inexact, so the only FPSCR change is IXC, ORed in when the result is
 * inexact. Java's {@code + - * /} and {@code Math.sqrt} round to nearest even as FPRound's RN
 * does; an error-free transformation gives the sign of {@code exact - nearest} (TwoSum for
 * add/subtract, {@code fma(x, y, -p)} for multiply, the remainder {@code fma(-q, y, x)} for
 * divide, {@code fma(-r, r, x)} for square root), zero meaning exact; the directed modes then
 * step to the neighbour on the exact value's side. Singles are computed in double: the product of
 * two singles is exact in double; sum, quotient and root are rounded once to double, and then the
 * float nearest to that double is the float nearest to the exact value (double rounding is
 * innocuous for + - * / sqrt of floats, since 53 >= 2 * 24 + 2), and the exact value's side of the
 * float is the side of the double, or of the double's own error when the double is a float.
 * Zeros follow FPAdd/FPMul/FPDiv/FPSqrt: an exact zero sum is -0 only in round toward minus
 * infinity (or when both addends are -0), a product or quotient with a zero operand is a zero of
 * the XOR sign, sqrt(+-0) = +-0, all without flags. VMLA and its kin are not fused in VFPv3 (FPMul
 * then FPAdd, two roundings), so they are two fast calls, each exact. Conversions: single to
 * double is exact for normals; double to single and integer/fixed-point conversions in range are
 * rounded by the mode with IXC when inexact; out of range (saturation, IOC) misses.
 *
 * <p><b>Switch.</b> {@code -Ddynvm.fpFastPath=false} turns it off (the same property as the
 * PowerPC front-end's; read once, when this class initializes). The methods here do not test it,
 * so {@code VfpFastPathTest} compares both paths in one JVM.
 */
public final class VfpFastPath {
    private VfpFastPath() { }

    /** On unless the system property {@code dynvm.fpFastPath} is {@code false}; a constant for the JIT once initialized. */
    public static final boolean ENABLED = !"false".equals(System.getProperty("dynvm.fpFastPath"));

    /** "Not handled here": NaN patterns no fast result has (fast results are finite). */
    static final long MISS64 = -1L;
    static final int MISS32 = -1;
    /** Fixed-point conversions return a sign- or zero-extended 32-bit value, never this. */
    static final long MISS_FIXED = Long.MIN_VALUE;

    private static final int FPSCR = ArmRegs.slot(ArmRegs.FPSCR);

    // Double exponent band (biased): far from denormals, so residuals of products and quotients
    // stay exactly representable, and from overflow, so a step up stays finite.
    private static final int D_LO = 64, D_HI = 2045;
    // Single band: normal, not the smallest binade (tininess is detected before rounding) nor the largest.
    private static final int F_LO = 2, F_HI = 253;

    private static double d(long bits) { return Double.longBitsToDouble(bits); }

    private static double f(int bits) { return Float.intBitsToFloat(bits); }

    private static long bits(double x) { return Double.doubleToRawLongBits(x); }

    private static boolean band64(double x) {
        int e = (int) (Double.doubleToRawLongBits(x) >>> 52) & 0x7ff;
        return e >= D_LO && e <= D_HI;
    }

    private static boolean band32(float x) {
        int e = Float.floatToRawIntBits(x) >>> 23 & 0xff;
        return e >= F_LO && e <= F_HI;
    }

    private static boolean normal32(int a) {
        int e = a >>> 23 & 0xff;
        return e != 0 && e != 0xff;
    }

    private static boolean zero64(long a) { return (a & Long.MAX_VALUE) == 0; }

    private static boolean zero32(int a) { return (a & Integer.MAX_VALUE) == 0; }

    /** A zero or a double in the band. */
    private static boolean plain64(long a) {
        int e = (int) (a >>> 52) & 0x7ff;
        return e >= D_LO && e <= D_HI || zero64(a);
    }

    private static boolean plain32(int a) { return normal32(a) || zero32(a); }

    /** The result {@code r} rounded to nearest, moved by the mode when the exact value is on side {@code errSign} of it. */
    private static double directed64(CpuState cpu, int fpscr, double r, double errSign) {
        if (errSign == 0) return r;
        cpu.r[FPSCR] |= IXC;
        return switch (VfpFloat.rmode(fpscr)) {
            case RN -> r;
            case RP -> errSign > 0 ? Math.nextUp(r) : r;
            case RM -> errSign < 0 ? Math.nextDown(r) : r;
            default -> r > 0 ? (errSign < 0 ? Math.nextDown(r) : r) : (errSign > 0 ? Math.nextUp(r) : r);
        };
    }

    /** The single nearest to the double {@code d} whose exact source differs from d by a value of sign {@code dErr}. */
    private static int single(CpuState cpu, int fpscr, double d, double dErr) {
        float f = (float) d;
        double side = d != f ? Math.signum(d - f) : Math.signum(dErr);
        if (side == 0) return Float.floatToRawIntBits(f);
        cpu.r[FPSCR] |= IXC;
        float r = switch (VfpFloat.rmode(fpscr)) {
            case RN -> f;
            case RP -> side > 0 ? Math.nextUp(f) : f;
            case RM -> side < 0 ? Math.nextDown(f) : f;
            default -> f > 0 ? (side < 0 ? Math.nextDown(f) : f) : (side > 0 ? Math.nextUp(f) : f);
        };
        return Float.floatToRawIntBits(r);
    }

    /** The error of x + y = s (TwoSum, exact without overflow). */
    private static double twoSumError(double x, double y, double s) {
        double bb = s - x;
        return (x - (s - bb)) + (y - bb);
    }

    /** FPAdd's exact zero: both addends zeros of one sign keep it, otherwise -0 only toward minus infinity. */
    private static boolean zeroSumNegative(double x, double y, int fpscr) {
        boolean nx = bits(x) < 0, ny = bits(y) < 0;
        return x == 0 && y == 0 && nx == ny ? nx : VfpFloat.rmode(fpscr) == RM;
    }

    // ---------------------------------------------------------------- double precision

    static long add64(CpuState cpu, long a, long b, boolean sub) {
        if (!(plain64(a) && plain64(b))) return MISS64;
        int fpscr = cpu.r[FPSCR];
        double x = d(a), y = sub ? -d(b) : d(b), s = x + y;
        if (s == 0) return zeroSumNegative(x, y, fpscr) ? Long.MIN_VALUE : 0; // exact: an addend >= 2^-959 cancels exactly
        if (!band64(s)) return MISS64;
        return bits(directed64(cpu, fpscr, s, twoSumError(x, y, s)));
    }

    static long mul64(CpuState cpu, long a, long b) {
        if (!(plain64(a) && plain64(b))) return MISS64;
        if (zero64(a) || zero64(b)) return (a ^ b) & Long.MIN_VALUE;
        double x = d(a), y = d(b), p = x * y;
        if (!band64(p)) return MISS64;
        return bits(directed64(cpu, cpu.r[FPSCR], p, Math.fma(x, y, -p)));
    }

    static long div64(CpuState cpu, long a, long b) {
        if (!(plain64(a) && plain64(b)) || zero64(b)) return MISS64;
        if (zero64(a)) return (a ^ b) & Long.MIN_VALUE;
        double x = d(a), y = d(b), q = x / y;
        if (!band64(q)) return MISS64;
        return bits(directed64(cpu, cpu.r[FPSCR], q, Math.signum(Math.fma(-q, y, x)) * Math.signum(y)));
    }

    static long sqrt64(CpuState cpu, long a) {
        if (zero64(a)) return a;
        if (!(plain64(a) && a > 0)) return MISS64;
        double x = d(a), r = Math.sqrt(x);
        return bits(directed64(cpu, cpu.r[FPSCR], r, Math.fma(-r, r, x)));
    }

    // ---------------------------------------------------------------- single precision

    static int add32(CpuState cpu, int a, int b, boolean sub) {
        if (!(plain32(a) && plain32(b))) return MISS32;
        int fpscr = cpu.r[FPSCR];
        double x = f(a), y = sub ? -f(b) : f(b), s = x + y;    // exact in double unless far apart
        if (s == 0) return zeroSumNegative(x, y, fpscr) ? Integer.MIN_VALUE : 0;
        if (!band32((float) s)) return MISS32;
        return single(cpu, fpscr, s, twoSumError(x, y, s));
    }

    static int mul32(CpuState cpu, int a, int b) {
        if (!(plain32(a) && plain32(b))) return MISS32;
        if (zero32(a) || zero32(b)) return (a ^ b) & Integer.MIN_VALUE;
        double p = (double) f(a) * f(b);                    // exact: 48 significant bits
        if (!band32((float) p)) return MISS32;
        return single(cpu, cpu.r[FPSCR], p, 0);
    }

    static int div32(CpuState cpu, int a, int b) {
        if (!(plain32(a) && normal32(b))) return MISS32;
        if (zero32(a)) return (a ^ b) & Integer.MIN_VALUE;
        double x = f(a), y = f(b), q = x / y;
        if (!band32((float) q)) return MISS32;
        return single(cpu, cpu.r[FPSCR], q, Math.signum(Math.fma(-q, y, x)) * Math.signum(y));
    }

    static int sqrt32(CpuState cpu, int a) {
        if (zero32(a)) return a;
        if (!(normal32(a) && a > 0)) return MISS32;
        double x = f(a), r = Math.sqrt(x);
        return single(cpu, cpu.r[FPSCR], r, Math.fma(-r, r, x));
    }

    // ---------------------------------------------------------------- fused multiply-add (VFPv4)

    /**
     * FPMulAdd of doubles when the product is exact in double ({@code fma(x, y, -p) == 0}): then
     * the fused result is the rounded sum {@code c + p}, an add with TwoSum's error. Otherwise a
     * miss (telling the side of the exact value needs more than one residual).
     */
    static long fma64(CpuState cpu, long addend, long op1, long op2) {
        if (!(plain64(addend) && plain64(op1) && plain64(op2)) || zero64(op1) || zero64(op2)) return MISS64;
        double x = d(op1), y = d(op2), p = x * y;
        if (!band64(p) || Math.fma(x, y, -p) != 0) return MISS64;
        int fpscr = cpu.r[FPSCR];
        double c = d(addend), s = c + p;
        if (s == 0) return VfpFloat.rmode(fpscr) == RM ? Long.MIN_VALUE : 0;   // c = -p exactly: different signs
        if (!band64(s)) return MISS64;
        return bits(directed64(cpu, fpscr, s, twoSumError(c, p, s)));
    }

    /**
     * FPMulAdd of singles: the product is exact in double, the sum is rounded to double once with
     * a known error (TwoSum). That double rounding is only harmful when the double sum is exactly
     * halfway between two singles while the exact sum is not: then a miss.
     */
    static int fma32(CpuState cpu, int addend, int op1, int op2) {
        if (!(plain32(addend) && plain32(op1) && plain32(op2)) || zero32(op1) || zero32(op2)) return MISS32;
        int fpscr = cpu.r[FPSCR];
        double p = (double) f(op1) * f(op2), c = f(addend), s = c + p;
        if (s == 0) return VfpFloat.rmode(fpscr) == RM ? Integer.MIN_VALUE : 0;
        double err = twoSumError(c, p, s);
        if (!band32((float) s)) return MISS32;
        if (err != 0 && (Double.doubleToRawLongBits(s) & 0x1fff_ffffL) == 0x1000_0000L) return MISS32;
        return single(cpu, fpscr, s, err);
    }

    // ---------------------------------------------------------------- comparison

    /**
     * VCMP{E} of two non-NaN operands, neither a denormal under FZ (which would raise IDC): no
     * exception, so the NZCV nibble only (the primitive comparison has -0 == +0 as FPCompare).
     * Returns -1 for the exact path.
     */
    static int cmp64(long a, long b, int fpscr) {
        if (special64(a, fpscr) || special64(b, fpscr)) return -1;
        return nzcv(Double.compare(d(a) + 0.0, d(b) + 0.0));
    }

    static int cmp32(int a, int b, int fpscr) {
        if (special32(a, fpscr) || special32(b, fpscr)) return -1;
        return nzcv(Double.compare(f(a) + 0.0, f(b) + 0.0));
    }

    private static int nzcv(int c) { return c == 0 ? 0b0110 : c < 0 ? 0b1000 : 0b0010; }

    /** A NaN, or a denormal that FZ flushes (with IDC). */
    private static boolean special64(long a, int fpscr) {
        long m = a & Long.MAX_VALUE;
        return m > 0x7ff0_0000_0000_0000L || m != 0 && m < 0x0010_0000_0000_0000L && (fpscr & VfpFloat.FZ) != 0;
    }

    private static boolean special32(int a, int fpscr) {
        int m = a & Integer.MAX_VALUE;
        return m > 0x7f80_0000 || m != 0 && m < 0x0080_0000 && (fpscr & VfpFloat.FZ) != 0;
    }

    // ---------------------------------------------------------------- conversions

    static long cvtF32ToF64(int a) {
        return plain32(a) ? bits(f(a)) : MISS64;             // exact
    }

    static int cvtF64ToF32(CpuState cpu, long a) {
        if (zero64(a)) return (int) (a >>> 32) & Integer.MIN_VALUE;
        double x = d(a);
        if (!(band64(x) && band32((float) x))) return MISS32;
        return single(cpu, cpu.r[FPSCR], x, 0);
    }

    /**
     * In-range VCVT to integer or fixed point ({@code ctl} as {@link VfpArith#control}): the
     * scaled value is exact in double and |value| < 2^33, so rounding it is exact too.
     */
    static long toFixed(CpuState cpu, double x, boolean plain, int ctl) {
        if (!plain) return MISS_FIXED;
        double v = Math.scalb(x, ctl & 0xff);
        if (!(Math.abs(v) < 0x1p33)) return MISS_FIXED;
        int fpscr = cpu.r[FPSCR];
        double t = (ctl & 1 << 10) != 0 ? (v < 0 ? Math.ceil(v) : Math.floor(v)) : switch (VfpFloat.rmode(fpscr)) {
            case RN -> Math.rint(v);
            case RP -> Math.ceil(v);
            case RM -> Math.floor(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
        boolean unsigned = (ctl & 1 << 9) != 0;
        int size = (ctl & 1 << 8) != 0 ? 16 : 32;
        long min = unsigned ? 0 : -(1L << (size - 1)), max = unsigned ? (1L << size) - 1 : (1L << (size - 1)) - 1;
        if (t < min || t > max) return MISS_FIXED;
        if (t != v) cpu.r[FPSCR] |= IXC;
        return (long) t;
    }

    static long toFixed64(CpuState cpu, long a, int ctl) { return toFixed(cpu, d(a), plain64(a), ctl); }

    static long toFixed32(CpuState cpu, int a, int ctl) { return toFixed(cpu, f(a), plain32(a), ctl); }

    /** VCVT to a single from an integer or fixed-point value {@code v * 2^-fbits}: exact in double, >= 2^-32, so in the band. */
    static int fromFixed32(CpuState cpu, long v, int fbits, int fpscr) {
        if (v == 0) return 0;
        return single(cpu, fpscr, Math.scalb((double) v, -fbits), 0);
    }

    // ---------------------------------------------------------------- Advanced SIMD: the standard FPSCR value

    // NEON's single-precision lanes (VfpStandard32) under the standard FPSCR value: round to
    // nearest (so no FPSCR is read), FZ and DN (which cannot matter in the band above). The results
    // come in VfpStandard32's packed shape, flags in bits 63:32 (IXC when inexact, nothing else can
    // be raised here), the single in 31:0, and nothing is written: the caller ORs the flags.

    /** Miss marker of the standard-value methods: no flag word has bit 31 set. */
    static final long MISS_STD = Long.MIN_VALUE;

    /**
     * The band of a standard-value result: as {@link #band32} at the bottom, but up to the largest
     * binade, since in round to nearest a finite rounded result means no overflow (the step up of
     * the directed modes, which band32's top keeps finite, does not exist here).
     */
    private static boolean stdBand32(float x) {
        int e = Float.floatToRawIntBits(x) >>> 23 & 0xff;
        return e >= F_LO && e <= 254;
    }

    /** The single nearest to {@code d} (double rounding is innocuous, see above), IXC unless it and d's own error are exact. */
    private static long std(double d, double dErr) {
        float f = (float) d;
        return (d != f || dErr != 0 ? (long) IXC << 32 : 0) | Float.floatToRawIntBits(f) & 0xffff_ffffL;
    }

    /**
     * A NaN operand of an add or multiply: the default NaN (DN), IOC when either is signalling
     * (FPProcessNaNs picks a signalling one first), IDC when either is a denormal (FPUnpack flushes
     * it before). A vector whose accumulator became NaN stays on this path. Otherwise a miss.
     */
    private static long stdNaN(int a, int b) {
        int x = a & Integer.MAX_VALUE, y = b & Integer.MAX_VALUE;
        if (x <= 0x7f80_0000 && y <= 0x7f80_0000) return MISS_STD;
        boolean snan = x > 0x7f80_0000 && x < 0x7fc0_0000 || y > 0x7f80_0000 && y < 0x7fc0_0000;
        boolean denormal = x != 0 && x < 0x0080_0000 || y != 0 && y < 0x0080_0000;
        return (long) ((snan ? VfpFloat.IOC : 0) | (denormal ? VfpFloat.IDC : 0)) << 32 | 0x7fc0_0000L;
    }

    /**
     * A NaN ({@link #stdNaN}) or infinite operand of an add or multiply: infinity, or the default
     * NaN with IOC for inf - inf and inf * 0 (a denormal is a zero here, and raises IDC). A
     * saturated accumulator stays on this path. Otherwise a miss.
     */
    private static long stdSpecial(int a, int b, boolean mul, boolean sub) {
        long nan = stdNaN(a, b);
        if (nan != MISS_STD) return nan;
        int x = a & Integer.MAX_VALUE, y = b & Integer.MAX_VALUE;
        boolean infX = x == 0x7f80_0000, infY = y == 0x7f80_0000;
        if (!infX && !infY) return MISS_STD;
        int in = x != 0 && x < 0x0080_0000 || y != 0 && y < 0x0080_0000 ? VfpFloat.IDC : 0;
        if (mul) {
            if (infX && y < 0x0080_0000 || infY && x < 0x0080_0000) return (long) (in | VfpFloat.IOC) << 32 | 0x7fc0_0000L;
            return (long) in << 32 | (a ^ b) & 0x8000_0000L | 0x7f80_0000L;
        }
        int sb = sub ? b ^ Integer.MIN_VALUE : b;
        if (infX && infY && (a ^ sb) < 0) return (long) (in | VfpFloat.IOC) << 32 | 0x7fc0_0000L;
        return (long) in << 32 | (infX ? a : sb) & 0xffff_ffffL;
    }

    static long stdAdd32(int a, int b, boolean sub) {
        if (!(plain32(a) && plain32(b))) return stdSpecial(a, b, false, sub);
        double x = f(a), y = sub ? -f(b) : f(b), s = x + y;
        if (s == 0) return zeroSumNegative(x, y, 0) ? 0x8000_0000L : 0;
        if (!stdBand32((float) s)) return MISS_STD;
        return std(s, twoSumError(x, y, s));
    }

    static long stdMul32(int a, int b) {
        if (!(plain32(a) && plain32(b))) return stdSpecial(a, b, true, false);
        if (zero32(a) || zero32(b)) return (a ^ b) & 0x8000_0000L;
        double p = (double) f(a) * f(b);
        if (!stdBand32((float) p)) return MISS_STD;
        return std(p, 0);
    }

    /** FPMulAdd as {@link #fma32}, in round to nearest. */
    static long stdFma32(int addend, int op1, int op2) {
        if (!(plain32(addend) && plain32(op1) && plain32(op2)) || zero32(op1) || zero32(op2)) return MISS_STD;
        double p = (double) f(op1) * f(op2), c = f(addend), s = c + p;
        if (s == 0) return 0;
        double err = twoSumError(c, p, s);
        if (!stdBand32((float) s)) return MISS_STD;
        if (err != 0 && (Double.doubleToRawLongBits(s) & 0x1fff_ffffL) == 0x1000_0000L) return MISS_STD;
        return std(s, err);
    }

    /** FPCompare's NZCV with FZ set (a denormal raises IDC: exact path), -1 for the exact path. */
    static int stdCmp32(int a, int b) { return cmp32(a, b, VfpFloat.FZ); }

    /** FPMax/FPMin of two zeros or normals, not both zeros (their sign rule: exact path); no flags. */
    static long stdMaxMin32(int a, int b, boolean max) {
        if (!(plain32(a) && plain32(b)) || zero32(a) && zero32(b)) return MISS_STD;
        double x = f(a), y = f(b);
        return (max ? x > y : x < y) ? a & 0xffff_ffffL : b & 0xffff_ffffL;
    }

    /** FPToFixed toward zero with {@code fbits} fraction bits, in range (saturation: exact path); 32 bits. */
    static long stdToFixed32(int a, int fbits, boolean unsigned) {
        if (!plain32(a)) return MISS_STD;
        double v = Math.scalb((double) f(a), fbits);
        if (!(Math.abs(v) < 0x1p33)) return MISS_STD;
        double t = v < 0 ? Math.ceil(v) : Math.floor(v);
        if (t < (unsigned ? 0 : Integer.MIN_VALUE) || t > (unsigned ? 0xffff_ffffL : Integer.MAX_VALUE)) return MISS_STD;
        return (t != v ? (long) IXC << 32 : 0) | (long) t & 0xffff_ffffL;
    }

    /** FixedToFP of the (sign- or zero-extended) {@code v * 2^-fbits}: exact in double, in the band; never misses. */
    static long stdFromFixed32(long v, int fbits) {
        return v == 0 ? 0 : std(Math.scalb((double) v, -fbits), 0);
    }
}
