package dynvm.arm.vfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.arm.vfp.VfpFloat.Result;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link VfpFastPath}'s standard-FPSCR-value methods (the NEON
 * single-precision lanes of {@link VfpStandard32}) against the exact model under
 * {@link VfpStandard32#STANDARD}: random operands from {@link VfpFastPathTest}'s generator (zeros,
 * denormals, infinities, NaNs, band edges, cancelling pairs, short significands); where the fast
 * path answers, result bits and flags must equal the model's. Calls the fast path directly, so it
 * is checked whatever {@code -Ddynvm.fpFastPath} says.
 */
class VfpStandardFastPathTest {
    static final int PAIRS = 20000, STD = VfpStandard32.STANDARD;
    static final long MISS = VfpFastPath.MISS_STD;

    interface Op { long[] apply(int a, int b, int c, int k); }   // {fast, exact}

    static long pack(Result r) { return (long) r.flags() << 32 | r.bits() & 0xffff_ffffL; }

    static void check(String name, Op op) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        int hits = 0;
        for (int i = 0; i < PAIRS; i++) {
            int a = (int) VfpFastPathTest.operand32(r, 0), b = (int) VfpFastPathTest.operand32(r, a), c = (int) VfpFastPathTest.operand32(r, b);
            if (r.nextInt(4) == 0) b = Float.floatToRawIntBits(Float.intBitsToFloat(a) * (1 + r.nextInt(8)));   // near-equal and related pairs
            int k = r.nextInt();
            long[] got = op.apply(a, b, c, k);
            if (got[0] == MISS) continue;
            hits++;
            assertEquals(Long.toHexString(got[1]), Long.toHexString(got[0]), String.format("%s a=%08x b=%08x c=%08x k=%08x", name, a, b, c, k));
        }
        assertTrue(hits > PAIRS / 10, name + ": fast path taken only " + hits + " times");
    }

    @Test
    void addSubMul() {
        for (boolean sub : new boolean[]{false, true})
            check(sub ? "sub" : "add", (a, b, c, k) -> new long[]{VfpFastPath.stdAdd32(a, b, sub), pack(VfpFloat.add(Fmt.F32, a, b, sub, STD))});
        check("mul", (a, b, c, k) -> new long[]{VfpFastPath.stdMul32(a, b), pack(VfpFloat.mul(Fmt.F32, a, b, STD))});
        check("fma", (a, b, c, k) -> new long[]{VfpFastPath.stdFma32(c, a, b), pack(VfpFloat.mulAdd(Fmt.F32, c, a, b, STD))});
    }

    @Test
    void compareAndMaxMin() {
        for (boolean e : new boolean[]{false, true})
            check("cmp" + e, (a, b, c, k) -> {
                int f = VfpFastPath.stdCmp32(a, b);
                return new long[]{f < 0 ? MISS : f, VfpFloat.compare(Fmt.F32, a, b, e, STD)};
            });
        for (boolean max : new boolean[]{false, true})
            check(max ? "max" : "min", (a, b, c, k) -> new long[]{VfpFastPath.stdMaxMin32(a, b, max), VfpStandard32Exact.maxMin(a, b, max)});
    }

    @Test
    void conversions() {
        for (boolean u : new boolean[]{false, true}) {
            check("toFixed" + u, (a, b, c, k) -> {
                int fbits = (k & 0xff) % 33 * (k >>> 8 & 1);
                return new long[]{VfpFastPath.stdToFixed32(a, fbits, u), pack(VfpFloat.toFixed(Fmt.F32, a, 32, fbits, u, true, STD))};
            });
            check("fromFixed" + u, (a, b, c, k) -> {
                int fbits = (k & 0xff) % 33 * (k >>> 8 & 1), v = (k >>> 9 & 3) == 0 ? a : (k >>> 9 & 3) == 1 ? b >> (k >>> 11 & 31) : k;
                return new long[]{VfpFastPath.stdFromFixed32(u ? v & 0xffff_ffffL : v, fbits), pack(VfpFloat.fromFixed(Fmt.F32, v, 32, fbits, u, STD))};
            });
        }
    }

    /** VfpStandard32.maxMin's exact path, the fast path off. */
    static final class VfpStandard32Exact {
        static long maxMin(int a, int b, boolean max) {
            VfpFloat.Unpacked x = VfpFloat.unpack(Fmt.F32, a, STD), y = VfpFloat.unpack(Fmt.F32, b, STD);
            int flags = x.flags() | y.flags();
            Result nan = VfpFloat.processNaNs(Fmt.F32, x, a, y, b, STD);
            if (nan != null) return pack(nan.or(flags));
            int cmp = VfpFloat.compare(Fmt.F32, a, b, false, STD) & 15;
            boolean pickFirst = max ? cmp == 0b0010 : cmp == 0b1000;
            VfpFloat.Unpacked u = pickFirst ? x : y;
            long bits = u.type() == VfpFloat.ZERO && cmp == 0b0110 ? Fmt.F32.zero(max ? x.sign() && y.sign() : x.sign() || y.sign())
                    : pickFirst ? a : b;
            return (long) flags << 32 | bits & 0xffff_ffffL;
        }
    }
}
