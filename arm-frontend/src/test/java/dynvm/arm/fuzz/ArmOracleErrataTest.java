package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.arm.HarnessRuns;
import dynvm.arm.a32.A32Disassembler;
import dynvm.arm.vfp.VfpRow;
import dynvm.arm.vfp.VfpTable;
import dynvm.spi.FuzzTarget;
import dynvm.translator.fuzz.EngineOracle;
import dynvm.translator.fuzz.FuzzTestSupport;
import dynvm.translator.fuzz.Oracle;
import dynvm.translator.fuzz.UnicornOracle;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Checked against qemu-user": each erratum of {@link ArmOracleErrata} (a place where the Unicorn
 * fuzzer's oracle, Unicorn 2.0.1, disagrees with the ARM ARM) has a witness here, run under
 * qemu-arm (the prebuilt VFP harness, as VfpQemuDifferentialTest runs it), under both dynvm
 * engines and under Unicorn (as the fuzzer runs them). qemu-user must agree with dynvm, that is
 * with the manual's rule, and Unicorn must not; where qemu-user shared the error this test would
 * say so instead. Skipped, with the reason, without qemu-arm or libunicorn2.
 */
class ArmOracleErrataTest {
    /**
     * One witness: the erratum's index in {@link ArmOracleErrata#RULES}, the case, the expected d0 and
     * FPSCR, or ({@code alignmentFault}) an alignment fault, and the CPU model it runs on.
     */
    record Witness(int rule, VfpFuzzCases.Case c, long d0, int fpscr, boolean alignmentFault, String cpu) { }

    /**
     * Rule 0: vcvt.f32.u32 s0, s0, #6 of 0x15c35ff4 (5689727.8125, between the singles 5689727.5 and
     * 5689728.0) with FPSCR.RMode = round towards minus infinity: FixedToFP rounds to nearest,
     * 5689728.0 = 0x4aae1b00 (IXC set); rounding by RMode would give 0x4aae1aff.
     * Rule 1: vld1.64 {d0}, [r11:64] with r11 4 bytes past a doubleword boundary: an alignment fault
     * (SIGBUS in qemu-arm); Unicorn loads d0.
     */
    static List<Witness> witnesses() {
        int[] r = new int[15];
        long[] d = new long[16];
        d[0] = 0x15c3_5ff4L;
        VfpFuzzCases.State s = new VfpFuzzCases.State(r, 0, new byte[VfpFuzzCases.SCRATCH_BYTES], d, 0x0080_0000);
        int vcvt = 0xeebb_0acd;
        int[] r1 = new int[15];
        r1[VfpFuzzCases.BASE] = VfpFuzzCases.SCRATCH_MID + 4;
        byte[] m1 = new byte[VfpFuzzCases.SCRATCH_BYTES];
        java.util.Arrays.fill(m1, (byte) 0x5a);
        VfpFuzzCases.State s1 = new VfpFuzzCases.State(r1, 0, m1, new long[16], 0);
        int vld1 = 0xf42b_07df;
        return List.of(new Witness(0, new VfpFuzzCases.Case(s, new int[]{vcvt}, new VfpRow[]{VfpTable.find(vcvt)}),
                        0x4aae_1b00L, 0x0080_0010, false, "cortex-a9"),
                new Witness(1, new VfpFuzzCases.Case(s1, new int[]{vld1}, new VfpRow[1]), 0, 0, true, "cortex-a15"));
    }

    @Test
    void everyErratumHasAWitness() {
        assertEquals(ArmOracleErrata.RULES.size(), witnesses().size());
        Witness w = witnesses().get(0);
        assertEquals("vcvt.f32.u32 s0, s0, #6", A32Disassembler.format(w.c().insns()[0], FuzzTarget.CODE).replace('\t', ' '));
        assertEquals(true, ArmOracleErrata.fromFixedToSingle(w.c().rows()[0]));
        assertEquals("vld1.64 {d0}, [r11:64]", A32Disassembler.format(witnesses().get(1).c().insns()[0], FuzzTarget.CODE));
    }

    @Test
    void qemuUserAgreesWithTheManualWhereUnicornDoesNot() throws Exception {
        assumeTrue(ArmQemuDifferentialTest.onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): errata check skipped");
        String why = FuzzTestSupport.skipReason();
        assumeTrue(why == null, "Unicorn not usable, errata check skipped: " + why);
        List<Witness> ws = witnesses();
        ByteBuffer file = VfpFuzzCases.buffer(ws.size());
        for (Witness w : ws) w.c().write(file);
        Path dir = Files.createTempDirectory("arm-errata");
        Path caseFile = dir.resolve("errata.bin");
        List<VfpQemuDifferentialTest.Outcome> qemu;
        try {
            Files.write(caseFile, file.array());
            qemu = VfpQemuDifferentialTest.runAll(ws.size(),
                    first -> HarnessRuns.qemu(VfpQemuDifferentialTest.HARNESS, "cortex-a15", caseFile, first));
        } finally {
            Files.deleteIfExists(caseFile);
            Files.deleteIfExists(dir);
        }
        for (int i = 0; i < ws.size(); i++) {
            Witness w = ws.get(i);
            String rule = ArmOracleErrata.RULES.get(w.rule());
            ArmFuzzTarget target = (ArmFuzzTarget) new ArmFuzzTarget().withCpu(w.cpu());
            try (UnicornOracle uc = new UnicornOracle(target); EngineOracle interp = new EngineOracle(target, false);
                 EngineOracle dbt = new EngineOracle(target, true)) {
                if (w.alignmentFault()) {
                    FuzzTarget.Case c = fuzzCase(target, w.c());
                    Oracle.Outcome u = uc.run(c), a = interp.run(c), b = dbt.run(c);
                    for (Oracle.Outcome o : List.of(a, b)) assertTrue(o.stop().startsWith("fault:"), "dynvm: " + o.stop() + ": " + rule);
                    assertEquals(null, qemu.get(i).state(), "qemu-arm ran it (qemu-user shares the error?): " + rule);
                    assertEquals(128 + 7, qemu.get(i).status(), "qemu-arm: SIGBUS: " + rule);
                    assertEquals("end", u.stop(), "Unicorn (erratum no longer there?): " + rule);
                    assertEquals(0x5a5a5a5a5a5a5a5aL, u.fields()[ArmFuzzTarget.F_D0], "Unicorn loads d0: " + rule);
                    System.out.printf("erratum %d: dynvm %s, qemu-arm status %d, Unicorn %s d0 %016x%n", w.rule(), a.stop(),
                            qemu.get(i).status(), u.stop(), u.fields()[ArmFuzzTarget.F_D0]);
                    continue;
                }
                VfpFuzzCases.State q = qemu.get(i).state();
                FuzzTarget.Case c = fuzzCase(target, w.c());
                Oracle.Outcome u = uc.run(c), a = interp.run(c), b = dbt.run(c);
                for (Oracle.Outcome o : List.of(a, b)) {
                    assertEquals(w.d0(), o.fields()[ArmFuzzTarget.F_D0], "dynvm, d0: " + rule);
                    assertEquals(w.fpscr(), (int) o.fields()[target.fpscr()], "dynvm, fpscr: " + rule);
                }
                assertEquals(w.d0(), q.d()[0], "qemu-arm, d0 (qemu-user shares the error?): " + rule);
                assertEquals(w.fpscr(), q.fpscr(), "qemu-arm, fpscr: " + rule);
                assertNotEquals(w.d0(), u.fields()[ArmFuzzTarget.F_D0], "Unicorn, d0 (erratum no longer there?): " + rule);
                System.out.printf("erratum %d: d0 dynvm %016x, qemu-arm %016x, Unicorn %016x%n", w.rule(), a.fields()[ArmFuzzTarget.F_D0],
                        q.d()[0], u.fields()[ArmFuzzTarget.F_D0]);
            }
        }
    }

    /** The harness case as an A32 fuzz case (user mode, the scratch bytes at their place in the data page). */
    static FuzzTarget.Case fuzzCase(ArmFuzzTarget t, VfpFuzzCases.Case c) {
        VfpFuzzCases.State s = c.init();
        long[] init = new long[t.fields().size()];
        init[ArmFuzzTarget.F_CPSR] = (s.cpsr() & 0xffffffffL) | ArmFuzzTarget.USR;
        for (int i = 0; i < 15; i++) init[ArmFuzzTarget.F_R0 + i] = s.r()[i] & 0xffffffffL;
        for (int i = 0; i < 16; i++) init[ArmFuzzTarget.F_D0 + i] = s.d()[i];
        init[t.fpscr()] = s.fpscr() & 0xffffffffL;
        byte[] data = new byte[FuzzTarget.DATA_SIZE];
        System.arraycopy(s.mem(), 0, data, VfpFuzzCases.SCRATCH - FuzzTarget.DATA, s.mem().length);
        return new FuzzTarget.Case(c.insns(), c.insns().length, init, data, null);
    }
}
