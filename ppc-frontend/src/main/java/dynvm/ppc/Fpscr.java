package dynvm.ppc;

/**
 * FPSCR bit masks (32-bit classic FPSCR, IBM bit n is {@code 1 << (31 - n)}) and the summary
 * rules every writer of the FPSCR must apply (Power ISA Book I, 4.2.2).
 */
public final class Fpscr {
    private Fpscr() { }

    public static final int FX = 1 << 31, FEX = 1 << 30, VX = 1 << 29, OX = 1 << 28, UX = 1 << 27,
            ZX = 1 << 26, XX = 1 << 25, VXSNAN = 1 << 24, VXISI = 1 << 23, VXIDI = 1 << 22,
            VXZDZ = 1 << 21, VXIMZ = 1 << 20, VXVC = 1 << 19, FR = 1 << 18, FI = 1 << 17,
            VXSOFT = 1 << 10, VXSQRT = 1 << 9, VXCVI = 1 << 8,
            VE = 1 << 7, OE = 1 << 6, UE = 1 << 5, ZE = 1 << 4, XE = 1 << 3, NI = 1 << 2, RN = 3;

    /** FPRF (C, FL, FG, FE, FU) occupies bits 15..19; FPCC is its low four bits. */
    public static final int FPRF_SHIFT = 12, FPRF = 0x1f << FPRF_SHIFT, FPCC = 0xf << FPRF_SHIFT;

    /** FPRF codes (Power ISA table "Floating-Point Result Flags"). */
    public static final int CLASS_QNAN = 0x11, CLASS_NINF = 0x09, CLASS_NNORM = 0x08, CLASS_NDENORM = 0x18,
            CLASS_NZERO = 0x12, CLASS_PZERO = 0x02, CLASS_PDENORM = 0x14, CLASS_PNORM = 0x04, CLASS_PINF = 0x05;

    /** All invalid-operation causes; VX is their OR. */
    public static final int VX_ALL = VXSNAN | VXISI | VXIDI | VXZDZ | VXIMZ | VXVC | VXSOFT | VXSQRT | VXCVI;
    /** Bit 20 is reserved (Book I 4.2.2): writes are ignored and it reads as 0, as in qemu. */
    public static final int RESERVED = 1 << 11;
    /** Exception bits: FX is set when an instruction turns one of these from 0 to 1. */
    public static final int EXCEPTIONS = OX | UX | ZX | XX | VX_ALL;
    /** Bits FX, FEX, VX, OX: what a record form copies into CR1 (FPSCR bits 0..3). */
    public static final int CR1_SHIFT = 28;

    /** Recomputes the summary bits VX and FEX, which are never set directly. */
    public static int summaries(int f) {
        f = (f & VX_ALL) != 0 ? f | VX : f & ~VX;
        boolean fex = ((f & VX) != 0 && (f & VE) != 0) || ((f & OX) != 0 && (f & OE) != 0)
                || ((f & UX) != 0 && (f & UE) != 0) || ((f & ZX) != 0 && (f & ZE) != 0)
                || ((f & XX) != 0 && (f & XE) != 0);
        return fex ? f | FEX : f & ~FEX;
    }

    /** Value after an instruction: FX if an exception bit went from 0 to 1, then the summaries. */
    public static int settle(int before, int after) {
        if ((after & ~before & EXCEPTIONS) != 0) after |= FX;
        return summaries(after);
    }

    public static int withFprf(int f, int cls) { return (f & ~FPRF) | (cls << FPRF_SHIFT); }

    public static int withFpcc(int f, int cc) { return (f & ~FPCC) | (cc << FPRF_SHIFT); }

    /** Rounding mode RN: 0 nearest even, 1 toward zero, 2 toward +inf, 3 toward -inf. */
    public static int rn(int f) { return f & RN; }
}
