package dynvm.arm.vfp;

import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.arm.vfp.VfpFloat.Result;
import dynvm.arm.vfp.VfpFloat.Unpacked;

/**
 * Single-precision operations of the ARM ARM pseudocode ({@link VfpFloat}) under Advanced SIMD's
 * "standard FPSCR value" (StandardFPSCRValue: flush-to-zero, default NaN, round to nearest,
 * whatever FPSCR.FZ/DN/RMode say), for {@link dynvm.arm.neon}. Each returns the exceptions raised
 * (FPSCR cumulative bits) in bits 63:32 and the result in bits 31:0.
 */
public final class VfpStandard32 {
    private VfpStandard32() { }

    /** FZ, DN, round to nearest. */
    public static final int STANDARD = VfpFloat.FZ | VfpFloat.DN;

    private static long pack(Result r) { return (long) r.flags() << 32 | r.bits() & 0xffff_ffffL; }

    /**
     * Zeros and normal numbers away from the range ends take {@link VfpFastPath}'s standard-value
     * methods (Java float arithmetic, exactly the model's result and flags; measured in
     * docs/neon.md), the rest the exact model; {@code -Ddynvm.fpFastPath=false} turns them off.
     */
    private static final boolean FAST = VfpFastPath.ENABLED;
    private static final long MISS = VfpFastPath.MISS_STD;

    public static long add(int a, int b, boolean sub) {
        long r = FAST ? VfpFastPath.stdAdd32(a, b, sub) : MISS;
        return r != MISS ? r : pack(VfpFloat.add(Fmt.F32, a, b, sub, STANDARD));
    }

    public static long mul(int a, int b) {
        long r = FAST ? VfpFastPath.stdMul32(a, b) : MISS;
        return r != MISS ? r : pack(VfpFloat.mul(Fmt.F32, a, b, STANDARD));
    }

    /** FPMulAdd: addend + op1 * op2, rounded once (VFMA/VFMS). */
    public static long mulAdd(int addend, int op1, int op2) {
        long r = FAST ? VfpFastPath.stdFma32(addend, op1, op2) : MISS;
        return r != MISS ? r : pack(VfpFloat.mulAdd(Fmt.F32, addend, op1, op2, STANDARD));
    }

    /** FPCompare: NZCV in bits 3:0, flags above (VfpFloat.compare's shape); quiet NaNs raise IOC when {@code quietExc}. */
    public static int compare(int a, int b, boolean quietExc) {
        int r = FAST ? VfpFastPath.stdCmp32(a, b) : -1;
        return r >= 0 ? r : VfpFloat.compare(Fmt.F32, a, b, quietExc, STANDARD);
    }

    /** FPToFixed with no fraction bits, toward zero, saturating (VCVT.S32/U32.F32). */
    public static long toInt(int a, boolean unsigned) { return toFixed(a, 0, unsigned); }

    /** FixedToFP with no fraction bits, to nearest (VCVT.F32.S32/U32). */
    public static long fromInt(int v, boolean unsigned) { return fromFixed(v, 0, unsigned); }

    /** FPMax / FPMin: NaNs processed; equal zeros give +0 for max (-0 for min) unless both have the sign. */
    public static long maxMin(int a, int b, boolean max) {
        long r = FAST ? VfpFastPath.stdMaxMin32(a, b, max) : MISS;
        if (r != MISS) return r;
        Unpacked x = VfpFloat.unpack(Fmt.F32, a, STANDARD), y = VfpFloat.unpack(Fmt.F32, b, STANDARD);
        int flags = x.flags() | y.flags();
        Result nan = VfpFloat.processNaNs(Fmt.F32, x, a, y, b, STANDARD);
        if (nan != null) return pack(nan.or(flags));
        int c = compare(a, b, false) & 15;
        boolean firstGreater = c == 0b0010, firstLess = c == 0b1000;
        boolean pickFirst = max ? firstGreater : firstLess;
        Unpacked u = pickFirst ? x : y;
        long bits;
        if (u.type() == VfpFloat.ZERO) {
            boolean sign = (c == 0b0110) ? (max ? x.sign() && y.sign() : x.sign() || y.sign()) : u.sign();
            bits = Fmt.F32.zero(sign);
        } else bits = pickFirst ? a : b;
        return (long) flags << 32 | bits & 0xffff_ffffL;
    }

    /** FPToFixed with {@code fbits} fraction bits, toward zero, saturating (VCVT.S32/U32.F32 #fbits). */
    public static long toFixed(int a, int fbits, boolean unsigned) {
        long r = FAST ? VfpFastPath.stdToFixed32(a, fbits, unsigned) : MISS;
        if (r != MISS) return r;
        return pack(VfpFloat.toFixed(Fmt.F32, a, 32, fbits, unsigned, true, STANDARD));
    }

    /** FixedToFP with {@code fbits} fraction bits, to nearest (VCVT.F32.S32/U32 #fbits). */
    public static long fromFixed(int v, int fbits, boolean unsigned) {
        if (FAST) return VfpFastPath.stdFromFixed32(unsigned ? v & 0xffff_ffffL : v, fbits);
        return pack(VfpFloat.fromFixed(Fmt.F32, v, 32, fbits, unsigned, STANDARD));
    }

    private static final int TWO = 0x4000_0000, THREE = 0x4040_0000, ONE_POINT_FIVE = 0x3fc0_0000;

    /**
     * FPRecipStep (VRECPS, 2 - a*b) and FPRSqrtStep (VRSQRTS, (3 - a*b) / 2): NaNs processed first,
     * infinity times zero gives 2 (1.5), else the product is rounded and then the difference (halved
     * exactly: the halving of (3 - p) never meets the subnormal range, as p is a float near 3 when
     * the difference is small).
     */
    public static long step(int a, int b, boolean rsqrt) {
        Unpacked x = VfpFloat.unpack(Fmt.F32, a, STANDARD), y = VfpFloat.unpack(Fmt.F32, b, STANDARD);
        int flags = x.flags() | y.flags();
        Result nan = VfpFloat.processNaNs(Fmt.F32, x, a, y, b, STANDARD);
        if (nan != null) return pack(nan.or(flags));
        boolean inf1 = x.type() == VfpFloat.INF, inf2 = y.type() == VfpFloat.INF;
        if (inf1 && y.type() == VfpFloat.ZERO || inf2 && x.type() == VfpFloat.ZERO)
            return (long) flags << 32 | (rsqrt ? ONE_POINT_FIVE : TWO);
        if (inf1 || inf2) return (long) flags << 32 | Fmt.F32.infinity(!(x.sign() ^ y.sign())) & 0xffff_ffffL;
        Result p = VfpFloat.mul(Fmt.F32, a, b, STANDARD);
        Result d = VfpFloat.add(Fmt.F32, rsqrt ? THREE : TWO, p.bits(), true, STANDARD);
        long bits = d.bits();
        if (rsqrt && Fmt.F32.biased(bits) != 0 && Fmt.F32.biased(bits) != Fmt.F32.maxBiased) bits -= 1L << Fmt.F32.f;   // exact halving
        else if (rsqrt && Fmt.F32.biased(bits) == 0) bits &= Fmt.F32.signBit;                                       // zero stays zero
        return (long) (flags | p.flags() | d.flags()) << 32 | bits & 0xffff_ffffL;
    }

    /**
     * FPRecipEstimate (VRECPE.F32) and FPRSqrtEstimate (VRSQRTE.F32), ARM ARM DDI 0406C A2.8.x:
     * the architecture's estimate tables ({@link #recipEstimate}, {@link #rsqrtEstimate}) on the
     * operand scaled to [0.5, 1) ([0.25, 1) for the square root).
     */
    public static long estimate(int a, boolean rsqrt) {
        Unpacked x = VfpFloat.unpack(Fmt.F32, a, STANDARD);
        int flags = x.flags();
        if (x.nan()) return pack(VfpFloat.processNaN(Fmt.F32, x, a, STANDARD).or(flags));
        boolean sign = x.sign();
        if (x.type() == VfpFloat.ZERO) return (long) (flags | VfpFloat.DZC) << 32 | Fmt.F32.infinity(sign) & 0xffff_ffffL;
        int exp = a >>> 23 & 0xff;
        long frac = (long) (a & 0x7f_ffff) << 29;
        if (!rsqrt) {
            if (x.type() == VfpFloat.INF) return (long) flags << 32 | Fmt.F32.zero(sign) & 0xffff_ffffL;
            if (exp >= 253) return (long) (flags | VfpFloat.UFC) << 32 | Fmt.F32.zero(sign) & 0xffff_ffffL;   // |x| >= 2^126
            long est = Double.doubleToRawLongBits(recipEstimate(Double.longBitsToDouble(0x3feL << 52 | frac)));
            int r = (sign ? 0x8000_0000 : 0) | (253 - exp) << 23 | (int) (est >>> 29 & 0x7f_ffff);
            return (long) flags << 32 | r & 0xffff_ffffL;
        }
        if (sign) return (long) (flags | VfpFloat.IOC) << 32 | Fmt.F32.defaultNaN;
        if (x.type() == VfpFloat.INF) return (long) flags << 32;
        long scaled = ((exp & 1) == 0 ? 0x3feL : 0x3fdL) << 52 | frac;
        long est = Double.doubleToRawLongBits(rsqrtEstimate(Double.longBitsToDouble(scaled)));
        int r = ((380 - exp) / 2) << 23 | (int) (est >>> 29 & 0x7f_ffff);
        return (long) flags << 32 | r & 0xffff_ffffL;
    }

    /** recip_estimate of the ARM ARM: 1/a for 0.5 <= a < 1 to 8 bits, a multiple of 1/256 in [1, 2). */
    public static double recipEstimate(double a) {
        int q = (int) (a * 512.0);
        double r = 1.0 / (((double) q + 0.5) / 512.0);
        int s = (int) (256.0 * r + 0.5);
        return s / 256.0;
    }

    /** recip_sqrt_estimate of the ARM ARM: 1/sqrt(a) for 0.25 <= a < 1 to 8 bits, a multiple of 1/256 in [1, 2). */
    public static double rsqrtEstimate(double a) {
        double r;
        if (a < 0.5) {
            int q0 = (int) (a * 512.0);
            r = 1.0 / Math.sqrt(((double) q0 + 0.5) / 512.0);
        } else {
            int q1 = (int) (a * 256.0);
            r = 1.0 / Math.sqrt(((double) q1 + 0.5) / 256.0);
        }
        int s = (int) (256.0 * r + 0.5);
        return s / 256.0;
    }

    /** UnsignedRecipEstimate (VRECPE.U32): operands below 2^31 give all ones. */
    public static int recipEstimateU32(int a) {
        if (a >= 0) return -1;
        long est = Double.doubleToRawLongBits(recipEstimate(Double.longBitsToDouble(0x3feL << 52 | (long) (a & 0x7fff_ffff) << 21)));
        return 0x8000_0000 | (int) (est >>> 21 & 0x7fff_ffff);
    }

    /** UnsignedRSqrtEstimate (VRSQRTE.U32): operands below 2^30 give all ones. */
    public static int rsqrtEstimateU32(int a) {
        if ((a >>> 30) == 0) return -1;
        long dp = a < 0 ? 0x3feL << 52 | (long) (a & 0x7fff_ffff) << 21 : 0x3fdL << 52 | (long) (a & 0x3fff_ffff) << 22;
        long est = Double.doubleToRawLongBits(rsqrtEstimate(Double.longBitsToDouble(dp)));
        return 0x8000_0000 | (int) (est >>> 21 & 0x7fff_ffff);
    }

    /**
     * FPSingleToHalf (VCVT.F16.F32) under the standard FPSCR value with AHP = 0 (IEEE half
     * precision; AHP is RAZ here): a denormal single input flushes to zero (IDC), a NaN becomes the
     * default NaN, the result is rounded to nearest and, as the pseudocode's FPRound leaves half
     * precision out of flush-to-zero, may be a half-precision denormal. Result in bits 15:0.
     */
    public static long singleToHalf(int a) {
        Unpacked x = VfpFloat.unpack(Fmt.F32, a, STANDARD);
        int flags = x.flags(), sign = x.sign() ? 0x8000 : 0;
        switch (x.type()) {
            case VfpFloat.QNAN, VfpFloat.SNAN -> { return (long) (flags | (x.type() == VfpFloat.SNAN ? VfpFloat.IOC : 0)) << 32 | 0x7e00; }
            case VfpFloat.INF -> { return (long) flags << 32 | sign | 0x7c00; }
            case VfpFloat.ZERO -> { return (long) flags << 32 | sign; }
            default -> { }
        }
        long mant = x.mant();                                           // value = mant * 2^exp, mant of 24 bits
        int exponent = x.exp() + 63 - Long.numberOfLeadingZeros(mant);
        int biasedExp = Math.max(exponent + 15, 0);
        int ulpExp = (biasedExp > 0 ? exponent : -14) - 10, shift = ulpExp - x.exp();
        long intMant, rem, half;
        if (shift <= 0) { intMant = mant << -shift; rem = 0; half = 1; }
        else if (shift > 40) { intMant = 0; rem = 1; half = 2; }        // far below half an ulp
        else { intMant = mant >>> shift; rem = mant & ((1L << shift) - 1); half = 1L << (shift - 1); }
        boolean inexact = rem != 0;
        if (biasedExp == 0 && inexact) flags |= VfpFloat.UFC;
        if (rem > half || rem == half && (intMant & 1) != 0) {
            intMant++;
            if (intMant == 1 << 10) biasedExp = 1;
            if (intMant == 1 << 11) { biasedExp++; intMant >>>= 1; }
        }
        if (biasedExp >= 31) return (long) (flags | VfpFloat.OFC | VfpFloat.IXC) << 32 | sign | 0x7c00;
        if (inexact) flags |= VfpFloat.IXC;
        return (long) flags << 32 | sign | biasedExp << 10 | intMant & 0x3ff;
    }

    /**
     * FPHalfToSingle (VCVT.F32.F16): exact (half-precision denormals are not flushed, as FPUnpack
     * flushes only singles and doubles); a NaN becomes the default NaN, IOC for a signalling one.
     */
    public static long halfToSingle(int h) {
        int sign = (h & 0x8000) << 16, exp = h >>> 10 & 31, frac = h & 0x3ff;
        if (exp == 31) {
            if (frac == 0) return sign & 0xffff_ffffL | 0x7f80_0000L;   // (an int sign would smear into the flag half)
            return (long) ((frac & 0x200) == 0 ? VfpFloat.IOC : 0) << 32 | Fmt.F32.defaultNaN;
        }
        if (exp == 0) {
            if (frac == 0) return sign & 0xffff_ffffL;
            int p = 31 - Integer.numberOfLeadingZeros(frac);            // value = frac * 2^-24 = 1.x * 2^(p - 24)
            return (sign | (p + 103) << 23 | frac << (23 - p) & 0x7f_ffff) & 0xffff_ffffL;
        }
        return (sign | (exp - 15 + 127) << 23 | frac << 13) & 0xffff_ffffL;
    }
}
