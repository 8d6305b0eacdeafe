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

    public static long add(int a, int b, boolean sub) { return pack(VfpFloat.add(Fmt.F32, a, b, sub, STANDARD)); }

    public static long mul(int a, int b) { return pack(VfpFloat.mul(Fmt.F32, a, b, STANDARD)); }

    /** FPMulAdd: addend + op1 * op2, rounded once (VFMA/VFMS). */
    public static long mulAdd(int addend, int op1, int op2) { return pack(VfpFloat.mulAdd(Fmt.F32, addend, op1, op2, STANDARD)); }

    /** FPCompare: NZCV in bits 3:0, flags above (VfpFloat.compare's shape); quiet NaNs raise IOC when {@code quietExc}. */
    public static int compare(int a, int b, boolean quietExc) { return VfpFloat.compare(Fmt.F32, a, b, quietExc, STANDARD); }

    /** FPToFixed with no fraction bits, toward zero, saturating (VCVT.S32/U32.F32). */
    public static long toInt(int a, boolean unsigned) { return pack(VfpFloat.toFixed(Fmt.F32, a, 32, 0, unsigned, true, STANDARD)); }

    /** FixedToFP with no fraction bits, to nearest (VCVT.F32.S32/U32). */
    public static long fromInt(int v, boolean unsigned) { return pack(VfpFloat.fromFixed(Fmt.F32, v, 32, 0, unsigned, STANDARD)); }

    /** FPMax / FPMin: NaNs processed; equal zeros give +0 for max (-0 for min) unless both have the sign. */
    public static long maxMin(int a, int b, boolean max) {
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
}
