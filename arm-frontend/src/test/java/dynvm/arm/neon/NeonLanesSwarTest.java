package dynvm.arm.neon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SWAR spellings of {@link NeonLanes#vshr}, {@link NeonLanes#widen}, {@link NeonLanes#narrow},
 * {@link NeonLanes#mull}, {@link NeonLanes#hadd} and {@link NeonLanes#rhadd} against a lane-by-lane reference ({@link NeonLanes#lane}/{@code put},
 * the shape they had before) on every element size, signedness, shift and rounding, with random
 * and edge lanes (0, all ones, the sign bit alone).
 */
class NeonLanesSwarTest {
    static long laneRef(long v, int i, int es, boolean u) { return NeonLanes.lane(v, i, es, u); }

    static long put(long r, int i, int es, long x) { return NeonLanes.put(r, i, es, x); }

    static long shr(long x, int n, int es, boolean u, boolean round) {
        long r = es == 64 ? (n == 64 ? (u ? 0 : x >> 63) : u ? x >>> n : x >> n) : x >> n;
        if (round) r += es == 64 ? x >>> (n - 1) & 1 : x >> (n - 1) & 1;
        return r;
    }

    static long vshrRef(long a, int es, int n, boolean u, boolean round) {
        long r = 0;
        for (int i = 0; i < 64 / es; i++) r = put(r, i, es, shr(laneRef(a, i, es, u), n, es, u, round));
        return r;
    }

    static long widenRef(long a, int first, int es, int n, boolean u) {
        long r = 0;
        for (int i = 0; i < 32 / es; i++) r = put(r, i, 2 * es, laneRef(a, first + i, es, u) << n);
        return r;
    }

    static long narrowRef(long lo, long hi, int es, int n, boolean round) {
        int wide = 2 * es, half = 32 / es;
        long r = 0;
        for (int i = 0; i < half; i++) {
            r = put(r, i, es, n == 0 ? laneRef(lo, i, wide, true) : shr(laneRef(lo, i, wide, true), n, wide, true, round));
            r = put(r, i + half, es, n == 0 ? laneRef(hi, i, wide, true) : shr(laneRef(hi, i, wide, true), n, wide, true, round));
        }
        return r;
    }

    static long mullRef(long a, long b, int first, int es, boolean u) {
        long r = 0;
        for (int i = 0; i < 32 / es; i++) r = put(r, i, 2 * es, laneRef(a, first + i, es, u) * laneRef(b, first + i, es, u));
        return r;
    }

    static long haddRef(long a, long b, int es, boolean u, int round) {
        long r = 0;
        for (int i = 0; i < 64 / es; i++) r = put(r, i, es, (laneRef(a, i, es, u) + laneRef(b, i, es, u) + round) >> 1);
        return r;
    }

    static long operand(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> 0x8080_8080_8080_8080L >>> r.nextInt(8) & 0x8000_8000_8000_8000L | 0x8000_0000_8000_0000L & r.nextLong();
            default -> r.nextLong();
        };
    }

    @Test
    void swarEqualsLaneLoops() {
        SplittableRandom r = new SplittableRandom(18);
        for (int k = 0; k < 20000; k++) {
            long a = operand(r), b = operand(r);
            for (int es : new int[]{8, 16, 32, 64})
                for (boolean u : new boolean[]{false, true}) {
                    int uf = u ? NeonLanes.UNSIGNED : 0;
                    int n = 1 + r.nextInt(es);
                    for (boolean round : new boolean[]{false, true}) {
                        int ctl = es | uf | (round ? NeonLanes.ROUND : 0) | n << 16;
                        String what = String.format("es=%d u=%b n=%d round=%b a=%x", es, u, n, round, a);
                        assertEquals(vshrRef(a, es, n, u, round), NeonLanes.vshr(a, ctl), "vshr " + what);
                        if (es < 64 && u) {
                            int nn = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(es);
                            int nctl = es | (round ? NeonLanes.ROUND : 0) | nn << 16;
                            assertEquals(narrowRef(a, b, es, nn, round), NeonLanes.narrow(a, b, nctl), "narrow n=" + nn + " " + what + " b=" + Long.toHexString(b));
                        }
                    }
                    if (es < 64) {
                        assertEquals(haddRef(a, b, es, u, 0), NeonLanes.hadd(a, b, es | uf), "hadd es=" + es + " u=" + u);
                        assertEquals(haddRef(a, b, es, u, 1), NeonLanes.rhadd(a, b, es | uf), "rhadd es=" + es + " u=" + u);
                    }
                    if (es < 64)
                        for (int first : new int[]{0, 32 / es}) {
                            int wn = r.nextInt(es + 1);
                            assertEquals(widenRef(a, first, es, wn, u), NeonLanes.widen(a, first, es | uf | wn << 16), "widen n=" + wn + " first=" + first + " es=" + es + " u=" + u + " a=" + Long.toHexString(a));
                            assertEquals(mullRef(a, b, first, es, u), NeonLanes.mull(a, b, first, es | uf), "mull first=" + first + " es=" + es + " u=" + u);
                        }
                }
        }
    }
}
