package dynvm.arm.neon;

import static dynvm.arm.ArmRegs.FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.ArmIsa;
import dynvm.arm.ArmRegs;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Advanced SIMD rows on the Cortex-A15 model under both engines (SnippetRunner runs the
 * interpreter and the translator and asserts they agree): moves and immediates, integer
 * three-same, VLD1/VST1; Thumb-2 twins; SIGILL on the models without NEON. Encodings from GNU as.
 */
class NeonTest {
    static final SnippetRunner A15 = new SnippetRunner(new ArmIsa(ArmCpuModel.CORTEX_A15));
    static final int DATA = SnippetRunner.DATA;

    static final long D1 = 0x8070_6050_4030_2010L, D2 = 0x0102_0304_F0E0_D0C0L;

    static SnippetRunner.Result run(BiConsumer<CpuState, GuestMemory> init, int... words) { return A15.run(words, init); }

    /** d1, d2 preset; runs one word; returns d0. */
    static long three(int word) {
        return d(run((c, m) -> {
            FILE.write(c, ArmRegs.D[0], 0x1111_2222_3333_4444L);
            FILE.write(c, ArmRegs.D[1], D1);
            FILE.write(c, ArmRegs.D[2], D2);
        }, word), 0);
    }

    static long d(SnippetRunner.Result r, int i) { return FILE.read(r.cpu(), ArmRegs.D[i]); }

    static int reg(SnippetRunner.Result r, int i) { return (int) FILE.read(r.cpu(), ArmRegs.R[i]); }

    @Test
    void immediates() {
        assertEquals(0x5555_5555_5555_5555L, d(run((c, m) -> { }, 0xf2850e15), 0));              // vmov.i8 d0, #0x55
        SnippetRunner.Result r = run((c, m) -> { }, 0xf382227b);                                 // vmvn.i32 q1, #0xab00
        assertEquals(0xffff_54ff_ffff_54ffL, d(r, 2));
        assertEquals(0xffff_54ff_ffff_54ffL, d(r, 3));
        assertEquals(0x1113_2232_3333_4456L, d(run((c, m) -> FILE.write(c, ArmRegs.D[2], 0x1111_2222_3333_4444L), 0xf2812912), 2)); // vorr.i16 d2, #0x12
        assertEquals(0x1111_2200_3333_4400L, d(run((c, m) -> FILE.write(c, ArmRegs.D[3], 0x1111_22ff_3333_44ffL), 0xf387313f), 3)); // vbic.i32 d3, #0xff
        assertEquals(0xff00_ff00_ff00_ff00L, d(run((c, m) -> { }, 0xf3824e3a), 4));              // vmov.i64
        r = run((c, m) -> { }, 0xf2876f58);                                                      // vmov.f32 q3, #1.5
        assertEquals(0x3fc0_0000_3fc0_0000L, d(r, 6));
        assertEquals(0x3fc0_0000_3fc0_0000L, d(r, 7));
    }

    @Test
    void scalarsAndDup() {
        SnippetRunner.Result r = run((c, m) -> {
            FILE.write(c, ArmRegs.R[1], 0x1234_56ab);
            FILE.write(c, ArmRegs.D[5], 0x8899_aabb_ccdd_eeffL);
        }, 0xee451b70, 0xee152b70, 0xeef53b70, 0xeea81b30, 0xf3b59c05);
        assertEquals(0x8899_aabb_abdd_eeffL, d(r, 5));                                           // vmov.8 d5[3], r1
        assertEquals(0xffff_abdd, reg(r, 2));                                                     // vmov.s16 r2, d5[1]
        assertEquals(0x88, reg(r, 3));                                                            // vmov.u8 r3, d5[7]
        assertEquals(0x56ab_56ab_56ab_56abL, d(r, 8));                                           // vdup.16 q4, r1
        // vdup.8 d9, d5[2] ran last and replaced d9
        r = run((c, m) -> FILE.write(c, ArmRegs.D[5], 0x8899_aabb_ccdd_eeffL), 0xf3b59c05);
        assertEquals(0xdddd_dddd_dddd_ddddL, d(r, 9));
        r = run((c, m) -> { FILE.write(c, ArmRegs.D[2], 1); FILE.write(c, ArmRegs.D[3], 2); }, 0xf222a152);   // vorr q5, q1, q1
        assertEquals(1, d(r, 10));
        assertEquals(2, d(r, 11));
    }

    @Test
    void integerThreeSame() {
        assertEquals(0x7f6e_5d4c_4f4f_4f50L, three(0xf3210802), "vsub.i32");
        assertEquals(D1 + D2, three(0xf2310802), "vadd.i64");
        assertEquals(0x8172_6354_3010_f0d0L, three(0xf2010012), "vqadd.s8");
        assertEquals(0x7f6e_5d4c_0000_0000L, three(0xf3110212), "vqsub.u16: the low lanes saturate to 0");
        assertEquals(0, three(0xf3010812), "vceq.i8: no equal bytes");
        assertEquals(0x0000_ffff_ffff_ffffL, three(0xf2110302), "vcgt.s16");
        assertEquals(0x8070_6050_F0E0_D0C0L, three(0xf3010602), "vmax.u8");
        assertEquals(0x4039_312a_9888_7868L, three(0xf3010002), "vhadd.u8");
        // vbsl: d = (d0 & d1) | (~d0 & d2)
        assertEquals((0x1111_2222_3333_4444L & D1) | (~0x1111_2222_3333_4444L & D2), three(0xf3110112), "vbsl");
        // vpadd.i8: pairs of d1 then pairs of d2
        assertEquals(0x0307_d090_f0b0_7030L, three(0xf2010b12), "vpadd.i8");
    }

    @Test
    void saturationSetsQc() {
        SnippetRunner.Result r = run((c, m) -> { FILE.write(c, ArmRegs.D[1], 0x7f); FILE.write(c, ArmRegs.D[2], 1); }, 0xf2010012);
        assertEquals(0x7f, d(r, 0));
        assertEquals(NeonSat.QC, (int) FILE.read(r.cpu(), ArmRegs.FPSCR) & NeonSat.QC);
        r = run((c, m) -> { FILE.write(c, ArmRegs.D[1], 1); FILE.write(c, ArmRegs.D[2], 1); }, 0xf2010012);
        assertEquals(0, (int) FILE.read(r.cpu(), ArmRegs.FPSCR) & NeonSat.QC);
    }

    @Test
    void loadsAndStores() {
        BiConsumer<CpuState, GuestMemory> init = (c, m) -> {
            for (int i = 0; i < 64; i++) m.store8(DATA + i, i);
            FILE.write(c, ArmRegs.R[0], DATA + 1);                    // unaligned on purpose
            FILE.write(c, ArmRegs.R[1], DATA + 32);
        };
        SnippetRunner.Result r = run(init, 0xf4200a0d);               // vld1.8 {d0-d1}, [r0]!
        assertEquals(0x0807_0605_0403_0201L, d(r, 0));
        assertEquals(0x100f_0e0d_0c0b_0a09L, d(r, 1));
        assertEquals(DATA + 17, reg(r, 0));
        r = run(init, 0xf4a0048f);                                    // vld1.16 {d0[2]}, [r0]
        assertEquals(0x0000_0201_0000_0000L, d(r, 0) & 0x0000_ffff_0000_0000L);
        r = run(init, 0xf4a00c8f);                                    // vld1.32 {d0[]}, [r0]
        assertEquals(0x0403_0201_0403_0201L, d(r, 0));
        r = run((c, m) -> { init.accept(c, m); FILE.write(c, ArmRegs.D[1], 0x1122_3344_5566_7788L); }, 0xf48110ad, 0xf40107cf); // vst1.8 {d1[5]}, [r1]!; vst1.64 {d0}, [r1]
        assertEquals(0x33, r.mem().load8(DATA + 32));
        assertEquals(DATA + 33, reg(r, 1));
    }

    @Test
    void alignmentQualifierFaults() {
        SnippetRunner.Result r = run((c, m) -> FILE.write(c, ArmRegs.R[0], DATA + 4), 0xf420071f);   // vld1.8 {d0}, [r0:64]
        assertEquals(true, r.stop().startsWith("fault") || r.stop().startsWith("trap"), r.stop());
        r = run((c, m) -> FILE.write(c, ArmRegs.R[0], DATA + 8), 0xf420071f);
        assertEquals(false, r.stop().startsWith("fault") || r.stop().startsWith("trap"), r.stop());
    }

    @Test
    void thumbTwins() {
        SnippetRunner.Result r = run((c, m) -> {
            FILE.write(c, ArmRegs.T, 1);
            FILE.write(c, ArmRegs.D[2], 0x0101_0101_0101_0101L);
            FILE.write(c, ArmRegs.D[4], 0x0202_0202_0202_0202L);
            FILE.write(c, ArmRegs.R[1], 0x77);
        }, 0x0844ef02, 0x1b70ee45);                                   // vadd.i8 q0, q1, q2; vmov.8 d5[3], r1
        assertEquals(0x0303_0303_0303_0303L, d(r, 0));
        assertEquals(0x7700_0000L, d(r, 5));
    }

    @Test
    void transfersTakeTheItCondition() {
        for (int z = 0; z < 2; z++) {
            int zz = z;
            SnippetRunner.Result r = run((c, m) -> {
                FILE.write(c, ArmRegs.T, 1);
                FILE.write(c, ArmRegs.Z, zz);
                FILE.write(c, ArmRegs.R[1], 0x77);
            }, 0xee45bf08, 0xbf001b70);                              // it eq; vmov.8 d5[3], r1; nop (halfwords bf08 ee45 1b70 bf00)
            assertEquals(z == 1 ? 0x7700_0000L : 0, d(r, 5), "Z=" + z);
        }
        // conditional A32 transfer: vmovne.8 d5[3], r1 with Z set does nothing
        SnippetRunner.Result r = run((c, m) -> { FILE.write(c, ArmRegs.Z, 1); FILE.write(c, ArmRegs.R[1], 0x77); }, 0x1e451b70);
        assertEquals(0, d(r, 5));
    }

    @Test
    void undefinedWithoutNeon() {
        SnippetRunner a9 = new SnippetRunner(new ArmIsa(ArmCpuModel.CORTEX_A9));
        assertEquals("trap:4", a9.run(new int[]{0xf2020844}, (c, m) -> { }).stop());
        assertEquals("trap:4", a9.run(new int[]{0xee451b70}, (c, m) -> { }).stop());
        assertNull(Neon.disassemble(0xf2230844), "vadd with an odd Q register is UNDEFINED");
        assertEquals("trap:4", A15.run(new int[]{0xf2030844}, (c, m) -> { }).stop());
    }

    @Test
    void disassembly() {
        assertEquals("vadd.i8 q0, q1, q2", Neon.disassemble(0xf2020844));
        assertEquals("vld1.8 {d0-d1}, [r0]!", Neon.disassemble(0xf4200a0d));
        assertEquals("vmvn.i32 q1, #0xab000000ab00", Neon.disassemble(0xf382227b));
    }

    /** A state with r0 = DATA + 1 (bytes 0, 1, 2, ... from DATA + 1), r1 = DATA + 32, d0-d7 set to {@code dInit}. */
    static BiConsumer<CpuState, GuestMemory> bytes(long dInit) {
        return (c, m) -> {
            for (int i = 0; i < 64; i++) m.store8(DATA + 1 + i, i);
            FILE.write(c, ArmRegs.R[0], DATA + 1);
            FILE.write(c, ArmRegs.R[1], DATA + 32);
            for (int i = 0; i < 8; i++) FILE.write(c, ArmRegs.D[i], dInit);
        };
    }

    @Test
    void structureLanesAndAllLanes() {
        long x = 0x7777_7777_7777_7777L;
        SnippetRunner.Result r = run(bytes(x), 0xf4a0012f);                       // vld2.8 {d0[1], d1[1]}, [r0]
        assertEquals(0x7777_7777_7777_0077L, d(r, 0));
        assertEquals(0x7777_7777_7777_0177L, d(r, 1));
        r = run(bytes(x), 0xf4a0066d);                                            // vld3.16 {d0[1], d2[1], d4[1]}, [r0]!
        assertEquals(0x7777_7777_0100_7777L, d(r, 0));
        assertEquals(0x7777_7777_0302_7777L, d(r, 2));
        assertEquals(0x7777_7777_0504_7777L, d(r, 4));
        assertEquals(x, d(r, 1));
        assertEquals(DATA + 7, reg(r, 0));
        r = run(bytes(x), 0xf4a00e8d);                                            // vld3.32 {d0[], d1[], d2[]}, [r0]!
        assertEquals(0x0302_0100_0302_0100L, d(r, 0));
        assertEquals(0x0706_0504_0706_0504L, d(r, 1));
        assertEquals(0x0b0a_0908_0b0a_0908L, d(r, 2));
        assertEquals(DATA + 13, reg(r, 0));
        r = run(bytes(x), 0xf4a00f1f);                                            // vld4.8 {d0[]-d3[]}, [r0:32] at DATA + 1: alignment fault
        assertEquals(true, r.stop().startsWith("fault") || r.stop().startsWith("trap"), r.stop());
        r = run((c, m) -> {
            bytes(0).accept(c, m);
            FILE.write(c, ArmRegs.D[0], 0x1111_2222_3333_4444L);
            FILE.write(c, ArmRegs.D[1], 0x5555_6666_7777_8888L);
            FILE.write(c, ArmRegs.D[2], 0x9999_aaaa_bbbb_ccccL);
        }, 0xf48106cf);                                                           // vst3.16 {d0[3], d1[3], d2[3]}, [r1]
        assertEquals(0x11, r.mem().load8(DATA + 32));
        assertEquals(0x55, r.mem().load8(DATA + 34) & r.mem().load8(DATA + 35));
        assertEquals(0x99, r.mem().load8(DATA + 36) & r.mem().load8(DATA + 37));
        assertEquals(37, r.mem().load8(DATA + 38), "the next byte stays");
    }

    @Test
    void saturatingDoublingLongByScalar() {
        SnippetRunner.Result r = run((c, m) -> {
            FILE.write(c, ArmRegs.D[1], 0x8000_0003_0002_0001L);
            FILE.write(c, ArmRegs.D[2], 0x8000_0000_0000_0000L);
        }, 0xf2910b6a);                                                           // vqdmull.s16 q0, d1, d2[3]
        assertEquals(0xfffe_0000_ffff_0000L, d(r, 0));                            // -65536, -131072
        assertEquals(0x7fff_ffff_fffd_0000L, d(r, 1));                            // -196608, then min * min saturates
        assertEquals(NeonSat.QC, (int) FILE.read(r.cpu(), ArmRegs.FPSCR) & NeonSat.QC);
    }

    static long f2(float lo, float hi) { return (long) Float.floatToRawIntBits(hi) << 32 | Float.floatToRawIntBits(lo) & 0xffff_ffffL; }

    @Test
    void estimatesAndSteps() {
        SnippetRunner.Result r = run((c, m) -> {
            FILE.write(c, ArmRegs.D[1], f2(1.0f, 0.0f));
            FILE.write(c, ArmRegs.D[3], f2(1.0f, 4.0f));
            FILE.write(c, ArmRegs.D[5], 0x7fff_ffff_8000_0000L);
        }, 0xf3bb0501, 0xf3bb2583, 0xf3bb4405);                                   // vrecpe.f32 d0, d1; vrsqrte.f32 d2, d3; vrecpe.u32 d4, d5
        assertEquals(0x7f80_0000_3f7f_8000L, d(r, 0), "1/1.0 ~ 0.998, 1/0 = inf");
        assertEquals(0x3eff_8000_3f7f_8000L, d(r, 2), "1/sqrt(1.0), 1/sqrt(4.0)");
        assertEquals(0xffff_ffff_ff80_0000L, d(r, 4));
        assertEquals(2, (int) FILE.read(r.cpu(), ArmRegs.FPSCR) & 2, "DZC");
        r = run((c, m) -> {
            FILE.write(c, ArmRegs.D[1], f2(1.5f, Float.POSITIVE_INFINITY));
            FILE.write(c, ArmRegs.D[2], f2(1.0f, 0.0f));
        }, 0xf2010f12, 0xf2213f12);                                               // vrecps.f32 d0, d1, d2; vrsqrts.f32 d3, d1, d2
        assertEquals(f2(0.5f, 2.0f), d(r, 0));
        assertEquals(f2(0.75f, 1.5f), d(r, 3));
    }

    @Test
    void fixedPointConversionsCompareWithZeroAndLongShift() {
        SnippetRunner.Result r = run((c, m) -> {
            FILE.write(c, ArmRegs.D[1], f2(1.5f, -2.25f));
            FILE.write(c, ArmRegs.D[3], 0x0000_0040_0000_0180L);
        }, 0xf2b00f11, 0xf3b82e13);                                               // vcvt.s32.f32 d0, d1, #16; vcvt.f32.u32 d2, d3, #8
        assertEquals(0xfffd_c000_0001_8000L, d(r, 0));
        assertEquals(f2(1.5f, 0.25f), d(r, 2));
        r = run((c, m) -> FILE.write(c, ArmRegs.D[1], f2(1.0f, -1.0f)), 0xf3b90401, 0xf3b92581);   // vcgt.f32 d0, d1, #0; vcle.f32 d2, d1, #0
        assertEquals(0x0000_0000_ffff_ffffL, d(r, 0));
        assertEquals(0xffff_ffff_0000_0000L, d(r, 2));
        r = run((c, m) -> FILE.write(c, ArmRegs.D[1], 0x8180_7f01_0203_04ffL), 0xf3b20301);        // vshll.i8 q0, d1, #8
        assertEquals(0x0200_0300_0400_ff00L, d(r, 0));
        assertEquals(0x8100_8000_7f00_0100L, d(r, 1));
    }

    @Test
    void halfPrecisionConversions() {
        SnippetRunner.Result r = run((c, m) -> {
            FILE.write(c, ArmRegs.D[2], f2(1.5f, 65520f));                       // 65520 rounds to infinity
            FILE.write(c, ArmRegs.D[3], f2(1e-7f, -0.0f));                         // a half-precision denormal
        }, 0xf3b60602, 0xf3b62700);                                               // vcvt.f16.f32 d0, q1; vcvt.f32.f16 q1, d0
        assertEquals(0x8000_0002_7c00_3e00L, d(r, 0));
        assertEquals(f2(1.5f, Float.POSITIVE_INFINITY), d(r, 2));
        assertEquals(f2(0x1p-23f, -0.0f), d(r, 3));
    }

    /** -inf and +inf as halves widen to the singles with no flag: FPSCR keeps its value (CI fuzz case, seed 20794 #38562). */
    @Test
    void halfInfinitiesWidenWithoutFlags() {
        SnippetRunner.Result r = run((c, m) -> {
            FILE.write(c, ArmRegs.D[2], 0x0000_0000_7c00_fc00L);                 // halves -inf, +inf, 0, 0
            FILE.write(c, ArmRegs.FPSCR, 0x3040_009f);
        }, 0xf3b60702);                                                         // vcvt.f32.f16 q0, d2
        assertEquals(f2(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY), d(r, 0));
        assertEquals(0x3040_009f, (int) FILE.read(r.cpu(), ArmRegs.FPSCR));
    }

    @Test
    void vmsrSetsQc() {
        SnippetRunner.Result r = run((c, m) -> FILE.write(c, ArmRegs.R[1], NeonSat.QC), 0xeee11a10);   // vmsr fpscr, r1
        assertEquals(NeonSat.QC, (int) FILE.read(r.cpu(), ArmRegs.FPSCR));
    }

    @Test
    void disassemblyOfTheNewForms() {
        String[][] cases = {
            {"f4a0012f", "vld2.8 {d0[1], d1[1]}, [r0]"},
            {"f4a005bd", "vld2.16 {d0[2], d2[2]}, [r0:32]!"},
            {"f4a14992", "vld2.32 {d4[1], d5[1]}, [r1:64], r2"},
            {"f4a01a0f", "vld3.32 {d1[0], d2[0], d3[0]}, [r0]"},
            {"f4a00baf", "vld4.32 {d0[1], d1[1], d2[1], d3[1]}, [r0:128]"},
            {"f4a00bdf", "vld4.32 {d0[1], d2[1], d4[1], d6[1]}, [r0:64]"},
            {"f480013f", "vst2.8 {d0[1], d1[1]}, [r0:16]"},
            {"f4a00d7f", "vld2.16 {d0[], d2[]}, [r0:32]"},
            {"f4a00fdf", "vld4.32 {d0[], d1[], d2[], d3[]}, [r0:128]"},
            {"f4a0049f", "vld1.16 {d0[2]}, [r0:16]"},
            {"f4a00c9f", "vld1.32 {d0[]}, [r0:32]"},
            {"f42b07df", "vld1.64 {d0}, [r11:64]"},
            {"f420023f", "vld1.8 {d0-d3}, [r0:256]"},
            {"f421036d", "vld2.16 {d0-d3}, [r1:128]!"},
            {"f420041f", "vld3.8 {d0-d2}, [r0:64]"},
            {"f2910b6a", "vqdmull.s16 q0, d1, d2[3]"},
            {"f2a22363", "vqdmlal.s32 q1, d2, d3[1]"},
            {"f3bb0542", "vrecpe.f32 q0, q1"},
            {"f3bb04c2", "vrsqrte.u32 q0, q1"},
            {"f2020f54", "vrecps.f32 q0, q1, q2"},
            {"f2b00f52", "vcvt.s32.f32 q0, q1, #16"},
            {"f2a00e11", "vcvt.f32.s32 d0, d1, #32"},
            {"f3b90581", "vcle.f32 d0, d1, #0"},
            {"f3ba0301", "vshll.i32 q0, d1, #32"},
            {"f2810c02", "vmull.s8 q0, d1, d2"},
            {"f3b60602", "vcvt.f16.f32 d0, q1"},
            {"f3b60702", "vcvt.f32.f16 q0, d2"},
            {"f3b20204", "vmovn.i16 d0, q2"},
            {"f2820404", "vaddhn.i16 d0, q1, q2"},
            {"f2800102", "vaddw.s8 q0, q0, d2"},
            {"f2a10a42", "vmull.s32 q0, d1, d2[0]"},
        };
        for (String[] c : cases) assertEquals(c[1], Neon.disassemble(Integer.parseUnsignedInt(c[0], 16)), c[0]);
    }
}
