package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.ppc.InsnFuzzCases.Case;
import dynvm.ppc.InsnFuzzCases.State;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the instruction semantics against qemu-ppc (-cpu 7400, see {@link #QEMU_CPU}) as an independent
 * oracle: random straight-line sequences of fixed-point, CR, rotate/shift, mul/div and FPU
 * instructions (see {@link InsnFuzzCases}) run inside the guest harness {@code bin/insn_fuzz}
 * under qemu-ppc and under dynvm's interpreter and DBT engine, and once more through
 * {@link SnippetRunner} compiled straight to bytecode (a one-shot case never gets hot in the DBT
 * engine). Every captured register must agree, apart from the fields the manual leaves undefined
 * (see {@link #ignored}).
 *
 * <p>Seed: {@code -Dfuzz.seed=N} or the day number (printed); {@code -Dfuzz.cases=N} (default 3000).
 * Skipped when qemu-ppc is not on the PATH.
 */
class QemuDifferentialTest {
    static final Path HARNESS = GuestCase.GUEST.resolve("bin/insn_fuzz");
    static final int DIED = -1;
    /**
     * qemu's 7400 (G4) rather than the 750 of golden.sh: the same scalar FPU and integer unit in
     * qemu, but with the optional fsqrt/fsqrts, which dynvm implements and qemu's 750 rejects.
     */
    static final String QEMU_CPU = "7400";

    /** Result of one case: a final state, or the exit status of a harness that died in it. */
    record Outcome(State state, int status) {
        @Override public String toString() { return state != null ? "state" : "died with status " + status; }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }

    @Test
    void randomInstructionsAgreeWithQemu() throws Exception {
        assumeTrue(onPath("qemu-ppc"), "qemu-ppc not installed (Debian package qemu-user): differential test skipped");
        long seed = Long.getLong("fuzz.seed", LocalDate.now().toEpochDay());
        int n = Integer.getInteger("fuzz.cases", 3000);
        System.out.println("QemuDifferentialTest: seed " + seed + " (-Dfuzz.seed=" + seed + "), " + n + " cases");
        long t0 = System.nanoTime();

        Random rnd = new Random(seed);
        List<PpcRow> rows = InsnFuzzCases.candidates();
        List<Case> cases = new ArrayList<>();
        ByteBuffer file = ByteBuffer.allocate(n * InsnFuzzCases.CASE_BYTES);
        for (int i = 0; i < n; i++) {
            Case c = InsnFuzzCases.next(rnd, rows);
            cases.add(c);
            c.write(file);
        }
        Path dir = Files.createTempDirectory("insn-fuzz");
        Path caseFile = dir.resolve("cases.bin");
        Files.write(caseFile, file.array());
        try {
            List<Outcome> qemu = runAll(n, first -> qemu(caseFile, first));
            List<Outcome> interp = runAll(n, first -> dynvm(caseFile, first, EngineKind.INTERP, dir));
            List<Outcome> dbt = runAll(n, first -> dynvm(caseFile, first, EngineKind.DBT, dir));
            int lr = returnAddress(qemu);
            StringBuilder failures = new StringBuilder();
            int bad = 0, died = 0;
            for (int i = 0; i < n; i++) {
                Case c = cases.get(i);
                Outcome q = qemu.get(i);
                if (q.state == null) died++;
                String d = diff(c, q, interp.get(i), "interp") + diff(c, q, dbt.get(i), "dbt")
                        + diff(c, q, bytecode(c, lr), "bytecode");
                if (!d.isEmpty() && bad++ < 20)
                    failures.append(String.format("case %d (seed %d):%n%s%s%n", i, seed, InsnFuzzCases.listing(c.words(), c.rows()), d));
            }
            System.out.printf("QemuDifferentialTest: %d cases (%d died in qemu), %d mismatches, %.1f s%n",
                    n, died, bad, (System.nanoTime() - t0) / 1e9);
            if (bad > 0) fail(bad + " of " + n + " cases differ from qemu-ppc (seed " + seed + "):\n" + failures);
            assertTrue(died < n / 10, "too many cases died under qemu (" + died + "): the generator makes invalid words");
        } finally {
            Files.deleteIfExists(caseFile);
            Files.deleteIfExists(dir);
        }
    }

    /** A harness run from case {@code first}: its stdout and exit status. */
    record Run(byte[] out, int status) { }

    interface Runner { Run run(int first) throws Exception; }

    /** Runs the harness until every case has an outcome, restarting after a case that kills it. */
    static List<Outcome> runAll(int n, Runner runner) throws Exception {
        List<Outcome> r = new ArrayList<>();
        while (r.size() < n) {
            Run run = runner.run(r.size());
            ByteBuffer b = ByteBuffer.wrap(run.out);
            int k = Math.min(run.out.length / InsnFuzzCases.STATE_BYTES, n - r.size());
            for (int i = 0; i < k; i++) r.add(new Outcome(State.read(b), 0));
            if (r.size() < n) r.add(new Outcome(null, run.status == 0 ? DIED : run.status));
        }
        return r;
    }

    static Run qemu(Path caseFile, int first) throws Exception {
        Process p = new ProcessBuilder("qemu-ppc", "-cpu", QEMU_CPU, HARNESS.toString(), caseFile.toString(), Integer.toString(first))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("qemu-ppc timed out");
        }
        return new Run(out, p.exitValue());
    }

    static Run dynvm(Path caseFile, int first, EngineKind engine, Path cwd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true);
        int status = GuestLauncher.run(GuestLauncher.Request.of(HARNESS, List.of(caseFile.toString(), Integer.toString(first)),
                List.of(), engine, new ByteArrayInputStream(new byte[0]), out, err, cwd));
        return new Run(out.toByteArray(), status);
    }

    /** LR on entry to the fuzzed code: the harness stub's return address (no case writes LR). */
    static int returnAddress(List<Outcome> qemu) {
        for (Outcome o : qemu) if (o.state != null) return o.state.lr();
        return 0;
    }

    static final SnippetRunner SNIPPETS = new SnippetRunner(new PpcIsa());

    /** The case compiled straight to bytecode by the translator. */
    static Outcome bytecode(Case c, int lr) {
        State s = c.init();
        SnippetRunner.Result r = SNIPPETS.runOne(c.words(), (cpu, mem) -> {
            for (int i = 0; i < 32; i++) put(cpu, PpcRegs.GPR[i], s.gpr()[i]);
            for (int i = 0; i < 32; i++) PpcRegs.FILE.write(cpu, PpcRegs.FPR[i], s.fpr()[i]);
            for (int i = 0; i < 8; i++) put(cpu, PpcRegs.CR[i], (s.cr() >>> (28 - 4 * i)) & 15);
            put(cpu, PpcRegs.XER_SO, s.xer() >>> 31);
            put(cpu, PpcRegs.XER_OV, (s.xer() >>> 30) & 1);
            put(cpu, PpcRegs.XER_CA, (s.xer() >>> 29) & 1);
            put(cpu, PpcRegs.XER_BC, s.xer() & 0x7f);
            put(cpu, PpcRegs.CTR, s.ctr());
            put(cpu, PpcRegs.LR, lr);
            put(cpu, PpcRegs.FPSCR, s.fpscr());
        }, true);
        if (r.stop().startsWith("trap:")) return new Outcome(null, 128 + Integer.parseInt(r.stop().substring(5)));
        if (!r.stop().equals("end")) return new Outcome(null, DIED);
        CpuState cpu = r.cpu();
        long[] f = new long[32];
        int[] g = new int[32];
        for (int i = 0; i < 32; i++) f[i] = PpcRegs.FILE.read(cpu, PpcRegs.FPR[i]);
        for (int i = 0; i < 32; i++) g[i] = get(cpu, PpcRegs.GPR[i]);
        int cr = 0;
        for (int i = 0; i < 8; i++) cr |= get(cpu, PpcRegs.CR[i]) << (28 - 4 * i);
        int xer = get(cpu, PpcRegs.XER_SO) << 31 | get(cpu, PpcRegs.XER_OV) << 30 | get(cpu, PpcRegs.XER_CA) << 29
                | get(cpu, PpcRegs.XER_BC);
        return new Outcome(new State(f, g, cr, xer, get(cpu, PpcRegs.CTR), get(cpu, PpcRegs.LR), get(cpu, PpcRegs.FPSCR)), 0);
    }

    private static void put(CpuState c, int reg, int v) { PpcRegs.FILE.write(c, reg, v); }

    private static int get(CpuState c, int reg) { return (int) PpcRegs.FILE.read(c, reg); }

    /** Bits not compared: {@code fprMask} applies to FPR {@code fpr} only. */
    record Ignored(int fpr, long fprMask, int fpscr, int cr, int xer) { }

    /**
     * Bits of the final state that are not compared, each for a reason:
     * <ul>
     * <li>XER bits 3-24 are reserved (Book I 3.2.2); mtxer in qemu keeps them, dynvm (like the
     *     750) reads them as 0.</li>
     * <li>FPSCR[FR] (Book I 4.2.2): set when rounding incremented the fraction, cleared otherwise,
     *     by every arithmetic instruction. qemu 7.2 never updates it (it keeps whatever was there);
     *     FpRoundingOracleTest checks dynvm's FR against exact arithmetic.</li>
     * <li>fctiw/fctiwz (Book I 4.6.7) and mffs (4.6.10, pre-ISA-2.05): "FRT[0:31] are undefined".
     *     qemu writes the sign or zeros there, dynvm 0xFFF80000 like the 750.</li>
     * <li>fres/frsqrte are estimates (Book I 4.6.5.1, "Special Registers Altered": FR and FI
     *     undefined, XX not altered); qemu computes them exactly and raises XX (hence FX and CR1.FX).
     *     The estimate itself is compared to 12 fraction bits (the 750 promises 1/256 and 1/32).</li>
     * <li>fctiw/fctiwz: "FPRF undefined" (Special Registers Altered).</li>
     * <li>fcmpu/fcmpo alter only FPCC, FX, VXSNAN, VXVC: qemu also clears FI (its status check
     *     runs after compares) and sets C for unordered operands.</li>
     * <li>After mtfsb0, mcrfs, mtfsf or mtfsfi, FX can be 0 while exception bits are 1; re-raising
     *     such a bit must leave FX alone (FX is set on a 0-to-1 change only, Book I 4.2.2), qemu
     *     sets it on every exception. FX (and CR1's copy of it) is then not compared.</li>
     * </ul>
     * The generator puts the last three groups last in a case only, so nothing reads what they leave.
     */
    static Ignored ignored(Case c) {
        int last = c.words().length - 1, frt = (c.words()[last] >>> 21) & 31;
        String name = c.rows()[last].name();
        int xer = 0x1fff_ff80, fpscr = Fpscr.FR, cr = 0;
        if (contains(c, "fcmpu") || contains(c, "fcmpo")) fpscr |= Fpscr.FI | 0x1_0000;
        if (contains(c, "mtfsb0") || contains(c, "mcrfs") || contains(c, "mtfsf") || contains(c, "mtfsfi")) {
            fpscr |= Fpscr.FX;
            cr |= 0x0800_0000;
        }
        if (name.startsWith("fctiw")) return new Ignored(frt, 0xffff_ffff_0000_0000L, fpscr | Fpscr.FPRF, cr, xer);
        if (name.startsWith("mffs"))
            return new Ignored(frt, 0xffff_ffff_0000_0000L | fpscr | differingByValue(c), fpscr, cr, xer);
        if (name.startsWith("fres") || name.startsWith("frsqrte")) {
            int fx = (c.init().fpscr() & Fpscr.FX) == 0 ? Fpscr.FX : 0; // set only as a consequence of XX
            return new Ignored(frt, (1L << 40) - 1, fpscr | Fpscr.FI | Fpscr.XX | fx, cr | (name.endsWith(".") ? 0x0800_0000 : 0), xer);
        }
        return new Ignored(-1, 0, fpscr, cr, xer);
    }

    /**
     * The FPSCR bits this test leaves uncompared in the case, wherever they end up: mcrfs, a
     * floating-point record form, mcrf, the CR logicals, mfcr and mtcrf carry them into CR bits
     * and GPRs, which are then not compared either ({@link PpcOracleErrata#copies}). Besides
     * {@link #ignored}'s bits: FPRF's C of a single-precision denormal ({@link #singleDenormalClass})
     * and VXSNAN beside another invalid operation ({@link #snanBesideOtherInvalid}).
     */
    static int copiedFpscrBits(Case c, Ignored ig) { return ig.fpscr() | differingByValue(c); }

    /** The FPSCR bits whose final values decide whether they are compared (C, VXSNAN: see above). */
    static int differingByValue(Case c) {
        int f = 0;
        for (int i = 0; i < c.words().length; i++)
            if (c.words()[i] >>> 26 == 59 || c.rows()[i].name().startsWith("frsp")) f |= 0x1_0000;
        for (PpcRow r : c.rows()) if (r.name().matches("fn?m(add|sub)s?\\.?")) f |= Fpscr.VXSNAN;
        return f;
    }

    static boolean contains(Case c, String row) {
        for (PpcRow r : c.rows()) if (r.name().equals(row) || r.name().equals(row + ".")) return true;
        return false;
    }

    /**
     * FPRF's class bit C of a single-precision result below 2^-126: a denormal in the target format
     * (Book I 4.3.x: the class is that of the result in the instruction's format), so C=1; qemu
     * 7.2 classes every result as a double (a normal number, C=0). Only C separates the two classes,
     * so in a case with a single-precision word (opcode 59, or frsp) dynvm's C=1 against qemu's
     * C=0 is accepted.
     */
    static int singleDenormalClass(Case c, int fpscrQemu, int fpscrDynvm) {
        int cBit = 0x1_0000;
        boolean single = false;
        for (int i = 0; i < c.words().length; i++) single |= c.words()[i] >>> 26 == 59 || c.rows()[i].name().startsWith("frsp");
        return single && (fpscrDynvm & cBit) != 0 && (fpscrQemu & cBit) == 0 ? fpscrDynvm & ~cBit : fpscrDynvm;
    }

    /**
     * fres of ±0 (Book I, fres: "±0 → ±Infinity, ZX"): qemu 7.2 returns ±0.5 ("For FPSCR.ZE == 0,
     * the result is 1/2" in its helper). Accepted when qemu has ±0.5 and dynvm ±infinity.
     */
    static boolean fresOfZero(Case c, long qemu, long dynvm) {
        return c.rows()[c.words().length - 1].name().startsWith("fres")
                && (qemu & ~Long.MIN_VALUE) == 0x3fe0_0000_0000_0000L && (dynvm & ~Long.MIN_VALUE) == 0x7ff0_0000_0000_0000L
                && (qemu ^ dynvm) >= 0;
    }

    /**
     * A multiply-add with a signaling NaN operand and also ∞×0 or ∞−∞ sets both VXSNAN and
     * VXIMZ/VXISI (Book I 4.4.1 lists the conditions independently; the fmadd pseudocode sets each
     * flag); qemu 7.2 checks them in an else-if chain and sets only VXIMZ/VXISI.
     */
    static int snanBesideOtherInvalid(Case c, int fpscrQemu, int fpscrDynvm) {
        boolean madd = false;
        for (PpcRow r : c.rows()) madd |= r.name().matches("fn?m(add|sub)s?\\.?");
        boolean other = (fpscrQemu & (Fpscr.VXIMZ | Fpscr.VXISI)) != 0;
        return madd && other && (fpscrDynvm & Fpscr.VXSNAN) != 0 && (fpscrQemu & Fpscr.VXSNAN) == 0
                ? fpscrDynvm & ~Fpscr.VXSNAN : fpscrDynvm;
    }

    /** Field-by-field differences of one engine's outcome from qemu's, or "". */
    static String diff(Case c, Outcome q, Outcome d, String engine) {
        if (q.state == null || d.state == null)
            return q.state == null && d.state == null && q.status == d.status ? ""
                    : String.format("  %s: qemu %s, dynvm %s%n", engine, q, d);
        State a = q.state, b = d.state;
        StringBuilder sb = new StringBuilder();
        Ignored ig = ignored(c);
        int[] copied = PpcOracleErrata.copies(c, copiedFpscrBits(c, ig));
        for (int i = 0; i < 32; i++)
            if (i != 1 && ((a.gpr()[i] ^ b.gpr()[i]) & ~copied[i]) != 0)
                sb.append(String.format(" r%d %08x/%08x", i, a.gpr()[i], b.gpr()[i]));
        int fpscr = snanBesideOtherInvalid(c, a.fpscr(), singleDenormalClass(c, a.fpscr(), b.fpscr()));
        for (int i = 0; i < 32; i++) {
            long mask = i == ig.fpr() ? ~ig.fprMask() : -1L;
            if (i == ig.fpr() && fresOfZero(c, a.fpr()[i], b.fpr()[i])) {
                fpscr = (fpscr & ~Fpscr.FPRF) | (a.fpscr() & Fpscr.FPRF);
                continue;
            }
            if (((a.fpr()[i] ^ b.fpr()[i]) & mask) != 0) sb.append(String.format(" f%d %016x/%016x", i, a.fpr()[i], b.fpr()[i]));
        }
        if (((a.cr() ^ b.cr()) & ~(ig.cr() | copied[32])) != 0) sb.append(String.format(" cr %08x/%08x", a.cr(), b.cr()));
        if (((a.xer() ^ b.xer()) & ~ig.xer()) != 0) sb.append(String.format(" xer %08x/%08x", a.xer(), b.xer()));
        if (a.ctr() != b.ctr()) sb.append(String.format(" ctr %08x/%08x", a.ctr(), b.ctr()));
        if (a.lr() != b.lr()) sb.append(String.format(" lr %08x/%08x", a.lr(), b.lr()));
        if (((a.fpscr() ^ fpscr) & ~ig.fpscr()) != 0) sb.append(String.format(" fpscr %08x/%08x", a.fpscr(), b.fpscr()));
        if (sb.length() == 0) return "";
        State s = c.init();
        return String.format("  %s (qemu/dynvm):%s%n    initial cr %08x xer %08x ctr %08x fpscr %08x%n", engine, sb, s.cr(),
                s.xer(), s.ctr(), s.fpscr()) + InsnFuzzCases.initialOperands(c) + System.lineSeparator();
    }
}
