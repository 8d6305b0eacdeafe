package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.arm.vfp.VfpReference.R;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VADD, VSUB, VMUL, VDIV and VSQRT in both precisions, every rounding mode, with and without
 * flush-to-zero, against {@link VfpReference} (exact BigDecimal arithmetic and bracketing): the
 * result bits and the cumulative exception bits each instruction raises. One snippet runs the five
 * operations on the same operands, each from a clean FPSCR (VMSR) and with FPSCR read back (VMRS)
 * after it, under both engines. A volume test checks the run-time helpers (fast and exact paths)
 * against the reference on random operands.
 */
class VfpArithmeticTest extends VfpSnippets {
    static final double[] DOUBLES = {1.0, 3.0, 0.1, -1.0 / 3, 1 + 0x1p-52, -Double.MAX_VALUE, 0x1.fffffffffffffp1022, Double.MIN_NORMAL,
        -1.5 * Double.MIN_NORMAL, Double.MIN_VALUE, -3 * Double.MIN_VALUE, 0x0.fffffffffffffp-1022, -0.0, 0.0, 1e300, 1e-300, -7.5, 0x1.8p-1070};
    static final float[] FLOATS = {1.0f, 3.0f, 0.1f, -1.0f / 3, 1 + 0x1p-23f, -Float.MAX_VALUE, 0x1.fffffep126f, Float.MIN_NORMAL,
        -1.5f * Float.MIN_NORMAL, Float.MIN_VALUE, -3 * Float.MIN_VALUE, 0x0.fffffep-126f, -0.0f, 0.0f, 1e30f, 1e-30f, -7.5f, 0x1.8p-146f};

    private static final String[] OPS = {"vadd", "vsub", "vmul", "vdiv", "vsqrt"};

    /** The five operations on (a, b) with flags read into r1-r5 after each, from FPSCR = r0. */
    static int[] program(boolean dp) {
        int a = 0, b = 1;
        return new int[]{
            vmsr(0), vadd(dp, 2, a, b), vmrs(1),
            vmsr(0), vsub(dp, 3, a, b), vmrs(2),
            vmsr(0), vmul(dp, 4, a, b), vmrs(3),
            vmsr(0), vdiv(dp, 5, a, b), vmrs(4),
            vmsr(0), vsqrt(dp, 6, a), vmrs(5),
        };
    }

    /** The reference result of operation k, or null when the reference does not model it (division by zero, sqrt of a negative). */
    static R expected(boolean dp, int k, long a, long b, int fpscr) {
        boolean fz = (fpscr & VfpReference.FZ) != 0;
        double x = VfpReference.operand(dp, a, fpscr, new int[1]), y = VfpReference.operand(dp, b, fpscr, new int[1]);
        return switch (k) {
            case 0 -> VfpReference.add(dp, a, b, false, fpscr);
            case 1 -> VfpReference.add(dp, a, b, true, fpscr);
            case 2 -> VfpReference.mul(dp, a, b, fpscr);
            case 3 -> y == 0 ? null : VfpReference.div(dp, a, b, fpscr);
            default -> x < 0 || x == 0 && fz ? null : VfpReference.sqrt(dp, a, fpscr);
        };
    }

    static void check(boolean dp, long a, long b, int fpscr) {
        long[] d = dp ? new long[]{a, b} : singles((int) a, (int) b);
        SnippetRunner.Result r = vfp(0, d, (c, m) -> setReg(c, 0, fpscr), program(dp));
        for (int k = 0; k < 5; k++) {
            R want = expected(dp, k, a, b, fpscr);
            if (want == null) continue;
            long got = dp ? d(r, 2 + k) : s(r, 2 + k) & 0xffff_ffffL;
            String what = String.format("%s.%s %s, %s fpscr %08x", OPS[k], dp ? "f64" : "f32", hex(a), hex(b), fpscr);
            assertEquals(hex(want.bits()), hex(got), what);
            assertEquals(hex(want.flags()), hex(reg(r, 1 + k) & 0x9f), what + " flags");
        }
    }

    static List<Integer> fpscrs() {
        List<Integer> f = new ArrayList<>();
        for (int mode = 0; mode < 4; mode++) f.add(rmode(mode));
        f.add(VfpReference.FZ);
        f.add(VfpReference.FZ | rmode(VfpReference.RM));
        return f;
    }

    @Test
    void doubleArithmeticInEveryModeMatchesTheExactReference() {
        for (int fpscr : fpscrs())
            for (double a : DOUBLES)
                for (double b : DOUBLES) check(true, bitsD(a), bitsD(b), fpscr);
    }

    @Test
    void singleArithmeticInEveryModeMatchesTheExactReference() {
        for (int fpscr : fpscrs())
            for (float a : FLOATS)
                for (float b : FLOATS) check(false, bitsF(a) & 0xffff_ffffL, bitsF(b) & 0xffff_ffffL, fpscr);
    }

    /** Hand-derived directed rounding: 1 + 2^-60 (double) and 1/3 (single), each mode. */
    @Test
    void directedRoundingByHand() {
        long one = bitsD(1.0), tiny = bitsD(0x1p-60);
        long[] want = {bitsD(1.0), bitsD(1 + 0x1p-52), bitsD(1.0), bitsD(1.0)};
        long[] wantNeg = {bitsD(-1.0), bitsD(-1.0), bitsD(-1 - 0x1p-52), bitsD(-1.0)};
        for (int mode = 0; mode < 4; mode++) {
            SnippetRunner.Result r = vfp(rmode(mode), new long[]{one, tiny, bitsD(-1.0), bitsD(-0x1p-60)}, vadd(true, 4, 0, 1), vadd(true, 5, 2, 3));
            assertEquals(hex(want[mode]), hex(d(r, 4)), "1 + 2^-60 mode " + mode);
            assertEquals(hex(wantNeg[mode]), hex(d(r, 5)), "-1 - 2^-60 mode " + mode);
            assertEquals(VfpReference.IXC, fpscr(r) & 0x9f);
        }
        // 1/3 in single: 0x3eaaaaab to nearest and up, 0x3eaaaaaa down and toward zero
        int[] third = {0x3eaaaaab, 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa};
        for (int mode = 0; mode < 4; mode++) {
            SnippetRunner.Result r = vfp(rmode(mode), singles(bitsF(1), bitsF(3)), vdiv(false, 2, 0, 1));
            assertEquals(hex(third[mode]), hex(s(r, 2)), "1/3 mode " + mode);
        }
        // sqrt(2) in double: 0x3ff6a09e667f3bcc is below the exact root, 0x...cd above; nearest is ...cd
        long[] root2 = {0x3ff6a09e667f3bcdL, 0x3ff6a09e667f3bcdL, 0x3ff6a09e667f3bccL, 0x3ff6a09e667f3bccL};
        for (int mode = 0; mode < 4; mode++) {
            SnippetRunner.Result r = vfp(rmode(mode), new long[]{bitsD(2)}, vsqrt(true, 1, 0));
            assertEquals(hex(root2[mode]), hex(d(r, 1)), "sqrt 2 mode " + mode);
        }
    }

    /** The helpers called directly on many random operands: fast path and exact path against the reference. */
    @Test
    void helpersMatchTheReferenceOnRandomOperands() {
        Random rnd = new Random(7);
        CpuState cpu = new CpuState(ArmRegs.FILE);
        int slot = ArmRegs.slot(ArmRegs.FPSCR);
        for (int i = 0; i < 40_000; i++) {
            boolean dp = rnd.nextBoolean();
            long a = value(rnd, dp), b = value(rnd, dp);
            int fpscr = rmode(rnd.nextInt(4)) | (rnd.nextInt(4) == 0 ? VfpReference.FZ : 0);
            for (int k = 0; k < 5; k++) {
                R want = expected(dp, k, a, b, fpscr);
                if (want == null) continue;
                cpu.r[slot] = fpscr;
                long got = switch (k) {
                    case 0 -> dp ? VfpArith.add64(cpu, a, b) : VfpArith.add32(cpu, (int) a, (int) b) & 0xffff_ffffL;
                    case 1 -> dp ? VfpArith.sub64(cpu, a, b) : VfpArith.sub32(cpu, (int) a, (int) b) & 0xffff_ffffL;
                    case 2 -> dp ? VfpArith.mul64(cpu, a, b) : VfpArith.mul32(cpu, (int) a, (int) b) & 0xffff_ffffL;
                    case 3 -> dp ? VfpArith.div64(cpu, a, b) : VfpArith.div32(cpu, (int) a, (int) b) & 0xffff_ffffL;
                    default -> dp ? VfpArith.sqrt64(cpu, a) : VfpArith.sqrt32(cpu, (int) a) & 0xffff_ffffL;
                };
                String what = String.format("%s.%s %s, %s fpscr %08x", OPS[k], dp ? "f64" : "f32", hex(a), hex(b), fpscr);
                assertEquals(hex(want.bits()), hex(got), what);
                assertEquals(hex(want.flags()), hex(cpu.r[slot] & 0x9f), what + " flags");
            }
        }
    }

    /** Random finite operands: mostly normal numbers near each other, some extreme exponents and denormals. */
    static long value(Random rnd, boolean dp) {
        if (dp) {
            long bits = switch (rnd.nextInt(4)) {
                case 0 -> (long) (1000 + rnd.nextInt(48)) << 52 | rnd.nextLong() >>> 12;
                case 1 -> (long) rnd.nextInt(0x7ff) << 52 | rnd.nextLong() >>> 12;
                case 2 -> rnd.nextLong() >>> (12 + rnd.nextInt(52));
                default -> bitsD(Math.scalb((double) rnd.nextInt(64), rnd.nextInt(2080) - 1080));
            };
            return bits | (rnd.nextBoolean() ? Long.MIN_VALUE : 0);
        }
        int bits = switch (rnd.nextInt(4)) {
            case 0 -> (120 + rnd.nextInt(16)) << 23 | rnd.nextInt() >>> 9;
            case 1 -> rnd.nextInt(0xff) << 23 | rnd.nextInt() >>> 9;
            case 2 -> rnd.nextInt() >>> (9 + rnd.nextInt(23));
            default -> bitsF(Math.scalb((float) rnd.nextInt(64), rnd.nextInt(270) - 155));
        };
        return (bits | (rnd.nextBoolean() ? Integer.MIN_VALUE : 0)) & 0xffff_ffffL;
    }
}
