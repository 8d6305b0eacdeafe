package dynvm.ppc;

import static dynvm.ppc.Fpscr.*;
import static org.junit.jupiter.api.Assertions.*;

import dynvm.spi.CpuState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential test of {@link FpFastPath} against the exact path of {@link PpcFpu}: for every
 * fast-path op, many random operands (denormals, infinities, quiet and signalling NaNs, signed
 * zeros, values at the edges of the fast domain and near overflow, cancelling pairs, short
 * significands) under many FPSCR values (all four rounding modes, every enable, sticky bits,
 * stale FR/FI/FPRF, and arbitrary words whose summary bits are inconsistent). Where the fast path
 * answers, its result bits and FPSCR must equal the exact path's; where it declines, it must
 * leave the FPSCR untouched. Calls {@link FpFastPath} directly, so it checks the fast path
 * whatever {@code -Ddynvm.fpFastPath} says.
 */
class FpFastPathTest {
    static final int FS = PpcRegs.slot(PpcRegs.FPSCR);
    static final long OLD = 0x1234_5678_9abc_def0L;
    static final int PAIRS = 6000;

    interface Op { long apply(CpuState cpu, long a, long b, long c); }

    record Case(String name, Op fast, Op exact) { }

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        for (boolean single : new boolean[]{false, true}) {
            String s = single ? "s" : "";
            l.add(new Case("fadd" + s, (c, a, b, x) -> FpFastPath.add(c, a, b, false, single), (c, a, b, x) -> PpcFpu.add(c, OLD, a, b, false, single)));
            l.add(new Case("fsub" + s, (c, a, b, x) -> FpFastPath.add(c, a, b, true, single), (c, a, b, x) -> PpcFpu.add(c, OLD, a, b, true, single)));
            l.add(new Case("fmul" + s, (c, a, b, x) -> FpFastPath.mul(c, a, b, single), (c, a, b, x) -> PpcFpu.mul(c, OLD, a, b, single)));
            l.add(new Case("fdiv" + s, (c, a, b, x) -> FpFastPath.div(c, a, b, single), (c, a, b, x) -> PpcFpu.div(c, OLD, a, b, single)));
            l.add(new Case("fsqrt" + s, (c, a, b, x) -> FpFastPath.sqrt(c, b, single), (c, a, b, x) -> PpcFpu.sqrt(c, OLD, b, single)));
            for (int k = 0; k < 4; k++) {
                boolean negB = (k & 1) != 0, negR = (k & 2) != 0;
                String n = (negR ? "fnm" : "fm") + (negB ? "sub" : "add") + s;
                l.add(new Case(n, (c, a, b, x) -> FpFastPath.fma(c, a, x, b, negB, negR, single),
                        (c, a, b, x) -> PpcFpu.fma(c, OLD, a, x, b, negB, negR, single)));
            }
        }
        l.add(new Case("frsp", (c, a, b, x) -> FpFastPath.frsp(c, b), (c, a, b, x) -> PpcFpu.frspExact(c, OLD, b)));
        l.add(new Case("fctiw", (c, a, b, x) -> FpFastPath.toInt(c, b, false), (c, a, b, x) -> PpcFpu.toInt(c, OLD, b, rn(c.r[FS]))));
        l.add(new Case("fctiwz", (c, a, b, x) -> FpFastPath.toInt(c, b, true), (c, a, b, x) -> PpcFpu.toInt(c, OLD, b, 1)));
        l.add(new Case("fcmpu", (c, a, b, x) -> FpFastPath.compare(c, a, b), (c, a, b, x) -> PpcFpu.compare(c, a, b, false)));
        l.add(new Case("fcmpo", (c, a, b, x) -> FpFastPath.compare(c, a, b), (c, a, b, x) -> PpcFpu.compare(c, a, b, true)));
        return l;
    }

    static long b(double d) { return Double.doubleToRawLongBits(d); }

    static final double[] EDGES = {
        0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL),
        Double.MAX_VALUE, 0x1p1023, Math.nextDown(0x1p1023), 0x1p1000, 0x1p-900, 0x1p-960, Math.nextDown(0x1p-960),
        0x1p-1021, 0x1p127, Math.nextDown(0x1p127), 0x1p-125, Math.nextDown(0x1p-125), 0x1p-126, 0x1p-149,
        Float.MAX_VALUE, Math.nextUp((double) Float.MAX_VALUE), 2147483647.0, 2147483647.5, 2147483648.0,
        2147483648.5, 2147483649.0, 0.5, 1.5, 2.5, 1.0, 3.0, 0.1, Double.POSITIVE_INFINITY,
    };
    static final long[] NANS = {0x7ff8_0000_0000_0000L, 0x7ff8_0000_dead_beefL, 0x7ff0_0000_0000_0001L, 0x7ff4_0000_1234_0000L};

    /** One operand: random bits, an edge value (maybe nudged), a value of random exponent, or a NaN. */
    static long operand(SplittableRandom r, long other) {
        long v;
        switch (r.nextInt(9)) {
            case 0 -> v = r.nextLong();
            case 1 -> {
                double e = EDGES[r.nextInt(EDGES.length)];
                int nudge = r.nextInt(3) - 1;
                v = b(nudge < 0 ? Math.nextDown(e) : nudge > 0 ? Math.nextUp(e) : e);
            }
            case 2 -> v = NANS[r.nextInt(NANS.length)];
            case 3 -> v = b(Math.scalb(1 + r.nextDouble(), r.nextInt(-1080, 1030)));
            case 4 -> v = b(Math.scalb(1 + r.nextInt(16) / 16.0, r.nextInt(-40, 40))); // short: exact results, ties
            case 5 -> v = b((double) (float) Math.scalb(1 + r.nextDouble(), r.nextInt(-160, 140))); // single values
            case 6 -> v = other ^ (r.nextInt(8) & 1L) ^ Long.MIN_VALUE; // cancellation with the other operand
            case 7 -> v = b(r.nextDouble() * 4e9 - 2e9); // fctiw range
            default -> v = b(Math.scalb(1 + r.nextDouble(), r.nextInt(-10, 10)));
        }
        return r.nextBoolean() ? v ^ Long.MIN_VALUE : v;
    }

    /** FPSCR words: the default environment (where the fast path runs) half the time, else anything. */
    static int fpscr(SplittableRandom r) {
        int sticky = r.nextInt(4) == 0 ? XX | FX : 0;
        int stale = r.nextInt() & (FR | FI | FPRF);
        return switch (r.nextInt(8)) {
            case 0, 1, 2, 3 -> sticky | stale;
            case 4 -> summaries(r.nextInt() & ~RESERVED & ~(VE | OE | UE | ZE | XE | RN)); // default control, random sticky bits
            case 5 -> summaries(r.nextInt() & ~RESERVED); // any consistent FPSCR: modes, enables
            case 6 -> r.nextInt() & ~RESERVED; // inconsistent summaries (as a signal frame may restore)
            default -> (r.nextInt(4)) | sticky | stale; // rounding modes
        };
    }

    @Test void fastPathEqualsExactPath() {
        for (Case c : cases()) {
            SplittableRandom r = new SplittableRandom(c.name().hashCode());
            int hits = 0;
            for (int i = 0; i < PAIRS; i++) {
                long a = operand(r, 0), bb = operand(r, a), x = operand(r, bb);
                if (r.nextInt(4) == 0 && c.name().contains("m")) {
                    // addend cancelling the product (fmadd family)
                    double p = Double.longBitsToDouble(a) * Double.longBitsToDouble(x);
                    bb = b(-p * (1 + r.nextInt(5) * 0x1p-50));
                }
                int f = fpscr(r);
                CpuState fast = PpcFpuTest.cpu(f), exact = PpcFpuTest.cpu(f);
                long got = c.fast().apply(fast, a, bb, x);
                String what = String.format("%s a=%016x b=%016x c=%016x fpscr=%08x", c.name(), a, bb, x, f);
                if (got == FpFastPath.MISS) {
                    assertEquals(f, fast.r[FS], what + ": a miss must leave the FPSCR alone");
                    continue;
                }
                hits++;
                long want = c.exact().apply(exact, a, bb, x);
                assertEquals(want, got, what + ": result");
                assertEquals(Integer.toHexString(exact.r[FS]), Integer.toHexString(fast.r[FS]), what + ": FPSCR");
            }
            assertTrue(hits > PAIRS / 10, c.name() + ": fast path taken only " + hits + " times");
        }
    }

    @Test void defaultEnvironmentOnly() {
        assertTrue(FpFastPath.usable(0));
        assertTrue(FpFastPath.usable(XX | FX | FI | FR | FPRF));
        assertTrue(FpFastPath.usable(summaries(VXSNAN)));
        for (int bit : new int[]{1, 2, VE, OE, UE, ZE, XE})
            assertFalse(FpFastPath.usable(bit), "control bit " + Integer.toHexString(bit));
        assertFalse(FpFastPath.usable(VXSNAN), "VX not summarized");
        assertFalse(FpFastPath.usable(VX), "VX without a cause");
        assertFalse(FpFastPath.usable(FEX), "FEX without an enabled exception");
    }

    @Test void inexactTurnsOnXxAndFx() {
        CpuState c = PpcFpuTest.cpu(0);
        long r = FpFastPath.add(c, b(1.0), b(0x1p-60), false, false);
        assertEquals(1.0, Double.longBitsToDouble(r));
        assertEquals(FX | XX | FI | (CLASS_PNORM << FPRF_SHIFT), c.r[FS]);
        c.r[FS] = XX; // FX cleared by software: it stays clear while XX stays set
        FpFastPath.add(c, b(1.0), b(0x1p-60), false, false);
        assertEquals(XX | FI | (CLASS_PNORM << FPRF_SHIFT), c.r[FS]);
        FpFastPath.mul(c, b(-3.0), b(0.5), false); // exact: FI cleared, XX kept
        assertEquals(XX | (CLASS_NNORM << FPRF_SHIFT), c.r[FS]);
    }
}
