package dynvm.arm.vfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmRegs;
import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.arm.vfp.VfpFloat.Result;
import dynvm.spi.CpuState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link VfpFastPath} against the exact model {@link VfpFloat}: for every
 * fast-path op (add, sub, mul, div, sqrt, compare, the single/double conversions, to and from
 * integer and fixed point; both precisions), many random operands (zeros of both signs,
 * denormals, infinities, quiet and signalling NaNs, values at the edges of the fast band and near
 * overflow, cancelling pairs, short significands, ties) under random FPSCR words (all rounding
 * modes, FZ, DN, sticky cumulative bits, NZCV, and bits this implementation does not keep). Where
 * the fast path answers, result bits and FPSCR must equal the exact model's; where it declines,
 * the FPSCR must be untouched. Calls {@link VfpFastPath} directly, so it checks the fast path
 * whatever {@code -Ddynvm.fpFastPath} says. VMLA and its kin are FPMul then FPAdd, each covered.
 */
class VfpFastPathTest {
    static final int SLOT = ArmRegs.slot(ArmRegs.FPSCR);
    static final int PAIRS = 8000;
    static final long MISS = Long.MAX_VALUE;

    /** An op on raw operands (singles in the low 32 bits): the result, or {@link #MISS} when the fast path declines. */
    interface Op { long apply(CpuState cpu, long a, long b); }

    record Case(String name, boolean dp, Op fast, Op exact) { }

    static long exact(CpuState cpu, Result r) {
        cpu.r[SLOT] |= r.flags();
        return r.bits();
    }

    static long miss64(long r) { return r == VfpFastPath.MISS64 ? MISS : r; }

    static long miss32(int r) { return r == VfpFastPath.MISS32 ? MISS : r & 0xffff_ffffL; }

    static long cmp(CpuState cpu, int r) {
        if (r < 0) return MISS;
        cpu.r[SLOT] = cpu.r[SLOT] & 0x0fff_ffff | (r & 15) << 28 | r >>> 4;
        return 0;
    }

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        for (boolean sub : new boolean[]{false, true}) {
            String n = sub ? "sub" : "add";
            l.add(new Case(n + "64", true, (c, a, b) -> miss64(VfpFastPath.add64(c, a, b, sub)),
                    (c, a, b) -> exact(c, VfpFloat.add(Fmt.F64, a, b, sub, c.r[SLOT]))));
            l.add(new Case(n + "32", false, (c, a, b) -> miss32(VfpFastPath.add32(c, (int) a, (int) b, sub)),
                    (c, a, b) -> exact(c, VfpFloat.add(Fmt.F32, a, b, sub, c.r[SLOT]))));
        }
        l.add(new Case("mul64", true, (c, a, b) -> miss64(VfpFastPath.mul64(c, a, b)), (c, a, b) -> exact(c, VfpFloat.mul(Fmt.F64, a, b, c.r[SLOT]))));
        l.add(new Case("mul32", false, (c, a, b) -> miss32(VfpFastPath.mul32(c, (int) a, (int) b)), (c, a, b) -> exact(c, VfpFloat.mul(Fmt.F32, a, b, c.r[SLOT]))));
        l.add(new Case("div64", true, (c, a, b) -> miss64(VfpFastPath.div64(c, a, b)), (c, a, b) -> exact(c, VfpFloat.div(Fmt.F64, a, b, c.r[SLOT]))));
        l.add(new Case("div32", false, (c, a, b) -> miss32(VfpFastPath.div32(c, (int) a, (int) b)), (c, a, b) -> exact(c, VfpFloat.div(Fmt.F32, a, b, c.r[SLOT]))));
        l.add(new Case("sqrt64", true, (c, a, b) -> miss64(VfpFastPath.sqrt64(c, a)), (c, a, b) -> exact(c, VfpFloat.sqrt(Fmt.F64, a, c.r[SLOT]))));
        l.add(new Case("sqrt32", false, (c, a, b) -> miss32(VfpFastPath.sqrt32(c, (int) a)), (c, a, b) -> exact(c, VfpFloat.sqrt(Fmt.F32, a, c.r[SLOT]))));
        for (boolean e : new boolean[]{false, true}) {
            l.add(new Case("cmp64" + (e ? "e" : ""), true, (c, a, b) -> cmp(c, VfpFastPath.cmp64(a, b, c.r[SLOT])),
                    (c, a, b) -> cmp(c, VfpFloat.compare(Fmt.F64, a, b, e, c.r[SLOT]))));
            l.add(new Case("cmp32" + (e ? "e" : ""), false, (c, a, b) -> cmp(c, VfpFastPath.cmp32((int) a, (int) b, c.r[SLOT])),
                    (c, a, b) -> cmp(c, VfpFloat.compare(Fmt.F32, a, b, e, c.r[SLOT]))));
        }
        l.add(new Case("cvt.f64.f32", false, (c, a, b) -> miss64(VfpFastPath.cvtF32ToF64((int) a)),
                (c, a, b) -> exact(c, VfpFloat.singleToDouble((int) a, c.r[SLOT]))));
        l.add(new Case("cvt.f32.f64", true, (c, a, b) -> miss32(VfpFastPath.cvtF64ToF32(c, a)),
                (c, a, b) -> exact(c, VfpFloat.doubleToSingle(a, c.r[SLOT]) ) & 0xffff_ffffL));
        // to integer / fixed point: the fraction bits come from b, the kind from the case
        for (int kind = 0; kind < 8; kind++) {
            boolean unsigned = (kind & 1) != 0, half = (kind & 2) != 0, rz = (kind & 4) != 0;
            String n = "toFixed" + (unsigned ? ".u" : ".s") + (half ? 16 : 32) + (rz ? ".rz" : "");
            for (boolean dp : new boolean[]{false, true}) {
                Fmt fmt = dp ? Fmt.F64 : Fmt.F32;
                l.add(new Case(n + (dp ? ".f64" : ".f32"), dp, (c, a, b) -> {
                    int ctl = VfpArith.control(fbits(b, half), half ? 16 : 32, unsigned, rz);
                    long r = dp ? VfpFastPath.toFixed64(c, a, ctl) : VfpFastPath.toFixed32(c, (int) a, ctl);
                    return r == VfpFastPath.MISS_FIXED ? MISS : r & 0xffff_ffffL;
                }, (c, a, b) -> exact(c, VfpFloat.toFixed(fmt, a, half ? 16 : 32, fbits(b, half), unsigned, rz, c.r[SLOT])) & 0xffff_ffffL));
            }
            // from integer / fixed point to single (the fixed-point form rounds to nearest: the helper clears RMode)
            l.add(new Case("fromFixed" + (unsigned ? ".u" : ".s") + (half ? 16 : 32) + (rz ? ".rn" : "") + ".f32", false, (c, a, b) -> {
                int f = rz ? c.r[SLOT] & ~(3 << VfpFloat.RMODE_SHIFT) : c.r[SLOT];
                long v = half ? (unsigned ? a & 0xffff : (short) a) : (unsigned ? a & 0xffff_ffffL : (int) a);
                return VfpFastPath.fromFixed32(c, v, fbits(b, half), f) & 0xffff_ffffL;
            }, (c, a, b) -> {
                int f = rz ? c.r[SLOT] & ~(3 << VfpFloat.RMODE_SHIFT) : c.r[SLOT];
                c.r[SLOT] |= VfpFloat.fromFixed(Fmt.F32, (int) a, half ? 16 : 32, fbits(b, half), unsigned, f).flags();
                return VfpFloat.fromFixed(Fmt.F32, (int) a, half ? 16 : 32, fbits(b, half), unsigned, f).bits();
            }));
        }
        return l;
    }

    static int fbits(long b, boolean half) { return (int) ((b >>> 7 & 0xff) % (half ? 17 : 33)); }

    static final double[] EDGES = {
        0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-959, 0x1p-960, 0x1p-961, 0x1p-958, 0x1p1022, 0x1p1023, Double.MAX_VALUE,
        0x1p-126, 0x1p-125, 0x1p-124, 0x1p127, 0x1p126, Float.MAX_VALUE, Float.MIN_VALUE, 0x1p-149, 0x1p-1074,
        2147483647.0, 2147483647.5, 2147483648.0, 4294967295.5, 4294967296.0, 32767.5, 65535.5, 65536.0,
        0.5, 1.5, 2.5, 1.0, 3.0, 0.1, Double.POSITIVE_INFINITY,
    };
    static final long[] NANS = {0x7ff8_0000_0000_0000L, 0x7ff8_0000_dead_beefL, 0x7ff0_0000_0000_0001L, 0x7ff4_0000_1234_0000L};
    static final int[] NANS32 = {0x7fc0_0000, 0x7fc0_beef, 0x7f80_0001, 0x7fa0_1234};

    /** One double operand: random bits, an edge (maybe nudged), a random exponent, a short significand, a NaN, or the other negated. */
    static long operand64(SplittableRandom r, long other) {
        long v = switch (r.nextInt(9)) {
            case 0 -> r.nextLong();
            case 1 -> {
                double e = EDGES[r.nextInt(EDGES.length)];
                int nudge = r.nextInt(3) - 1;
                yield bits(nudge < 0 ? Math.nextDown(e) : nudge > 0 ? Math.nextUp(e) : e);
            }
            case 2 -> NANS[r.nextInt(NANS.length)];
            case 3 -> bits(Math.scalb(1 + r.nextDouble(), r.nextInt(-1080, 1030)));
            case 4 -> bits(Math.scalb(1 + r.nextInt(16) / 16.0, r.nextInt(-40, 40)));
            case 5 -> other ^ Long.MIN_VALUE;
            case 6 -> bits(r.nextDouble() * 1e10 - 5e9);
            case 7 -> 0;
            default -> bits(Math.scalb(1 + r.nextDouble(), r.nextInt(-10, 10)));
        };
        return r.nextBoolean() ? v ^ Long.MIN_VALUE : v;
    }

    static long operand32(SplittableRandom r, long other) {
        int v = switch (r.nextInt(9)) {
            case 0 -> r.nextInt();
            case 1 -> {
                float e = (float) EDGES[r.nextInt(EDGES.length)];
                int nudge = r.nextInt(3) - 1;
                yield Float.floatToRawIntBits(nudge < 0 ? Math.nextDown(e) : nudge > 0 ? Math.nextUp(e) : e);
            }
            case 2 -> NANS32[r.nextInt(NANS32.length)];
            case 3 -> Float.floatToRawIntBits(Math.scalb(1 + r.nextFloat(), r.nextInt(-155, 130)));
            case 4 -> Float.floatToRawIntBits(Math.scalb(1 + r.nextInt(16) / 16f, r.nextInt(-40, 40)));
            case 5 -> (int) other ^ Integer.MIN_VALUE;
            case 6 -> Float.floatToRawIntBits(r.nextFloat() * 1e10f - 5e9f);
            case 7 -> 0;
            default -> Float.floatToRawIntBits(Math.scalb(1 + r.nextFloat(), r.nextInt(-10, 10)));
        };
        return (r.nextBoolean() ? v ^ Integer.MIN_VALUE : v) & 0xffff_ffffL;
    }

    /** FPSCR words: a rounding mode, FZ, DN, sticky flags and NZCV, or any 32 bits. */
    static int fpscr(SplittableRandom r) {
        if (r.nextInt(6) == 0) return r.nextInt();
        int f = r.nextInt(4) << VfpFloat.RMODE_SHIFT;
        if (r.nextInt(3) == 0) f |= VfpFloat.FZ;
        if (r.nextInt(3) == 0) f |= VfpFloat.DN;
        if (r.nextInt(3) == 0) f |= r.nextInt() & 0x9f;
        return f | r.nextInt() & 0xf000_0000;
    }

    static long bits(double d) { return Double.doubleToRawLongBits(d); }

    @Test
    void fastPathEqualsExactPath() {
        for (Case c : cases()) {
            SplittableRandom r = new SplittableRandom(c.name().hashCode());
            int hits = 0;
            for (int i = 0; i < PAIRS; i++) {
                long a = c.dp() ? operand64(r, 0) : operand32(r, 0);
                long b = c.dp() ? operand64(r, a) : operand32(r, a);
                int f = fpscr(r);
                CpuState fast = cpu(f), exact = cpu(f);
                long got = c.fast().apply(fast, a, b);
                String what = String.format("%s a=%x b=%x fpscr=%08x", c.name(), a, b, f);
                if (got == MISS) {
                    assertEquals(f, fast.r[SLOT], what + ": a miss must leave the FPSCR alone");
                    continue;
                }
                hits++;
                long want = c.exact().apply(exact, a, b);
                assertEquals(Long.toHexString(want), Long.toHexString(got), what + ": result");
                assertEquals(Integer.toHexString(exact.r[SLOT]), Integer.toHexString(fast.r[SLOT]), what + ": FPSCR");
            }
            assertTrue(hits > PAIRS / 10, c.name() + ": fast path taken only " + hits + " times");
        }
    }

    @Test
    void theCommonCasesAreFast() {
        CpuState c = cpu(0);
        assertEquals(bits(0.1 + 0.2), VfpFastPath.add64(c, bits(0.1), bits(0.2), false));
        assertEquals(VfpFloat.IXC, c.r[SLOT], "inexact sets IXC only");
        assertEquals(0, VfpFastPath.mul64(c, bits(0.0), bits(3.0)), "a zero product");
        assertEquals(Long.MIN_VALUE, VfpFastPath.mul64(c, bits(-0.0), bits(3.0)));
        assertEquals(0, VfpFastPath.add64(c, bits(1.5), bits(1.5), true), "x - x is +0 in RN");
        c.r[SLOT] = VfpFloat.RM << VfpFloat.RMODE_SHIFT;
        assertEquals(Long.MIN_VALUE, VfpFastPath.add64(c, bits(1.5), bits(1.5), true), "x - x is -0 toward minus infinity");
        assertEquals(0b0110, VfpFastPath.cmp64(bits(-0.0), 0, 0));
        assertEquals(-1, VfpFastPath.cmp64(NANS[0], 0, 0), "NaN takes the exact path");
        assertEquals(-1, VfpFastPath.cmp64(1, 0, VfpFloat.FZ), "a flushed denormal raises IDC: exact path");
        assertEquals(0b1000, VfpFastPath.cmp64(1, bits(1.0), 0), "denormal without FZ");
    }

    static CpuState cpu(int fpscr) {
        CpuState c = new CpuState(ArmRegs.FILE);
        c.r[SLOT] = fpscr;
        return c;
    }
}
