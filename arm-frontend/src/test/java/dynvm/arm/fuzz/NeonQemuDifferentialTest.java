package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.HarnessRuns;
import dynvm.arm.fuzz.VfpFuzzCases.State;
import dynvm.arm.fuzz.VfpQemuDifferentialTest.Outcome;
import dynvm.arm.neon.NeonRow;
import dynvm.arm.neon.NeonTable;
import dynvm.arm.thumb.ThumbRow;
import dynvm.arm.vfp.VfpFields;
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
 * Differential test of the Cortex-A15's SIMD and floating-point rows against {@code qemu-arm -cpu
 * cortex-a15}, through the D32 variant of the fuzz harness ({@code insn_fuzz_neon}, which saves
 * r0-r14, NZCVQ, 256 scratch bytes, d0-d31 and FPSCR, QC included): cases of 1-4 instructions
 * drawn from every Advanced SIMD row ({@link NeonTable}) and every VFP row the model has
 * ({@link VfpFuzzCases#rows(ArmCpuModel)}: VFPv4's VFMA/VFMS/VFNMA/VFNMS, VCVTB/VCVTT, the
 * conversions, compares, VMOV/VMRS/VMSR transfers, VLDR/VSTR/VLDM/VSTM, both precisions), VFP about
 * a third of the instructions, each {@code match | random operand bits} kept when the table
 * defines it and naming any of d0-d31. Half of the cases run in ARM state (the A32 words, VFP and
 * transfers with random conditions: {@link ArmInsnFuzzCases#next}), half in Thumb-2 state
 * ({@link ThumbFuzzCases#next}): the same rows' Thumb-2 encodings, some inside IT blocks (an IT and
 * 1-4 conditional instructions, random then/else patterns and first conditions, AL too). No row
 * is kept out of IT blocks: the ARM ARM (DDI 0406C, A8.3 Conditional execution, and each Advanced
 * SIMD instruction's {@code <c>}: "ARM strongly recommends that a Thumb Advanced SIMD instruction
 * is unconditional") defines an Advanced SIMD instruction in an IT block as executed when its
 * condition passes; only a VMSR stays out (it is a case's first instruction, its source a clean
 * FPSCR value). The initial FPSCR has random NZCV, RMode, FZ, DN, cumulative bits and QC (and the
 * first-instruction VMSR sets QC in half of its cases).
 *
 * <p>Element loads/stores are based on the memory register (A32 r11, Thumb r7) = the middle of the
 * scratch area with Rm = 13 (post-increment by the size) or 15 (none), so a later access may be
 * unaligned for its qualifier and fault as qemu's does. VTRN/VUZP/VZIP with Vd = Vm
 * (UNPREDICTABLE) are not drawn: dynvm keeps the Dd result, qemu's outcome depends on the element
 * size. Under dynvm's interpreter, DBT engine and straight bytecode (SnippetRunner).
 *
 * <p>Seed {@code -Ddynvm.neonFuzzSeed=N}, size {@code -Ddynvm.neonFuzzCases=N} (default 2000); by hand,
 * {@code -Ddynvm.neonFuzzRows=REGEX} draws only the rows (NEON and VFP) whose name matches.
 * Skipped when qemu-arm is not on the PATH.
 */
class NeonQemuDifferentialTest {
    static final long DEFAULT_SEED = 0x5eed_18L;
    static final int DREGS = 32;
    /** {@code struct fuzz_state} / {@code fuzz_case} of {@code insn_fuzz.c} built with -DVFP -DD32 (10 instruction slots). */
    static final int STATE_BYTES = 584, CASE_BYTES = 632, SLOTS = 10;
    /** Thumb: an IT and four 32-bit instructions. */
    static final int THUMB_HALFWORDS = 9;
    static final Path HARNESS = dynvm.arm.ArmGuestCase.GUEST.resolve("harness/bin/insn_fuzz_neon");

    /** A case: the initial state (d0-d31 and FPSCR) and the code as the shared generators drew it (A32 words, or Thumb halfwords). */
    record NeonCase(State init, ArmInsnFuzzCases.Case code) {
        int[] insns() { return code.insns(); }

        boolean thumb() { return code.thumb(); }

        void write(ByteBuffer b) {
            init.write(b);
            b.putInt(thumb() ? 1 : 0).putInt(insns().length);
            for (int i = 0; i < SLOTS; i++) b.putInt(i < insns().length ? insns()[i] : 0);
        }

        /** The code as SnippetRunner stores it: words, or halfwords packed two per word (padded as the harness pads). */
        int[] words() { return code.words(); }

        /** Does the case hold an IT block? */
        boolean itBlock() {
            for (Object r : code.rows()) if (r instanceof ThumbRow t && t.name().equals("it")) return true;
            return false;
        }

        /** VFP instructions in the case. */
        int vfp() {
            int n = 0;
            for (Object r : code.rows()) n += r instanceof VfpRow || r instanceof ThumbRow t && ThumbFuzzCases.vfpRow(t) != null ? 1 : 0;
            return n;
        }
    }

    /** The rows drawn in each state: A32 ({@link NeonRow}s and {@link VfpRow}s) and their Thumb-2 generator rows. */
    record Rows(List<Object> a32, List<ThumbRow> thumb, int neon, int vfp) { }

    /** Every Advanced SIMD row and every VFP row of the Cortex-A15 whose name matches {@code only} (null: all). */
    static Rows rows(String only) {
        java.util.function.Predicate<String> keep = n -> only == null || n.matches(only);
        List<NeonRow> neon = NeonTable.ROWS.stream().filter(r -> keep.test(r.name())).toList();
        List<VfpRow> vfp = VfpFuzzCases.rows(ArmCpuModel.CORTEX_A15).stream().filter(r -> keep.test(r.name())).toList();
        List<ThumbRow> neonT = new ArrayList<>(), vfpT = new ArrayList<>();
        for (ThumbRow t : ThumbFuzzCases.vfpAndNeonRowsA15())
            if (keep.test(t.name())) (ThumbFuzzCases.neonRow(t) != null ? neonT : vfpT).add(t);
        return new Rows(mix(vfp, neon), mix(vfpT, neonT), neon.size(), vfp.size());
    }

    /** VFP rows about a third of the draws, so the wider SIMD table does not crowd them out. */
    static <T> List<T> mix(List<? extends T> vfp, List<? extends T> neon) {
        List<T> r = new ArrayList<>(neon);
        int copies = vfp.isEmpty() ? 0 : Math.max(1, Math.round(neon.size() / 2f / vfp.size()));
        for (int i = 0; i < copies; i++) r.addAll(vfp);
        return List.copyOf(r);
    }

    @Test
    void randomNeonInstructionsAgreeWithQemuCortexA15() throws Exception {
        assumeTrue(ArmQemuDifferentialTest.onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): skipped");
        ArmCpuModel model = ArmCpuModel.CORTEX_A15;
        long seed = Long.getLong("dynvm.neonFuzzSeed", DEFAULT_SEED);
        int count = Integer.getInteger("dynvm.neonFuzzCases", 2000);
        dynvm.translator.vm.IsaRegistry registry = new dynvm.translator.vm.IsaRegistry().withCpu(model.cpuName);
        SnippetRunner snippets = new SnippetRunner(new dynvm.arm.ArmIsa(model));
        Rows rows = rows(System.getProperty("dynvm.neonFuzzRows"));      // a regex on row names: focus a run on some rows
        System.out.printf("NeonQemuDifferentialTest: seed %d, %d cases from %d Advanced SIMD and %d VFP rows, d0-d31, ARM and Thumb-2 (IT blocks too)%n",
                seed, count, rows.neon(), rows.vfp());
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
        int bad = 0, died = 0, thumb = 0, inIt = 0, vfp = 0, insns = 0;
        try {
            Files.write(caseFile, file.array());
            List<Outcome> qemu = runAll(count, first -> HarnessRuns.qemu(HARNESS, model.cpuName, caseFile, first));
            List<Outcome> interp = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.INTERP, dir, registry));
            List<Outcome> dbt = runAll(count, first -> HarnessRuns.dynvm(HARNESS, caseFile, first, EngineKind.DBT, dir, registry));
            for (int i = 0; i < count; i++) {
                NeonCase c = cases.get(i);
                if (c.thumb()) thumb++;
                if (c.itBlock()) inIt++;
                vfp += c.vfp();
                for (Object r : c.code().rows()) if (r != null && !(r instanceof ThumbRow t && t.name().equals("it"))) insns++;
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
        System.out.printf("NeonQemuDifferentialTest: %d cases (%d Thumb-2, %d of them with an IT block; %d of %d instructions VFP; %d died in qemu), %d mismatches, %.1f s%n",
                count, thumb, inIt, vfp, insns, died, bad, (System.nanoTime() - t0) / 1e9);
        if (bad > 0) fail(bad + " of " + count + " NEON cases differ from qemu-arm (seed " + seed + "):\n" + failures);
        assertTrue(died <= count / 10, "too many cases died under qemu (" + died + ")");
    }

    /**
     * The draw, without qemu: every Advanced SIMD row and every VFP row of the Cortex-A15 in both
     * states, IT blocks of each size 1-4 holding both kinds, and VFP loads and stores naming d16-d31.
     */
    @Test
    void drawsEveryRowInBothStatesAndInItBlocks() {
        Rows rows = rows(null);
        Random rnd = new Random(DEFAULT_SEED);
        java.util.Set<Object> a32 = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Set<Object> thumb = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int[] blocks = new int[5];
        int vfpInIt = 0, neonInIt = 0, highVfpMemory = 0;
        for (int n = 0; n < 10_000; n++) {
            NeonCase c = next(rnd, rows);
            Object[] at = c.code().rows();
            int left = 0;
            for (int i = 0; i < at.length; i++) {
                Object r = at[i];
                if (r == null) continue;
                (c.thumb() ? thumb : a32).add(r);
                if (r instanceof ThumbRow t && t.name().equals("it")) {
                    left = 4 - Integer.numberOfTrailingZeros(c.insns()[i] & 0xf);
                    blocks[left]++;
                    continue;
                }
                VfpRow v = r instanceof VfpRow f ? f : r instanceof ThumbRow t ? ThumbFuzzCases.vfpRow(t) : null;
                if (left > 0) {
                    left--;
                    if (v != null) vfpInIt++; else neonInIt++;
                }
                int w = c.thumb() ? c.insns()[i] << 16 | c.insns()[i + 1] : c.insns()[i];
                if (v != null && VfpFuzzCases.isMemory(v) && v.namesHighRegister(w)) highVfpMemory++;
            }
        }
        List<Object> a32Rows = new ArrayList<>(NeonTable.ROWS);
        a32Rows.addAll(VfpFuzzCases.rows(ArmCpuModel.CORTEX_A15));
        for (Object r : a32Rows) assertTrue(a32.contains(r), "A32 never drew " + r);
        for (ThumbRow t : ThumbFuzzCases.vfpAndNeonRowsA15()) assertTrue(thumb.contains(t), "Thumb-2 never drew " + t.name());
        for (int k = 1; k <= 4; k++) assertTrue(blocks[k] > 0, "no IT block of " + k);
        assertTrue(vfpInIt > 0 && neonInIt > 0, "VFP " + vfpInIt + ", NEON " + neonInIt + " in IT blocks");
        assertTrue(highVfpMemory > 0, "no VFP load or store of d16-d31");
        System.out.printf("NeonQemuDifferentialTest: draw of 10000 cases: IT blocks of 1-4: %d %d %d %d; in them %d VFP and %d NEON instructions; %d VFP loads/stores of d16-d31%n",
                blocks[1], blocks[2], blocks[3], blocks[4], vfpInIt, neonInIt, highVfpMemory);
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

    static NeonCase next(Random rnd, Rows rows) {
        boolean thumb = rnd.nextBoolean();
        ArmInsnFuzzCases.Case code = thumb
                ? ThumbFuzzCases.next(rnd, rows.thumb(), THUMB_HALFWORDS, 1 + rnd.nextInt(3), true, true)
                : ArmInsnFuzzCases.next(rnd, ArmInsnFuzzCases.Kind.A32_V7, rows.a32(), 1 + rnd.nextInt(VfpFuzzCases.MAX_INSNS), true, true);
        int[] r = code.init().r().clone();
        Object first = code.rows()[0];
        VfpRow v = first instanceof VfpRow f ? f : first instanceof ThumbRow t ? ThumbFuzzCases.vfpRow(t) : null;
        if (v != null && VfpFuzzCases.isVmsr(v) && rnd.nextBoolean())   // the VMSR sets QC too
            r[VfpFields.rt(thumb ? code.insns()[0] << 16 | code.insns()[1] : code.insns()[0])] |= ArmOracleErrata.QC;
        long[] d = new long[DREGS];
        for (int i = 0; i < DREGS; i++) d[i] = NeonFuzzCases.dValue(rnd);
        int fpscr = VfpFuzzCases.fpscrValue(rnd) | (rnd.nextBoolean() ? ArmOracleErrata.QC : 0);
        return new NeonCase(new State(r, code.init().cpsr(), code.init().mem(), d, fpscr), code);
    }

    static String listing(NeonCase c) { return ArmInsnFuzzCases.listing(c.code()); }

    static String initial(State s) {
        StringBuilder sb = new StringBuilder("    initial ").append(ArmQemuDifferentialTest.flags(s.cpsr()));
        sb.append(String.format(" fpscr=%08x", s.fpscr()));
        for (int i = 0; i < 15; i++) if (i != VfpFuzzCases.SP) sb.append(String.format(" r%d=%08x", i, s.r()[i]));
        for (int i = 0; i < s.d().length; i++) sb.append(i % 8 == 0 ? System.lineSeparator() + "   " : "").append(String.format(" d%d=%016x", i, s.d()[i]));
        return sb.append(System.lineSeparator()).toString();
    }
}
