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

    /** (a ^ b) shifted right by one in every lane, arithmetic for signed lanes (SWAR: lanes under 64 bits). */
    private static long halfXor(long a, long b, int es, boolean u) {
        long t = a ^ b, h = highBits(es);
        return t >>> 1 & ~h | (u ? 0 : t & h);
    }

    // floor((x + y) / 2) = (x & y) + (x ^ y) / 2 and ceil((x + y) / 2) = (x | y) - (x ^ y) / 2 in
    // every lane without widening (the results fit the lane, so lane-wise wrapping adds are exact)
    public static long hadd(long a, long b, int ctl) {
        int es = esize(ctl);
        if (es < 64) return add(a & b, halfXor(a, b, es, unsigned(ctl)), es);
        return each(a, b, ctl, (x, y) -> (x + y) >> 1);
    }

    public static long rhadd(long a, long b, int ctl) {
        int es = esize(ctl);
        if (es < 64) return sub(a | b, halfXor(a, b, es, unsigned(ctl)), es);
        return each(a, b, ctl, (x, y) -> (x + y + 1) >> 1);
    }

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

    // ---------------------------------------------------------------- shifts (ctl: esize | UNSIGNED | ROUND | shift << 16)

    /** ctl flag: rounding shift (adds 1 << (shift - 1) first). */
    public static final int ROUND = 0x200;

    static int shift(int ctl) { return ctl >>> 16; }

    /** The lane shifted right by {@code n} (0 < n <= esize), rounded if asked, as a 64-bit value (no overflow: lanes below 64). */
    private static long shr(long x, int n, int ctl) {
        boolean u = unsigned(ctl);
        if (esize(ctl) == 64) {
            long r = n == 64 ? (u ? 0 : x >> 63) : u ? x >>> n : x >> n;
            if ((ctl & ROUND) != 0) r += x >>> (n - 1) & 1;
            return r;
        }
        long r = x >> n;                   // lane() extended it to 64 bits already
        if ((ctl & ROUND) != 0) r += x >> (n - 1) & 1;
        return r;
    }

    /** Bit 0 of every lane (8, 16 or 32 bits). */
    static long lowOnes(int es) {
        return es == 8 ? 0x0101_0101_0101_0101L : es == 16 ? 0x0001_0001_0001_0001L : 0x0000_0001_0000_0001L;
    }

    /** The low {@code k} bits of every lane (8, 16 or 32 bits; k <= es). */
    private static long lowBits(int es, int k) { return ((1L << k) - 1) * lowOnes(es); }

    // The lane loops below are spelled SWAR for lanes under 64 bits: C1 (`run`'s JIT) does not
    // inline lane()/put() into every loop, and these sit in auto-vectorised code's inner loops
    // (docs/neon.md, performance).

    public static long vshr(long a, int ctl) {
        int es = esize(ctl), n = shift(ctl);
        boolean u = unsigned(ctl);
        if (es < 64) {
            long r = a >>> n & lowBits(es, es - n);
            if (!u) r |= ((a & highBits(es)) >>> (es - 1)) * (((1L << n) - 1) << (es - n));   // sign fill
            if ((ctl & ROUND) != 0) r = add(r, a >>> (n - 1) & lowOnes(es), es);
            return r;
        }
        long r = 0;
        for (int i = 0; i < 64 / es; i++) r = put(r, i, es, shr(lane(a, i, es, u), n, ctl));
        return r;
    }

    public static long vsra(long d, long a, int ctl) { return add(d, vshr(a, ctl), ctl); }

    public static long vshl(long a, int ctl) {
        int es = esize(ctl), n = shift(ctl);
        long r = 0;
        for (int i = 0; i < 64 / es; i++) r = put(r, i, es, lane(a, i, es, true) << n);
        return r;
    }

    /** VSLI: each lane of {@code a} shifted left into {@code d}, keeping d's low {@code shift} bits. */
    public static long vsli(long d, long a, int ctl) {
        int es = esize(ctl), n = shift(ctl);
        long keep = dup(es == 64 ? (n == 0 ? 0 : -1L >>> (64 - n)) : (1L << n) - 1, es);
        return vshl(a, ctl) & ~keep | d & keep;
    }

    /** VSRI: each lane of {@code a} shifted right (logically) into {@code d}, keeping d's top {@code shift} bits. */
    public static long vsri(long d, long a, int ctl) {
        int es = esize(ctl), n = shift(ctl);
        long laneOnes = es == 64 ? -1L : (1L << es) - 1;
        long ins = n == es ? 0 : laneOnes >>> n & laneOnes;
        long mask = dup(ins, es);
        return vshr(a, (ctl | UNSIGNED) & ~ROUND) & mask | d & ~mask;
    }

    /** VSHRN/VRSHRN/VMOVN: lanes of 2*esize from {@code lo}:{@code hi} shifted right, truncated to esize. */
    public static long narrow(long lo, long hi, int ctl) {
        int es = esize(ctl), wide = 2 * es, n = shift(ctl), half = 32 / es;
        int wctl = wide | UNSIGNED | (ctl & ROUND);
        if (n == 0 || wide < 64) {
            if (n != 0) { lo = vshr(lo, wctl | n << 16); hi = vshr(hi, wctl | n << 16); }
            return lowHalves(lo, es) | lowHalves(hi, es) << 32;
        }
        long r = 0;
        for (int i = 0; i < half; i++) {
            r = put(r, i, es, n == 0 ? lane(lo, i, wide, true) : shr(lane(lo, i, wide, true), n, wctl));
            r = put(r, i + half, es, n == 0 ? lane(hi, i, wide, true) : shr(lane(hi, i, wide, true), n, wctl));
        }
        return r;
    }

    /** The low half of every lane of {@code v} (lanes of 2*es bits), packed into bits 31:0. */
    private static long lowHalves(long v, int es) {
        if (es == 8) {
            long x = v & 0x00ff_00ff_00ff_00ffL;
            x = (x | x >>> 8) & 0x0000_ffff_0000_ffffL;
            return (x | x >>> 16) & 0xffff_ffffL;
        }
        if (es == 16) {
            long x = v & 0x0000_ffff_0000_ffffL;
            return (x | x >>> 16) & 0xffff_ffffL;
        }
        return v & 0xffff_ffffL;
    }

    /** VMOVL/VSHLL: lanes {@code first}.. of {@code a} widened to 2*esize and shifted left. */
    public static long widen(long a, int first, int ctl) {
        int es = esize(ctl), wide = 2 * es, n = shift(ctl);
        boolean u = unsigned(ctl);
        long x = a >>> (first * es) & 0xffff_ffffL, r;
        if (es == 8) {
            x = (x | x << 16) & 0x0000_ffff_0000_ffffL;
            r = (x | x << 8) & 0x00ff_00ff_00ff_00ffL;
            if (!u) r |= (r >>> 7 & 0x0001_0001_0001_0001L) * 0xff00L;
        } else if (es == 16) {
            r = (x | x << 16) & 0x0000_ffff_0000_ffffL;
            if (!u) r |= (r >>> 15 & 0x0000_0001_0000_0001L) * 0xffff_0000L;
        } else {
            return (u ? x : (long) (int) x) << n;
        }
        return n == 0 ? r : r << n & ~lowBits(wide, n);
    }

    // ---------------------------------------------------------------- counts and unary

    public static long cnt(long a, int ctl) {
        long r = 0;
        for (int i = 0; i < 8; i++) r = put(r, i, 8, Long.bitCount(lane(a, i, 8, true)));
        return r;
    }

    public static long clz(long a, int ctl) {
        int es = esize(ctl);
        long r = 0;
        for (int i = 0; i < 64 / es; i++) r = put(r, i, es, Long.numberOfLeadingZeros(lane(a, i, es, true)) - (64 - es));
        return r;
    }

    public static long cls(long a, int ctl) {
        int es = esize(ctl);
        long r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, false);
            r = put(r, i, es, Long.numberOfLeadingZeros(x ^ (x >> 63)) - (64 - es) - 1);
        }
        return r;
    }

    public static long abs(long a, int ctl) {
        int es = esize(ctl);
        long r = 0;
        for (int i = 0; i < 64 / es; i++) r = put(r, i, es, Math.abs(lane(a, i, es, false)));
        return r;
    }

    public static long neg(long a, int ctl) { return sub(0, a, ctl); }

    /** VCEQ/VCGE/VCGT/VCLE/VCLT #0 (signed lanes): {@code ctl >>> 16} is 0 gt, 1 ge, 2 eq, 3 le, 4 lt. */
    public static long cmpz(long a, int ctl) {
        int es = esize(ctl), op = shift(ctl);
        long r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, false);
            boolean t = switch (op) { case 0 -> x > 0; case 1 -> x >= 0; case 2 -> x == 0; case 3 -> x <= 0; default -> x < 0; };
            r = put(r, i, es, ones(t));
        }
        return r;
    }

    /** VPADDL/VPADAL: adjacent lane pairs summed into lanes of 2*esize (plus {@code d}'s lanes for VPADAL). */
    public static long paddl(long d, long a, int ctl) {
        int es = esize(ctl), wide = 2 * es;
        boolean u = unsigned(ctl);
        long r = 0;
        for (int i = 0; i < 64 / wide; i++) r = put(r, i, wide, lane(a, 2 * i, es, u) + lane(a, 2 * i + 1, es, u));
        return (ctl & ROUND) != 0 ? add(d, r, wide) : r;   // ROUND marks the accumulating form here
    }

    // ---------------------------------------------------------------- permutes

    /**
     * Byte {@code j} of the result is byte {@code idx[j]} (idx = 8 packed byte indexes 0..31) of
     * the 32-byte concatenation a0:a1:a2:a3 (a0 lowest): every VZIP/VUZP/VTRN/VREV/VEXT/VSWP
     * result register is one such gather, its indexes worked out at decode time.
     */
    public static long permute(long a0, long a1, long a2, long a3, long idx) {
        long r = 0;
        for (int j = 0; j < 8; j++) {
            int b = (int) (idx >>> (8 * j)) & 31;
            long src = switch (b >>> 3) { case 0 -> a0; case 1 -> a1; case 2 -> a2; default -> a3; };
            r |= (src >>> (8 * (b & 7)) & 0xff) << (8 * j);
        }
        return r;
    }

    /** VTBL/VTBX: bytes of {@code index} look up the table t0..t(len-1); out of range gives 0 (VTBL) or d's byte (VTBX: ctl bit 8). */
    public static long tbl(long t0, long t1, long t2, long t3, long index, long d, int ctl) {
        int len = ctl & 7;
        boolean ext = (ctl & 0x100) != 0;
        long r = 0;
        for (int j = 0; j < 8; j++) {
            int b = (int) (index >>> (8 * j)) & 0xff;
            long v;
            if (b < 8 * len) {
                long src = switch (b >>> 3) { case 0 -> t0; case 1 -> t1; case 2 -> t2; default -> t3; };
                v = src >>> (8 * (b & 7)) & 0xff;
            } else v = ext ? d >>> (8 * j) & 0xff : 0;
            r |= v << (8 * j);
        }
        return r;
    }

    // ---------------------------------------------------------------- long, wide, narrow-high, shift by register

    /** VMULL: lanes {@code first}.. of a and b multiplied into lanes of 2*esize. */
    public static long mull(long a, long b, int first, int ctl) {
        int es = esize(ctl), wide = 2 * es, up = 64 - es;
        boolean u = unsigned(ctl);
        long r = 0, m = wide == 64 ? -1L : (1L << wide) - 1;
        for (int i = 0, at = first * es; i < 64 / wide; i++, at += es) {   // lane()/put() spelled out (see vshr)
            long x = a >>> at << up, y = b >>> at << up;
            x = u ? x >>> up : x >> up;
            y = u ? y >>> up : y >> up;
            r |= (x * y & m) << (i * wide);
        }
        return r;
    }

    /** VMULL.P8: polynomial (carry-less) products of byte lanes {@code first}..{@code first+3} into 16-bit lanes. */
    public static long pmull(long a, long b, int first) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            long x = a >>> (8 * (first + i)) & 0xff, y = b >>> (8 * (first + i)) & 0xff, p = 0;
            for (int k = 0; k < 8; k++) if ((y >>> k & 1) != 0) p ^= x << k;
            r |= p << (16 * i);
        }
        return r;
    }

    /** VABDL: |a - b| of lanes {@code first}.. into lanes of 2*esize. */
    public static long abdl(long a, long b, int first, int ctl) {
        int es = esize(ctl), wide = 2 * es;
        boolean u = unsigned(ctl);
        long r = 0;
        for (int i = 0; i < 64 / wide; i++) r = put(r, i, wide, Math.abs(lane(a, first + i, es, u) - lane(b, first + i, es, u)));
        return r;
    }

    /** VSHL/VRSHL (register): each lane shifted by the signed low byte of b's lane (negative: right, rounded for VRSHL). */
    public static long shlReg(long a, long b, int ctl) {
        int es = esize(ctl);
        boolean u = unsigned(ctl), round = (ctl & ROUND) != 0;
        long r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, u);
            int sh = (byte) (b >>> (i * es));
            long v;
            if (sh >= 0) v = sh >= 64 ? 0 : x << sh;
            else {
                int n = -sh;
                if (n >= 64) v = round ? (n == 64 && u ? x >>> 63 : 0) : (u ? 0 : x >> 63);
                else {
                    v = u && es == 64 ? x >>> n : x >> n;
                    if (round) v += (u && es == 64 ? x >>> (n - 1) : x >> (n - 1)) & 1;
                }
            }
            r = put(r, i, es, v);
        }
        return r;
    }
}
