package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.ArmGuestCase;
import dynvm.arm.ArmRegs;
import dynvm.arm.HarnessRuns;
import dynvm.arm.fuzz.VfpFuzzCases.Case;
import dynvm.arm.fuzz.VfpFuzzCases.State;
import dynvm.arm.vfp.VfpRow;
import dynvm.arm.vfp.VfpTable;
import dynvm.spi.CpuState;
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
 * Differential test of the VFP instructions against qemu-arm: random cases of 1-4 A32 VFP words
 * drawn from {@link VfpTable} (see {@link VfpFuzzCases}) run in {@code harness/bin/insn_fuzz_vfp}
 * under {@code qemu-arm -cpu cortex-a9} (VFPv3 + NEON: the words are VFP only and name d0-d15),
 * under dynvm's interpreter and DBT engine, and through {@link SnippetRunner} compiled straight to
 * bytecode. r0-r12, r14, NZCVQ, the scratch bytes, d0-d15 and FPSCR must agree.
 *
 * <p>Where qemu's cortex-a9 and this VFPv3-D16 legitimately differ, the generator stays out of
 * the way instead of excusing mismatches: d16-d31, half precision and the NEON scalar sizes exist
 * there (VfpUndefinedTest covers them here); FPSCR's QC, AHP, Len, Stride and trap enables are
 * kept by qemu (short vectors included) but RAZ/WI here, so no initial FPSCR and no VMSR value sets
 * them. UNPREDICTABLE words (which this implementation makes UNDEFINED) are never generated. With
 * that, no rule of the ARM ARM needed an exception: every generated case must match bit for bit.
 *
 * <p>Seed {@code -Ddynvm.vfpFuzzSeed=N} (fixed by default), size {@code -Ddynvm.vfpFuzzCases=N}
 * (default 2000). Skipped when qemu-arm is not on the PATH.
 */
class VfpQemuDifferentialTest {
    static final Path HARNESS = ArmGuestCase.GUEST.resolve("harness/bin/insn_fuzz_vfp");
    static final long DEFAULT_SEED = 0x5eed_f9L;
    static final String QEMU_CPU = "cortex-a9";

    record Outcome(State state, int status) {
        @Override public String toString() { return state != null ? "state" : "died with status " + status; }
    }

    @Test
    void randomVfpInstructionsAgreeWithQemu() throws Exception {
        differential(ArmCpuModel.CORTEX_A9, VfpFuzzCases.rows(), Integer.getInteger("dynvm.vfpFuzzCases", 2000));
    }

    /**
     * The VFPv4 fused multiply-adds and the half-precision VCVTB/VCVTT on the Cortex-A15 model
     * against {@code qemu-arm -cpu cortex-a15}: cases drawn from the rows the A9 model lacks (VFMA,
     * VFMS, VFNMA, VFNMS in both precisions; VCVTB/VCVTT both ways) with random operands and
     * FPSCR, on d0-d15 (the harness saves those). NeonQemuDifferentialTest draws these and every
     * other VFP row of the model on d0-d31, in Thumb-2 and IT blocks too, through the D32 harness.
     */
    @Test
    void fusedMultiplyAddsAgreeWithQemuCortexA15() throws Exception {
        List<VfpRow> rows = VfpFuzzCases.rows(ArmCpuModel.CORTEX_A15).stream()
                .filter(r -> !dynvm.arm.ArmFeatureGate.vfp(ArmCpuModel.CORTEX_A9, r, r.match())).toList();
        differential(ArmCpuModel.CORTEX_A15, rows, Integer.getInteger("dynvm.vfpFuzzCases", 2000) / 4);
    }

    private static void differential(ArmCpuModel model, List<VfpRow> rows, int count) throws Exception {
        assumeTrue(ArmQemuDifferentialTest.onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): skipped");
        long seed = Long.getLong("dynvm.vfpFuzzSeed", DEFAULT_SEED);
        dynvm.translator.vm.IsaRegistry registry = new dynvm.translator.vm.IsaRegistry().withCpu(model.cpuName);
        SnippetRunner snippets = new SnippetRunner(new dynvm.arm.ArmIsa(model));
        System.out.printf("VfpQemuDifferentialTest: -cpu %s, seed %d (-Ddynvm.vfpFuzzSeed=%d), %d cases from %d rows (%d mnemonics)%n",
                model.cpuName, seed, seed, count, rows.size(), VfpFuzzCases.distinctNames(rows));
        long t0 = System.nanoTime();
        Random rnd = new Random(seed);
        List<Case> cases = new ArrayList<>();
        ByteBuffer file = VfpFuzzCases.buffer(count);
        for (int i = 0; i < count; i++) {
            Case c = VfpFuzzCases.next(rnd, rows);
            cases.add(c);
            c.write(file);
        }
        Path dir = Files.createTempDirectory("vfp-fuzz");
        Path caseFile = dir.resolve("vfp.bin");
        StringBuilder failures = new StringBuilder();
        int bad = 0, died = 0;
        try {
            Files.write(caseFile, file.array());
            List<Outcome> qemu = runAll(count, first -> HarnessRuns.qemu(HARNESS, model.cpuName, caseFile, first));
            List<Outcome> interp = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.INTERP, dir, registry));
            List<Outcome> dbt = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.DBT, dir, registry));
            for (int i = 0; i < count; i++) {
                Case c = cases.get(i);
                Outcome q = qemu.get(i);
                if (q.state == null) died++;
                String d = diff(q, interp.get(i), "interp") + diff(q, dbt.get(i), "dbt") + diff(q, bytecode(snippets, c), "bytecode");
                if (!d.isEmpty() && bad++ < 25)
                    failures.append(String.format("case %d (seed %d):%n%s%s%s%n", i, seed, VfpFuzzCases.listing(c), initial(c), d));
            }
        } finally {
            Files.deleteIfExists(caseFile);
            Files.deleteIfExists(dir);
        }
        System.out.printf("VfpQemuDifferentialTest: %d cases (%d died in qemu), %d mismatches, %.1f s%n",
                count, died, bad, (System.nanoTime() - t0) / 1e9);
        if (bad > 0) fail(bad + " of " + count + " VFP cases differ from qemu-arm (seed " + seed + "):\n" + failures);
        assertTrue(died <= count / 20, "too many cases died under qemu (" + died + "): the generator makes invalid instructions");
    }

    static List<Outcome> runAll(int n, HarnessRuns.Runner runner) throws Exception {
        return HarnessRuns.runAll(n, VfpFuzzCases.STATE_BYTES, b -> new Outcome(State.read(b), 0), s -> new Outcome(null, s), runner);
    }

    /** The case compiled straight to bytecode by the translator, from the same state. */
    static Outcome bytecode(SnippetRunner snippets, Case c) {
        State s = c.init();
        SnippetRunner.Result r = snippets.runOne(c.insns(), (cpu, mem) -> {
            HarnessRuns.putCore(cpu, s.r(), s.cpsr(), false);
            for (int i = 0; i < 16; i++) ArmRegs.FILE.write(cpu, ArmRegs.D[i], s.d()[i]);
            HarnessRuns.put(cpu, ArmRegs.FPSCR, s.fpscr());
            for (int i = 0; i < VfpFuzzCases.SCRATCH_BYTES; i++) mem.store8(VfpFuzzCases.SCRATCH + i, s.mem()[i]);
        }, true);
        if (r.stop().startsWith("trap:")) return new Outcome(null, 128 + Integer.parseInt(r.stop().substring(5)));
        if (!r.stop().equals("end")) return new Outcome(null, HarnessRuns.DIED);
        CpuState cpu = r.cpu();
        byte[] m = new byte[VfpFuzzCases.SCRATCH_BYTES];
        for (int i = 0; i < m.length; i++) m[i] = (byte) r.mem().load8(VfpFuzzCases.SCRATCH + i);
        long[] d = new long[16];
        for (int i = 0; i < 16; i++) d[i] = ArmRegs.FILE.read(cpu, ArmRegs.D[i]);
        return new Outcome(new State(HarnessRuns.coreRegs(cpu), HarnessRuns.cpsr(cpu, false), m, d, HarnessRuns.get(cpu, ArmRegs.FPSCR)), 0);
    }

    static String diff(Outcome q, Outcome d, String engine) {
        if (q.state == null || d.state == null)
            return q.state == null && d.state == null && q.status == d.status ? ""
                    : String.format("  %s: qemu %s, dynvm %s%n", engine, q, d);
        State a = q.state, b = d.state;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++)
            if (i != VfpFuzzCases.SP && a.r()[i] != b.r()[i]) sb.append(String.format(" r%d %08x/%08x", i, a.r()[i], b.r()[i]));
        if (((a.cpsr() ^ b.cpsr()) & ArmInsnFuzzCases.NZCVQ) != 0)
            sb.append(String.format(" nzcvq %s/%s", ArmQemuDifferentialTest.flags(a.cpsr()), ArmQemuDifferentialTest.flags(b.cpsr())));
        for (int i = 0; i < a.d().length; i++)
            if (a.d()[i] != b.d()[i]) sb.append(String.format(" d%d %016x/%016x", i, a.d()[i], b.d()[i]));
        if (a.fpscr() != b.fpscr()) sb.append(String.format(" fpscr %08x/%08x", a.fpscr(), b.fpscr()));
        for (int i = 0; i < a.mem().length; i++) {
            if (a.mem()[i] != b.mem()[i]) {
                sb.append(String.format(" mem[%08x] %02x/%02x", VfpFuzzCases.SCRATCH + i, a.mem()[i], b.mem()[i]));
                break;
            }
        }
        return sb.length() == 0 ? "" : String.format("  %s (qemu/dynvm):%s%n", engine, sb);
    }

    static String initial(Case c) {
        State s = c.init();
        StringBuilder sb = new StringBuilder("    initial ").append(ArmQemuDifferentialTest.flags(s.cpsr()));
        sb.append(String.format(" fpscr=%08x", s.fpscr()));
        for (int i = 0; i < 15; i++) if (i != VfpFuzzCases.SP) sb.append(String.format(" r%d=%08x", i, s.r()[i]));
        sb.append(System.lineSeparator()).append("   ");
        for (int i = 0; i < s.d().length; i++) sb.append(String.format(" d%d=%016x", i, s.d()[i]));
        return sb.append(System.lineSeparator()).toString();
    }
}
