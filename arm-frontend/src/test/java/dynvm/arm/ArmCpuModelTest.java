package dynvm.arm;

import static dynvm.arm.ArmRegs.FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dynvm.arm.a32.A32Asm;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CPU models: each decodes what it has and traps (SIGILL, "trap:4") on the rest, under both
 * engines; AT_HWCAP, AT_PLATFORM and uname -m follow the model; models never share a decode
 * context. Also SDIV/UDIV semantics (ARM ARM A8.8.165/A8.8.248) in ARM and Thumb state.
 */
class ArmCpuModelTest {
    static final Map<ArmCpuModel, SnippetRunner> RUNNERS = new EnumMap<>(ArmCpuModel.class);

    static SnippetRunner runner(ArmCpuModel m) { return RUNNERS.computeIfAbsent(m, k -> new SnippetRunner(new ArmIsa(k))); }

    static SnippetRunner.Result arm(ArmCpuModel m, int r1, int r2, int... words) {
        return runner(m).run(words, (c, mem) -> {
            FILE.write(c, ArmRegs.R[1], r1);
            FILE.write(c, ArmRegs.R[2], r2);
        });
    }

    /** Runs Thumb halfwords (two per word, low half first). */
    static SnippetRunner.Result thumb(ArmCpuModel m, int r1, int r2, int... halfwords) {
        int[] words = new int[(halfwords.length + 1) / 2];
        for (int i = 0; i < halfwords.length; i++) words[i / 2] |= (halfwords[i] & 0xffff) << (16 * (i & 1));
        if ((halfwords.length & 1) != 0) words[words.length - 1] |= 0xbf00 << 16;   // nop
        return runner(m).run(words, (c, mem) -> {
            FILE.write(c, ArmRegs.T, 1);
            FILE.write(c, ArmRegs.R[1], r1);
            FILE.write(c, ArmRegs.R[2], r2);
        });
    }

    static int r(SnippetRunner.Result res, int n) { return (int) FILE.read(res.cpu(), ArmRegs.R[n]); }

    static final int SDIV_R0_R1_R2 = 0xe710f211, UDIV_R0_R1_R2 = 0xe730f211;

    @Test
    void sdivAndUdivInArmState() {
        int[][] signed = {{7, 2, 3}, {-7, 2, -3}, {7, -2, -3}, {-7, -2, 3}, {5, 0, 0}, {Integer.MIN_VALUE, -1, Integer.MIN_VALUE}, {0, 0, 0}};
        for (int[] c : signed)
            assertEquals(c[2], r(arm(ArmCpuModel.CORTEX_A15, c[0], c[1], SDIV_R0_R1_R2), 0), c[0] + " / " + c[1]);
        int[][] unsigned = {{-1, 2, 0x7fffffff}, {-7, -1, 0}, {9, 0, 0}, {Integer.MIN_VALUE, -1, 0}, {100, 7, 14}};
        for (int[] c : unsigned)
            assertEquals(c[2], r(arm(ArmCpuModel.CORTEX_A15, c[0], c[1], UDIV_R0_R1_R2), 0), c[0] + " /u " + c[1]);
        // conditional: sdivne with Z set does nothing
        SnippetRunner.Result res = runner(ArmCpuModel.CORTEX_A15).run(new int[]{0x1710f211}, (c, m) -> {
            FILE.write(c, ArmRegs.R[0], 99);
            FILE.write(c, ArmRegs.R[1], 8);
            FILE.write(c, ArmRegs.R[2], 2);
            FILE.write(c, ArmRegs.Z, 1);
        });
        assertEquals(99, r(res, 0));
    }

    @Test
    void sdivAndUdivInThumbState() {
        assertEquals(-3, r(thumb(ArmCpuModel.CORTEX_A15, -7, 2, 0xfb91, 0xf0f2), 0));          // sdiv r0, r1, r2
        assertEquals(Integer.MIN_VALUE, r(thumb(ArmCpuModel.CORTEX_A15, Integer.MIN_VALUE, -1, 0xfb91, 0xf0f2), 0));
        assertEquals(0, r(thumb(ArmCpuModel.CORTEX_A15, 5, 0, 0xfb91, 0xf0f2), 0));
        assertEquals(0x7fffffff, r(thumb(ArmCpuModel.CORTEX_A15, -1, 2, 0xfbb1, 0xf0f2), 0));   // udiv r0, r1, r2
        // inside an IT block: ite eq; sdiveq r0, r1, r2; udivne r0, r1, r2 (Z clear: the udiv runs)
        assertEquals(0x7fffffff, r(thumb(ArmCpuModel.CORTEX_A15, -1, 2, 0xbf0c, 0xfb91, 0xf0f2, 0xfbb1, 0xf0f2), 0));
        assertEquals("trap:4", thumb(ArmCpuModel.CORTEX_A15, 1, 1, 0xfb9d, 0xf0f2).stop(), "sdiv r0, sp, r2 is UNPREDICTABLE");
    }

    @Test
    void modelsWithoutTheDividerTrap() {
        for (ArmCpuModel m : new ArmCpuModel[]{ArmCpuModel.CORTEX_A9, ArmCpuModel.ARM1136, ArmCpuModel.ARM926}) {
            assertEquals("trap:4", arm(m, 7, 2, SDIV_R0_R1_R2).stop(), m.cpuName);
            assertEquals("trap:4", arm(m, 7, 2, UDIV_R0_R1_R2).stop(), m.cpuName);
        }
        assertEquals("trap:4", thumb(ArmCpuModel.CORTEX_A9, 7, 2, 0xfb91, 0xf0f2).stop());
    }

    @Test
    void armv7OnlyInstructionsTrapOnOlderModels() {
        int movw = A32Asm.movw(0, 0x1234), rev = A32Asm.rev(0, 1);
        assertEquals(0x1234, r(arm(ArmCpuModel.CORTEX_A9, 0, 0, movw), 0));
        assertEquals("trap:4", arm(ArmCpuModel.ARM1136, 0, 0, movw).stop(), "movw is ARMv6T2");
        assertEquals("trap:4", arm(ArmCpuModel.ARM926, 0, 0, movw).stop());
        assertEquals(0x78563412, r(arm(ArmCpuModel.ARM1136, 0x12345678, 0, rev), 0), "rev is ARMv6");
        assertEquals("trap:4", arm(ArmCpuModel.ARM926, 0x12345678, 0, rev).stop(), "rev is not ARMv5");
        assertEquals("trap:4", arm(ArmCpuModel.ARM1136, 0, 0, 0xf57ff05f).stop(), "dmb is ARMv7");
        // ARMv5TE still has its DSP multiplies and CLZ: smulbb r0, r1, r2; clz r0, r1
        assertEquals(6, r(arm(ArmCpuModel.ARM926, 2, 3, 0xe1600281), 0));
        assertEquals(31, r(arm(ArmCpuModel.ARM926, 1, 0, 0xe16f0f11), 0));
    }

    @Test
    void thumb2TrapsWithoutThumb2() {
        int[] movw = {0xf240, 0x0005};                                              // movw r0, #5
        assertEquals(5, r(thumb(ArmCpuModel.CORTEX_A9, 0, 0, movw), 0));
        assertEquals("trap:4", thumb(ArmCpuModel.ARM1136, 0, 0, movw).stop());
        assertEquals("trap:4", thumb(ArmCpuModel.ARM926, 0, 0, movw).stop());
        assertEquals("trap:4", thumb(ArmCpuModel.ARM1136, 0, 0, 0xbf08, 0x2001).stop(), "it is ARMv6T2");
        assertEquals(0x78563412, r(thumb(ArmCpuModel.ARM1136, 0x12345678, 0, 0xba08), 0), "rev r0, r1 is ARMv6");
        assertEquals("trap:4", thumb(ArmCpuModel.ARM926, 0x12345678, 0, 0xba08).stop());
        assertEquals(7, r(thumb(ArmCpuModel.ARM926, 3, 4, 0x1888), 0), "adds r0, r1, r2 everywhere");
    }

    @Test
    void vfpFollowsTheModel() {
        int vaddD = 0xee310b02, vmovImm = 0xeeb70a00;                              // vadd.f64 d0, d1, d2; vmov.f32 s0, #1.0
        assertEquals("trap:4", arm(ArmCpuModel.ARM926, 0, 0, vaddD).stop(), "arm926 has no VFP");
        assertEquals("end", arm(ArmCpuModel.ARM1136, 0, 0, vaddD).stop());
        assertEquals("trap:4", arm(ArmCpuModel.ARM1136, 0, 0, vmovImm).stop(), "VMOV immediate is VFPv3");
        SnippetRunner.Result res = arm(ArmCpuModel.CORTEX_A9, 0, 0, vmovImm);
        assertEquals(Float.floatToRawIntBits(1.0f), (int) FILE.read(res.cpu(), ArmRegs.D[0]));
        assertEquals("trap:4", thumb(ArmCpuModel.ARM926, 0, 0, 0xee31, 0x0b02).stop(), "no Thumb VFP on arm926");
    }

    @Test
    void linuxFactsFollowTheModel() {
        // qemu-arm 7.2's values less what dynvm lacks (ThumbEE); the A9 model keeps VFPv3D16 and has no NEON
        assertEquals(0x1fb0d7, new ArmIsa(ArmCpuModel.CORTEX_A15).hwcap());
        assertEquals(0x1fb0d7, new ArmIsa().hwcap(), "the default is the A15");
        assertEquals(0xe0d7, new ArmIsa(ArmCpuModel.CORTEX_A9).hwcap());
        assertEquals(0x80d7, new ArmIsa(ArmCpuModel.ARM1136).hwcap());
        assertEquals(0x97, new ArmIsa(ArmCpuModel.ARM926).hwcap());
        for (ArmCpuModel m : ArmCpuModel.values())
            assertEquals(m.neon, (m.hwcap & ArmCpuModel.Hwcap.NEON) != 0, m.cpuName + ": HWCAP_NEON is the truth");
        assertEquals("v7l", new ArmIsa(ArmCpuModel.CORTEX_A15).platform());
        assertEquals("v6l", new ArmIsa(ArmCpuModel.ARM1136).platform());
        assertEquals("v5l", new ArmIsa(ArmCpuModel.ARM926).platform());
        assertEquals("armv7l", new ArmIsa().machine());
        assertEquals("armv6l", new ArmIsa(ArmCpuModel.ARM1136).machine());
        assertEquals("armv5tejl", new ArmIsa(ArmCpuModel.ARM926).machine());
    }

    @Test
    void modelsAreSelectedByNameAndNeverShareAContext() {
        ArmIsa base = new ArmIsa();
        assertSame(base, base.withCpu("cortex-a15"));
        assertEquals(ArmCpuModel.ARM926, ((ArmIsa) base.withCpu("ARM926")).model());
        assertThrows(IllegalArgumentException.class, () -> base.withCpu("cortex-m3"));
        assertEquals("cortex-a15", base.cpuModels().get(0).name(), "the default is listed first");
        CpuState c = new CpuState(ArmRegs.FILE);
        assertEquals(0, new ArmIsa(ArmCpuModel.CORTEX_A9).context(c), "cortex-a9 keeps the context it always had");
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (ArmCpuModel m : ArmCpuModel.values()) {
            int ctx = new ArmIsa(m).context(c);
            assertEquals(m, ArmCpuModel.of(ctx));
            assertNotEquals(false, seen.add(ctx), m.cpuName);
        }
    }

    @Test
    void gdbSeesTheModelsDoubleRegisters() {
        dynvm.spi.GdbTarget d16 = new ArmIsa(ArmCpuModel.CORTEX_A9).gdbTarget(), d32 = new ArmIsa().gdbTarget();
        assertEquals(17 + 16 + 1, d16.registers().size());
        assertEquals(17 + 32 + 1, d32.registers().size());
        assertEquals("d31", d32.registers().get(17 + 31).name());
        assertEquals("fpscr", d32.registers().get(17 + 32).name());
        CpuState c = new CpuState(ArmRegs.FILE);
        d32.write(c, 17 + 31, 0x1234_5678_9abc_def0L);
        assertEquals(0x1234_5678_9abc_def0L, FILE.read(c, ArmRegs.D[31]));
        d32.write(c, 17 + 32, 0x03000000);
        assertEquals(0x03000000, (int) FILE.read(c, ArmRegs.FPSCR));
    }
}
