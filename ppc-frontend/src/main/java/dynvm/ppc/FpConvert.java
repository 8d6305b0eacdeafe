package dynvm.ppc;

/**
 * The bit conversions of floating-point loads and stores (Power ISA Book I, 4.6 "Floating-Point
 * Load/Store"): no rounding, no FPSCR change, and NaNs (signalling ones too) keep every bit, so
 * they are done on bits instead of through Java float, whose conversions may quiet a NaN.
 */
public final class FpConvert {
    private FpConvert() { }

    /** lfs: single-format word to the double-format FPR value (exact; denormals are normalized). */
    public static long singleToDouble(int w) {
        int e = (w >>> 23) & 0xff;
        if (e == 0 && (w & 0x7f_ffff) != 0) {
            // denormal: the value is exactly representable as a normal double, and not a NaN
            return Double.doubleToRawLongBits((double) Float.intBitsToFloat(w));
        }
        long word = w & 0xffff_ffffL;
        long b1 = (word >>> 30) & 1;
        long fill = e > 0 && e < 255 ? b1 ^ 1 : b1; // FRT[2:4]: not WORD[1] for normals, else WORD[1]
        return ((word >>> 30) << 62) | (fill * 7 << 59) | ((word & 0x3fff_ffffL) << 29);
    }

    /**
     * stfs: double-format FPR value to a single-format word. Exponents above 896 (and zero) keep
     * bits 0:1 and 5:34; 874..896 are denormalized by shifting; smaller ones (undefined in the
     * manual) shift out entirely and store a signed zero.
     */
    public static int doubleToSingle(long x) {
        int e = (int) ((x >>> 52) & 0x7ff);
        if (e > 896 || (x & Long.MAX_VALUE) == 0) {
            return (int) (((x >>> 32) & 0xc000_0000L) | ((x >>> 29) & 0x3fff_ffffL));
        }
        long frac = (1L << 52) | (x & ((1L << 52) - 1));
        int shift = -126 - (e - 1023);
        frac = shift >= 64 ? 0 : frac >>> shift;
        return (int) ((x >>> 63) << 31) | (int) ((frac >>> 29) & 0x7f_ffff);
    }
}
