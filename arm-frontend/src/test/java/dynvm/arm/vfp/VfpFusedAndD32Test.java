package dynvm.arm.vfp;

import static dynvm.arm.ArmRegs.FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.ArmIsa;
import dynvm.arm.ArmRegs;
import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.arm.vfp.VfpFloat.Result;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * VFPv4 and D32 on the Cortex-A15 model, under both engines: the fused multiply-adds round once
 * (Math.fma) with FPMulAdd's NaN and zero rules; the fast path agrees with the exact model bit for
 * bit (result and FPSCR) wherever it answers; d16-d31 work in arithmetic, moves, VLDR/VSTR and
 * VLDM/VSTM/VPUSH/VPOP of all 32 registers.
 */
class VfpFusedAndD32Test {
    static final SnippetRunner A15 = new SnippetRunner(new ArmIsa(ArmCpuModel.CORTEX_A15));
    static final int SLOT = ArmRegs.slot(ArmRegs.FPSCR), IXC = 1 << 4, IOC = 1;

    static SnippetRunner.Result run(BiConsumer<CpuState, dynvm.microkernel.mem.GuestMemory> init, int... words) {
        return A15.run(words, init);
    }

    static long d(SnippetRunner.Result r, int i) { return FILE.read(r.cpu(), ArmRegs.D[i]); }

    /** cond 1110 1D opc Vn Vd 101 sz N op M 0 Vm with opc1 = 1x10 (vfma/vfms) or 1x01 (vfnms/vfnma). */
    static int fused(int opc1, boolean negOp, boolean dp, int vd, int vn, int vm) {
        int w = 0xee000a00 | opc1 << 20 | (negOp ? 1 << 6 : 0);
        if (dp) return w | 1 << 8 | (vd & 16) << 18 | (vd & 15) << 12 | (vn & 15) << 16 | (vn & 16) << 3 | (vm & 16) << 1 | vm & 15;
        return w | (vd & 1) << 22 | (vd >> 1) << 12 | (vn >> 1) << 16 | (vn & 1) << 7 | (vm & 1) << 5 | vm >> 1;
    }

    static final int VFMA = 0xa, VFNMS = 0x9;

    static long dbits(double v) { return Double.doubleToRawLongBits(v); }

    @Test
    void fusedDoubleRoundsOnceAndUsesD32Registers() {
        double a = 1 + 0x1p-30, b = 1 - 0x1p-30, c = -1;          // a*b = 1 - 2^-60: only a fused op sees it
        SnippetRunner.Result r = run((cpu, m) -> {
            FILE.write(cpu, ArmRegs.D[16], dbits(c));
            FILE.write(cpu, ArmRegs.D[17], dbits(a));
            FILE.write(cpu, ArmRegs.D[31], dbits(b));
        }, fused(VFMA, false, true, 16, 17, 31));                 // vfma.f64 d16, d17, d31
        assertEquals(Math.fma(a, b, c), Double.longBitsToDouble(d(r, 16)));
        assertEquals(-0x1p-60, Double.longBitsToDouble(d(r, 16)));
        assertEquals(0, FILE.read(r.cpu(), ArmRegs.FPSCR) & IXC, "exact");
    }

    @Test
    void fusedInThumbStateToo() {
        int w = fused(VFMA, false, true, 16, 17, 31);                 // the Thumb-2 encoding: hw1 = w >>> 16, hw2 = w & 0xffff
        SnippetRunner.Result r = run((cpu, m) -> {
            FILE.write(cpu, ArmRegs.T, 1);
            FILE.write(cpu, ArmRegs.D[16], dbits(1));
            FILE.write(cpu, ArmRegs.D[17], dbits(3));
            FILE.write(cpu, ArmRegs.D[31], dbits(0.5));
        }, w >>> 16 | w << 16);
        assertEquals(2.5, Double.longBitsToDouble(d(r, 16)));
    }

    @Test
    void theFourFormsNegateAsTheManualSays() {
        float n = 3f, m = 5f, dv = 2f;
        float[] want = {dv + n * m, dv - n * m, -dv + n * m, -dv - n * m};   // vfma, vfms, vfnms, vfnma
        int[][] forms = {{VFMA, 0}, {VFMA, 1}, {VFNMS, 0}, {VFNMS, 1}};
        for (int i = 0; i < 4; i++) {
            int w = fused(forms[i][0], forms[i][1] == 1, false, 0, 1, 2);
            SnippetRunner.Result r = run((cpu, mm) -> {
                FILE.write(cpu, ArmRegs.D[0], Float.floatToRawIntBits(dv) & 0xffffffffL | (long) Float.floatToRawIntBits(n) << 32);
                FILE.write(cpu, ArmRegs.D[1], Float.floatToRawIntBits(m) & 0xffffffffL);
            }, w);
            assertEquals(want[i], Float.intBitsToFloat((int) d(r, 0)), "form " + i);
        }
    }

    @Test
    void fusedTrapsOnVfpV3Models() {
        SnippetRunner a9 = new SnippetRunner(new ArmIsa(ArmCpuModel.CORTEX_A9));
        assertEquals("trap:4", a9.run(new int[]{fused(VFMA, false, true, 0, 1, 2)}, (c, m) -> { }).stop());
        assertEquals("trap:4", a9.run(new int[]{0xee710b02}, (c, m) -> { }).stop(), "vadd.f64 d16 needs D32");
    }

    @Test
    void exactModelAgreesWithMathFmaInRoundToNearest() {
        SplittableRandom rnd = new SplittableRandom(18);
        for (int i = 0; i < 20000; i++) {
            double a = rnd.nextDouble(-4, 4), b = Math.scalb(rnd.nextDouble(-4, 4), rnd.nextInt(-60, 60)), c = rnd.nextDouble(-8, 8);
            if (i % 3 == 0) c = -a * b;                                    // cancellations
            Result r = VfpFloat.mulAdd(Fmt.F64, dbits(c), dbits(a), dbits(b), 0);
            assertEquals(dbits(Math.fma(a, b, c)), r.bits(), a + "*" + b + "+" + c);
            float fa = (float) a, fb = (float) b, fc = (float) c;
            Result rf = VfpFloat.mulAdd(Fmt.F32, Float.floatToRawIntBits(fc), Float.floatToRawIntBits(fa), Float.floatToRawIntBits(fb), 0);
            assertEquals(Float.floatToRawIntBits(Math.fma(fa, fb, fc)), (int) rf.bits(), fa + "*" + fb + "+" + fc);
        }
    }

    @Test
    void nanAndInfinityRules() {
        long qnan = 0x7ff8_0000_0000_0001L, snan = 0x7ff0_0000_0000_0002L, inf = dbits(Double.POSITIVE_INFINITY);
        // a quiet NaN addend with inf * 0: the default NaN and IOC
        Result r = VfpFloat.mulAdd(Fmt.F64, qnan, inf, 0, 0);
        assertEquals(Fmt.F64.defaultNaN, r.bits());
        assertEquals(IOC, r.flags());
        // signalling NaNs first, in the order addend, op1, op2
        r = VfpFloat.mulAdd(Fmt.F64, qnan, snan, dbits(1), 0);
        assertEquals(snan | Fmt.F64.quietBit, r.bits());
        assertEquals(IOC, r.flags());
        r = VfpFloat.mulAdd(Fmt.F64, qnan, dbits(1), qnan ^ 1 ^ 4, 0);
        assertEquals(qnan, r.bits(), "the addend is the first quiet NaN");
        // inf - inf
        r = VfpFloat.mulAdd(Fmt.F64, dbits(Double.NEGATIVE_INFINITY), inf, dbits(1), 0);
        assertEquals(Fmt.F64.defaultNaN, r.bits());
        // exact zeros: (+0) + (-0 * 1) = +0 in RN, -0 toward minus infinity
        assertEquals(0, VfpFloat.mulAdd(Fmt.F64, 0, dbits(-0.0), dbits(1), 0).bits());
        assertEquals(Long.MIN_VALUE, VfpFloat.mulAdd(Fmt.F64, 0, dbits(-0.0), dbits(1), VfpFloat.RM << VfpFloat.RMODE_SHIFT).bits());
        assertEquals(Long.MIN_VALUE, VfpFloat.mulAdd(Fmt.F64, dbits(-0.0), dbits(-0.0), dbits(1), 0).bits());
    }

    /** The fast path answers only what the exact model answers the same way, in every mode, FZ and DN. */
    @Test
    void fastPathMatchesTheExactModel() {
        SplittableRandom rnd = new SplittableRandom(4);
        CpuState fast = new CpuState(ArmRegs.FILE), exact = new CpuState(ArmRegs.FILE);
        int answered = 0;
        for (int i = 0; i < 60000; i++) {
            int fpscr = rnd.nextInt(4) << VfpFloat.RMODE_SHIFT | (rnd.nextBoolean() ? VfpFloat.FZ : 0) | (rnd.nextBoolean() ? VfpFloat.DN : 0);
            boolean dp = rnd.nextBoolean();
            long a = operand(rnd, dp), b = operand(rnd, dp), c = i % 4 == 0 ? negProduct(a, b, dp) : operand(rnd, dp);
            fast.r[SLOT] = fpscr;
            exact.r[SLOT] = fpscr;
            Fmt fmt = dp ? Fmt.F64 : Fmt.F32;
            Result want = VfpFloat.mulAdd(fmt, c, a, b, fpscr);
            long got = dp ? VfpFastPath.fma64(fast, c, a, b) : VfpFastPath.fma32(fast, (int) c, (int) a, (int) b) & 0xffffffffL;
            boolean miss = dp ? got == VfpFastPath.MISS64 : got == (VfpFastPath.MISS32 & 0xffffffffL);
            if (miss) {
                assertEquals(fpscr, fast.r[SLOT], "a miss leaves the FPSCR alone");
                continue;
            }
            answered++;
            String what = String.format("fma %s %x * %x + %x fpscr %x", dp ? "64" : "32", a, b, c, fpscr);
            assertEquals(want.bits(), got, what);
            assertEquals(fpscr | want.flags(), fast.r[SLOT], what);
        }
        assertEquals(true, answered > 20000, "the fast path answers the common case: " + answered);
    }

    private static long operand(SplittableRandom rnd, boolean dp) {
        double v = switch (rnd.nextInt(8)) {
            case 0 -> 0.0;
            case 1 -> rnd.nextInt(-100, 100);
            case 2 -> Math.scalb(rnd.nextDouble(), rnd.nextInt(-140, 140));
            default -> rnd.nextDouble(-1000, 1000);
        };
        return dp ? dbits(v) : Float.floatToRawIntBits((float) v) & 0xffffffffL;
    }

    private static long negProduct(long a, long b, boolean dp) {
        if (dp) return dbits(-(Double.longBitsToDouble(a) * Double.longBitsToDouble(b)));
        return Float.floatToRawIntBits(-(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b))) & 0xffffffffL;
    }

    @Test
    void allThirtyTwoRegistersLoadStoreAndPushPop() {
        int data = SnippetRunner.DATA;
        // vldmia r0, {d0-d15}; vldmia r1, {d16-d31}; vpush {d16-d31}; vpop {d0-d15}  (after the pop d0-d15 = old d16-d31)
        int vldmLow = 0xec900b20, vldmHigh = 0xecd10b20, vpushHigh = 0xed6d0b20, vpopLow = 0xecbd0b20;
        SnippetRunner.Result r = run((cpu, m) -> {
            FILE.write(cpu, ArmRegs.R[0], data);
            FILE.write(cpu, ArmRegs.R[1], data + 128);
            FILE.write(cpu, ArmRegs.SP, data + 1024);
            for (int i = 0; i < 32; i++) m.store64le(data + 8 * i, 1000 + i);
        }, vldmLow, vldmHigh, vpushHigh, vpopLow);
        for (int i = 0; i < 16; i++) {
            assertEquals(1016 + i, d(r, i), "d" + i);
            assertEquals(1016 + i, d(r, 16 + i), "d" + (16 + i));
        }
        assertEquals(data + 1024, (int) FILE.read(r.cpu(), ArmRegs.SP));
        // vmov r2, r3, d20; vstr d20, [r0]; vldr d31, [r0]
        r = run((cpu, m) -> {
            FILE.write(cpu, ArmRegs.D[20], 0x0123_4567_89ab_cdefL);
            FILE.write(cpu, ArmRegs.R[0], data);
        }, 0xec532b34, 0xedc04b00, 0xedd0fb00);
        assertEquals(0x89ab_cdef, (int) FILE.read(r.cpu(), ArmRegs.R[2]));
        assertEquals(0x0123_4567, (int) FILE.read(r.cpu(), ArmRegs.R[3]));
        assertEquals(0x0123_4567_89ab_cdefL, d(r, 31));
    }
}
