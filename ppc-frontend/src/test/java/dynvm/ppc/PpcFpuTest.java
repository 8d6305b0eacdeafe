package dynvm.ppc;

import static dynvm.ppc.Fpscr.*;
import static org.junit.jupiter.api.Assertions.*;

import dynvm.spi.CpuState;
import org.junit.jupiter.api.Test;

/** Architectural cases of the FPU helpers: rounding, FPSCR exception bits, FPRF, conversions. */
class PpcFpuTest {
    static final int FS = PpcRegs.slot(PpcRegs.FPSCR);
    static final long OLD = 0x1234_5678_9abc_def0L, SNAN = 0x7ff0_0000_0000_0001L, QNAN = 0x7ff8_0000_0000_0005L;

    static long b(double d) { return Double.doubleToRawLongBits(d); }
    static double d(long x) { return Double.longBitsToDouble(x); }

    static CpuState cpu(int fpscr) {
        CpuState c = new CpuState(PpcRegs.FILE);
        c.r[FS] = fpscr;
        return c;
    }

    static int fprf(CpuState c) { return (c.r[FS] & FPRF) >>> FPRF_SHIFT; }

    @Test void addRoundsPerMode() {
        double x = 1.0, y = 0x1p-60; // exact 1 + 2^-60
        double[] want = { 1.0, 1.0, Math.nextUp(1.0), 1.0 };
        for (int m = 0; m < 4; m++) {
            CpuState c = cpu(m);
            assertEquals(want[m], d(PpcFpu.fadd(c, OLD, b(x), b(y))), "mode " + m);
            assertTrue((c.r[FS] & (FI | XX | FX)) == (FI | XX | FX));
            assertEquals(m == 2, (c.r[FS] & FR) != 0, "FR mode " + m);
        }
        // negative operand: RM moves away from zero, RZ does not
        assertEquals(Math.nextDown(-1.0), d(PpcFpu.fadd(cpu(3), OLD, b(-1.0), b(-0x1p-60))));
        assertEquals(-1.0, d(PpcFpu.fadd(cpu(1), OLD, b(-1.0), b(-0x1p-60))));
    }

    @Test void tiesGoToEven() {
        assertEquals(1.0, d(PpcFpu.fadd(cpu(0), OLD, b(1.0), b(0x1p-53))));
        assertEquals(1.0 + 0x1p-51, d(PpcFpu.fadd(cpu(0), OLD, b(1.0 + 0x1p-52), b(0x1p-53))));
        CpuState c = cpu(0);
        assertEquals(1.0 + 0x1p-51, d(PpcFpu.fadd(c, OLD, b(1.0 + 0x1p-52), b(0x1p-53))));
        assertTrue((c.r[FS] & FR) != 0, "rounded up");
    }

    @Test void mulDivSqrtDirected() {
        assertEquals(0.3333333333333333, d(PpcFpu.fdiv(cpu(0), OLD, b(1), b(3))));
        assertEquals(Math.nextUp(0.3333333333333333), d(PpcFpu.fdiv(cpu(2), OLD, b(1), b(3))));
        assertEquals(0.3333333333333333, d(PpcFpu.fdiv(cpu(3), OLD, b(1), b(3))));
        double s2 = Math.sqrt(2); // RN is above sqrt(2)
        assertEquals(s2, d(PpcFpu.fsqrt(cpu(2), OLD, b(2))));
        assertEquals(Math.nextDown(s2), d(PpcFpu.fsqrt(cpu(1), OLD, b(2))));
        double p = 0.1 * 0.1; // RN rounds up here
        assertEquals(Math.nextDown(p), d(PpcFpu.fmul(cpu(1), OLD, b(0.1), b(0.1))));
        CpuState c = cpu(0);
        assertEquals(4.0, d(PpcFpu.fsqrt(c, OLD, b(16))));
        assertEquals(0, c.r[FS] & (FI | XX | FR));
        assertEquals(CLASS_PNORM, fprf(c));
    }

    @Test void singleFmaRoundsOnce() {
        // a*c + b = 1 + 2^-24 + 2^-60: rounding to double first gives the tie 1 + 2^-24, which
        // would round to even (1.0); one rounding to single gives 1 + 2^-23.
        double a = 1 + 0x1p-30, b = 0x1p-24 - 0x1p-29;
        assertEquals(1.0, (float) Math.fma(a, a, b));
        assertEquals(1 + 0x1p-23, d(PpcFpu.fmadds(cpu(0), OLD, b(a), b(a), b(b))));
        assertEquals(1 + 0x1p-23, d(PpcFpu.fmadds(cpu(2), OLD, b(a), b(a), b(b))));
        assertEquals(1.0, d(PpcFpu.fmadds(cpu(1), OLD, b(a), b(a), b(b))));
    }

    @Test void fusedMultiplyAddFamily() {
        assertEquals(7.0, d(PpcFpu.fmadd(cpu(0), OLD, b(2), b(3), b(1))));
        assertEquals(5.0, d(PpcFpu.fmsub(cpu(0), OLD, b(2), b(3), b(1))));
        assertEquals(-7.0, d(PpcFpu.fnmadd(cpu(0), OLD, b(2), b(3), b(1))));
        assertEquals(-5.0, d(PpcFpu.fnmsub(cpu(0), OLD, b(2), b(3), b(1))));
        // fnmadd rounds, then negates: toward +inf rounding of the positive sum, negated
        double e = 0x1p-60;
        assertEquals(-Math.nextUp(1.0), d(PpcFpu.fnmadd(cpu(2), OLD, b(1), b(1), b(e))));
        // NaNs keep their sign through fnmadd; a generated QNaN has sign 0
        assertEquals(QNAN, PpcFpu.fnmadd(cpu(0), OLD, b(1), b(1), QNAN));
        assertEquals(FpRounding.DEFAULT_QNAN, PpcFpu.fnmadd(cpu(0), OLD, b(Double.POSITIVE_INFINITY), b(1), b(Double.NEGATIVE_INFINITY)));
        // x*y - x*y is +0 (RN) and -0 (RM)
        assertEquals(0L, PpcFpu.fmsub(cpu(0), OLD, b(3), b(3), b(9)));
        assertEquals(Long.MIN_VALUE, PpcFpu.fmsub(cpu(3), OLD, b(3), b(3), b(9)));
    }

    @Test void invalidOperations() {
        double inf = Double.POSITIVE_INFINITY;
        CpuState c = cpu(0);
        assertEquals(FpRounding.DEFAULT_QNAN, PpcFpu.fsub(c, OLD, b(inf), b(inf)));
        assertEquals(FX | VX | VXISI | (CLASS_QNAN << FPRF_SHIFT), c.r[FS]);
        c = cpu(0);
        PpcFpu.fdiv(c, OLD, b(inf), b(-inf));
        assertEquals(FX | VX | VXIDI, c.r[FS] & ~FPRF);
        c = cpu(0);
        PpcFpu.fdiv(c, OLD, b(0), b(-0.0));
        assertEquals(FX | VX | VXZDZ, c.r[FS] & ~FPRF);
        c = cpu(0);
        PpcFpu.fmul(c, OLD, b(inf), b(0));
        assertEquals(FX | VX | VXIMZ, c.r[FS] & ~FPRF);
        c = cpu(0);
        PpcFpu.fmadd(c, OLD, b(0), b(inf), QNAN);
        assertEquals(FX | VX | VXIMZ, c.r[FS] & ~FPRF, "inf*0 + QNaN is still invalid");
        c = cpu(0);
        PpcFpu.fsqrt(c, OLD, b(-1));
        assertEquals(FX | VX | VXSQRT, c.r[FS] & ~FPRF);
        c = cpu(0);
        assertEquals(-0.0, d(PpcFpu.fsqrt(c, OLD, b(-0.0))));
        assertEquals(CLASS_NZERO << FPRF_SHIFT, c.r[FS]);
    }

    @Test void snanIsQuietedAndPrecedenceIsAThenBThenC() {
        CpuState c = cpu(0);
        assertEquals(SNAN | (1L << 51), PpcFpu.fadd(c, OLD, b(1), SNAN));
        assertEquals(FX | VX | VXSNAN | (CLASS_QNAN << FPRF_SHIFT), c.r[FS]);
        assertEquals(QNAN, PpcFpu.fadd(cpu(0), OLD, QNAN, SNAN), "FRA first, even when FRB is the SNaN");
        long qb = 0x7ff8_0000_0000_0b00L, qc = 0x7ff8_0000_0000_0c00L;
        assertEquals(qb, PpcFpu.fmadd(cpu(0), OLD, b(1), qc, qb), "FRB before FRC");
        // single-precision results keep only the single-format fraction of a NaN
        assertEquals(0x7ff8_0000_0000_0000L, PpcFpu.fadds(cpu(0), OLD, QNAN, b(1)));
        c = cpu(0);
        assertEquals(0x7ff8_0000_0000_0000L, PpcFpu.frsp(c, OLD, SNAN));
        assertTrue((c.r[FS] & VXSNAN) != 0);
    }

    @Test void enabledInvalidAndZeroDivideLeaveTargetUnchanged() {
        CpuState c = cpu(VE);
        assertEquals(OLD, PpcFpu.fsub(c, OLD, b(Double.POSITIVE_INFINITY), b(Double.POSITIVE_INFINITY)));
        assertEquals(FX | FEX | VX | VXISI | VE, c.r[FS], "FPRF unchanged, FEX from VE");
        c = cpu(0);
        assertEquals(Double.NEGATIVE_INFINITY, d(PpcFpu.fdiv(c, OLD, b(-1), b(0))));
        assertEquals(FX | ZX | (CLASS_NINF << FPRF_SHIFT), c.r[FS]);
        c = cpu(ZE);
        assertEquals(OLD, PpcFpu.fdiv(c, OLD, b(1), b(0)));
        assertEquals(FX | FEX | ZX | ZE, c.r[FS]);
    }

    @Test void overflowAndUnderflow() {
        double max = Double.MAX_VALUE;
        CpuState c = cpu(0);
        assertEquals(Double.POSITIVE_INFINITY, d(PpcFpu.fmul(c, OLD, b(max), b(2))));
        assertEquals(FX | OX | XX | FI | FR | (CLASS_PINF << FPRF_SHIFT), c.r[FS]);
        assertEquals(max, d(PpcFpu.fmul(cpu(1), OLD, b(max), b(2))));
        assertEquals(-max, d(PpcFpu.fmul(cpu(2), OLD, b(-max), b(2))));
        // enabled overflow: exponent wrapped by 1536
        c = cpu(OE);
        assertEquals(Math.scalb(max * 0.5, 2 - 1536), d(PpcFpu.fmul(c, OLD, b(max), b(2))));
        assertEquals(FX | FEX | OX | OE | (CLASS_PNORM << FPRF_SHIFT), c.r[FS]);
        // single overflow: fmuls of values in double range
        c = cpu(0);
        assertEquals(Double.POSITIVE_INFINITY, d(PpcFpu.fmuls(c, OLD, b(0x1p100), b(0x1p100))));
        assertTrue((c.r[FS] & OX) != 0);
        // exact denormal: no UX; inexact tiny: UX
        c = cpu(0);
        assertEquals(0x1p-1023, d(PpcFpu.fmul(c, OLD, b(0x1p-1022), b(0.5))));
        assertEquals(CLASS_PDENORM << FPRF_SHIFT, c.r[FS]);
        c = cpu(0);
        assertEquals(0.0, d(PpcFpu.fmul(c, OLD, b(Double.MIN_VALUE), b(0.5))));
        assertEquals(FX | UX | XX | FI | (CLASS_PZERO << FPRF_SHIFT), c.r[FS]);
        assertEquals(Double.MIN_VALUE, d(PpcFpu.fmul(cpu(2), OLD, b(Double.MIN_VALUE), b(0.5))));
        // enabled underflow: exponent wrapped up by 1536, UX even when exact
        c = cpu(UE);
        assertEquals(Math.scalb(1.0, -1075 + 1536), d(PpcFpu.fmul(c, OLD, b(Double.MIN_VALUE), b(0.5))));
        assertEquals(FX | FEX | UX | UE | (CLASS_PNORM << FPRF_SHIFT), c.r[FS]);
    }

    @Test void resultClasses() {
        assertEquals(CLASS_PZERO, cls(0.0));
        assertEquals(CLASS_NZERO, cls(-0.0));
        assertEquals(CLASS_PDENORM, cls(Double.MIN_VALUE));
        assertEquals(CLASS_NDENORM, cls(-Double.MIN_VALUE));
        assertEquals(CLASS_PNORM, cls(1.5));
        assertEquals(CLASS_NNORM, cls(-1.5));
        assertEquals(CLASS_PINF, cls(Double.POSITIVE_INFINITY));
        assertEquals(CLASS_NINF, cls(Double.NEGATIVE_INFINITY));
        assertEquals(CLASS_QNAN, cls(Double.NaN));
        CpuState c = cpu(0);
        assertEquals(0x1p-130, d(PpcFpu.fadds(c, OLD, b(0x1p-130), b(0))));
        assertEquals(CLASS_PDENORM, fprf(c), "classed as a single-precision denormal");
    }

    static int cls(double v) {
        CpuState c = cpu(0);
        PpcFpu.fadd(c, OLD, b(v), b(-0.0)); // x + -0 = x for every x (incl. -0)
        return fprf(c);
    }

    @Test void convertToIntegerRoundsPerModeAndSaturates() {
        long[] want = { 2, 2, 3, 2 };
        long[] wantNeg = { -2, -2, -2, -3 };
        for (int m = 0; m < 4; m++) {
            CpuState c = cpu(m);
            long r = PpcFpu.fctiw(c, OLD, b(2.5));
            assertEquals(0xfff8_0000L, r >>> 32);
            assertEquals(want[m], (int) r, "mode " + m);
            assertTrue((c.r[FS] & (XX | FI)) == (XX | FI));
            assertEquals(wantNeg[m], (int) PpcFpu.fctiw(cpu(m), OLD, b(-2.5)), "mode " + m);
            assertEquals(2, (int) PpcFpu.fctiwz(cpu(m), OLD, b(2.9)), "fctiwz ignores RN");
        }
        CpuState c = cpu(0);
        assertEquals(0xfff8_0000_7fff_ffffL, PpcFpu.fctiw(c, OLD, b(3e9)));
        assertEquals(FX | VX | VXCVI, c.r[FS]);
        assertEquals(0x8000_0000L, PpcFpu.fctiw(cpu(0), OLD, b(-3e9)) & 0xffff_ffffL);
        c = cpu(0);
        assertEquals(0x8000_0000L, PpcFpu.fctiw(c, OLD, SNAN) & 0xffff_ffffL);
        assertEquals(FX | VX | VXCVI | VXSNAN, c.r[FS]);
        assertEquals(OLD, PpcFpu.fctiw(cpu(VE), OLD, b(Double.NaN)));
        assertEquals(0xfff8_0001_0000_0000L, PpcFpu.fctiwz(cpu(0), OLD, b(-0.5)), "zero from a negative operand");
        assertEquals(-2147483648, (int) PpcFpu.fctiw(cpu(0), OLD, b(-2147483648.0)));
    }

    @Test void compares() {
        CpuState c = cpu(FR | FI);
        assertEquals(8, PpcFpu.fcmpu(c, b(1), b(2)));
        assertEquals(FR | FI | (8 << FPRF_SHIFT), c.r[FS], "FR, FI unchanged; FPCC set");
        assertEquals(4, PpcFpu.fcmpu(cpu(0), b(2), b(1)));
        assertEquals(2, PpcFpu.fcmpu(cpu(0), b(0.0), b(-0.0)));
        c = cpu(0);
        assertEquals(1, PpcFpu.fcmpu(c, QNAN, b(1)));
        assertEquals(1 << FPRF_SHIFT, c.r[FS], "fcmpu of a QNaN raises nothing");
        c = cpu(0);
        PpcFpu.fcmpo(c, QNAN, b(1));
        assertEquals(FX | VX | VXVC | (1 << FPRF_SHIFT), c.r[FS]);
        c = cpu(0);
        PpcFpu.fcmpo(c, SNAN, b(1));
        assertEquals(FX | VX | VXSNAN | VXVC | (1 << FPRF_SHIFT), c.r[FS]);
        c = cpu(VE);
        PpcFpu.fcmpo(c, SNAN, b(1));
        assertEquals(FX | FEX | VX | VXSNAN | VE | (1 << FPRF_SHIFT), c.r[FS], "no VXVC when VE=1");
    }

    @Test void estimates() {
        assertEquals(0.5, d(PpcFpu.fres(cpu(0), OLD, b(2))));
        CpuState c = cpu(0);
        assertEquals((double) (1f / 3f), d(PpcFpu.fres(c, OLD, b(3))));
        assertEquals(0, c.r[FS] & (XX | FX), "fres does not alter XX");
        c = cpu(0);
        assertEquals(Double.POSITIVE_INFINITY, d(PpcFpu.fres(c, OLD, b(0))));
        assertTrue((c.r[FS] & ZX) != 0);
        assertEquals(0.5, d(PpcFpu.frsqrte(cpu(0), OLD, b(4))));
        double r = d(PpcFpu.frsqrte(cpu(0), OLD, b(2)));
        assertEquals(0.7071067811865476, r); // 1/sqrt(2) rounded to nearest
        assertEquals(0x1p-511, d(PpcFpu.frsqrte(cpu(0), OLD, b(0x1p1022))));
        assertEquals(Math.scalb(1.0, 537), d(PpcFpu.frsqrte(cpu(0), OLD, b(Double.MIN_VALUE))));
        c = cpu(0);
        assertEquals(Double.NEGATIVE_INFINITY, d(PpcFpu.frsqrte(c, OLD, b(-0.0))));
        assertTrue((c.r[FS] & ZX) != 0);
        c = cpu(0);
        PpcFpu.frsqrte(c, OLD, b(-4));
        assertTrue((c.r[FS] & VXSQRT) != 0);
    }

    @Test void frspRoundsAndFlags() {
        CpuState c = cpu(0);
        assertEquals((double) 0.1f, d(PpcFpu.frsp(c, OLD, b(0.1))));
        assertTrue((c.r[FS] & (FI | XX)) == (FI | XX));
        assertEquals((double) Math.nextDown(0.1f), d(PpcFpu.frsp(cpu(1), OLD, b(0.1))));
        c = cpu(0);
        assertEquals(0x1p-149, d(PpcFpu.frsp(c, OLD, b(0x1p-149 * 1.25))));
        assertTrue((c.r[FS] & UX) != 0);
        assertEquals(CLASS_PDENORM, fprf(c));
    }

    @Test void fpscrMoves() {
        CpuState c = cpu(0);
        PpcFpu.mtfsb1(c, 3); // OX
        assertEquals(FX | OX, c.r[FS]);
        PpcFpu.mtfsb1(c, 25); // OE -> FEX
        assertEquals(FX | FEX | OX | OE, c.r[FS]);
        PpcFpu.mtfsb0(c, 1); // FEX cannot be cleared directly
        assertEquals(FX | FEX | OX | OE, c.r[FS]);
        PpcFpu.mtfsb0(c, 3);
        assertEquals(FX | OE, c.r[FS]);
        // mcrfs of field 0 returns FX FEX VX OX and clears FX, OX
        c = cpu(FX | OX | VXSNAN);
        c.r[FS] = Fpscr.summaries(c.r[FS]);
        assertEquals(0b1011, PpcFpu.mcrfs(c, 0));
        assertEquals(VX | VXSNAN, c.r[FS]);
        assertEquals(0b0001, PpcFpu.mcrfs(c, 1)); // UX ZX XX VXSNAN
        assertEquals(0, c.r[FS], "VXSNAN cleared, VX recomputed");
        // mtfsf: FX/OX from the value, FEX/VX recomputed, unselected fields kept
        c = cpu(RN);
        PpcFpu.mtfsf(c, 0x80, 0xf000_0000L);
        assertEquals(FX | OX | RN, c.r[FS]);
        PpcFpu.mtfsf(c, 0x01, 0x0000_0002L);
        assertEquals(FX | OX | 2, c.r[FS]);
        PpcFpu.mtfsf(c, 0xff, VXZDZ | VE);
        assertEquals(VXZDZ | VX | VE | FEX, c.r[FS]);
    }

    @Test void loadStoreConversions() {
        assertEquals(b(1.5), FpConvert.singleToDouble(Float.floatToRawIntBits(1.5f)));
        assertEquals(b(-0.0), FpConvert.singleToDouble(0x8000_0000));
        assertEquals(b(0x1p-149), FpConvert.singleToDouble(1));
        assertEquals(b(-0x1.fffffcp-127), FpConvert.singleToDouble(0x807f_ffff));
        assertEquals(b(Double.NEGATIVE_INFINITY), FpConvert.singleToDouble(0xff80_0000));
        assertEquals(0x7ff0_0000_2000_0000L, FpConvert.singleToDouble(0x7f80_0001), "SNaN stays signalling");
        assertEquals(0xfff8_0000_0000_0000L, FpConvert.singleToDouble(0xffc0_0000));
        assertEquals(Float.floatToRawIntBits(1.5f), FpConvert.doubleToSingle(b(1.5)));
        assertEquals(1, FpConvert.doubleToSingle(b(0x1p-149)));
        assertEquals(0x807f_ffff, FpConvert.doubleToSingle(b(-0x1.fffffcp-127)));
        assertEquals(0x7f80_0001, FpConvert.doubleToSingle(0x7ff0_0000_2000_0000L));
        assertEquals(0x8000_0000, FpConvert.doubleToSingle(b(-0.0)));
        assertEquals(0, FpConvert.doubleToSingle(b(0x1p-160)), "below the denormal range: truncated away");
        assertEquals(Float.floatToRawIntBits(1.0f), FpConvert.doubleToSingle(b(Math.nextUp(1.0))), "store truncates, never rounds");
        for (int w : new int[] { 0x3f80_0000, 0x0040_0000, 0x8000_0001, 0x7fc0_1234, 0xff80_0000, 0x7f7f_ffff })
            assertEquals(w, FpConvert.doubleToSingle(FpConvert.singleToDouble(w)), Integer.toHexString(w));
    }
}
