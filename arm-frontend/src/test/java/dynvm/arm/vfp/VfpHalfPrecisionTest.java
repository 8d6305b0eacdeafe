package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpReference.DN;
import static dynvm.arm.vfp.VfpReference.FZ;
import static dynvm.arm.vfp.VfpReference.IDC;
import static dynvm.arm.vfp.VfpReference.IOC;
import static dynvm.arm.vfp.VfpReference.IXC;
import static dynvm.arm.vfp.VfpReference.OFC;
import static dynvm.arm.vfp.VfpReference.RM;
import static dynvm.arm.vfp.VfpReference.RP;
import static dynvm.arm.vfp.VfpReference.RZ;
import static dynvm.arm.vfp.VfpReference.UFC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.ArmIsa;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * VCVTB/VCVTT (ARM ARM A8.8.306, FPHalfToSingle/FPSingleToHalf with the FPSCR, AHP = 0): IEEE
 * half precision in the bottom or top 16 bits of an S register, on the default model (cortex-a15,
 * VFPv4 with the half-precision extension), under both engines; UNDEFINED on cortex-a9. Values
 * from the manual's rules: exact widening, half denormals kept (FZ flushes single inputs only),
 * rounding by FPSCR.RMode, overflow to infinity or the largest half (65504) by the mode, NaNs
 * keeping sign and top payload bits unless DN.
 */
class VfpHalfPrecisionTest extends VfpSnippets {
    /** cond 1110 1D11 001 op Vd 1010 T1M0 Vm: op 1 = to half, T = the top half. */
    static int vcvtHalf(boolean toHalf, boolean top, int sd, int sm) {
        return 0xeeb20a40 | (toHalf ? 1 << 16 : 0) | (top ? 1 << 7 : 0) | (sd & 1) << 22 | (sd >> 1) << 12 | (sm & 1) << 5 | sm >> 1;
    }

    /** s0 = the half in bits 15:0 (VCVTB) or 31:16 (VCVTT) of s1 as a single. */
    static SnippetRunner.Result toSingle(int fpscr, int s1, boolean top) {
        return vfp(fpscr, singles(0x1234_5678, s1), vcvtHalf(false, top, 0, 1));
    }

    /** s0 keeps the other half of 0xaaaa_5555, the half of the single s1 goes into one. */
    static SnippetRunner.Result toHalf(int fpscr, int s1, boolean top) {
        return vfp(fpscr, singles(0xaaaa_5555, s1), vcvtHalf(true, top, 0, 1));
    }

    static void single(int fpscr, int half, int want, int flags) {
        for (boolean top : new boolean[] {false, true}) {
            SnippetRunner.Result r = toSingle(fpscr, top ? half << 16 | 0x7c01 : 0x7c01 << 16 | half, top);
            String what = String.format("vcvt%s.f32.f16 of 0x%04x, fpscr 0x%08x", top ? "t" : "b", half, fpscr);
            assertEquals(want, s(r, 0), what);
            assertEquals(flags, fpscr(r) & 0x9f, what + ": flags");
        }
    }

    static void half(int fpscr, int single, int want, int flags) {
        for (boolean top : new boolean[] {false, true}) {
            SnippetRunner.Result r = toHalf(fpscr, single, top);
            String what = String.format("vcvt%s.f16.f32 of 0x%08x, fpscr 0x%08x", top ? "t" : "b", single, fpscr);
            assertEquals(top ? want << 16 | 0x5555 : 0xaaaa_0000 | want, s(r, 0), what);
            assertEquals(flags, fpscr(r) & 0x9f, what + ": flags");
            assertEquals(single, s(r, 1), "source kept");
        }
    }

    @Test
    void halfToSingleIsExact() {
        single(0, 0x3c00, bitsF(1f), 0);
        single(0, 0xc000, bitsF(-2f), 0);
        single(0, 0x7bff, bitsF(65504f), 0);
        single(0, 0x3555, 0x3eaa_a000, 0);                     // 0.333251953125
        single(0, 0x0400, bitsF(0x1p-14f), 0);                 // the smallest normal half
        single(0, 0x0001, bitsF(0x1p-24f), 0);                 // a denormal half: a normal single
        single(FZ, 0x8001, bitsF(-0x1p-24f), 0);               // FZ does not flush half inputs
        single(0, 0x03ff, bitsF(1023 * 0x1p-24f), 0);
        single(0, 0x8000, 0x8000_0000, 0);
        single(0, 0x7c00, 0x7f80_0000, 0);
        single(0, 0xfc00, 0xff80_0000, 0);
    }

    @Test
    void halfNaNs() {
        single(0, 0x7e01, 0x7fc0_2000, 0);                     // quiet: payload bits 8:0 to 21:13
        single(0, 0xfd23, 0xffe4_6000, IOC);                   // signalling: quieted, IOC; 0x123 to bits 21:13
        single(DN, 0x7e01, 0x7fc0_0000, 0);
        single(DN, 0xfd01, 0x7fc0_0000, IOC);
        half(0, 0x7fc0_2000, 0x7e01, 0);                       // fraction bits 21:13 to 8:0
        half(0, 0xff80_2000, 0xfe01, IOC);
        half(DN, 0xffc0_2000, 0x7e00, 0);
        half(DN, 0x7f80_0001, 0x7e00, IOC);
    }

    @Test
    void singleToHalfRounds() {
        half(0, bitsF(1f), 0x3c00, 0);
        half(0, bitsF(-0.5f), 0xb800, 0);
        half(0, bitsF(65504f), 0x7bff, 0);
        half(0, bitsF(1f / 3), 0x3555, IXC);                   // 0x3eaaaaab: below half an ulp, down
        half(RP << 22, bitsF(1f / 3), 0x3556, IXC);
        half(RZ << 22, bitsF(-1f / 3), 0xb555, IXC);
        half(RM << 22, bitsF(-1f / 3), 0xb556, IXC);
        // 1 + 2^-11: halfway between 1 and 1 + 2^-10, ties to even; 1 + 3 * 2^-11 ties up
        half(0, bitsF(1f + 0x1p-11f), 0x3c00, IXC);
        half(0, bitsF(1f + 3 * 0x1p-11f), 0x3c02, IXC);
        half(0, 0x7f80_0000, 0x7c00, 0);
        half(0, 0x8000_0000, 0x8000, 0);
    }

    @Test
    void overflowFollowsTheRoundingMode() {
        half(0, bitsF(65519f), 0x7bff, IXC);                   // below the halfway point to 2^16
        half(0, bitsF(65520f), 0x7c00, OFC | IXC);             // halfway: rounds to 2^16, which overflows
        half(0, bitsF(1e10f), 0x7c00, OFC | IXC);
        half(RZ << 22, bitsF(1e10f), 0x7bff, OFC | IXC);
        half(RM << 22, bitsF(1e10f), 0x7bff, OFC | IXC);
        half(RM << 22, bitsF(-1e10f), 0xfc00, OFC | IXC);
        half(RP << 22, bitsF(-1e10f), 0xfbff, OFC | IXC);
    }

    @Test
    void tinyResultsAreHalfDenormalsEvenWithFlushToZero() {
        half(0, bitsF(0x1p-24f), 0x0001, 0);                   // exact: no underflow
        half(FZ, bitsF(0x1p-24f), 0x0001, 0);
        half(0, bitsF(0x1p-25f), 0x0000, UFC | IXC);           // halfway to the smallest: ties to even 0
        half(0, bitsF(0x1.8p-24f), 0x0002, UFC | IXC);         // 1.5 units: ties to even 2
        half(RP << 22, bitsF(0x1p-30f), 0x0001, UFC | IXC);
        half(0, bitsF(0x1.ffcp-15f), 0x0400, UFC | IXC);       // rounds up to the smallest normal
        half(FZ, 0x0000_0001, 0x0000, IDC);                    // a denormal single input is flushed
        half(FZ, 0x8000_0001, 0x8000, IDC);
        half(0, 0x0000_0001, 0x0000, UFC | IXC);
    }

    @Test
    void oddRegistersAndConditions() {
        // vcvtt.f16.f32 s31, s30 and vcvtt.f32.f16 s29, s31: a round trip through the top of s31
        SnippetRunner.Result r = RUNNER.run(new int[] {vcvtHalf(true, true, 31, 30), vcvtHalf(false, true, 29, 31)}, (c, m) -> {
            dynvm.arm.ArmRegs.FILE.write(c, dynvm.arm.ArmRegs.D[15], (long) 0x1111_2222 << 32 | bitsF(-3.5f) & 0xffff_ffffL);
        });
        assertEquals(0xc300_2222, s(r, 31));
        assertEquals(bitsF(-3.5f), s(r, 29));
        // a failing condition: nothing happens
        r = vfp(0, singles(0x1234_5678, bitsF(1f)), (c, m) -> setNzcv(c, 0),
                dynvm.arm.a32.A32Asm.cond(dynvm.arm.a32.A32Asm.EQ, vcvtHalf(true, false, 0, 1)));
        assertEquals(0x1234_5678, s(r, 0));
    }

    @Test
    void undefinedOnCortexA9AndDisassembled() {
        SnippetRunner a9 = new SnippetRunner(new ArmIsa(ArmCpuModel.CORTEX_A9));
        for (boolean toHalf : new boolean[] {false, true})
            for (boolean top : new boolean[] {false, true})
                assertEquals("trap:4", a9.run(new int[] {vcvtHalf(toHalf, top, 0, 1)}, (c, m) -> { }).stop());
        assertEquals("vcvtb.f32.f16\ts0, s1", Vfp.disassemble(vcvtHalf(false, false, 0, 1), 8));
        assertEquals("vcvtt.f16.f32\ts3, s2", Vfp.disassemble(vcvtHalf(true, true, 3, 2), 8));
    }
}
