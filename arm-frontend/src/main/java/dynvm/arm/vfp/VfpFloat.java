package dynvm.arm.vfp;

import java.math.BigInteger;

/**
 * The exact floating-point model of the VFP, written after the ARM ARM (DDI 0406C) pseudocode:
 * FPUnpack, FPProcessNaN(s), FPRound, FPAdd/FPSub/FPMul/FPDiv/FPSqrt, FPCompare, FPToFixed,
 * FixedToFP and the single/double conversions. Values travel as raw bits (a single in the low 32
 * bits of a long). Exceptions are returned as FPSCR cumulative bits that the caller ORs in; this
 * implementation has no floating-point traps (the trap-enable bits are RAZ/WI), so
 * FPProcessException only ever sets a cumulative bit.
 *
 * <p>Every finite non-zero result is computed exactly, or exactly enough (long significands with a
 * sticky bit for what lies far below the rounding point; BigInteger only for division, square
 * root and the fused multiply-add) and rounded once by {@link #round}, the
 * FPRound pseudocode: tininess before rounding, underflow only when inexact, flush-to-zero of
 * tiny results before rounding (UFC, no IXC), overflow to infinity or the largest finite number
 * by the rounding mode. This is the slow but obviously-correct path; {@link VfpFastPath} keeps the
 * common case fast and falls back to it.
 */
final class VfpFloat {
    private VfpFloat() { }

    // FPSCR bits
    static final int IOC = 1, DZC = 1 << 1, OFC = 1 << 2, UFC = 1 << 3, IXC = 1 << 4, IDC = 1 << 7;
    static final int FZ = 1 << 24, DN = 1 << 25, RMODE_SHIFT = 22;
    static final int RN = 0, RP = 1, RM = 2, RZ = 3;

    /**
     * A binary interchange format: N bits, E exponent bits, F fraction bits. F16 is IEEE half
     * precision (FPSCR.AHP is RAZ/WI here, so never the alternative format); as in the ARMv7
     * pseudocode, FZ flushes neither its denormal inputs (FPUnpack) nor its results (FPRound).
     */
    enum Fmt {
        F16(16, 5, 10), F32(32, 8, 23), F64(64, 11, 52);

        final int n, e, f, bias, minExp, maxBiased;
        final long signBit, fracMask, quietBit, defaultNaN, infBits;

        Fmt(int n, int e, int f) {
            this.n = n;
            this.e = e;
            this.f = f;
            this.bias = (1 << (e - 1)) - 1;
            this.minExp = 1 - bias;
            this.maxBiased = (1 << e) - 1;
            this.signBit = 1L << (n - 1);
            this.fracMask = (1L << f) - 1;
            this.quietBit = 1L << (f - 1);
            this.infBits = (long) maxBiased << f;
            this.defaultNaN = infBits | quietBit;       // FPDefaultNaN: sign 0, quiet, zero payload
        }

        long mask() { return n == 64 ? -1L : (1L << n) - 1; }

        int biased(long bits) { return (int) (bits >>> f) & maxBiased; }

        boolean sign(long bits) { return (bits & signBit) != 0; }

        long zero(boolean sign) { return sign ? signBit : 0; }

        long infinity(boolean sign) { return zero(sign) | infBits; }

        long maxNormal(boolean sign) { return zero(sign) | (long) (maxBiased - 1) << f | fracMask; }
    }

    /** FPType. */
    static final int ZERO = 0, FINITE = 1, INF = 2, QNAN = 3, SNAN = 4;

    /**
     * FPUnpack: the type, sign and (for FINITE) the value {@code mant * 2^exp}. A denormal input
     * with FZ set unpacks as zero and raises IDC ({@code flags}).
     */
    record Unpacked(int type, boolean sign, long mant, int exp, int flags) {
        boolean nan() { return type >= QNAN; }
    }

    static Unpacked unpack(Fmt fmt, long bits, int fpscr) {
        bits &= fmt.mask();
        boolean sign = fmt.sign(bits);
        int be = fmt.biased(bits);
        long frac = bits & fmt.fracMask;
        if (be == 0) {
            if (frac == 0) return new Unpacked(ZERO, sign, 0, 0, 0);
            if ((fpscr & FZ) != 0 && fmt != Fmt.F16) return new Unpacked(ZERO, sign, 0, 0, IDC);
            return new Unpacked(FINITE, sign, frac, fmt.minExp - fmt.f, 0);
        }
        if (be == fmt.maxBiased) {
            if (frac == 0) return new Unpacked(INF, sign, 0, 0, 0);
            return new Unpacked((frac & fmt.quietBit) != 0 ? QNAN : SNAN, sign, 0, 0, 0);
        }
        return new Unpacked(FINITE, sign, frac | 1L << fmt.f, be - fmt.bias - fmt.f, 0);
    }

    /** A result: its bits and the exceptions it raised (FPSCR cumulative bits). */
    record Result(long bits, int flags) {
        Result or(int more) { return more == 0 ? this : new Result(bits, flags | more); }
    }

    /** FPProcessNaN: SNaN is quieted (IOC); DN replaces the NaN by the default NaN. */
    static Result processNaN(Fmt fmt, Unpacked u, long bits, int fpscr) {
        long r = bits & fmt.mask();
        int flags = 0;
        if (u.type == SNAN) {
            r |= fmt.quietBit;
            flags = IOC;
        }
        if ((fpscr & DN) != 0) r = fmt.defaultNaN;
        return new Result(r, flags);
    }

    /** FPProcessNaNs: the first signalling NaN in operand order, else the first quiet one; null if none. */
    static Result processNaNs(Fmt fmt, Unpacked a, long abits, Unpacked b, long bbits, int fpscr) {
        if (a.type == SNAN) return processNaN(fmt, a, abits, fpscr);
        if (b.type == SNAN) return processNaN(fmt, b, bbits, fpscr);
        if (a.type == QNAN) return processNaN(fmt, a, abits, fpscr);
        if (b.type == QNAN) return processNaN(fmt, b, bbits, fpscr);
        return null;
    }

    static int rmode(int fpscr) { return fpscr >>> RMODE_SHIFT & 3; }

    /** Rounding error classes of a value relative to its truncation: none, (0, 1/2), exactly 1/2, (1/2, 1). */
    static final int EXACT = 0, BELOW_HALF = 1, HALF = 2, ABOVE_HALF = 3;

    /**
     * FPRound of the non-zero value {@code (-1)^sign * (mant + s) * 2^exp} where {@code s} is an
     * infinitesimal that is present when {@code sticky} (the exact value lies strictly above mant,
     * far below the rounding point: callers keep enough bits). A significand wider than a long
     * (division, square root, fused multiply-add) is first cut to 63 bits, the cut bits joining
     * the sticky bit: 63 bits keep at least 9 below the rounding point, so the class of the error
     * is unchanged.
     */
    static Result round(Fmt fmt, boolean sign, BigInteger mant, int exp, boolean sticky, int fpscr) {
        int cut = mant.bitLength() - 63;
        if (cut <= 0) return round(fmt, sign, mant.longValue(), exp, sticky, fpscr);
        boolean lost = mant.getLowestSetBit() < cut;
        return round(fmt, sign, mant.shiftRight(cut).longValue(), exp + cut, sticky || lost, fpscr);
    }

    /** {@link #round(Fmt, boolean, BigInteger, int, boolean, int)} of a significand {@code 0 < mant < 2^63}. */
    static Result round(Fmt fmt, boolean sign, long mant, int exp, boolean sticky, int fpscr) {
        int exponent = exp + 63 - Long.numberOfLeadingZeros(mant);
        if ((fpscr & FZ) != 0 && fmt != Fmt.F16 && exponent < fmt.minExp) return new Result(fmt.zero(sign), UFC);
        int biasedExp = Math.max(exponent - fmt.minExp + 1, 0);
        int ulpExp = (biasedExp > 0 ? exponent : fmt.minExp) - fmt.f;
        int shift = ulpExp - exp;
        long intMant;
        int error;
        if (shift <= 0) {
            if (sticky) throw new IllegalStateException("sticky bit above the rounding point");
            intMant = mant << -shift;                                   // at most F + 1 bits
            error = EXACT;
        } else {
            intMant = shift >= 64 ? 0 : mant >>> shift;
            error = errorClass(mant, shift, sticky);
        }
        int flags = 0;
        if (biasedExp == 0 && error != EXACT) flags |= UFC;
        boolean roundUp, overflowToInf;
        switch (rmode(fpscr)) {
            case RN -> {
                roundUp = error == ABOVE_HALF || error == HALF && (intMant & 1) != 0;
                overflowToInf = true;
            }
            case RP -> {
                roundUp = error != EXACT && !sign;
                overflowToInf = !sign;
            }
            case RM -> {
                roundUp = error != EXACT && sign;
                overflowToInf = sign;
            }
            default -> {
                roundUp = false;
                overflowToInf = false;
            }
        }
        if (roundUp) {
            intMant++;
            if (intMant == 1L << fmt.f) biasedExp = 1;                  // denormal rounded up to normal
            if (intMant == 1L << (fmt.f + 1)) {                         // next binade
                biasedExp++;
                intMant >>>= 1;
            }
        }
        long result;
        if (biasedExp >= fmt.maxBiased) {
            result = overflowToInf ? fmt.infinity(sign) : fmt.maxNormal(sign);
            flags |= OFC;
            error = ABOVE_HALF;                                         // overflow is always inexact
        } else {
            result = fmt.zero(sign) | (long) biasedExp << fmt.f | intMant & fmt.fracMask;
        }
        if (error != EXACT) flags |= IXC;
        return new Result(result, flags);
    }

    /**
     * The class of the bits of {@code mant} (unsigned) below bit {@code shift} (shift > 0),
     * with the sticky bit. From bit 64 on, every bit of mant is below the half (bit shift - 1 >= 63
     * is above them all): only "any bit set" is left to ask.
     */
    static int errorClass(long mant, int shift, boolean sticky) {
        if (shift >= 64) return mant == 0 && !sticky ? EXACT : BELOW_HALF;
        long rem = mant & -1L >>> (64 - shift), half = 1L << (shift - 1);
        int c = Long.compareUnsigned(rem, half);
        if (c < 0) return rem == 0 && !sticky ? EXACT : BELOW_HALF;
        if (c == 0) return sticky ? ABOVE_HALF : HALF;
        return ABOVE_HALF;
    }

    static Result round(Fmt fmt, boolean sign, long mant, int exp, int fpscr) {
        return round(fmt, sign, mant, exp, false, fpscr);
    }

    // ---------------------------------------------------------------- arithmetic

    /** FPAdd (sub = false) and FPSub (sub = true). */
    static Result add(Fmt fmt, long a, long b, boolean sub, int fpscr) {
        Unpacked x = unpack(fmt, a, fpscr), y = unpack(fmt, b, fpscr);
        int in = x.flags | y.flags;
        Result nan = processNaNs(fmt, x, a, y, b, fpscr);
        if (nan != null) return nan.or(in);
        boolean sy = y.sign ^ sub;                    // the sign of the second addend
        boolean infX = x.type == INF, infY = y.type == INF;
        if (infX && infY && x.sign != sy) return new Result(fmt.defaultNaN, in | IOC);
        if (infX) return new Result(fmt.infinity(x.sign), in);
        if (infY) return new Result(fmt.infinity(sy), in);
        if (x.type == ZERO && y.type == ZERO && x.sign == sy) return new Result(fmt.zero(x.sign), in);
        if (x.type == ZERO && y.type == ZERO) return new Result(fmt.zero(rmode(fpscr) == RM), in);
        if (x.type == ZERO) return round(fmt, sy, y.mant, y.exp, false, fpscr).or(in);
        if (y.type == ZERO) return round(fmt, x.sign, x.mant, x.exp, false, fpscr).or(in);
        // the larger exponent first; significands have at most 53 bits
        boolean swap = y.exp > x.exp;
        long big = swap ? y.mant : x.mant, small = swap ? x.mant : y.mant;
        boolean bigSign = swap ? sy : x.sign, subtract = x.sign != sy;
        int bigExp = swap ? y.exp : x.exp, gap = bigExp - (swap ? x.exp : y.exp);
        if (gap <= GUARD) {                                             // exact: below 2^62 + 2^53
            long sum = (big << gap) + (subtract ? -small : small);
            if (sum == 0) return new Result(fmt.zero(rmode(fpscr) == RM), in);
            return round(fmt, bigSign ^ (sum < 0), Math.abs(sum), bigExp - gap, false, fpscr).or(in);
        }
        // Far apart: the big operand is normal (a gap needs a non-minimal exponent), so with GUARD
        // more bits the sum keeps F + 9 bits, 8 below its rounding point, and the small one's bits
        // below them only matter as "some were set" (sticky). A difference borrows one from the truncated small operand:
        // big - (kept + f) = (big - kept - 1) + (1 - f) with 0 < 1 - f < 1.
        int r = gap - GUARD;
        long kept = r >= 64 ? 0 : small >>> r;
        boolean lost = r >= 64 ? small != 0 : (small & -1L >>> (64 - r)) != 0;
        long wide = big << GUARD;
        long sum = subtract ? wide - kept - (lost ? 1 : 0) : wide + kept;
        return round(fmt, bigSign, sum, bigExp - GUARD, lost, fpscr).or(in);
    }

    /** Extra low bits an addend is shifted left by before alignment: 53 + 9 = 62 bits, no overflow. */
    private static final int GUARD = 9;

    private static BigInteger signed(Unpacked u, boolean sign, int exp) {
        if (u.type == ZERO) return BigInteger.ZERO;
        BigInteger m = BigInteger.valueOf(u.mant).shiftLeft(u.exp - exp);
        return sign ? m.negate() : m;
    }

    /** FPMul. */
    static Result mul(Fmt fmt, long a, long b, int fpscr) {
        Unpacked x = unpack(fmt, a, fpscr), y = unpack(fmt, b, fpscr);
        int in = x.flags | y.flags;
        Result nan = processNaNs(fmt, x, a, y, b, fpscr);
        if (nan != null) return nan.or(in);
        boolean sign = x.sign ^ y.sign;
        if (x.type == INF && y.type == ZERO || x.type == ZERO && y.type == INF) return new Result(fmt.defaultNaN, in | IOC);
        if (x.type == INF || y.type == INF) return new Result(fmt.infinity(sign), in);
        if (x.type == ZERO || y.type == ZERO) return new Result(fmt.zero(sign), in);
        // the exact 106-bit product, cut to 63 bits with a sticky bit when wider
        long lo = x.mant * y.mant, hi = Math.multiplyHigh(x.mant, y.mant);
        if (hi == 0 && lo > 0) return round(fmt, sign, lo, x.exp + y.exp, false, fpscr).or(in);
        int cut = 65 - Long.numberOfLeadingZeros(hi);                   // 128 - nlz(hi:lo) - 63
        long m = hi << (64 - cut) | lo >>> cut;
        boolean lost = (lo & -1L >>> (64 - cut)) != 0;
        return round(fmt, sign, m, x.exp + y.exp + cut, lost, fpscr).or(in);
    }

    /**
     * FPMulAdd (VFPv4): {@code addend + op1 * op2} with one rounding. NaNs: FPProcessNaNs3 in the
     * order addend, op1, op2, except that a quiet NaN addend with an infinity times zero gives
     * the default NaN and IOC. An exact zero sum is a zero of the addends' common sign, else -0
     * only toward minus infinity.
     */
    static Result mulAdd(Fmt fmt, long addend, long op1, long op2, int fpscr) {
        Unpacked a = unpack(fmt, addend, fpscr), x = unpack(fmt, op1, fpscr), y = unpack(fmt, op2, fpscr);
        int in = a.flags | x.flags | y.flags;
        boolean infZero = x.type == INF && y.type == ZERO || x.type == ZERO && y.type == INF;
        Result nan = processNaNs3(fmt, a, addend, x, op1, y, op2, fpscr);
        if (a.type == QNAN && infZero) return new Result(fmt.defaultNaN, in | IOC);
        if (nan != null) return nan.or(in);
        boolean signP = x.sign ^ y.sign, infP = x.type == INF || y.type == INF, zeroP = x.type == ZERO || y.type == ZERO;
        boolean infA = a.type == INF;
        if (infZero || infA && infP && a.sign != signP) return new Result(fmt.defaultNaN, in | IOC);
        if (infA) return new Result(fmt.infinity(a.sign), in);
        if (infP) return new Result(fmt.infinity(signP), in);
        if (a.type == ZERO && zeroP && a.sign == signP) return new Result(fmt.zero(a.sign), in);
        int e = Math.min(a.type == ZERO ? Integer.MAX_VALUE : a.exp, zeroP ? Integer.MAX_VALUE : x.exp + y.exp);
        if (e == Integer.MAX_VALUE) return new Result(fmt.zero(rmode(fpscr) == RM), in);
        BigInteger sum = signed(a, a.sign, e);
        if (!zeroP) {
            BigInteger p = BigInteger.valueOf(x.mant).multiply(BigInteger.valueOf(y.mant)).shiftLeft(x.exp + y.exp - e);
            sum = sum.add(signP ? p.negate() : p);
        }
        if (sum.signum() == 0) return new Result(fmt.zero(rmode(fpscr) == RM), in);
        return round(fmt, sum.signum() < 0, sum.abs(), e, false, fpscr).or(in);
    }

    /** FPProcessNaNs3: the first signalling NaN in operand order, else the first quiet one; null if none. */
    static Result processNaNs3(Fmt fmt, Unpacked a, long abits, Unpacked b, long bbits, Unpacked c, long cbits, int fpscr) {
        if (a.type == SNAN) return processNaN(fmt, a, abits, fpscr);
        if (b.type == SNAN) return processNaN(fmt, b, bbits, fpscr);
        if (c.type == SNAN) return processNaN(fmt, c, cbits, fpscr);
        if (a.type == QNAN) return processNaN(fmt, a, abits, fpscr);
        if (b.type == QNAN) return processNaN(fmt, b, bbits, fpscr);
        if (c.type == QNAN) return processNaN(fmt, c, cbits, fpscr);
        return null;
    }

    /** Extra quotient bits for division and square root: far more than the F + 2 rounding needs. */
    private static final int EXTRA = 128;

    /** FPDiv. */
    static Result div(Fmt fmt, long a, long b, int fpscr) {
        Unpacked x = unpack(fmt, a, fpscr), y = unpack(fmt, b, fpscr);
        int in = x.flags | y.flags;
        Result nan = processNaNs(fmt, x, a, y, b, fpscr);
        if (nan != null) return nan.or(in);
        boolean sign = x.sign ^ y.sign;
        if (x.type == INF && y.type == INF || x.type == ZERO && y.type == ZERO) return new Result(fmt.defaultNaN, in | IOC);
        if (x.type == INF || y.type == ZERO) return new Result(fmt.infinity(sign), in | (x.type == INF ? 0 : DZC));
        if (x.type == ZERO || y.type == INF) return new Result(fmt.zero(sign), in);
        BigInteger[] qr = BigInteger.valueOf(x.mant).shiftLeft(EXTRA).divideAndRemainder(BigInteger.valueOf(y.mant));
        return round(fmt, sign, qr[0], x.exp - y.exp - EXTRA, qr[1].signum() != 0, fpscr).or(in);
    }

    /** FPSqrt. */
    static Result sqrt(Fmt fmt, long a, int fpscr) {
        Unpacked x = unpack(fmt, a, fpscr);
        if (x.nan()) return processNaN(fmt, x, a, fpscr).or(x.flags);
        if (x.type == ZERO) return new Result(fmt.zero(x.sign), x.flags);
        if (x.type == INF && !x.sign) return new Result(fmt.infinity(false), x.flags);
        if (x.sign) return new Result(fmt.defaultNaN, x.flags | IOC);
        BigInteger m = BigInteger.valueOf(x.mant);
        int e = x.exp;
        if ((e & 1) != 0) {
            m = m.shiftLeft(1);
            e--;
        }
        m = m.shiftLeft(2 * EXTRA);
        BigInteger s = m.sqrt();
        boolean sticky = !s.multiply(s).equals(m);
        return round(fmt, false, s, (e - 2 * EXTRA) / 2, sticky, fpscr).or(x.flags);
    }

    // ---------------------------------------------------------------- comparison

    /** FPCompare: the NZCV nibble (bits 3:0) in the low bits and the flags above it (shifted by 4). */
    static int compare(Fmt fmt, long a, long b, boolean quietNaNExc, int fpscr) {
        Unpacked x = unpack(fmt, a, fpscr), y = unpack(fmt, b, fpscr);
        int flags = x.flags | y.flags;
        if (x.nan() || y.nan()) {
            if (x.type == SNAN || y.type == SNAN || quietNaNExc) flags |= IOC;
            return flags << 4 | 0b0011;
        }
        double vx = value(x), vy = value(y);          // primitive comparison: -0.0 == 0.0
        return flags << 4 | (vx == vy ? 0b0110 : vx < vy ? 0b1000 : 0b0010);
    }

    /** The value of a non-NaN unpacked number as a double (exact for both formats). */
    private static double value(Unpacked u) {
        double v = switch (u.type) {
            case ZERO -> 0.0;
            case INF -> Double.POSITIVE_INFINITY;
            default -> Math.scalb((double) u.mant, u.exp);
        };
        return u.sign ? -v : v;
    }

    // ---------------------------------------------------------------- conversions

    /** FPSingleToDouble. */
    static Result singleToDouble(int a, int fpscr) {
        Unpacked x = unpack(Fmt.F32, a, fpscr);
        long sign = x.sign ? Fmt.F64.signBit : 0;
        return switch (x.type) {
            case QNAN, SNAN -> {
                long r = (fpscr & DN) != 0 ? Fmt.F64.defaultNaN
                        : sign | 0x7ff8_0000_0000_0000L | (long) (a & 0x3f_ffff) << 29;
                yield new Result(r, x.flags | (x.type == SNAN ? IOC : 0));
            }
            case INF -> new Result(Fmt.F64.infinity(x.sign), x.flags);
            case ZERO -> new Result(sign, x.flags);
            default -> round(Fmt.F64, x.sign, x.mant, x.exp, fpscr).or(x.flags);
        };
    }

    /** FPDoubleToSingle. */
    static Result doubleToSingle(long a, int fpscr) {
        Unpacked x = unpack(Fmt.F64, a, fpscr);
        long sign = x.sign ? Fmt.F32.signBit : 0;
        return switch (x.type) {
            case QNAN, SNAN -> {
                long r = (fpscr & DN) != 0 ? Fmt.F32.defaultNaN : sign | 0x7fc0_0000L | (a >>> 29 & 0x3f_ffff);
                yield new Result(r, x.flags | (x.type == SNAN ? IOC : 0));
            }
            case INF -> new Result(Fmt.F32.infinity(x.sign), x.flags);
            case ZERO -> new Result(sign, x.flags);
            default -> round(Fmt.F32, x.sign, x.mant, x.exp, fpscr).or(x.flags);
        };
    }

    /**
     * FPHalfToSingle (VCVTB/VCVTT.F32.F16 with the FPSCR): exact; a NaN keeps its sign and the
     * low 9 fraction bits (quieted, IOC for a signalling one) unless DN gives the default NaN.
     */
    static Result halfToSingle(int h, int fpscr) {
        Unpacked x = unpack(Fmt.F16, h, fpscr);
        long sign = x.sign ? Fmt.F32.signBit : 0;
        return switch (x.type) {
            case QNAN, SNAN -> new Result((fpscr & DN) != 0 ? Fmt.F32.defaultNaN : sign | 0x7fc0_0000L | (long) (h & 0x1ff) << 13,
                    x.type == SNAN ? IOC : 0);
            case INF -> new Result(Fmt.F32.infinity(x.sign), 0);
            case ZERO -> new Result(sign, 0);
            default -> round(Fmt.F32, x.sign, x.mant, x.exp, fpscr);
        };
    }

    /**
     * FPSingleToHalf (VCVTB/VCVTT.F16.F32 with the FPSCR): FPRound to IEEE half precision in the
     * FPSCR's rounding mode (overflow, underflow and inexact raised as for any result; a half
     * denormal result is kept, FZ or not); a denormal single input is flushed by FZ (IDC). A NaN
     * keeps its sign and fraction bits 21:13, quieted (IOC for a signalling one), unless DN.
     */
    static Result singleToHalf(int a, int fpscr) {
        Unpacked x = unpack(Fmt.F32, a, fpscr);
        long sign = x.sign ? Fmt.F16.signBit : 0;
        return switch (x.type) {
            case QNAN, SNAN -> new Result((fpscr & DN) != 0 ? Fmt.F16.defaultNaN : sign | 0x7e00 | (a >>> 13 & 0x1ff),
                    x.flags | (x.type == SNAN ? IOC : 0));
            case INF -> new Result(Fmt.F16.infinity(x.sign), x.flags);
            case ZERO -> new Result(sign, x.flags);
            default -> round(Fmt.F16, x.sign, x.mant, x.exp, fpscr).or(x.flags);
        };
    }

    /**
     * FPToFixed: {@code a * 2^fbits} rounded to an integer (toward zero, or by the FPSCR mode),
     * saturated to {@code size} bits (16 or 32), signed or unsigned. NaN gives 0 and IOC;
     * saturation gives IOC and no IXC. The result is sign- or zero-extended to 32 bits.
     */
    static Result toFixed(Fmt fmt, long a, int size, int fbits, boolean unsigned, boolean roundZero, int fpscr) {
        Unpacked x = unpack(fmt, a, fpscr);
        int flags = x.flags;
        if (x.nan()) return new Result(0, flags | IOC);
        if (x.type == ZERO) return new Result(0, flags);
        long max = unsigned ? (1L << size) - 1 : (1L << (size - 1)) - 1, min = unsigned ? 0 : -(1L << (size - 1));
        if (x.type == INF) return new Result(x.sign ? min : max, flags | IOC);
        // magnitude m = mant * 2^(exp + fbits): its floor and the class of its fraction; a floor
        // of 2^62 or more saturates whatever it is (size <= 32), so it is kept at 2^62
        int shift = -(x.exp + fbits);
        long floor;
        int frac;
        if (shift <= 0) {
            floor = 64 - Long.numberOfLeadingZeros(x.mant) - shift > 62 ? 1L << 62 : x.mant << -shift;
            frac = EXACT;
        } else {
            floor = shift >= 64 ? 0 : x.mant >>> shift;
            frac = errorClass(x.mant, shift, false);
        }
        // int_result = RoundDown(value), error = value - int_result, as the pseudocode has them
        long intResult;
        int error;
        if (!x.sign) {
            intResult = floor;
            error = frac;
        } else {
            intResult = -floor - (frac == EXACT ? 0 : 1);
            error = frac == BELOW_HALF ? ABOVE_HALF : frac == ABOVE_HALF ? BELOW_HALF : frac;
        }
        boolean roundUp;
        if (roundZero) roundUp = error != EXACT && intResult < 0;
        else roundUp = switch (rmode(fpscr)) {
            case RN -> error == ABOVE_HALF || error == HALF && (intResult & 1) != 0;
            case RP -> error != EXACT;
            case RM -> false;
            default -> error != EXACT && intResult < 0;
        };
        if (roundUp) intResult++;
        if (intResult > max) return new Result(max, flags | IOC);
        if (intResult < min) return new Result(min, flags | IOC);
        return new Result(intResult, flags | (error != EXACT ? IXC : 0));
    }

    /** FixedToFP: the {@code size}-bit integer (signed or unsigned) divided by 2^fbits, rounded by the FPSCR mode. */
    static Result fromFixed(Fmt fmt, int operand, int size, int fbits, boolean unsigned, int fpscr) {
        long v = size == 16 ? (unsigned ? operand & 0xffff : (short) operand) : (unsigned ? operand & 0xffffffffL : operand);
        if (v == 0) return new Result(0, 0);
        return round(fmt, v < 0, Math.abs(v), -fbits, fpscr);
    }

    /** VFPExpandImm: the 8-bit immediate of VMOV as a single or a double. */
    static long expandImm(Fmt fmt, int imm8) {
        long sign = (imm8 >>> 7) & 1, b6 = (imm8 >>> 6) & 1;
        int e = fmt.e;
        long exp = (b6 ^ 1) << (e - 1) | (b6 == 1 ? (1L << (e - 3)) - 1 : 0) << 2 | (imm8 >>> 4) & 3;
        long frac = (long) (imm8 & 15) << (fmt.f - 4);
        return sign << (fmt.n - 1) | exp << fmt.f | frac;
    }
}
