package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpFloat.IXC;
import static dynvm.arm.vfp.VfpFloat.RM;
import static dynvm.arm.vfp.VfpFloat.RN;
import static dynvm.arm.vfp.VfpFloat.RP;

import dynvm.arm.ArmRegs;
import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.arm.vfp.VfpFloat.Result;
import dynvm.ir.Touches;
import dynvm.spi.CpuState;

/**
 * Run-time helpers the VFP lowering calls: one per operation and precision, on raw bits (singles
 * as int, doubles as long). Each reads FPSCR from the CPU state and ORs the exceptions it raised
 * into its cumulative bits (VCMP also writes NZCV).
 *
 * <p>Fast path: when the operands and the result are normal numbers well inside the exponent
 * range, Java's round-to-nearest arithmetic gives the nearest result, and an error-free
 * transformation (TwoSum, or Math.fma for the residual of a product, quotient or root) gives the
 * sign of the exact rounding error: zero means exact; otherwise IXC, and the directed modes step
 * to the neighbour on the error's side. Single precision goes through double, where the +, -, *,
 * /, sqrt of floats are either exact (products) or innocuous to round twice, and the error sign
 * relative to the float result is that of (double - float), or of the double's own error when
 * they are equal. Everything else (NaN, infinity, zero and denormal operands, results near
 * underflow or overflow, FZ effects) goes to the exact model in {@link VfpFloat}.
 */
public final class VfpArith {
    private VfpArith() { }

    static final int FPSCR = ArmRegs.slot(ArmRegs.FPSCR);

    // Double exponent band of the fast path (biased): far from denormals, so residuals of products
    // and quotients stay exactly representable, and from overflow, so a step up stays finite.
    private static final int D_LO = 64, D_HI = 2045;
    // Single band: normal, not the smallest binade (tininess is detected before rounding) nor the largest.
    private static final int F_LO = 2, F_HI = 253;

    private static int fpscr(CpuState cpu) { return cpu.r[FPSCR]; }

    private static long done(CpuState cpu, Result r) {
        cpu.r[FPSCR] |= r.flags();
        return r.bits();
    }

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

    private static double d(long bits) { return Double.longBitsToDouble(bits); }

    private static double f(int bits) { return Float.intBitsToFloat(bits); }

    private static long bits(double x) { return Double.doubleToRawLongBits(x); }

    /** The error of x + y = s (TwoSum, exact without overflow). */
    private static double twoSumError(double x, double y, double s) {
        double bb = s - x;
        return (x - (s - bb)) + (y - bb);
    }

    // ---------------------------------------------------------------- double precision

    private static boolean addable64(long a) {
        int e = (int) (a >>> 52) & 0x7ff;
        return e >= D_LO && e <= D_HI || (a & 0x7fff_ffff_ffff_ffffL) == 0;
    }

    @Touches("fpscr")
    public static long add64(CpuState cpu, long a, long b) { return addSub64(cpu, a, b, false); }

    @Touches("fpscr")
    public static long sub64(CpuState cpu, long a, long b) { return addSub64(cpu, a, b, true); }

    private static long addSub64(CpuState cpu, long a, long b, boolean sub) {
        int fpscr = fpscr(cpu);
        if (addable64(a) && addable64(b)) {
            double x = d(a), y = sub ? -d(b) : d(b), s = x + y;
            if (band64(s)) return bits(directed64(cpu, fpscr, s, twoSumError(x, y, s)));
        }
        return done(cpu, VfpFloat.add(Fmt.F64, a, b, sub, fpscr));
    }

    @Touches("fpscr")
    public static long mul64(CpuState cpu, long a, long b) {
        int fpscr = fpscr(cpu);
        double x = d(a), y = d(b);
        if (band64(x) && band64(y)) {
            double p = x * y;
            if (band64(p)) return bits(directed64(cpu, fpscr, p, Math.fma(x, y, -p)));
        }
        return done(cpu, VfpFloat.mul(Fmt.F64, a, b, fpscr));
    }

    @Touches("fpscr")
    public static long div64(CpuState cpu, long a, long b) {
        int fpscr = fpscr(cpu);
        double x = d(a), y = d(b);
        if (band64(x) && band64(y)) {
            double q = x / y;
            if (band64(q)) return bits(directed64(cpu, fpscr, q, Math.signum(Math.fma(-q, y, x)) * Math.signum(y)));
        }
        return done(cpu, VfpFloat.div(Fmt.F64, a, b, fpscr));
    }

    @Touches("fpscr")
    public static long sqrt64(CpuState cpu, long a) {
        int fpscr = fpscr(cpu);
        double x = d(a);
        if (band64(x) && x > 0) {
            double r = Math.sqrt(x);
            return bits(directed64(cpu, fpscr, r, Math.fma(-r, r, x)));
        }
        return done(cpu, VfpFloat.sqrt(Fmt.F64, a, fpscr));
    }

    // ---------------------------------------------------------------- single precision

    private static boolean addable32(int a) { return normal32(a) || (a & 0x7fff_ffff) == 0; }

    @Touches("fpscr")
    public static int add32(CpuState cpu, int a, int b) { return addSub32(cpu, a, b, false); }

    @Touches("fpscr")
    public static int sub32(CpuState cpu, int a, int b) { return addSub32(cpu, a, b, true); }

    private static int addSub32(CpuState cpu, int a, int b, boolean sub) {
        int fpscr = fpscr(cpu);
        if (addable32(a) && addable32(b)) {
            double x = f(a), y = sub ? -f(b) : f(b), s = x + y;
            if (band32((float) s)) return single(cpu, fpscr, s, twoSumError(x, y, s));
        }
        return (int) done(cpu, VfpFloat.add(Fmt.F32, a, b, sub, fpscr));
    }

    @Touches("fpscr")
    public static int mul32(CpuState cpu, int a, int b) {
        int fpscr = fpscr(cpu);
        if (normal32(a) && normal32(b)) {
            double p = (double) f(a) * f(b);            // exact: 48 significant bits
            if (band32((float) p)) return single(cpu, fpscr, p, 0);
        }
        return (int) done(cpu, VfpFloat.mul(Fmt.F32, a, b, fpscr));
    }

    @Touches("fpscr")
    public static int div32(CpuState cpu, int a, int b) {
        int fpscr = fpscr(cpu);
        if (normal32(a) && normal32(b)) {
            double x = f(a), y = f(b), q = x / y;
            if (band32((float) q)) return single(cpu, fpscr, q, Math.signum(Math.fma(-q, y, x)) * Math.signum(y));
        }
        return (int) done(cpu, VfpFloat.div(Fmt.F32, a, b, fpscr));
    }

    @Touches("fpscr")
    public static int sqrt32(CpuState cpu, int a) {
        int fpscr = fpscr(cpu);
        if (normal32(a) && a > 0) {
            double x = f(a), r = Math.sqrt(x);
            return single(cpu, fpscr, r, Math.fma(-r, r, x));
        }
        return (int) done(cpu, VfpFloat.sqrt(Fmt.F32, a, fpscr));
    }

    // ---------------------------------------------------------------- comparison

    /** VCMP (quietNaNExc = 0) and VCMPE (1): FPSCR NZCV and IOC/IDC. */
    @Touches("fpscr")
    public static void cmp64(CpuState cpu, long a, long b, int quietNaNExc) {
        setCompare(cpu, VfpFloat.compare(Fmt.F64, a, b, quietNaNExc != 0, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static void cmp32(CpuState cpu, int a, int b, int quietNaNExc) {
        setCompare(cpu, VfpFloat.compare(Fmt.F32, a, b, quietNaNExc != 0, fpscr(cpu)));
    }

    private static void setCompare(CpuState cpu, int r) {
        cpu.r[FPSCR] = cpu.r[FPSCR] & 0x0fff_ffff | (r & 15) << 28 | r >>> 4;
    }

    // ---------------------------------------------------------------- conversions

    @Touches("fpscr")
    public static long cvtF32ToF64(CpuState cpu, int a) {
        if (normal32(a)) return bits(f(a));             // exact
        return done(cpu, VfpFloat.singleToDouble(a, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static int cvtF64ToF32(CpuState cpu, long a) {
        int fpscr = fpscr(cpu);
        double x = d(a);
        if (band64(x) && band32((float) x)) return single(cpu, fpscr, x, 0);
        return (int) done(cpu, VfpFloat.doubleToSingle(a, fpscr));
    }

    /**
     * Fixed-point control word of the conversions (a constant in the IR): fraction bits in 7:0,
     * bit 8 = 16-bit operand, bit 9 = unsigned, bit 10 = the fixed rounding instead of the FPSCR
     * mode: toward zero to an integer (FPToFixed's round_zero), to nearest from one (FixedToFP's
     * round_to_nearest, which the fixed-point VCVT sets: round_nearest = !to_fixed).
     */
    static int control(int fbits, int size, boolean unsigned, boolean fixedRounding) {
        return fbits | (size == 16 ? 1 << 8 : 0) | (unsigned ? 1 << 9 : 0) | (fixedRounding ? 1 << 10 : 0);
    }

    /** FixedToFP's FPSCR: the mode forced to round to nearest when asked. */
    private static int fromFixedFpscr(CpuState cpu, int ctl) {
        int f = fpscr(cpu);
        return (ctl & 1 << 10) != 0 ? f & ~(3 << VfpFloat.RMODE_SHIFT) : f;
    }

    private static int size(int ctl) { return (ctl & 1 << 8) != 0 ? 16 : 32; }

    private static boolean unsigned(int ctl) { return (ctl & 1 << 9) != 0; }

    /** VCVT to integer or fixed point from a double: the result sign- or zero-extended to 32 bits. */
    @Touches("fpscr")
    public static int toFixed64(CpuState cpu, long a, int ctl) {
        int fpscr = fpscr(cpu);
        double x = d(a);
        int r = toFixedFast(cpu, fpscr, x, band64(x) || x == 0, ctl);
        if (r != NO_FAST) return r;
        return (int) done(cpu, VfpFloat.toFixed(Fmt.F64, a, size(ctl), ctl & 0xff, unsigned(ctl), (ctl & 1 << 10) != 0, fpscr));
    }

    @Touches("fpscr")
    public static int toFixed32(CpuState cpu, int a, int ctl) {
        int fpscr = fpscr(cpu);
        int r = toFixedFast(cpu, fpscr, f(a), normal32(a) || (a & 0x7fff_ffff) == 0, ctl);
        if (r != NO_FAST) return r;
        return (int) done(cpu, VfpFloat.toFixed(Fmt.F32, a, size(ctl), ctl & 0xff, unsigned(ctl), (ctl & 1 << 10) != 0, fpscr));
    }

    /** Returned by the fast path when it does not apply (a rare real result too: then the exact path repeats it). */
    private static final int NO_FAST = 0x8000_0001;

    /** In-range conversions: the scaled value is exact in double and |value| < 2^33, so rounding it is exact too. */
    private static int toFixedFast(CpuState cpu, int fpscr, double x, boolean plain, int ctl) {
        if (!plain) return NO_FAST;
        double v = Math.scalb(x, ctl & 0xff);
        if (!(Math.abs(v) < 0x1p33)) return NO_FAST;
        double t = (ctl & 1 << 10) != 0 ? (v < 0 ? Math.ceil(v) : Math.floor(v)) : switch (VfpFloat.rmode(fpscr)) {
            case RN -> Math.rint(v);
            case RP -> Math.ceil(v);
            case RM -> Math.floor(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
        int size = size(ctl);
        long min = unsigned(ctl) ? 0 : -(1L << (size - 1)), max = unsigned(ctl) ? (1L << size) - 1 : (1L << (size - 1)) - 1;
        if (t < min || t > max) return NO_FAST;
        if (t != v) cpu.r[FPSCR] |= IXC;
        return (int) (long) t;          // may equal NO_FAST: the exact path then does it again, with the same flags
    }

    /** VCVT from a 16- or 32-bit integer or fixed-point value to a double: always exact, so no FPSCR (and no state sync). */
    public static long fromFixed64(int v, int ctl) {
        return bits(Math.scalb((double) fixedValue(v, ctl), -(ctl & 0xff)) + 0.0);
    }

    /** VCVT from an integer (FPSCR rounding) or fixed-point value (to nearest) to a single. */
    @Touches("fpscr")
    public static int fromFixed32(CpuState cpu, int v, int ctl) {
        double x = Math.scalb((double) fixedValue(v, ctl), -(ctl & 0xff));   // exact, >= 2^-32
        return single(cpu, fromFixedFpscr(cpu, ctl), x + 0.0, 0);
    }

    private static long fixedValue(int v, int ctl) {
        if (size(ctl) == 16) return unsigned(ctl) ? v & 0xffff : (short) v;
        return unsigned(ctl) ? v & 0xffff_ffffL : v;
    }
}
