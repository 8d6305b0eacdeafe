package dynvm.ppc;

/** Instruction fields, named as in the Power ISA (bit 0 is the most significant). */
public final class Fields {
    private Fields() { }

    /** Bits {@code from..to} inclusive, IBM numbering. */
    public static int bits(int w, int from, int to) { return (w >>> (31 - to)) & ((1 << (to - from + 1)) - 1); }

    public static int opcd(int w) { return w >>> 26; }
    public static int rt(int w) { return bits(w, 6, 10); }
    public static int rs(int w) { return bits(w, 6, 10); }
    public static int ra(int w) { return bits(w, 11, 15); }
    public static int rb(int w) { return bits(w, 16, 20); }
    public static int rc(int w) { return bits(w, 21, 25); }
    public static int si(int w) { return (short) w; }
    public static int ui(int w) { return w & 0xffff; }
    public static int xo10(int w) { return bits(w, 21, 30); }
    public static int xo9(int w) { return bits(w, 22, 30); }
    public static int xo5(int w) { return bits(w, 26, 30); }
    public static boolean rcBit(int w) { return (w & 1) != 0; }
    public static boolean oe(int w) { return (w & 0x400) != 0; }
    public static int sh(int w) { return bits(w, 16, 20); }
    public static int mb(int w) { return bits(w, 21, 25); }
    public static int me(int w) { return bits(w, 26, 30); }
    public static int bf(int w) { return bits(w, 6, 8); }
    public static int bfa(int w) { return bits(w, 11, 13); }
    public static int bo(int w) { return bits(w, 6, 10); }
    public static int bi(int w) { return bits(w, 11, 15); }
    public static int bd(int w) { return (short) (w & 0xfffc); }
    public static int li(int w) { return (w << 6) >> 6 & ~3; }
    public static boolean aa(int w) { return (w & 2) != 0; }
    public static boolean lk(int w) { return (w & 1) != 0; }
    public static int spr(int w) { return (bits(w, 16, 20) << 5) | bits(w, 11, 15); }
    public static int frt(int w) { return rt(w); }
    public static int fra(int w) { return ra(w); }
    public static int frb(int w) { return rb(w); }
    public static int frc(int w) { return rc(w); }
}
