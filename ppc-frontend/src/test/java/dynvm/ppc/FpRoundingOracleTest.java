package dynvm.ppc;

import static dynvm.ppc.Fpscr.*;
import static org.junit.jupiter.api.Assertions.*;

import dynvm.spi.CpuState;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Checks every arithmetic helper, in all four rounding modes and both precisions, against an
 * exact oracle: {@code cmp(c)} gives sign(c - exact) in BigDecimal arithmetic, and the result
 * must sit where the mode says relative to its neighbours; FI, FR and UX must match exactness,
 * direction and tininess. Operands span the denormal range, so both the fast (error-free
 * transformation) path and the exact slow path are exercised.
 */
class FpRoundingOracleTest {
    static final int FS = PpcRegs.slot(PpcRegs.FPSCR);
    static final int N = 300;

    interface Op { long apply(CpuState cpu, double a, double b, double c); }

    static BigDecimal bd(double d) { return new BigDecimal(d); }

    static double rnd(SplittableRandom r, int emin, int emax) {
        double m = 1 + r.nextDouble();
        if (r.nextInt(4) == 0) m = 1 + (r.nextInt(8) / 8.0); // short significands give exact cases and ties
        double v = Math.scalb(m, emin + r.nextInt(emax - emin + 1));
        return r.nextBoolean() ? -v : v;
    }

    /** Checks result bits against the oracle for one mode. */
    static void check(String what, long bits, int fpscr, int mode, boolean single, Function<BigDecimal, Integer> cmp) {
        double r = Double.longBitsToDouble(bits);
        assertFalse(Double.isNaN(r) || Double.isInfinite(r), what + " gave " + r);
        double lo = single ? Math.nextDown((float) r) : Math.nextDown(r);
        double hi = single ? Math.nextUp((float) r) : Math.nextUp(r);
        if (single) assertEquals(r, (double) (float) r, what + " not single");
        int cr = cmp.apply(bd(r));
        int exactSign = cr == 0 ? (int) Math.signum(r) : (r == 0 ? -cr : (int) Math.signum(r)); // sign of exact value
        if (r == 0 && cr != 0) exactSign = -cr;
        switch (mode) {
            case 0 -> {
                BigDecimal midLo = bd(r).add(bd(lo)).divide(BigDecimal.valueOf(2));
                BigDecimal midHi = bd(r).add(bd(hi)).divide(BigDecimal.valueOf(2));
                int cl = cmp.apply(midLo), ch = cmp.apply(midHi);
                boolean even = single ? (Float.floatToRawIntBits((float) r) & 1) == 0 : (Double.doubleToRawLongBits(r) & 1) == 0;
                assertTrue(cl < 0 || (cl == 0 && even), what + " RN low side " + r);
                assertTrue(ch > 0 || (ch == 0 && even), what + " RN high side " + r);
            }
            case 1 -> {
                if (exactSign > 0) assertTrue(cr <= 0 && cmp.apply(bd(hi)) > 0, what + " RZ " + r);
                else assertTrue(cr >= 0 && cmp.apply(bd(lo)) < 0, what + " RZ " + r);
            }
            case 2 -> assertTrue(cr >= 0 && cmp.apply(bd(lo)) < 0, what + " RP " + r);
            default -> assertTrue(cr <= 0 && cmp.apply(bd(hi)) > 0, what + " RM " + r);
        }
        assertEquals(cr != 0, (fpscr & FI) != 0, what + " FI");
        assertEquals(cr != 0, (fpscr & XX) != 0, what + " XX");
        boolean fr = cr != 0 && r != 0 && (cr > 0) == (r > 0);
        assertEquals(fr, (fpscr & FR) != 0, what + " FR");
        double minN = single ? 0x1p-126 : 0x1p-1022;
        boolean tiny = cmp.apply(bd(minN)) > 0 && cmp.apply(bd(-minN)) < 0;
        assertEquals(tiny && cr != 0, (fpscr & UX) != 0, what + " UX");
        assertEquals(0, fpscr & (OX | VX), what + " OX/VX");
    }

    static void run(String name, Op op, int emin, int emax, boolean single, boolean three,
            java.util.function.BiFunction<double[], BigDecimal, Integer> cmp) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        for (int mode = 0; mode < 4; mode++) {
            for (int i = 0; i < N; i++) {
                double a = rnd(rng, emin, emax), b = rnd(rng, emin, emax);
                double c = three ? rnd(rng, emin, emax) : 0;
                if (three && rng.nextBoolean()) {
                    // addend close to -product: heavy cancellation
                    c = -(a * b) * (1 + rng.nextInt(5) * 0x1p-50);
                    if (c == 0 || Double.isInfinite(c)) c = rnd(rng, emin, emax);
                }
                CpuState cpu = new CpuState(PpcRegs.FILE);
                cpu.r[FS] = mode;
                long bits = op.apply(cpu, a, b, c);
                double[] args = { a, b, c };
                String what = name + " mode " + mode + " (" + a + ", " + b + ", " + c + ")";
                if (Double.longBitsToDouble(bits) == 0 && cmp.apply(args, BigDecimal.ZERO) == 0) continue; // exact zero
                check(what, bits, cpu.r[FS], mode, single, x -> cmp.apply(args, x));
            }
        }
    }

    static long b(double d) { return Double.doubleToRawLongBits(d); }

    static int addCmp(double[] v, BigDecimal x) { return x.compareTo(bd(v[0]).add(bd(v[1]))); }
    static int subCmp(double[] v, BigDecimal x) { return x.compareTo(bd(v[0]).subtract(bd(v[1]))); }
    static int mulCmp(double[] v, BigDecimal x) { return x.compareTo(bd(v[0]).multiply(bd(v[1]))); }
    static int divCmp(double[] v, BigDecimal x) { return x.multiply(bd(v[1])).compareTo(bd(v[0])) * (int) Math.signum(v[1]); }
    static int fmaCmp(double[] v, BigDecimal x) { return x.compareTo(bd(v[0]).multiply(bd(v[1])).add(bd(v[2]))); }

    @Test void addDouble() { run("fadd", (cpu, a, b, c) -> PpcFpu.fadd(cpu, 0, b(a), b(b)), -1074, 1020, false, false, FpRoundingOracleTest::addCmp); }
    @Test void addNearExponents() { run("fadd2", (cpu, a, b, c) -> PpcFpu.fadd(cpu, 0, b(a), b(b)), -3, 60, false, false, FpRoundingOracleTest::addCmp); }
    @Test void subSingle() { run("fsubs", (cpu, a, b, c) -> PpcFpu.fsubs(cpu, 0, b(a), b(b)), -160, 120, true, false, FpRoundingOracleTest::subCmp); }
    @Test void mulDouble() { run("fmul", (cpu, a, b, c) -> PpcFpu.fmul(cpu, 0, b(a), b(b)), -560, 500, false, false, FpRoundingOracleTest::mulCmp); }
    @Test void mulSingle() { run("fmuls", (cpu, a, b, c) -> PpcFpu.fmuls(cpu, 0, b(a), b(b)), -80, 60, true, false, FpRoundingOracleTest::mulCmp); }
    @Test void divDouble() { run("fdiv", (cpu, a, b, c) -> PpcFpu.fdiv(cpu, 0, b(a), b(b)), -500, 500, false, false, FpRoundingOracleTest::divCmp); }
    @Test void divDoubleDenormals() { run("fdiv2", (cpu, a, b, c) -> PpcFpu.fdiv(cpu, 0, b(a), b(b)), -1074, -1000, false, false, FpRoundingOracleTest::divCmp); }
    @Test void divSingle() { run("fdivs", (cpu, a, b, c) -> PpcFpu.fdivs(cpu, 0, b(a), b(b)), -70, 55, true, false, FpRoundingOracleTest::divCmp); }

    @Test void sqrtBoth() {
        for (boolean single : new boolean[] { false, true }) {
            run(single ? "fsqrts" : "fsqrt", (cpu, a, b, c) -> {
                long x = b(Math.abs(a));
                return single ? PpcFpu.fsqrts(cpu, 0, x) : PpcFpu.fsqrt(cpu, 0, x);
            }, single ? -300 : -1074, single ? 250 : 1020, single, false, (v, x) -> x.signum() < 0 ? -1 : x.multiply(x).compareTo(bd(Math.abs(v[0]))));
        }
    }

    @Test void fmaDouble() { run("fmadd", (cpu, a, b, c) -> PpcFpu.fmadd(cpu, 0, b(a), b(b), b(c)), -540, 500, false, true, FpRoundingOracleTest::fmaCmp); }
    @Test void fmaDoubleNormalRange() { run("fmadd2", (cpu, a, b, c) -> PpcFpu.fmadd(cpu, 0, b(a), b(b), b(c)), -40, 40, false, true, FpRoundingOracleTest::fmaCmp); }
    @Test void fmaSingle() { run("fmadds", (cpu, a, b, c) -> PpcFpu.fmadds(cpu, 0, b(a), b(b), b(c)), -80, 60, true, true, FpRoundingOracleTest::fmaCmp); }
    @Test void fmsubSingle() {
        run("fmsubs", (cpu, a, b, c) -> PpcFpu.fmsubs(cpu, 0, b(a), b(b), b(c)), -30, 30, true, true,
                (v, x) -> x.compareTo(bd(v[0]).multiply(bd(v[1])).subtract(bd(v[2]))));
    }

    @Test void frspAllModes() {
        run("frsp", (cpu, a, b, c) -> PpcFpu.frsp(cpu, 0, b(a)), -160, 120, true, false, (v, x) -> x.compareTo(bd(v[0])));
    }
}
