package dynvm.arm.neon;

/**
 * Lane arithmetic on packed 64-bit D register values: lane i of esize bits is bits
 * [i*esize+esize-1 : i*esize], as the little-endian register file and memory lay it out. Pure
 * functions (no CPU state), so the translator keeps the operands in locals and C2 inlines them.
 * {@code ctl} is the element size in bits (8, 16, 32, 64) plus {@link #UNSIGNED}.
 */
public final class NeonLanes {
    private NeonLanes() { }

    /** ctl flag: the lanes are unsigned (the U bit). */
    public static final int UNSIGNED = 0x100;

    static int esize(int ctl) { return ctl & 0xff; }

    static boolean unsigned(int ctl) { return (ctl & UNSIGNED) != 0; }

    /** Lane {@code i} of {@code v}, sign- or zero-extended to 64 bits. */
    static long lane(long v, int i, int es, boolean u) {
        if (es == 64) return v;
        long x = v >>> (i * es);
        return u ? x & ((1L << es) - 1) : x << (64 - es) >> (64 - es);
    }

    /** {@code r} with lane {@code i} set to the low bits of {@code x} (r's lane i must be 0). */
    static long put(long r, int i, int es, long x) {
        if (es == 64) return x;
        return r | (x & ((1L << es) - 1)) << (i * es);
    }

    /** The sign bit of every lane. */
    static long highBits(int es) {
        return switch (es) {
            case 8 -> 0x8080_8080_8080_8080L;
            case 16 -> 0x8000_8000_8000_8000L;
            case 32 -> 0x8000_0000_8000_0000L;
            default -> Long.MIN_VALUE;
        };
    }

    /** All ones in a lane, for the comparisons. */
    private static long ones(boolean t) { return t ? -1L : 0; }

    public static long add(long a, long b, int ctl) {
        long h = highBits(esize(ctl));
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    public static long sub(long a, long b, int ctl) {
        long h = highBits(esize(ctl));
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    private interface LaneOp { long apply(long x, long y); }

    private static long each(long a, long b, int ctl, LaneOp op) {
        int es = esize(ctl);
        boolean u = unsigned(ctl);
        long r = 0;
        for (int i = 0; i < 64 / es; i++) r = put(r, i, es, op.apply(lane(a, i, es, u), lane(b, i, es, u)));
        return r;
    }

    /** Compares lanes as the element type does (64-bit unsigned lanes need the unsigned order). */
    private static int cmp(long x, long y, int ctl) {
        return unsigned(ctl) && esize(ctl) == 64 ? Long.compareUnsigned(x, y) : Long.compare(x, y);
    }

    public static long hadd(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> (x + y) >> 1); }

    public static long rhadd(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> (x + y + 1) >> 1); }

    public static long hsub(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> (x - y) >> 1); }

    public static long cgt(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> ones(cmp(x, y, ctl) > 0)); }

    public static long cge(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> ones(cmp(x, y, ctl) >= 0)); }

    public static long ceq(long a, long b, int ctl) { return each(a, b, ctl | UNSIGNED, (x, y) -> ones(x == y)); }

    public static long tst(long a, long b, int ctl) { return each(a, b, ctl | UNSIGNED, (x, y) -> ones((x & y) != 0)); }

    public static long max(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> cmp(x, y, ctl) >= 0 ? x : y); }

    public static long min(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> cmp(x, y, ctl) <= 0 ? x : y); }

    public static long abd(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> Math.abs(x - y)); }

    public static long aba(long d, long a, long b, int ctl) { return add(d, abd(a, b, ctl), ctl); }

    public static long mul(long a, long b, int ctl) { return each(a, b, ctl, (x, y) -> x * y); }

    public static long mla(long d, long a, long b, int ctl) { return add(d, mul(a, b, ctl), ctl); }

    public static long mls(long d, long a, long b, int ctl) { return sub(d, mul(a, b, ctl), ctl); }

    /** VMUL.P8: carry-less products of bytes, the low 8 bits kept. */
    public static long pmul(long a, long b, int ctl) {
        return each(a, b, 8 | UNSIGNED, (x, y) -> {
            long r = 0;
            for (int i = 0; i < 8; i++) if ((y >>> i & 1) != 0) r ^= x << i;
            return r;
        });
    }

    private static long pairwise(long a, long b, int ctl, LaneOp op) {
        int es = esize(ctl), half = 32 / es;
        boolean u = unsigned(ctl);
        long r = 0;
        for (int i = 0; i < half; i++) {
            r = put(r, i, es, op.apply(lane(a, 2 * i, es, u), lane(a, 2 * i + 1, es, u)));
            r = put(r, i + half, es, op.apply(lane(b, 2 * i, es, u), lane(b, 2 * i + 1, es, u)));
        }
        return r;
    }

    public static long padd(long a, long b, int ctl) { return pairwise(a, b, ctl, Long::sum); }

    public static long pmax(long a, long b, int ctl) { return pairwise(a, b, ctl, Math::max); }

    public static long pmin(long a, long b, int ctl) { return pairwise(a, b, ctl, Math::min); }

    /** Replicates the low {@code esize} bits of {@code x} into every lane (VDUP). */
    public static long dup(long x, int ctl) {
        int es = esize(ctl);
        long r = es == 64 ? x : x & ((1L << es) - 1);
        for (int s = es; s < 64; s <<= 1) r |= r << s;
        return r;
    }
}
