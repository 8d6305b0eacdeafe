package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.HarnessRuns;
import dynvm.arm.a32.A32Disassembler;
import dynvm.arm.fuzz.VfpFuzzCases.Case;
import dynvm.arm.fuzz.VfpFuzzCases.State;
import dynvm.arm.fuzz.VfpQemuDifferentialTest.Outcome;
import dynvm.arm.neon.NeonRow;
import dynvm.arm.neon.NeonTable;
import dynvm.arm.vfp.VfpRow;
import dynvm.translator.harness.SnippetRunner;
import dynvm.translator.vm.EngineKind;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the Advanced SIMD rows ({@link NeonTable}) against {@code qemu-arm -cpu
 * cortex-a15}, through the VFP fuzz harness ({@code insn_fuzz_vfp}, which saves r0-r14, NZCVQ,
 * 256 scratch bytes, d0-d15 and FPSCR, QC included): cases of 1-4 A32 words, each
 * {@code match | random operand bits}, kept when the table defines them and they name only d0-d15;
 * element loads/stores are based on r11 = the middle of the scratch area with Rm = 13 (post-increment
 * by the size) or 15 (none), so a later access may be unaligned for its qualifier and fault as qemu's
 * does. VTRN/VUZP/VZIP with Vd = Vm (UNPREDICTABLE) are not drawn: dynvm keeps the Dd result, qemu's
 * outcome depends on the element size. Under dynvm's interpreter, DBT engine and straight bytecode (SnippetRunner).
 *
 * <p>Seed {@code -Ddynvm.neonFuzzSeed=N}, size {@code -Ddynvm.neonFuzzCases=N} (default 2000); by hand,
 * {@code -Ddynvm.neonFuzzRows=REGEX} draws only the rows whose name matches.
 * Skipped when qemu-arm is not on the PATH.
 */
class NeonQemuDifferentialTest {
    static final long DEFAULT_SEED = 0x5eed_18L;
    static final int BASE = VfpFuzzCases.BASE;

    @Test
    void randomNeonInstructionsAgreeWithQemuCortexA15() throws Exception {
        assumeTrue(ArmQemuDifferentialTest.onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): skipped");
        ArmCpuModel model = ArmCpuModel.CORTEX_A15;
        long seed = Long.getLong("dynvm.neonFuzzSeed", DEFAULT_SEED);
        int count = Integer.getInteger("dynvm.neonFuzzCases", 2000);
        dynvm.translator.vm.IsaRegistry registry = new dynvm.translator.vm.IsaRegistry().withCpu(model.cpuName);
        SnippetRunner snippets = new SnippetRunner(new dynvm.arm.ArmIsa(model));
        String only = System.getProperty("dynvm.neonFuzzRows");      // a regex on row names: focus a run on some rows
        List<NeonRow> rows = only == null ? NeonTable.ROWS : NeonTable.ROWS.stream().filter(r -> r.name().matches(only)).toList();
        System.out.printf("NeonQemuDifferentialTest: seed %d, %d cases from %d rows%n", seed, count, rows.size());
        long t0 = System.nanoTime();
        Random rnd = new Random(seed);
        List<Case> cases = new ArrayList<>();
        ByteBuffer file = VfpFuzzCases.buffer(count);
        for (int i = 0; i < count; i++) {
            Case c = next(rnd, rows);
            cases.add(c);
            c.write(file);
        }
        Path dir = Files.createTempDirectory("neon-fuzz");
        Path caseFile = dir.resolve("neon.bin");
        StringBuilder failures = new StringBuilder();
        int bad = 0, died = 0;
        try {
            Files.write(caseFile, file.array());
            Path harness = VfpQemuDifferentialTest.HARNESS;
            List<Outcome> qemu = VfpQemuDifferentialTest.runAll(count, first -> HarnessRuns.qemu(harness, model.cpuName, caseFile, first));
            List<Outcome> interp = VfpQemuDifferentialTest.runAll(count, first -> HarnessRuns.dynvm(harness, caseFile, first, EngineKind.INTERP, dir, registry));
            List<Outcome> dbt = VfpQemuDifferentialTest.runAll(count, first -> HarnessRuns.dynvm(harness, caseFile, first, EngineKind.DBT, dir, registry));
            for (int i = 0; i < count; i++) {
                Case c = cases.get(i);
                Outcome q = qemu.get(i);
                if (q.state() == null) died++;
                String d = VfpQemuDifferentialTest.diff(q, interp.get(i), "interp") + VfpQemuDifferentialTest.diff(q, dbt.get(i), "dbt")
                        + VfpQemuDifferentialTest.diff(q, bytecode(snippets, c), "bytecode");
                if (!d.isEmpty() && bad++ < 25)
                    failures.append(String.format("case %d (seed %d):%n%s%s%s%n", i, seed, listing(c), VfpQemuDifferentialTest.initial(c), d));
            }
        } finally {
            Files.deleteIfExists(caseFile);
            Files.deleteIfExists(dir);
        }
        System.out.printf("NeonQemuDifferentialTest: %d cases (%d died in qemu), %d mismatches, %.1f s%n",
                count, died, bad, (System.nanoTime() - t0) / 1e9);
        if (bad > 0) fail(bad + " of " + count + " NEON cases differ from qemu-arm (seed " + seed + "):\n" + failures);
        assertTrue(died <= count / 10, "too many cases died under qemu (" + died + ")");
    }

    /**
     * {@link VfpQemuDifferentialTest#bytecode}, and an alignment fault (every fault of these cases:
     * their accesses stay inside the scratch area) as the SIGBUS death qemu reports.
     */
    static Outcome bytecode(SnippetRunner snippets, Case c) {
        Outcome o = VfpQemuDifferentialTest.bytecode(snippets, c);
        if (o.state() != null || o.status() != HarnessRuns.DIED) return o;
        State s = c.init();
        SnippetRunner.Result r = snippets.runOne(c.insns(), (cpu, mem) -> {
            HarnessRuns.putCore(cpu, s.r(), s.cpsr(), false);
            for (int i = 0; i < 16; i++) dynvm.arm.ArmRegs.FILE.write(cpu, dynvm.arm.ArmRegs.D[i], s.d()[i]);
            HarnessRuns.put(cpu, dynvm.arm.ArmRegs.FPSCR, s.fpscr());
            for (int i = 0; i < VfpFuzzCases.SCRATCH_BYTES; i++) mem.store8(VfpFuzzCases.SCRATCH + i, s.mem()[i]);
        }, true);
        return r.stop().startsWith("fault:") ? new Outcome(null, 128 + 7) : o;
    }

    static boolean isMemory(NeonRow row) { return NeonFuzzCases.isMemory(row); }

    /** A defined word of {@code row} naming d0-d15 only, memory forms based on r11 with Rm 13 or 15 ({@link NeonFuzzCases#word}). */
    static int word(NeonRow row, Random rnd) { return NeonFuzzCases.word(row, rnd, java.util.Set.of(BASE), BASE, false, false, true); }

    static Case next(Random rnd, List<NeonRow> rows) {
        int n = 1 + rnd.nextInt(VfpFuzzCases.MAX_INSNS);
        int[] insns = new int[n];
        boolean mem = false;
        for (int i = 0; i < n; i++) {
            NeonRow row = rows.get(rnd.nextInt(rows.size()));
            mem |= isMemory(row);
            insns[i] = word(row, rnd);
        }
        int[] r = new int[15];
        for (int i = 0; i < 15; i++) r[i] = i == VfpFuzzCases.SP ? 0 : ArmInsnFuzzCases.intValue(rnd);
        if (mem) r[BASE] = VfpFuzzCases.SCRATCH_MID;
        byte[] m = new byte[VfpFuzzCases.SCRATCH_BYTES];
        rnd.nextBytes(m);
        long[] d = new long[16];
        for (int i = 0; i < 16; i++) d[i] = rnd.nextInt(3) == 0 ? VfpFuzzCases.doubleValue(rnd) : laneValue(rnd);
        return new Case(new State(r, rnd.nextInt() & ArmInsnFuzzCases.NZCVQ, m, d, VfpFuzzCases.fpscrValue(rnd)), insns, new VfpRow[n]);
    }

    static long laneValue(Random rnd) { return NeonFuzzCases.laneValue(rnd); }

    static String listing(Case c) {
        StringBuilder sb = new StringBuilder();
        int pc = ArmInsnFuzzCases.CODE;
        for (int i = 0; i < c.insns().length; i++, pc += 4)
            sb.append(String.format("    %08x: %08x  %s%n", pc, c.insns()[i], A32Disassembler.format(c.insns()[i], pc)));
        return sb.toString();
    }
}
