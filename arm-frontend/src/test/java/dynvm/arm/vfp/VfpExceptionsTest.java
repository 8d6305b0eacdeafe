package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmDecoder;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * Cumulative exception bits, NaN propagation, default NaN and flush-to-zero, with hand-derived
 * expectations from the ARM ARM pseudocode (FPProcessNaNs, FPRound, FPUnpack), every case under
 * both engines. Operands are d1, d2 (or s2, s4), the addend d0; the result goes to d0 (s0).
 */
class VfpExceptionsTest extends VfpSnippets {
    static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128, FZ = 1 << 24, DN = 1 << 25;
    static final long QNAN1 = 0x7ff8_0000_0000_0001L, QNAN2 = 0xfff8_0000_0000_0002L;
    static final long SNAN3 = 0x7ff0_0000_0000_0003L, SNAN4 = 0xfff0_0000_0000_0004L;
    static final long DEFAULT_NAN = 0x7ff8_0000_0000_0000L;
    static final long ONE = bitsD(1), TWO = bitsD(2), INF = bitsD(Double.POSITIVE_INFINITY), MAX = bitsD(Double.MAX_VALUE);
    static final long MIN_NORMAL = bitsD(Double.MIN_NORMAL), DENORMAL = bitsD(Double.MIN_VALUE);

    /** Runs {@code word} on d0 = addend, d1 = a, d2 = b from {@code fpscrIn}; checks d0 and FPSCR. */
    static void check(String what, int fpscrIn, long addend, long a, long b, int word, long want, int wantFpscr) {
        SnippetRunner.Result r = vfp(fpscrIn, new long[]{addend, a, b}, word);
        assertEquals(hex(want), hex(d(r, 0)), what);
        assertEquals(hex(wantFpscr), hex(fpscr(r)), what + ": FPSCR");
    }

    @Test
    void eachCumulativeBitHasACaseThatSetsIt() {
        check("inf - inf", 0, 0, INF, INF, vsub(true, 0, 1, 2), DEFAULT_NAN, IOC);
        check("0 * inf", 0, 0, 0, INF, vmul(true, 0, 1, 2), DEFAULT_NAN, IOC);
        check("sqrt(-1)", 0, 0, bitsD(-1), 0, vsqrt(true, 0, 1), DEFAULT_NAN, IOC);
        check("SNaN + 1 is quieted", 0, 0, SNAN3, ONE, vadd(true, 0, 1, 2), 0x7ff8_0000_0000_0003L, IOC);
        check("1 / 0", 0, 0, ONE, 0, vdiv(true, 0, 1, 2), INF, DZC);
        check("-1 / +0", 0, 0, bitsD(-1), 0, vdiv(true, 0, 1, 2), bitsD(Double.NEGATIVE_INFINITY), DZC);
        check("inf / 0 is no division by zero", 0, 0, INF, 0, vdiv(true, 0, 1, 2), INF, 0);
        check("MAX * 2 overflows", 0, 0, MAX, TWO, vmul(true, 0, 1, 2), INF, OFC | IXC);
        check("MAX * 2 toward zero", 0x00c0_0000, 0, MAX, TWO, vmul(true, 0, 1, 2), MAX, 0x00c0_0000 | OFC | IXC);
        check("MIN_NORMAL / 3 underflows", 0, 0, MIN_NORMAL, bitsD(3), vdiv(true, 0, 1, 2), bitsD(Double.MIN_NORMAL / 3), UFC | IXC);
        check("an exact denormal result is no underflow", 0, 0, MIN_NORMAL, bitsD(0.75), vmul(true, 0, 1, 2),
                bitsD(Double.MIN_NORMAL * 0.75), 0);
        check("1 / 3 is inexact", 0, 0, ONE, bitsD(3), vdiv(true, 0, 1, 2), bitsD(1.0 / 3), IXC);
        check("FZ: a denormal input", FZ, 0, DENORMAL, ONE, vadd(true, 0, 1, 2), ONE, FZ | IDC);
        // tininess before rounding: (1 - 2^-53) * MIN_NORMAL is the midpoint below MIN_NORMAL and rounds up to it
        check("rounds up to MIN_NORMAL, still underflow", 0, 0, bitsD(1 - 0x1p-53), MIN_NORMAL, vmul(true, 0, 1, 2), MIN_NORMAL, UFC | IXC);
    }

    @Test
    void cumulativeBitsAreSticky() {
        check("an exact add keeps them all", 0x9f, 0, ONE, ONE, vadd(true, 0, 1, 2), TWO, 0x9f);
        check("division by zero adds DZC to IXC", IXC, 0, ONE, 0, vdiv(true, 0, 1, 2), INF, IXC | DZC);
        SnippetRunner.Result r = vfp(0, new long[]{0, ONE, bitsD(3), 0}, vdiv(true, 0, 1, 2), vdiv(true, 3, 1, 3), vadd(true, 0, 1, 1));
        assertEquals(hex(IXC | DZC), hex(fpscr(r)), "flags of three instructions accumulate");
        r = vfp(0x0fff_ffff, new long[]{ONE, ONE}, vadd(true, 0, 0, 1));
        assertEquals(0x0fff_ffff, fpscr(r), "instructions never clear FPSCR bits");
    }

    @Test
    void nanPropagationPicksTheFirstSignallingThenTheFirstQuietOperand() {
        long[][] cases = {   // a, b, result
            {QNAN1, ONE, QNAN1}, {ONE, QNAN2, QNAN2}, {QNAN1, QNAN2, QNAN1}, {QNAN2, QNAN1, QNAN2},
            {QNAN1, SNAN4, 0xfff8_0000_0000_0004L}, {SNAN3, QNAN2, 0x7ff8_0000_0000_0003L},
            {SNAN3, SNAN4, 0x7ff8_0000_0000_0003L}, {SNAN4, SNAN3, 0xfff8_0000_0000_0004L}, {INF, SNAN3, 0x7ff8_0000_0000_0003L},
        };
        int[] words = {vadd(true, 0, 1, 2), vsub(true, 0, 1, 2), vmul(true, 0, 1, 2), vdiv(true, 0, 1, 2)};
        for (long[] c : cases)
            for (int w : words) {
                int flags = c[0] == SNAN3 || c[0] == SNAN4 || c[1] == SNAN3 || c[1] == SNAN4 ? IOC : 0;
                String what = hex(c[0]) + " op " + hex(c[1]) + " " + ArmDecoder.disassemble(w, 0);
                check(what, 0, 0, c[0], c[1], w, c[2], flags);
                check(what + " with DN", DN, 0, c[0], c[1], w, DEFAULT_NAN, DN | flags);
            }
        // single precision: the same rule on 32-bit NaNs
        SnippetRunner.Result r = vfp(0, singles(0, 0, 0x7fc0_0001, 0, 0xff80_0004), vadd(false, 0, 2, 4));
        assertEquals(hex(0xffc0_0004), hex(s(r, 0)));
        assertEquals(IOC, fpscr(r));
        r = vfp(DN, singles(0, 0, 0x7fc0_0001, 0, 0xff80_0004), vadd(false, 0, 2, 4));
        assertEquals(hex(0x7fc0_0000), hex(s(r, 0)), "default single NaN");
        r = vfp(0, singles(0, 0, 0xff80_0005), vsqrt(false, 0, 2));
        assertEquals(hex(0xffc0_0005), hex(s(r, 0)), "sqrt quiets a signalling NaN");
    }

    @Test
    void multiplyAccumulateIsMulThenAddWithTheirNanOrderAndBothExceptions() {
        // VMLA d0, d1, d2: product = FPMul(d1, d2) first, then FPAdd(d0, product): d0 is the first operand of the add
        check("vmla: quiet addend beats the quieted product", 0, QNAN1, SNAN3, ONE, vmla(true, 0, 1, 2), QNAN1, IOC);
        check("vmla: the product's NaN", 0, ONE, QNAN1, SNAN4, vmla(true, 0, 1, 2), 0xfff8_0000_0000_0004L, IOC);
        check("vmls negates the NaN product", 0, ONE, QNAN1, TWO, vmls(true, 0, 1, 2), 0xfff8_0000_0000_0001L, 0);
        check("vnmla negates the addend, a signalling NaN stays one", 0, SNAN3, ONE, ONE, vnmla(true, 0, 1, 2),
                0xfff8_0000_0000_0003L, IOC);
        check("vnmls: -addend + product", 0, bitsD(5), TWO, bitsD(3), vnmls(true, 0, 1, 2), ONE, 0);
        check("vnmla: -addend - product", 0, bitsD(5), TWO, bitsD(3), vnmla(true, 0, 1, 2), bitsD(-11), 0);
        check("vnmul negates the NaN", 0, 0, QNAN1, TWO, vnmul(true, 0, 1, 2), 0xfff8_0000_0000_0001L, 0);
        check("vnmul negates even the default NaN", DN, 0, QNAN1, TWO, vnmul(true, 0, 1, 2), 0xfff8_0000_0000_0000L, DN);
        // not fused: (1 + 2^-52)(1 - 2^-53) = 1 + 2^-53 - 2^-105 rounds to 1, so -1 + product = +0 (fused would be 2^-53 - 2^-105)
        check("vmla rounds the product first", 0, bitsD(-1), bitsD(1 + 0x1p-52), bitsD(1 - 0x1p-53), vmla(true, 0, 1, 2), 0, IXC);
        check("exceptions of both steps", 0, ONE, MAX, TWO, vmla(true, 0, 1, 2), INF, OFC | IXC);
        check("the add's own exception", 0, bitsD(Double.NEGATIVE_INFINITY), MAX, TWO, vmla(true, 0, 1, 2), DEFAULT_NAN, OFC | IXC | IOC);
    }

    @Test
    void absNegAndMoveNeverRaiseNorQuiet() {
        check("vabs of a signalling NaN", 0, 0, SNAN4, 0, vabs(true, 0, 1), 0x7ff0_0000_0000_0004L, 0);
        check("vneg of a quiet NaN", 0, 0, QNAN1, 0, vneg(true, 0, 1), 0xfff8_0000_0000_0001L, 0);
        check("vmov of a signalling NaN", DN, 0, SNAN3, 0, vmovReg(true, 0, 1), SNAN3, DN);
        check("vabs does not flush a denormal", FZ, 0, DENORMAL | Long.MIN_VALUE, 0, vabs(true, 0, 1), DENORMAL, FZ);
        check("vneg of -0", 0, 0, Long.MIN_VALUE, 0, vneg(true, 0, 1), 0, 0);
    }

    @Test
    void flushToZeroOfInputsAndOutputs() {
        check("denormal + denormal flush to +0", FZ, 0, DENORMAL, DENORMAL, vadd(true, 0, 1, 2), 0, FZ | IDC);
        check("-denormal * 1 is -0", FZ, 0, DENORMAL | Long.MIN_VALUE, ONE, vmul(true, 0, 1, 2), Long.MIN_VALUE, FZ | IDC);
        check("1 / denormal divides by zero", FZ, 0, ONE, DENORMAL, vdiv(true, 0, 1, 2), INF, FZ | IDC | DZC);
        check("tiny result flushed: UFC, no IXC", FZ, 0, MIN_NORMAL, bitsD(0.5), vmul(true, 0, 1, 2), 0, FZ | UFC);
        check("negative tiny result keeps its sign", FZ, 0, MIN_NORMAL, bitsD(-0.5), vmul(true, 0, 1, 2), Long.MIN_VALUE, FZ | UFC);
        check("flushed before rounding up to MIN_NORMAL", FZ, 0, bitsD(1 - 0x1p-53), MIN_NORMAL, vmul(true, 0, 1, 2), 0, FZ | UFC);
        check("without FZ the denormal is exact", 0, 0, MIN_NORMAL, bitsD(0.5), vmul(true, 0, 1, 2), bitsD(Double.MIN_NORMAL / 2), 0);
        SnippetRunner.Result r = vfp(FZ, singles(0, 0, 1, 0, 0), vcmp(false, false, 2, 4));
        assertEquals(FZ | IDC | 0x6000_0000, fpscr(r), "a flushed denormal compares equal to zero");
        r = vfp(FZ, singles(0, 0, 0x0000_0001 | Integer.MIN_VALUE), vcvtFloat(true, 0, 2));
        assertEquals(hex(Long.MIN_VALUE), hex(d(r, 0)), "vcvt.f64.f32 of a flushed -denormal");
        assertEquals(FZ | IDC, fpscr(r));
        r = vfp(FZ, singles(0, 0, 0x3f80_0000), vcvtFloat(true, 0, 2));
        assertEquals(FZ, fpscr(r), "a normal operand raises nothing");
    }
}
