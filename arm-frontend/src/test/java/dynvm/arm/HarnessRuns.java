package dynvm.arm;

import dynvm.spi.CpuState;
import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Runs an instruction harness (src/test/guest/harness, see its README) over a case file under
 * qemu-arm or dynvm and collects one outcome per case, for the differential tests.
 */
public final class HarnessRuns {
    private HarnessRuns() { }

    /** Exit status recorded for a case whose harness exited normally before writing its record. */
    public static final int DIED = -1;
    /** The harness maps its code and scratch pages beyond the default 256 MiB window of a binary at 0x10000. */
    public static final long WINDOW = 512L << 20;

    /** A harness run from case {@code first}: its stdout, exit status and (dynvm) stderr. */
    public record Run(byte[] out, int status, String err) { }

    public interface Runner { Run run(int first) throws Exception; }

    /**
     * Runs the harness until every case has an outcome, restarting after a case that kills it.
     * Each record of {@code recordBytes} becomes {@code record.apply(buffer)}; a case that killed
     * the harness becomes {@code died.apply(status)}. A run that exits normally without a single
     * record is no case's doing (the harness only stops early by dying): it is retried once and
     * otherwise reported, rather than restarted case by case.
     */
    public static <O> List<O> runAll(int n, int recordBytes, Function<ByteBuffer, O> record, IntFunction<O> died, Runner runner)
            throws Exception {
        List<O> r = new ArrayList<>();
        while (r.size() < n) {
            Run run = runner.run(r.size());
            if (run.status == 0 && run.out.length < recordBytes) run = runner.run(r.size());
            if (run.status == 0 && run.out.length < recordBytes)
                throw new AssertionError("the harness exited normally with no record from case " + r.size() + ": " + run.err);
            ByteBuffer b = ByteBuffer.wrap(run.out).order(ByteOrder.LITTLE_ENDIAN);
            int k = Math.min(run.out.length / recordBytes, n - r.size());
            for (int i = 0; i < k; i++) r.add(record.apply(b));
            if (r.size() < n) r.add(died.apply(run.status == 0 ? DIED : run.status));
        }
        return r;
    }

    /** The harness under {@code qemu-arm -cpu cpu} from case {@code first}. */
    public static Run qemu(Path harness, String cpu, Path caseFile, int first) throws Exception {
        Process p = new ProcessBuilder("qemu-arm", "-cpu", cpu, harness.toString(), caseFile.toString(), Integer.toString(first))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("qemu-arm timed out");
        }
        return new Run(out, p.exitValue(), "");
    }

    /** The harness under one dynvm engine, in this JVM, from case {@code first}. */
    public static Run dynvm(Path harness, Path caseFile, int first, EngineKind engine, Path cwd) {
        return dynvm(harness, caseFile, first, engine, cwd, new dynvm.translator.vm.IsaRegistry());
    }

    /** As {@link #dynvm(Path, Path, int, EngineKind, Path)} with these front-ends (a -cpu model). */
    public static Run dynvm(Path harness, Path caseFile, int first, EngineKind engine, Path cwd, dynvm.translator.vm.IsaRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true);
        GuestLauncher.Request req = new GuestLauncher.Request(harness, List.of(caseFile.toString(), Integer.toString(first)),
                List.of(), "auto", engine, new ByteArrayInputStream(new byte[0]), out, err, cwd, false, false, WINDOW, 1 << 16,
                Diag.NONE, true);
        int status = GuestLauncher.run(req, registry);
        return new Run(out.toByteArray(), status, engine + ": " + errBytes);
    }

    // ---- the harness's core state on a CpuState (for the bytecode path of the differential tests)

    /** The harness keeps sp for its own frame: never loaded, compared as 0. */
    public static final int SP = 13;

    /** Loads r0-r14 (not sp) and N Z C V Q, and GE when {@code ge}, from a harness state. */
    public static void putCore(CpuState cpu, int[] r, int cpsr, boolean ge) {
        for (int i = 0; i < 15; i++) if (i != SP) put(cpu, ArmRegs.R[i], r[i]);
        put(cpu, ArmRegs.N, cpsr >>> 31);
        put(cpu, ArmRegs.Z, cpsr >>> 30 & 1);
        put(cpu, ArmRegs.C, cpsr >>> 29 & 1);
        put(cpu, ArmRegs.V, cpsr >>> 28 & 1);
        put(cpu, ArmRegs.Q, cpsr >>> 27 & 1);
        if (ge) put(cpu, ArmRegs.GE, cpsr >>> 16 & 15);
    }

    /** r0-r14 as the harness reports them (sp as 0). */
    public static int[] coreRegs(CpuState cpu) {
        int[] g = new int[15];
        for (int i = 0; i < 15; i++) g[i] = i == SP ? 0 : get(cpu, ArmRegs.R[i]);
        return g;
    }

    /** NZCVQ (and GE when {@code ge}) in CPSR positions. */
    public static int cpsr(CpuState cpu, boolean ge) {
        return get(cpu, ArmRegs.N) << 31 | get(cpu, ArmRegs.Z) << 30 | get(cpu, ArmRegs.C) << 29 | get(cpu, ArmRegs.V) << 28
                | get(cpu, ArmRegs.Q) << 27 | (ge ? get(cpu, ArmRegs.GE) << 16 : 0);
    }

    public static void put(CpuState c, int reg, int v) { ArmRegs.FILE.write(c, reg, v); }

    public static int get(CpuState c, int reg) { return (int) ArmRegs.FILE.read(c, reg); }
}
