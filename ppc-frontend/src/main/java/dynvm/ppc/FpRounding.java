package dynvm.ppc;

import static dynvm.ppc.Fpscr.*;

import dynvm.spi.CpuState;
import java.math.BigInteger;

/**
 * The result stage of the FPU: rounds a value to double or single format under FPSCR[RN], and
 * writes FR, FI, OX, UX, XX, FPRF (plus FX, VX, FEX) into the FPSCR in {@code cpu}.
 *
 * <p>Two paths. The fast path gets the round-to-nearest result {@code r} that Java computed and
 * the sign of the exact error ({@code exact - r}) from an error-free transformation; it is only
 * used where overflow and underflow cannot happen. Directed modes move {@code r} one ulp toward
 * the exact value when needed. Single-precision results first turn {@code r} into the
 * round-to-odd double of the exact value (53 >= 24 + 2 bits, so a second rounding to single in
 * any mode is then correct). The slow path gets the exact value as an integer significand,
 * exponent and sticky bit and rounds it bit by bit, including tininess (detected before
 * rounding, as the architecture says), overflow and the enabled OE/UE exponent wrap.
 */
public final class FpRounding {
    private FpRounding() { }

    static final int FS = PpcRegs.slot(PpcRegs.FPSCR);
    static final long SIGN = 1L << 63, ABS = ~SIGN, INF = 0x7ff0_0000_0000_0000L, FRAC = (1L << 52) - 1,
            QUIET = 1L << 51;
    public static final long DEFAULT_QNAN = 0x7ff8_0000_0000_0000L;

    // ---- classification

    /** FPRF code of a result, classed in the target format (a single-precision result is denormal below 2^-126). */
    public static int fprf(long bits, boolean single) {
        boolean neg = bits < 0;
        long a = bits & ABS;
        if (a > INF) return CLASS_QNAN;
        if (a == INF) return neg ? CLASS_NINF : CLASS_PINF;
        if (a == 0) return neg ? CLASS_NZERO : CLASS_PZERO;
        boolean denorm = single ? Double.longBitsToDouble(a) < 0x1p-126 : a < 0x0010_0000_0000_0000L;
        if (denorm) return neg ? CLASS_NDENORM : CLASS_PDENORM;
        return neg ? CLASS_NNORM : CLASS_PNORM;
    }

    static BigInteger mant(long bits) {
        long e = (bits >>> 52) & 0x7ff, m = bits & FRAC;
        return BigInteger.valueOf(e == 0 ? m : m | (1L << 52));
    }

    static int exp(long bits) {
        int e = (int) ((bits >>> 52) & 0x7ff);
        return e == 0 ? -1074 : e - 1075;
    }

    /** Signed integer significand of a finite double (value = signed(x) * 2^exp(x)). */
    static BigInteger signed(long bits) { return bits < 0 ? mant(bits).negate() : mant(bits); }

    static int sgn(double d) { return d > 0 ? 1 : d < 0 ? -1 : 0; }

    // ---- special results

    /** An exactly representable special result (zero, infinity, or a propagated QNaN). */
    static long special(CpuState cpu, int f0, long bits, boolean single) {
        cpu.r[FS] = settle(f0, withFprf(f0, fprf(bits, single)));
        return bits;
    }

    /** Invalid operation: sets {@code exc}; the target is unchanged when VE=1, else it gets the QNaN. */
    static long invalid(CpuState cpu, int f0, int exc, long nan, long old, boolean single) {
        int f = f0 | exc;
        if ((f0 & VE) != 0) {
            cpu.r[FS] = settle(f0, f);
            return old;
        }
        long bits = quiet(nan, single);
        cpu.r[FS] = settle(f0, withFprf(f, CLASS_QNAN));
        return bits;
    }

    /** Zero divide: ZX; the target is unchanged when ZE=1, else it gets the signed infinity. */
    static long zeroDivide(CpuState cpu, int f0, long inf, long old) {
        int f = f0 | ZX;
        if ((f0 & ZE) != 0) {
            cpu.r[FS] = settle(f0, f);
            return old;
        }
        cpu.r[FS] = settle(f0, withFprf(f, fprf(inf, false)));
        return inf;
    }

    /** A NaN as a result: quieted; single-precision results keep only the single-format fraction. */
    static long quiet(long nan, boolean single) {
        nan |= QUIET;
        return single ? nan & ~0x1fff_ffffL : nan;
    }

    // ---- fast path

    /**
     * Does a round-to-nearest result need one ulp toward the exact value under {@code mode}?
     * {@code err} is sign(exact - r); mode 0 nearest, 1 toward zero, 2 toward +inf, 3 toward -inf.
     */
    private static boolean moves(int err, boolean positive, int mode) {
        return switch (mode) {
            case 0 -> false;
            case 1 -> (err > 0) != positive;
            case 2 -> err > 0;
            default -> err < 0;
        };
    }

    /** Moves the round-to-nearest {@code r} one ulp toward the exact value when the mode asks. */
    static double adjust(double r, int err, int mode) {
        return moves(err, r > 0, mode) ? (err > 0 ? Math.nextUp(r) : Math.nextDown(r)) : r;
    }

    static float adjust(float r, int err, int mode) {
        return moves(err, r > 0, mode) ? (err > 0 ? Math.nextUp(r) : Math.nextDown(r)) : r;
    }

    /** FR: the magnitude of the delivered result exceeds that of the exact value. */
    static boolean fractionRounded(boolean moved, boolean resultPositive, int err) {
        return moved ? (err > 0) == resultPositive : (err > 0) != resultPositive;
    }

    /**
     * Double result from the round-to-nearest {@code r} (nonzero, 2^-1021 <= |r| < 2^1023, or
     * exact) and {@code err} = sign(exact - r); {@code negate} negates after rounding (fnmadd).
     */
    static long finishDouble(CpuState cpu, int f0, double r, int err, boolean negate) {
        int f = f0;
        if (err != 0) {
            double res = adjust(r, err, rn(f0));
            f |= FI | XX;
            if (fractionRounded(res != r, res > 0, err)) f |= FR;
            r = res;
        }
        long bits = Double.doubleToRawLongBits(negate ? -r : r);
        cpu.r[FS] = settle(f0, withFprf(f, fprf(bits, false)));
        return bits;
    }

    /** Single result from the round-to-nearest double {@code r} (finite, nonzero) of the exact value. */
    static long finishSingle(CpuState cpu, int f0, double r, int err, boolean negate) {
        double odd = r;
        if (err != 0 && (Double.doubleToRawLongBits(r) & 1) == 0) odd = err > 0 ? Math.nextUp(r) : Math.nextDown(r);
        return toSingle(cpu, f0, odd, negate);
    }

    /** Rounds a double holding the exact value (or its round-to-odd double) to single format. */
    static long toSingle(CpuState cpu, int f0, double o, boolean negate) {
        double ao = Math.abs(o);
        if (!(ao >= 0x1p-125 && ao < 0x1p127)) {
            long ob = Double.doubleToRawLongBits(o);
            return exact(cpu, f0, o < 0, mant(ob), exp(ob), false, true, negate);
        }
        float s = (float) o;
        double d = o - s; // exact: s is within half a float ulp of o
        int err = sgn(d), f = f0;
        if (err != 0) {
            float res = adjust(s, err, rn(f0));
            f |= FI | XX;
            if (fractionRounded(res != s, res > 0, err)) f |= FR;
            s = res;
        }
        long bits = Double.doubleToRawLongBits(negate ? -(double) s : (double) s);
        cpu.r[FS] = settle(f0, withFprf(f, fprf(bits, true)));
        return bits;
    }

    // ---- slow path

    /**
     * Rounds the exact value {@code (neg ? -1 : 1) * (mant + s) * 2^exp} to the target format,
     * where {@code s} is in (0,1) when {@code sticky}, else 0. The caller guarantees at least two
     * significand bits below the target's last bit whenever {@code sticky} is set, and a nonzero value.
     */
    static long exact(CpuState cpu, int f0, boolean neg, BigInteger mant, int exp, boolean sticky, boolean single,
            boolean negate) {
        int p = single ? 24 : 53, emin = single ? -126 : -1022, emax = single ? 127 : 1023;
        int wrap = single ? 192 : 1536, mode = rn(f0), f = f0;
        int top = exp + mant.bitLength() - 1;
        boolean tiny = mant.signum() == 0 || top < emin;
        boolean scaled = tiny && (f0 & UE) != 0;
        if (scaled) {
            exp += wrap;
            top += wrap;
        }
        int lsb = tiny && !scaled ? emin - p + 1 : top - p + 1;
        int sh = lsb - exp;
        BigInteger q;
        boolean half, rest;
        if (sh <= 0) {
            q = mant.shiftLeft(-sh);
            half = false;
            rest = sticky;
        } else {
            q = mant.shiftRight(sh);
            half = mant.testBit(sh - 1);
            rest = sticky || (mant.signum() != 0 && mant.getLowestSetBit() < sh - 1);
        }
        boolean inexact = half || rest;
        boolean up = switch (mode) {
            case 0 -> half && (rest || q.testBit(0));
            case 1 -> false;
            case 2 -> !neg && inexact;
            default -> neg && inexact;
        };
        if (up) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > p) {
                q = q.shiftRight(1);
                lsb++;
            }
        }
        double v;
        if (q.signum() != 0 && lsb + q.bitLength() - 1 > emax) {
            if ((f0 & OE) != 0) {
                f |= OX; // enabled overflow: the exponent wraps into range
                lsb -= wrap;
                v = Math.scalb(q.doubleValue(), lsb);
            } else {
                boolean toInf = mode == 0 || (mode == 2 && !neg) || (mode == 3 && neg);
                f |= OX | XX | FI;
                if (toInf) f |= FR;
                v = toInf ? Double.POSITIVE_INFINITY : single ? Float.MAX_VALUE : Double.MAX_VALUE;
                inexact = false; // flags already set
            }
        } else {
            v = Math.scalb(q.doubleValue(), lsb);
        }
        if (scaled) f |= UX;
        else if (tiny && inexact) f |= UX;
        if (inexact) {
            f |= XX | FI;
            if (up) f |= FR;
        }
        if (neg != negate) v = -v;
        long bits = Double.doubleToRawLongBits(v);
        cpu.r[FS] = settle(f0, withFprf(f, fprf(bits, single)));
        return bits;
    }
}
