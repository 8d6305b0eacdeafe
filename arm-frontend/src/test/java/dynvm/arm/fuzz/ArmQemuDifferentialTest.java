package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.arm.ArmGuestCase;
import dynvm.arm.ArmIsa;
import dynvm.arm.ArmRegs;
import dynvm.arm.HarnessRuns;
import dynvm.arm.fuzz.ArmInsnFuzzCases.Case;
import dynvm.arm.fuzz.ArmInsnFuzzCases.Kind;
import dynvm.arm.fuzz.ArmInsnFuzzCases.State;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import dynvm.translator.vm.EngineKind;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the A32 and Thumb instruction semantics against qemu-arm as an independent
 * oracle: random straight-line cases of 1-4 instructions drawn from the front-end's own encoding
 * tables (see {@link ArmInsnFuzzCases}: data processing in every shifter form, multiplies and the
 * v5TE DSP ops, saturating arithmetic, CLZ, MRS/MSR flags, loads and stores into a scratch area,
 * conditional execution; the ARMv6 extend/reverse ops; Thumb-1 data processing and loads/stores)
 * run inside the guest harness {@code harness/bin/insn_fuzz} under qemu-arm, under dynvm's
 * interpreter and DBT engine, and once more through {@link SnippetRunner} compiled straight to
 * bytecode (a one-shot case never gets hot in the DBT engine). r0-r12, r14, N Z C V Q and the
 * scratch bytes must agree.
 *
 * <p>Four batches, each one qemu process per engine: ARMv5TE words under {@code -cpu arm926},
 * the ARMv6 extras under {@code -cpu arm1136}, the ARMv6/v7 media, multiply and MOVW/MOVT rows
 * under {@code -cpu cortex-a9} (with random GE bits in, GE compared), Thumb-1 under {@code -cpu arm926},
 * ARMv7 Thumb (Thumb-2 and IT blocks, {@link ThumbFuzzCases}) under {@code -cpu cortex-a8}.
 * Seed {@code -Ddynvm.fuzzSeed=N} (fixed by default), size {@code -Ddynvm.fuzzCases=N} (default
 * 5000: 50% ARM, of which an eighth ARMv6 and a quarter ARMv7, 20% Thumb-1, 30% Thumb-2; with
 * {@code -Ddynvm.fuzzKinds=THUMB2,...} all of them in the named batches). Skipped when qemu-arm is
 * not on the PATH.
 */
class ArmQemuDifferentialTest {
    static final Path HARNESS = ArmGuestCase.GUEST.resolve("harness/bin/insn_fuzz");
    static final long DEFAULT_SEED = 0x5eed_a32L;

    /** Result of one case: a final state, or the exit status of a harness that died in it. */
    record Outcome(State state, int status) {
        @Override public String toString() { return state != null ? "state" : "died with status " + status; }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }

    @Test
    void randomInstructionsAgreeWithQemu() throws Exception {
        assumeTrue(onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): differential test skipped");
        long seed = Long.getLong("dynvm.fuzzSeed", DEFAULT_SEED);
        int total = Integer.getInteger("dynvm.fuzzCases", 5000);
        int arm = total / 2, v6 = arm / 8, v7 = arm / 4, thumb2 = total * 3 / 10;
        int[] sizes = new int[Kind.values().length];
        sizes[Kind.A32_V5.ordinal()] = arm - v6 - v7;
        sizes[Kind.A32_V6.ordinal()] = v6;
        sizes[Kind.A32_V7.ordinal()] = v7;
        sizes[Kind.THUMB.ordinal()] = total - arm - thumb2;
        sizes[Kind.THUMB2.ordinal()] = thumb2;
        String only = System.getProperty("dynvm.fuzzKinds");   // e.g. THUMB2: all the cases in the named batches
        if (only != null) {
            java.util.Set<String> kinds = java.util.Set.of(only.split(","));
            for (Kind k : Kind.values()) sizes[k.ordinal()] = kinds.contains(k.name()) ? total / kinds.size() : 0;
        }
        System.out.printf("ArmQemuDifferentialTest: seed %d (-Ddynvm.fuzzSeed=%d), %d ARMv5TE + %d ARMv6 + %d ARMv7 + %d Thumb + %d Thumb-2 cases%n",
                seed, seed, sizes[0], sizes[1], sizes[2], sizes[3], sizes[4]);
        long t0 = System.nanoTime();
        Random rnd = new Random(seed);
        StringBuilder failures = new StringBuilder();
        int bad = 0, died = 0, n = 0;
        Path dir = Files.createTempDirectory("arm-insn-fuzz");
        try {
            for (Kind kind : Kind.values()) {
                int count = sizes[kind.ordinal()];
                List<?> rows = kind == Kind.THUMB ? ArmInsnFuzzCases.thumbRows()
                        : kind == Kind.THUMB2 ? ThumbFuzzCases.rows() : ArmInsnFuzzCases.a32Rows(kind);
                List<Case> cases = new ArrayList<>();
                ByteBuffer file = ArmInsnFuzzCases.buffer(count);
                for (int i = 0; i < count; i++) {
                    Case c = kind == Kind.THUMB2 ? ThumbFuzzCases.next(rnd, ThumbFuzzCases.rows()) : ArmInsnFuzzCases.next(rnd, kind, rows);
                    cases.add(c);
                    c.write(file);
                }
                Path caseFile = dir.resolve(kind + ".bin");
                Files.write(caseFile, file.array());
                long t1 = System.nanoTime();
                // dynvm runs the same -cpu as qemu where it has the model (arm926, arm1136, cortex-a9): the
                // instruction subsets are checked too; qemu's cortex-a8 (Thumb-2) runs as dynvm's cortex-a9 (the Thumb rows are that model's)
                dynvm.arm.ArmCpuModel model = dynvm.arm.ArmCpuModel.byName(kind.qemuCpu);
                if (model == null) model = dynvm.arm.ArmCpuModel.CORTEX_A9;
                dynvm.translator.vm.IsaRegistry registry = new dynvm.translator.vm.IsaRegistry().withCpu(model.cpuName);
                SnippetRunner snippets = new SnippetRunner(new ArmIsa(model));
                List<Outcome> qemu = runAll(count, first -> HarnessRuns.qemu(HARNESS, kind.qemuCpu, caseFile, first));
                List<Outcome> interp = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.INTERP, dir, registry));
                List<Outcome> dbt = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.DBT, dir, registry));
                System.out.printf("ArmQemuDifferentialTest: %s, %d rows: qemu and the two engines in %.1f s%n",
                        kind, rows.size(), (System.nanoTime() - t1) / 1e9);
                for (int i = 0; i < count; i++) {
                    Case c = cases.get(i);
                    Outcome q = qemu.get(i);
                    if (q.state == null) died++;
                    String d = diff(q, interp.get(i), "interp") + diff(q, dbt.get(i), "dbt") + diff(q, bytecode(snippets, c), "bytecode");
                    if (!d.isEmpty() && bad++ < 25)
                        failures.append(String.format("%s case %d (seed %d), qemu -cpu %s:%n%s%s%s%n", kind, i, seed, kind.qemuCpu,
                                ArmInsnFuzzCases.listing(c), initial(c), d));
                }
                n += count;
                Files.deleteIfExists(caseFile);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        System.out.printf("ArmQemuDifferentialTest: %d cases (%d died in qemu), %d mismatches, %.1f s%n",
                n, died, bad, (System.nanoTime() - t0) / 1e9);
        if (bad > 0) fail(bad + " of " + n + " cases differ from qemu-arm (seed " + seed + "):\n" + failures);
        assertTrue(died < n / 20, "too many cases died under qemu (" + died + "): the generator makes invalid instructions");
    }

    /**
     * SDIV/UDIV, in ARM state and in Thumb-2 (inside IT blocks too), on the Cortex-A15 model
     * against {@code qemu-arm -cpu cortex-a15}: random cases drawn from the divide rows only, whose
     * operands include zero, -1 and 0x80000000 among the generator's edge values.
     */
    @Test
    void dividesAgreeWithQemuCortexA15() throws Exception {
        assumeTrue(onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): differential test skipped");
        long seed = Long.getLong("dynvm.fuzzSeed", DEFAULT_SEED);
        int count = Integer.getInteger("dynvm.fuzzCases", 5000) / 10;
        dynvm.arm.ArmCpuModel model = dynvm.arm.ArmCpuModel.CORTEX_A15;
        dynvm.translator.vm.IsaRegistry registry = new dynvm.translator.vm.IsaRegistry().withCpu(model.cpuName);
        SnippetRunner snippets = new SnippetRunner(new ArmIsa(model));
        List<dynvm.arm.a32.A32Row> a32 = dynvm.arm.a32.A32Table.ROWS.stream().filter(r -> r.name().endsWith("div")).toList();
        List<dynvm.arm.thumb.ThumbRow> t32 = dynvm.arm.thumb.ThumbTable.WIDE.stream().filter(r -> r.name().endsWith("div")).toList();
        Random rnd = new Random(seed);
        StringBuilder failures = new StringBuilder();
        int bad = 0;
        Path dir = Files.createTempDirectory("arm-div-fuzz");
        try {
            for (boolean thumb : new boolean[]{false, true}) {
                List<Case> cases = new ArrayList<>();
                ByteBuffer file = ArmInsnFuzzCases.buffer(count);
                for (int i = 0; i < count; i++) {
                    Case c = thumb ? ThumbFuzzCases.next(rnd, t32) : ArmInsnFuzzCases.next(rnd, Kind.A32_V7, a32);
                    cases.add(c);
                    c.write(file);
                }
                Path caseFile = dir.resolve("div" + thumb + ".bin");
                Files.write(caseFile, file.array());
                List<Outcome> qemu = runAll(count, first -> HarnessRuns.qemu(HARNESS, model.cpuName, caseFile, first));
                List<Outcome> interp = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.INTERP, dir, registry));
                List<Outcome> dbt = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.DBT, dir, registry));
                for (int i = 0; i < count; i++) {
                    Case c = cases.get(i);
                    Outcome q = qemu.get(i);
                    assertTrue(q.state != null, "qemu -cpu cortex-a15 died in a divide case: " + ArmInsnFuzzCases.listing(c));
                    String d = diff(q, interp.get(i), "interp") + diff(q, dbt.get(i), "dbt") + diff(q, bytecode(snippets, c), "bytecode");
                    if (!d.isEmpty() && bad++ < 25)
                        failures.append(String.format("case %d (seed %d):%n%s%s%s%n", i, seed, ArmInsnFuzzCases.listing(c), initial(c), d));
                }
                Files.deleteIfExists(caseFile);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        System.out.printf("ArmQemuDifferentialTest: SDIV/UDIV on cortex-a15, %d ARM + %d Thumb-2 cases, %d mismatches%n", count, count, bad);
        if (bad > 0) fail(bad + " divide cases differ from qemu-arm -cpu cortex-a15 (seed " + seed + "):\n" + failures);
    }

    /**
     * The instruction subsets of the older models against qemu's models of the same name: the
     * ARMv6/v7 A32 batches under {@code -cpu arm1136} and {@code -cpu arm926} on both sides, so
     * every word either runs alike or dies of SIGILL on both. One rule where qemu 7.2 is more
     * permissive than the manual: its arm1136 runs the ARMv6T2 MOVW/MOVT/BFC/BFI/SBFX/UBFX/MLS and
     * its arm926 the ARMv6 extends and reverses (SXTB/UXTAH/REV...), which dynvm refuses as the ARM
     * ARM places them after the model; a case where qemu ran and dynvm died of SIGILL is counted,
     * not failed, when it holds such a row ({@link dynvm.arm.ArmFeatureGate} says the model lacks
     * it). Everything else must agree: dynvm refusing what the model has, or running what qemu refuses.
     * Thumb-2 words are not compared on these models: qemu runs a pre-Thumb-2 core's 32-bit words
     * as two 16-bit halves (the ARMv5 BL prefix rules, mostly ending in SIGSEGV), dynvm refuses them.
     */
    @Test
    void olderModelsRefuseWhatQemuRefuses() throws Exception {
        assumeTrue(onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): differential test skipped");
        long seed = Long.getLong("dynvm.fuzzSeed", DEFAULT_SEED);
        int count = Integer.getInteger("dynvm.fuzzCases", 5000) / 25;   // every SIGILL restarts the harness: small batches
        Random rnd = new Random(seed);
        StringBuilder failures = new StringBuilder();
        int bad = 0, died = 0, permissive = 0;
        Path dir = Files.createTempDirectory("arm-model-fuzz");
        try {
            for (String cpu : new String[]{"arm1136", "arm926"}) {
                dynvm.arm.ArmCpuModel model = dynvm.arm.ArmCpuModel.byName(cpu);
                dynvm.translator.vm.IsaRegistry registry = new dynvm.translator.vm.IsaRegistry().withCpu(cpu);
                SnippetRunner snippets = new SnippetRunner(new ArmIsa(model));
                for (Kind kind : new Kind[]{Kind.A32_V6, Kind.A32_V7}) {
                    List<Case> cases = new ArrayList<>();
                    ByteBuffer file = ArmInsnFuzzCases.buffer(count);
                    List<?> rows = kind == Kind.THUMB2 ? ThumbFuzzCases.rows() : ArmInsnFuzzCases.a32Rows(kind);
                    for (int i = 0; i < count; i++) {
                        Case c = kind == Kind.THUMB2 ? ThumbFuzzCases.next(rnd, ThumbFuzzCases.rows()) : ArmInsnFuzzCases.next(rnd, kind, rows);
                        cases.add(c);
                        c.write(file);
                    }
                    Path caseFile = dir.resolve(cpu + kind + ".bin");
                    Files.write(caseFile, file.array());
                    List<Outcome> qemu = runAll(count, first -> HarnessRuns.qemu(HARNESS, cpu, caseFile, first));
                    List<Outcome> interp = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.INTERP, dir, registry));
                    List<Outcome> dbt = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.DBT, dir, registry));
                    for (int i = 0; i < count; i++) {
                        Case c = cases.get(i);
                        Outcome q = qemu.get(i);
                        if (q.state == null) died++;
                        // ARMv5 has no GE bits (reserved, read as 0 by qemu's arm926); dynvm keeps them whatever the model
                        boolean ge = model.arch >= 6;
                        String d = diff(noGe(q, ge), noGe(interp.get(i), ge), "interp") + diff(noGe(q, ge), noGe(dbt.get(i), ge), "dbt")
                                + diff(noGe(q, ge), noGe(bytecode(snippets, c), ge), "bytecode");
                        if (!d.isEmpty() && q.state != null && namesLaterRow(model, c)) {
                            permissive++;
                            continue;
                        }
                        if (!d.isEmpty() && bad++ < 25)
                            failures.append(String.format("%s case %d (seed %d), -cpu %s:%n%s%s%s%n", kind, i, seed, cpu,
                                    ArmInsnFuzzCases.listing(c), initial(c), d));
                    }
                    Files.deleteIfExists(caseFile);
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        System.out.printf("ArmQemuDifferentialTest: older models, %d cases (%d died of SIGILL in qemu, %d words qemu's older models run against the manual), %d mismatches%n",
                4 * count, died, permissive, bad);
        if (bad > 0) fail(bad + " cases differ from qemu-arm's older models (seed " + seed + "):\n" + failures);
        assertTrue(died > 0, "some ARMv7 words must die on the older models");
    }

    /** The outcome with the CPSR's GE bits cleared unless {@code keep}. */
    private static Outcome noGe(Outcome o, boolean keep) {
        if (keep || o.state == null) return o;
        State s = o.state;
        return new Outcome(new State(s.r(), s.cpsr() & ~0xf_0000, s.mem()), o.status);
    }

    /** Does the case hold an A32 row that the manual places after {@code model}'s architecture? */
    private static boolean namesLaterRow(dynvm.arm.ArmCpuModel model, Case c) {
        for (Object r : c.rows())
            if (r instanceof dynvm.arm.a32.A32Row a && !dynvm.arm.ArmFeatureGate.a32(model, a.name())) return true;
        return false;
    }

    static List<Outcome> runAll(int n, HarnessRuns.Runner runner) throws Exception {
        return HarnessRuns.runAll(n, ArmInsnFuzzCases.STATE_BYTES, b -> new Outcome(State.read(b), 0), s -> new Outcome(null, s), runner);
    }

    static final SnippetRunner SNIPPETS = new SnippetRunner(new ArmIsa());

    /** The case compiled straight to bytecode by the translator, from the same state. */
    static Outcome bytecode(Case c) { return bytecode(SNIPPETS, c); }

    static Outcome bytecode(SnippetRunner snippets, Case c) {
        State s = c.init();
        SnippetRunner.Result r = snippets.runOne(c.words(), (cpu, mem) -> {
            HarnessRuns.putCore(cpu, s.r(), s.cpsr(), true);
            HarnessRuns.put(cpu, ArmRegs.T, c.thumb() ? 1 : 0);
            for (int i = 0; i < ArmInsnFuzzCases.SCRATCH_BYTES; i++) mem.store8(ArmInsnFuzzCases.SCRATCH + i, s.mem()[i]);
        }, true);
        if (r.stop().startsWith("trap:")) return new Outcome(null, 128 + Integer.parseInt(r.stop().substring(5)));
        if (!r.stop().equals("end")) return new Outcome(null, HarnessRuns.DIED);
        CpuState cpu = r.cpu();
        byte[] m = new byte[ArmInsnFuzzCases.SCRATCH_BYTES];
        for (int i = 0; i < m.length; i++) m[i] = (byte) r.mem().load8(ArmInsnFuzzCases.SCRATCH + i);
        return new Outcome(new State(HarnessRuns.coreRegs(cpu), HarnessRuns.cpsr(cpu, true), m), 0);
    }


    /** Field-by-field differences of one engine's outcome from qemu's, or "". */
    static String diff(Outcome q, Outcome d, String engine) {
        if (q.state == null || d.state == null)
            return q.state == null && d.state == null && q.status == d.status ? ""
                    : String.format("  %s: qemu %s, dynvm %s%n", engine, q, d);
        State a = q.state, b = d.state;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++)
            if (i != ArmInsnFuzzCases.SP && a.r()[i] != b.r()[i]) sb.append(String.format(" r%d %08x/%08x", i, a.r()[i], b.r()[i]));
        if (((a.cpsr() ^ b.cpsr()) & ArmInsnFuzzCases.COMPARED) != 0)
            sb.append(String.format(" nzcvq %s/%s", flags(a.cpsr()), flags(b.cpsr())));
        for (int i = 0; i < a.mem().length; i++) {
            if (a.mem()[i] != b.mem()[i]) {
                sb.append(String.format(" mem[%08x] %02x/%02x", ArmInsnFuzzCases.SCRATCH + i, a.mem()[i], b.mem()[i]));
                break;
            }
        }
        return sb.length() == 0 ? "" : String.format("  %s (qemu/dynvm):%s%n", engine, sb);
    }

    static String flags(int cpsr) {
        String names = "NZCVQ";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) sb.append((cpsr >>> (31 - i) & 1) != 0 ? names.charAt(i) : '-');
        return sb.append(" ge=").append(Integer.toBinaryString(16 | cpsr >>> 16 & 15).substring(1)).toString();
    }

    /** The initial flags and every register value, for the report. */
    static String initial(Case c) {
        State s = c.init();
        StringBuilder sb = new StringBuilder("    initial ").append(flags(s.cpsr()));
        for (int i : new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14)))
            sb.append(String.format(" r%d=%08x", i, s.r()[i]));
        return sb.append(System.lineSeparator()).toString();
    }
}
