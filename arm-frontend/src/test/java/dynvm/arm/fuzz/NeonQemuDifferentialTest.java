package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.HarnessRuns;
import dynvm.arm.a32.A32Disassembler;
import dynvm.arm.fuzz.VfpFuzzCases.State;
import dynvm.arm.fuzz.VfpQemuDifferentialTest.Outcome;
import dynvm.arm.neon.Neon;
import dynvm.arm.neon.NeonRow;
import dynvm.arm.neon.NeonTable;
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
 * cortex-a15}, through the D32 variant of the fuzz harness ({@code insn_fuzz_neon}, which saves
 * r0-r14, NZCVQ, 256 scratch bytes, d0-d31 and FPSCR, QC included): cases of 1-4 words, each
 * {@code match | random operand bits} of a row, kept when the table defines them, naming any of
 * d0-d31, half of the cases in ARM state and half as the Thumb-2 twins (a transfer with condition
 * 1110, outside IT blocks: the Unicorn fuzzer draws those); element loads/stores are based on r11 =
 * the middle of the scratch area with Rm = 13 (post-increment by the size) or 15 (none), so a later
 * access may be unaligned for its qualifier and fault as qemu's does. VTRN/VUZP/VZIP with Vd = Vm
 * (UNPREDICTABLE) are not drawn: dynvm keeps the Dd result, qemu's outcome depends on the element
 * size. Under dynvm's interpreter, DBT engine and straight bytecode (SnippetRunner).
 *
 * <p>Seed {@code -Ddynvm.neonFuzzSeed=N}, size {@code -Ddynvm.neonFuzzCases=N} (default 2000); by hand,
 * {@code -Ddynvm.neonFuzzRows=REGEX} draws only the rows whose name matches.
 * Skipped when qemu-arm is not on the PATH.
 */
class NeonQemuDifferentialTest {
    static final long DEFAULT_SEED = 0x5eed_18L;
    static final int BASE = VfpFuzzCases.BASE, DREGS = 32;
    /** {@code struct fuzz_state} / {@code fuzz_case} of {@code insn_fuzz.c} built with -DVFP -DD32. */
    static final int STATE_BYTES = 584, CASE_BYTES = 624;
    static final Path HARNESS = dynvm.arm.ArmGuestCase.GUEST.resolve("harness/bin/insn_fuzz_neon");

    /** A case: the initial state (d0-d31) and A32 words, or Thumb halfwords when {@code thumb}. */
    record NeonCase(State init, int[] insns, boolean thumb) {
        void write(ByteBuffer b) {
            init.write(b);
            b.putInt(thumb ? 1 : 0).putInt(insns.length);
            for (int i = 0; i < 8; i++) b.putInt(i < insns.length ? insns[i] : 0);
        }

        /** The code as SnippetRunner stores it: words, or halfwords packed two per word (padded as the harness pads). */
        int[] words() {
            if (!thumb) return insns.clone();
            int[] w = new int[(insns.length + 1) / 2];
            for (int i = 0; i < insns.length; i++) w[i / 2] |= (insns[i] & 0xffff) << (16 * (i & 1));
            if ((insns.length & 1) != 0) w[w.length - 1] |= 0x46c0 << 16;
            return w;
        }
    }

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
        System.out.printf("NeonQemuDifferentialTest: seed %d, %d cases from %d rows, d0-d31, ARM and Thumb-2%n", seed, count, rows.size());
        long t0 = System.nanoTime();
        Random rnd = new Random(seed);
        List<NeonCase> cases = new ArrayList<>();
        ByteBuffer file = ByteBuffer.allocate(count * CASE_BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            NeonCase c = next(rnd, rows);
            cases.add(c);
            c.write(file);
        }
        Path dir = Files.createTempDirectory("neon-fuzz");
        Path caseFile = dir.resolve("neon.bin");
        StringBuilder failures = new StringBuilder();
        int bad = 0, died = 0, thumb = 0;
        try {
            Files.write(caseFile, file.array());
            List<Outcome> qemu = runAll(count, first -> HarnessRuns.qemu(HARNESS, model.cpuName, caseFile, first));
            List<Outcome> interp = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.INTERP, dir, registry));
            List<Outcome> dbt = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.DBT, dir, registry));
            for (int i = 0; i < count; i++) {
                NeonCase c = cases.get(i);
                if (c.thumb()) thumb++;
                Outcome q = qemu.get(i);
                if (q.state() == null) died++;
                String d = VfpQemuDifferentialTest.diff(q, interp.get(i), "interp") + VfpQemuDifferentialTest.diff(q, dbt.get(i), "dbt")
                        + VfpQemuDifferentialTest.diff(q, bytecode(snippets, c), "bytecode");
                if (!d.isEmpty() && bad++ < 25)
                    failures.append(String.format("case %d (seed %d):%n%s%s%s%n", i, seed, listing(c), initial(c.init()), d));
            }
        } finally {
            Files.deleteIfExists(caseFile);
            Files.deleteIfExists(dir);
        }
        System.out.printf("NeonQemuDifferentialTest: %d cases (%d Thumb-2, %d died in qemu), %d mismatches, %.1f s%n",
                count, thumb, died, bad, (System.nanoTime() - t0) / 1e9);
        if (bad > 0) fail(bad + " of " + count + " NEON cases differ from qemu-arm (seed " + seed + "):\n" + failures);
        assertTrue(died <= count / 10, "too many cases died under qemu (" + died + ")");
    }

    static List<Outcome> runAll(int n, HarnessRuns.Runner runner) throws Exception {
        return HarnessRuns.runAll(n, STATE_BYTES, b -> new Outcome(State.read(b, DREGS), 0), s -> new Outcome(null, s), runner);
    }

    /**
     * The case compiled straight to bytecode by the translator, from the same state; an alignment
     * fault (every fault of these cases: their accesses stay inside the scratch area) is the SIGBUS
     * death qemu reports.
     */
    static Outcome bytecode(SnippetRunner snippets, NeonCase c) {
        State s = c.init();
        SnippetRunner.Result r = snippets.runOne(c.words(), (cpu, mem) -> {
            HarnessRuns.putCore(cpu, s.r(), s.cpsr(), false);
            HarnessRuns.put(cpu, dynvm.arm.ArmRegs.T, c.thumb() ? 1 : 0);
            for (int i = 0; i < DREGS; i++) dynvm.arm.ArmRegs.FILE.write(cpu, dynvm.arm.ArmRegs.D[i], s.d()[i]);
            HarnessRuns.put(cpu, dynvm.arm.ArmRegs.FPSCR, s.fpscr());
            for (int i = 0; i < VfpFuzzCases.SCRATCH_BYTES; i++) mem.store8(VfpFuzzCases.SCRATCH + i, s.mem()[i]);
        }, true);
        if (r.stop().startsWith("trap:")) return new Outcome(null, 128 + Integer.parseInt(r.stop().substring(5)));
        if (r.stop().startsWith("fault:")) return new Outcome(null, 128 + 7);
        if (!r.stop().equals("end")) return new Outcome(null, HarnessRuns.DIED);
        dynvm.spi.CpuState cpu = r.cpu();
        byte[] m = new byte[VfpFuzzCases.SCRATCH_BYTES];
        for (int i = 0; i < m.length; i++) m[i] = (byte) r.mem().load8(VfpFuzzCases.SCRATCH + i);
        long[] d = new long[DREGS];
        for (int i = 0; i < DREGS; i++) d[i] = dynvm.arm.ArmRegs.FILE.read(cpu, dynvm.arm.ArmRegs.D[i]);
        return new Outcome(new State(HarnessRuns.coreRegs(cpu), HarnessRuns.cpsr(cpu, false), m, d,
                HarnessRuns.get(cpu, dynvm.arm.ArmRegs.FPSCR)), 0);
    }

    static boolean isMemory(NeonRow row) { return NeonFuzzCases.isMemory(row); }

    static NeonCase next(Random rnd, List<NeonRow> rows) {
        int n = 1 + rnd.nextInt(VfpFuzzCases.MAX_INSNS);
        boolean thumb = rnd.nextBoolean();
        int[] insns = new int[thumb ? 2 * n : n];
        boolean mem = false;
        for (int i = 0; i < n; i++) {
            NeonRow row = rows.get(rnd.nextInt(rows.size()));
            mem |= isMemory(row);
            int w = NeonFuzzCases.word(row, rnd, java.util.Set.of(BASE), BASE, true, thumb, true);
            if (!thumb) insns[i] = w;
            else {
                int t = NeonFuzzCases.toThumb(w);
                insns[2 * i] = t >>> 16;
                insns[2 * i + 1] = t & 0xffff;
            }
        }
        int[] r = new int[15];
        for (int i = 0; i < 15; i++) r[i] = i == VfpFuzzCases.SP ? 0 : ArmInsnFuzzCases.intValue(rnd);
        if (mem) r[BASE] = VfpFuzzCases.SCRATCH_MID;
        byte[] m = new byte[VfpFuzzCases.SCRATCH_BYTES];
        rnd.nextBytes(m);
        long[] d = new long[DREGS];
        for (int i = 0; i < DREGS; i++) d[i] = rnd.nextInt(3) == 0 ? VfpFuzzCases.doubleValue(rnd) : laneValue(rnd);
        int fpscr = VfpFuzzCases.fpscrValue(rnd) | (rnd.nextBoolean() ? ArmOracleErrata.QC : 0);
        return new NeonCase(new State(r, rnd.nextInt() & ArmInsnFuzzCases.NZCVQ, m, d, fpscr), insns, thumb);
    }

    static long laneValue(Random rnd) { return NeonFuzzCases.laneValue(rnd); }

    static String listing(NeonCase c) {
        StringBuilder sb = new StringBuilder();
        int pc = ArmInsnFuzzCases.CODE;
        int step = c.thumb() ? 2 : 1;
        for (int i = 0; i < c.insns().length; i += step, pc += 4) {
            int w = c.thumb() ? Neon.fromThumb(c.insns()[i] << 16 | c.insns()[i + 1]) : c.insns()[i];
            String text = Neon.disassemble(w);
            sb.append(c.thumb() ? String.format("    %08x: %04x %04x  %s (thumb)%n", pc, c.insns()[i], c.insns()[i + 1], text)
                                : String.format("    %08x: %08x  %s%n", pc, w, text != null ? text : A32Disassembler.format(w, pc)));
        }
        return sb.toString();
    }

    static String initial(State s) {
        StringBuilder sb = new StringBuilder("    initial ").append(ArmQemuDifferentialTest.flags(s.cpsr()));
        sb.append(String.format(" fpscr=%08x", s.fpscr()));
        for (int i = 0; i < 15; i++) if (i != VfpFuzzCases.SP) sb.append(String.format(" r%d=%08x", i, s.r()[i]));
        for (int i = 0; i < s.d().length; i++) sb.append(i % 8 == 0 ? System.lineSeparator() + "   " : "").append(String.format(" d%d=%016x", i, s.d()[i]));
        return sb.append(System.lineSeparator()).toString();
    }
}
