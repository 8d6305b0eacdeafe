package dynvm.arm.vfp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An independent model of IEEE rounding as the VFP does it, for the tests: exact values are
 * BigDecimals, and the result is found by bracketing the exact value between two adjacent
 * representable numbers (Math.nextUp/nextDown), comparing exactly, and picking by the rounding
 * mode. Nothing here shares code or structure with {@link VfpFloat}: no significand shifting,
 * no FPRound. Tininess is "before rounding" (|exact| below the smallest normal) and underflow is
 * raised only when inexact; with FZ tiny results become a signed zero with UFC alone, and
 * denormal inputs are read as signed zeros with IDC, as the ARM ARM specifies.
 */
final class VfpReference {
    private VfpReference() { }

    public static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128;
    public static final int RN = 0, RP = 1, RM = 2, RZ = 3;
    public static final int FZ = 1 << 24, DN = 1 << 25;

    /** A result: bits (a single in the low 32 bits) and the FPSCR cumulative bits raised. */
    public record R(long bits, int flags) { }

    /** sign(candidate - exact), exactly. */
    public interface Cmp { int cmp(BigDecimal candidate); }

    public static double value(boolean dp, long bits) { return dp ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits); }

    public static long bits(boolean dp, double v) { return dp ? Double.doubleToRawLongBits(v) : Float.floatToRawIntBits((float) v) & 0xffff_ffffL; }

    public static boolean denormal(boolean dp, long bits) {
        double v = Math.abs(value(dp, bits));
        return v != 0 && v < (dp ? Double.MIN_NORMAL : Float.MIN_NORMAL);
    }

    /** An operand as the VFP reads it: with FZ a denormal is a zero of its sign (and IDC). */
    public static double operand(boolean dp, long bits, int fpscr, int[] flags) {
        double v = value(dp, bits);
        if ((fpscr & FZ) != 0 && denormal(dp, bits)) {
            flags[0] |= IDC;
            return Math.copySign(0.0, v);
        }
        return v;
    }

    private static double up(boolean dp, double x) { return dp ? Math.nextUp(x) : Math.nextUp((float) x); }

    private static double down(boolean dp, double x) { return dp ? Math.nextDown(x) : Math.nextDown((float) x); }

    private static double max(boolean dp) { return dp ? Double.MAX_VALUE : Float.MAX_VALUE; }

    private static double minNormal(boolean dp) { return dp ? Double.MIN_NORMAL : Float.MIN_NORMAL; }

    private static BigDecimal big(double x) { return new BigDecimal(x); }

    /**
     * Rounds the non-zero exact value described by {@code cmp} (positive when {@code positive}),
     * starting the search near {@code approx}.
     */
    public static R round(boolean dp, boolean positive, Cmp cmp, double approx, int fpscr) {
        int mode = fpscr >>> 22 & 3;
        double max = max(dp);
        // overflow: the result rounded with an unbounded exponent is beyond the largest finite number
        double edge = positive ? max : -max;
        int beyond = positive ? -cmp.cmp(big(edge)) : cmp.cmp(big(edge));   // > 0: |exact| > MAX
        if (beyond > 0) {
            BigDecimal ulp = big(dp ? Math.ulp(max) : Math.ulp((float) max));
            BigDecimal half = big(max).add(ulp.divide(BigDecimal.valueOf(2))), next = big(max).add(ulp);
            int vsHalf = positive ? -cmp.cmp(half) : cmp.cmp(half.negate());   // >= 0: |exact| >= MAX + ulp/2
            int vsNext = positive ? -cmp.cmp(next) : cmp.cmp(next.negate());   // >= 0: |exact| >= MAX + ulp
            boolean awayFromZero = mode == RN ? false : mode == RP ? positive : mode == RM && !positive;
            boolean overflow = mode == RN ? vsHalf >= 0 : awayFromZero || vsNext >= 0;
            if (!overflow) return new R(bits(dp, edge), IXC);
            boolean toInf = mode == RN || awayFromZero;
            return new R(bits(dp, toInf ? (positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY) : edge), OFC | IXC);
        }
        boolean tiny = positive ? cmp.cmp(big(minNormal(dp))) > 0 : cmp.cmp(big(-minNormal(dp))) < 0;
        if ((fpscr & FZ) != 0 && tiny) return new R(bits(dp, positive ? 0.0 : -0.0), UFC);
        double lo = dp ? approx : (float) approx;
        if (Double.isInfinite(lo) || Double.isNaN(lo)) lo = edge;
        while (cmp.cmp(big(lo)) > 0) lo = down(dp, lo);                    // |exact| <= MAX: stays finite
        while (!Double.isInfinite(up(dp, lo)) && cmp.cmp(big(up(dp, lo))) <= 0) lo = up(dp, lo);
        if (lo == 0) lo = positive ? 0.0 : -0.0;
        if (cmp.cmp(big(lo)) == 0) return new R(bits(dp, lo), 0);
        double hi = up(dp, lo);
        if (hi == 0) hi = positive ? 0.0 : -0.0;
        double r = switch (mode) {
            case RN -> {
                int c = cmp.cmp(big(lo).add(big(hi)).divide(BigDecimal.valueOf(2)));     // midpoint - exact
                if (c > 0) yield lo;
                if (c < 0) yield hi;
                yield (bits(dp, lo) & 1) == 0 ? lo : hi;
            }
            case RP -> hi;
            case RM -> lo;
            default -> positive ? lo : hi;
        };
        return new R(bits(dp, r), IXC | (tiny ? UFC : 0));
    }

    /** Rounds an exact BigDecimal (zero gives +0). */
    public static R round(boolean dp, BigDecimal exact, int fpscr) {
        if (exact.signum() == 0) return new R(0, 0);
        return round(dp, exact.signum() > 0, c -> c.compareTo(exact), exact.doubleValue(), fpscr);
    }

    private static R withInput(R r, int[] in) { return new R(r.bits(), r.flags() | in[0]); }

    /** a + b or a - b of finite operands. */
    public static R add(boolean dp, long a, long b, boolean sub, int fpscr) {
        int[] in = {0};
        double x = operand(dp, a, fpscr, in), y = operand(dp, b, fpscr, in);
        if (sub) y = -y;
        BigDecimal exact = big(x).add(big(y));
        if (exact.signum() == 0) {
            boolean negative = x == 0 && y == 0 ? (1 / x < 0 && 1 / y < 0) || (1 / x < 0 != 1 / y < 0) && (fpscr >>> 22 & 3) == RM
                    : (fpscr >>> 22 & 3) == RM;
            return withInput(new R(bits(dp, negative ? -0.0 : 0.0), 0), in);
        }
        return withInput(round(dp, exact.signum() > 0, c -> c.compareTo(exact), x + y, fpscr), in);
    }

    public static R mul(boolean dp, long a, long b, int fpscr) {
        int[] in = {0};
        double x = operand(dp, a, fpscr, in), y = operand(dp, b, fpscr, in);
        BigDecimal exact = big(x).multiply(big(y));
        if (exact.signum() == 0) return withInput(new R(bits(dp, Math.copySign(0.0, x) * Math.copySign(1.0, y)), 0), in);
        return withInput(round(dp, exact.signum() > 0, c -> c.compareTo(exact), x * y, fpscr), in);
    }

    /** a / b of finite operands, b non-zero after flushing. */
    public static R div(boolean dp, long a, long b, int fpscr) {
        int[] in = {0};
        double x = operand(dp, a, fpscr, in), y = operand(dp, b, fpscr, in);
        if (x == 0) return withInput(new R(bits(dp, Math.copySign(0.0, x) * Math.copySign(1.0, y)), 0), in);
        BigDecimal bx = big(x), by = big(y);
        int sy = by.signum();
        // sign(c - x/y) = sign(c*y - x) * sign(y)
        return withInput(round(dp, (x > 0) == (y > 0), c -> c.multiply(by).compareTo(bx) * sy, x / y, fpscr), in);
    }

    /** sqrt of a finite positive operand. */
    public static R sqrt(boolean dp, long a, int fpscr) {
        int[] in = {0};
        double x = operand(dp, a, fpscr, in);
        if (x == 0) return withInput(new R(bits(dp, x), 0), in);
        BigDecimal bx = big(x);
        return withInput(round(dp, true, c -> c.signum() < 0 ? -1 : c.multiply(c).compareTo(bx), Math.sqrt(x), fpscr), in);
    }

    /**
     * Float to integer or fixed point: the value times 2^fbits rounded (toward zero, or by the
     * mode), saturated to the size (16 or 32, signed or not) with IOC, NaN giving 0 with IOC.
     */
    public static R toFixed(boolean dp, long a, int size, int fbits, boolean unsigned, boolean roundZero, int fpscr) {
        int[] in = {0};
        double x = operand(dp, a, fpscr, in);
        if (Double.isNaN(x)) return new R(0, IOC | in[0]);
        long min = unsigned ? 0 : -(1L << (size - 1)), max = unsigned ? (1L << size) - 1 : (1L << (size - 1)) - 1;
        if (Double.isInfinite(x)) return new R(x > 0 ? max : min, IOC | in[0]);
        BigDecimal scaled = big(x).multiply(BigDecimal.valueOf(2).pow(fbits));
        RoundingMode rm = roundZero ? RoundingMode.DOWN : switch (fpscr >>> 22 & 3) {
            case RN -> RoundingMode.HALF_EVEN;
            case RP -> RoundingMode.CEILING;
            case RM -> RoundingMode.FLOOR;
            default -> RoundingMode.DOWN;
        };
        BigDecimal rounded = scaled.setScale(0, rm);
        if (rounded.compareTo(BigDecimal.valueOf(max)) > 0) return new R(max, IOC | in[0]);
        if (rounded.compareTo(BigDecimal.valueOf(min)) < 0) return new R(min, IOC | in[0]);
        return new R(rounded.longValueExact(), (rounded.compareTo(scaled) != 0 ? IXC : 0) | in[0]);
    }

    /** An integer or fixed-point value to a float, rounded by the FPSCR mode. */
    public static R fromFixed(boolean dp, long value, int fbits, int fpscr) {
        BigDecimal exact = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(2).pow(fbits), MathContext.UNLIMITED);
        return round(dp, exact, fpscr);
    }
}
