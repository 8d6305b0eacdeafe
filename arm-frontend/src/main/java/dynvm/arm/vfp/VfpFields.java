package dynvm.arm.vfp;

/**
 * VFP register fields: a single register number is the 4-bit field then the extra bit (Vd:D),
 * a double register number the extra bit then the field (D:Vd), as the ARM ARM encodes them.
 */
public final class VfpFields {
    private VfpFields() { }

    /** Sd = Vd:D (bits 15:12, 22). */
    public static int sd(int w) { return w >>> 11 & 0x1e | w >>> 22 & 1; }
    /** Sn = Vn:N (bits 19:16, 7). */
    static int sn(int w) { return w >>> 15 & 0x1e | w >>> 7 & 1; }
    /** Sm = Vm:M (bits 3:0, 5). */
    static int sm(int w) { return w << 1 & 0x1e | w >>> 5 & 1; }
    /** Dd = D:Vd. */
    public static int dd(int w) { return w >>> 18 & 0x10 | w >>> 12 & 15; }
    /** Dn = N:Vn. */
    static int dn(int w) { return w >>> 3 & 0x10 | w >>> 16 & 15; }
    /** Dm = M:Vm. */
    static int dm(int w) { return w >>> 1 & 0x10 | w & 15; }

    /** Core register fields. */
    public static int rt(int w) { return w >>> 12 & 15; }
    static int rn(int w) { return w >>> 16 & 15; }
    public static int rt2(int w) { return w >>> 16 & 15; }

    static boolean bit(int w, int n) { return (w >>> n & 1) != 0; }

    /** sz (bit 8): double precision. */
    public static boolean dp(int w) { return bit(w, 8); }

    /** Fixed-point VCVT: 16- or 32-bit operand (sx, bit 7) and frac_bits = size - imm4:i. */
    static int fixedSize(int w) { return bit(w, 7) ? 32 : 16; }
    static int fracBits(int w) { return fixedSize(w) - ((w & 15) << 1 | w >>> 5 & 1); }

    /** Registers a VLDM/VSTM transfers: imm8 singles, or imm8 / 2 doubles (FLDMX/FSTMX: odd imm8). */
    static int regs(int w) { return dp(w) ? (w & 0xff) >>> 1 : w & 0xff; }
    /** First register of a VLDM/VSTM/VLDR/VSTR: Dd or Sd by sz. */
    static int first(int w) { return dp(w) ? dd(w) : sd(w); }
}
