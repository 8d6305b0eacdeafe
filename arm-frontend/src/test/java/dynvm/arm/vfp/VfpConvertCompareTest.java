package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmDecoder;
import dynvm.arm.vfp.VfpReference.R;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * VCVT in every form and VCMP/VCMPE, under both engines: hand-derived limits (the ±2^31 and 2^32
 * edges, NaN, infinities, -0.5, fixed-point fraction-bit extremes) and sweeps checked against
 * {@link VfpReference} (BigDecimal setScale for float to integer, exact bracketing for integer to
 * float).
 */
class VfpConvertCompareTest extends VfpSnippets {
    static final int IOC = 1, IXC = 16, IDC = 128, DN = 1 << 25;
    static final double[] EDGES = {0x1p31, 0x1p31 - 1, 0x1p31 - 0.5, -0x1p31, -0x1p31 - 1, -0x1p31 - 0.5, -0x1p31 + 0.5, 0x1p32, 0x1p32 - 1,
        0x1p32 - 0.5, -0.5, -0.0, 0.5, 1.5, 2.5, -2.5, 3.5, -1, 0.49999999999999994, 65535.5, 65536, -32768.5, 32767.5, 1e300, -1e-300,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 123456.789};

    /** One conversion of d1 (or s2) into s0 or d0: the result bits and the flags. */
    static long[] convert(int fpscr, long source, int word, boolean resultIsDouble) {
        SnippetRunner.Result r = vfp(fpscr, new long[]{0x5555_5555_5555_5555L, source}, word);
        return new long[]{resultIsDouble ? d(r, 0) : s(r, 0) & 0xffff_ffffL, fpscr(r) & 0x9f};
    }

    static void assertResult(String what, long wantBits, int wantFlags, long[] got) {
        assertEquals(hex(wantBits), hex(got[0]), what);
        assertEquals(hex(wantFlags), hex(got[1]), what + ": flags");
    }

    @Test
    void doubleToIntegerLimitsByHand() {
        // vcvt.s32.f64 s0, d1 (toward zero)
        int s32 = vcvtToInt(true, true, true, 0, 1), u32 = vcvtToInt(true, false, true, 0, 1);
        assertResult("2^31", 0x7fffffffL, IOC, convert(0, bitsD(0x1p31), s32, false));
        assertResult("2^31-1", 0x7fffffffL, 0, convert(0, bitsD(0x1p31 - 1), s32, false));
        assertResult("-2^31", 0x80000000L, 0, convert(0, bitsD(-0x1p31), s32, false));
        assertResult("-2^31-1", 0x80000000L, IOC, convert(0, bitsD(-0x1p31 - 1), s32, false));
        assertResult("-2^31-0.5 truncates into range", 0x80000000L, IXC, convert(0, bitsD(-0x1p31 - 0.5), s32, false));
        assertResult("NaN", 0, IOC, convert(0, 0x7ff8_0000_0000_0000L, s32, false));
        assertResult("+inf", 0x7fffffffL, IOC, convert(0, bitsD(Double.POSITIVE_INFINITY), s32, false));
        assertResult("-inf", 0x80000000L, IOC, convert(0, bitsD(Double.NEGATIVE_INFINITY), s32, false));
        assertResult("u32 2^32", 0xffffffffL, IOC, convert(0, bitsD(0x1p32), u32, false));
        assertResult("u32 2^32-1", 0xffffffffL, 0, convert(0, bitsD(0x1p32 - 1), u32, false));
        assertResult("u32 -0.5 truncates to 0", 0, IXC, convert(0, bitsD(-0.5), u32, false));
        assertResult("u32 -1", 0, IOC, convert(0, bitsD(-1), u32, false));
        assertResult("u32 -0.0", 0, 0, convert(0, bitsD(-0.0), u32, false));
        // VCVTR uses the FPSCR mode: 2.5 -> 2 to nearest (even), 3 up, 2 down and toward zero
        int r32 = vcvtToInt(true, true, false, 0, 1);
        long[] want = {2, 3, 2, 2}, wantNeg = {-2 & 0xffffffffL, -2 & 0xffffffffL, -3 & 0xffffffffL, -2 & 0xffffffffL};
        for (int mode = 0; mode < 4; mode++) {
            assertResult("vcvtr 2.5 mode " + mode, want[mode], IXC, convert(rmode(mode), bitsD(2.5), r32, false));
            assertResult("vcvtr -2.5 mode " + mode, wantNeg[mode], IXC, convert(rmode(mode), bitsD(-2.5), r32, false));
        }
    }

    @Test
    void floatToIntegerAndFixedSweepMatchesTheReference() {
        for (int mode = 0; mode < 4; mode++)
            for (double v : EDGES)
                for (int k = 0; k < 8; k++) {
                    boolean dp = (k & 1) != 0, signed = (k & 2) != 0, roundZero = (k & 4) != 0;
                    long bits = dp ? bitsD(v) : bitsF((float) v) & 0xffff_ffffL;
                    int word = vcvtToInt(dp, signed, roundZero, 0, dp ? 1 : 2);
                    R want = VfpReference.toFixed(dp, bits, 32, 0, !signed, roundZero, rmode(mode));
                    long[] got = dp ? convert(rmode(mode), bits, word, false) : convert(rmode(mode), bits, word, false);
                    assertResult(ArmDecoder.disassemble(word, 0) + " of " + v + " mode " + mode, want.bits() & 0xffff_ffffL, want.flags(), got);
                }
        // fixed point, in place: fraction bits at both ends of their range, 16- and 32-bit, both precisions (toward zero)
        int[][] shapes = {{16, 0}, {16, 1}, {16, 16}, {32, 1}, {32, 31}, {32, 32}};   // 32-bit: fbits 1..32 (imm4:i = 32 - fbits)
        for (int[] sh : shapes)
            for (double v : EDGES)
                for (int k = 0; k < 4; k++) {
                    boolean dp = (k & 1) != 0, unsigned = (k & 2) != 0;
                    int size = sh[0], fbits = sh[1];
                    long bits = dp ? bitsD(v) : bitsF((float) v) & 0xffff_ffffL;
                    int word = vcvtFixed(dp, true, unsigned, size, dp ? 1 : 2, fbits);
                    R want = VfpReference.toFixed(dp, bits, size, fbits, unsigned, true, rmode(VfpReference.RM));
                    SnippetRunner.Result r = vfp(rmode(VfpReference.RM), new long[]{0, bits}, word);
                    long got = dp ? d(r, 1) : s(r, 2) & 0xffff_ffffL;
                    long wantBits = dp ? want.bits() : want.bits() & 0xffff_ffffL;   // sign- or zero-extended to the register
                    assertEquals(hex(wantBits), hex(got), ArmDecoder.disassemble(word, 0) + " of " + v);
                    assertEquals(hex(want.flags()), hex(fpscr(r) & 0x9f), ArmDecoder.disassemble(word, 0) + " of " + v + ": flags");
                }
    }

    @Test
    void integerAndFixedToFloat() {
        int[] ints = {0, 1, -1, 0x7fffffff, 0x80000000, 0xffffffff, 0x01000001, 0x00ffffff, 0x7fffffc0, 16777217, -16777217, 0x12348000};
        for (int mode = 0; mode < 4; mode++)
            for (int v : ints)
                for (int k = 0; k < 4; k++) {
                    boolean dp = (k & 1) != 0, signed = (k & 2) != 0;
                    int word = vcvtFromInt(dp, signed, 0, 2);
                    SnippetRunner.Result r = vfp(rmode(mode), singles(0, 0, v), word);
                    R want = VfpReference.fromFixed(dp, signed ? v : v & 0xffff_ffffL, 0, rmode(mode));
                    assertEquals(hex(want.bits()), hex(dp ? d(r, 0) : s(r, 0) & 0xffff_ffffL), ArmDecoder.disassemble(word, 0) + " of " + v + " mode " + mode);
                    assertEquals(hex(want.flags()), hex(fpscr(r) & 0x9f));
                }
        // from fixed point: only the low 16 bits of a 16-bit operand, rounded to nearest whatever the FPSCR mode
        for (int mode = 0; mode < 4; mode++) {
            SnippetRunner.Result r = vfp(rmode(mode), singles(0, 0, 0x1234_8000), vcvtFixed(false, false, false, 16, 2, 1));
            assertEquals(hex(bitsF(-16384f)), hex(s(r, 2)), "s16 0x8000 / 2");
            r = vfp(rmode(mode), singles(0, 0, 0xffff_ffff), vcvtFixed(false, false, true, 32, 2, 32));
            assertEquals(hex(bitsF(1f)), hex(s(r, 2)), "u32 (2^32-1) / 2^32 to nearest in mode " + mode);
            assertEquals(IXC, fpscr(r) & 0x9f);
            r = vfp(rmode(mode), new long[]{0, 0xdead_beef_ffff_fffeL}, vcvtFixed(true, false, false, 32, 1, 1));
            assertEquals(hex(bitsD(-1)), hex(d(r, 1)), "s32 -2 / 2 from the low word of d1");
        }
    }

    @Test
    void betweenSingleAndDouble() {
        int toSingle = vcvtFloat(false, 0, 1), toDouble = vcvtFloat(true, 0, 2);
        assertResult("1e40 overflows", 0x7f80_0000L, 4 | IXC, convert(0, bitsD(1e40), toSingle, false));
        assertResult("1e40 toward zero", 0x7f7f_ffffL, 4 | IXC, convert(rmode(3), bitsD(1e40), toSingle, false));
        assertResult("1 + 2^-24 ties to even", 0x3f80_0000L, IXC, convert(0, bitsD(1 + 0x1p-24), toSingle, false));
        assertResult("1 + 2^-24 up", 0x3f80_0001L, IXC, convert(rmode(1), bitsD(1 + 0x1p-24), toSingle, false));
        assertResult("2^-140 is a denormal single", 0x0000_0200L, 0, convert(0, bitsD(0x1p-140), toSingle, false));
        assertResult("2^-160 underflows to 0", 0, 8 | IXC, convert(0, bitsD(0x1p-160), toSingle, false));
        assertResult("signalling NaN payload", 0x7fc0_0001L, IOC, convert(0, 0x7ff0_0000_2000_0000L, toSingle, false));
        assertResult("negative quiet NaN", 0xffc0_0000L, 0, convert(0, 0xfff8_0000_0000_0000L, toSingle, false));
        assertResult("DN", 0x7fc0_0000L, IOC, new long[]{convert(DN, 0xfff0_0000_2000_0000L, toSingle, false)[0], IOC});
        long[] got = convert(0, 0x7f80_0001L, toDouble, true);
        assertResult("single SNaN to double", 0x7ff8_0000_2000_0000L, IOC, got);
        assertResult("single denormal to double is exact", bitsD(Float.MIN_VALUE), 0, convert(0, 1L, toDouble, true));
        assertResult("-0", Long.MIN_VALUE, 0, convert(0, 0x8000_0000L, toDouble, true));
    }

    /** VCMP{E} then VMRS APSR_nzcv: the flags of the comparison land in the APSR. */
    static int[] compare(boolean e, long a, long b, int fpscrIn) {
        SnippetRunner.Result r = vfp(fpscrIn, new long[]{a, b}, vcmp(true, e, 0, 1), VMRS_APSR);
        return new int[]{nzcv(r), fpscr(r)};
    }

    @Test
    void compareSetsNzcvAndInvalidOperation() {
        long one = bitsD(1), two = bitsD(2), qnan = 0x7ff8_0000_0000_0000L, snan = 0x7ff0_0000_0000_0001L;
        int[][] want = {   // nzcv, flags for vcmp and for vcmpe
            compare(false, one, two, 0), {0b1000, 0x8000_0000},
            compare(false, two, one, 0), {0b0010, 0x2000_0000},
            compare(false, one, one, 0), {0b0110, 0x6000_0000},
            compare(false, 0, Long.MIN_VALUE, 0), {0b0110, 0x6000_0000},
            compare(false, qnan, one, 0), {0b0011, 0x3000_0000},
            compare(true, qnan, one, 0), {0b0011, 0x3000_0000 | IOC},
            compare(false, one, snan, 0), {0b0011, 0x3000_0000 | IOC},
            compare(false, bitsD(Double.NEGATIVE_INFINITY), bitsD(-Double.MAX_VALUE), 0), {0b1000, 0x8000_0000},
            compare(false, one, two, 0xf000_0010), {0b1000, 0x8000_0010},
        };
        for (int i = 0; i < want.length; i += 2) {
            assertEquals(want[i + 1][0], want[i][0], "APSR nzcv of case " + i / 2);
            assertEquals(hex(want[i + 1][1]), hex(want[i][1]), "FPSCR of case " + i / 2);
        }
        // against #0.0, single precision
        SnippetRunner.Result r = vfp(0, singles(0x8000_0000, 0xbf80_0000), vcmpZero(false, false, 0), vmrs(1), vcmpZero(false, true, 1), vmrs(2));
        assertEquals(0x6000_0000, reg(r, 1), "-0 == #0.0");
        assertEquals(0x8000_0000, reg(r, 2), "-1 < #0.0");
        r = vfp(0, singles(0x7fc0_0000), vcmpZero(false, true, 0));
        assertEquals(0x3000_0000 | IOC, fpscr(r), "vcmpe with a quiet NaN against #0.0");
    }
}
