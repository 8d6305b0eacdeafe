package dynvm.translator.system;

import dynvm.microkernel.kernel.HostClock;
import dynvm.microkernel.kernel.Partition;
import dynvm.microkernel.kernel.Schedule;
import dynvm.microkernel.kernel.Scheduler;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Several VMs on one VMM ({@code dynvm boot --config vms.toml}): each guest has its own kernel
 * object, physical space, devices and console, and runs in its own time partition of one
 * scheduler, so a guest that spins gets no more than its share and one that crashes stops alone.
 *
 * <pre>
 * frame-ms = 10                 # the major frame the shares cut (default 10)
 * timeout = 20                  # seconds of host time for the whole run (optional)
 * [[vm]]
 * name = "a"                    # console lines are prefixed "[a] "
 * kernel = "guest-a.elf"        # or bios = "..."; paths relative to this file
 * machine = "virt"              # profile name or path (default virt)
 * memory = "128M"               # optional
 * engine = "dbt"                # or interp
 * share = 0.7                   # of each frame; shares add up to at most 1
 * console = "a.log"             # optional: a file instead of prefixed lines on stdout
 * gdb = 1234                    # optional: serve gdb for this VM on localhost:1234 (as boot -s)
 * </pre>
 *
 * <p>A VM with a gdb port runs at once, like {@code boot -s} without {@code -S}: gdb attaches
 * whenever it connects and then holds that VM only, whose partition idles while the others run
 * on. The command line's {@code -g PORT} gives the first VM that port when no VM names one.
 *
 * <p>{@link #runAll} returns how each VM ended (exit status, guest instructions retired, internal
 * error); {@link #run} reduces that to one exit status for the command line. {@link #stop} ends
 * a run from another thread, as the {@code timeout} does.
 */
public final class VmConfiguration {
    /** @param gdbPort the port its gdb stub listens on, or -1 for none */
    record Vm(String name, Machine.Options options, double share, Path consoleFile, int gdbPort) { }

    /**
     * Puts a built, not yet started machine under a gdb stub on {@code port}, serving it while it
     * runs (the command line's GDB server; the run closes what it returns when the VMs end).
     */
    public interface DebugServer {
        AutoCloseable serve(Machine machine, int port) throws IOException, Machine.MachineError;
    }

    private final List<Vm> vms;
    private final long frameNanos;
    private final Double timeout;
    /** The machines of the run in progress (empty before it starts them), for {@link #stop}. */
    private volatile List<Machine> running = List.of();
    private volatile boolean stopRequested;
    private volatile int stopStatus;

    private VmConfiguration(List<Vm> vms, long frameNanos, Double timeout) {
        this.vms = vms;
        this.frameNanos = frameNanos;
        this.timeout = timeout;
    }

    public static VmConfiguration load(Path file) throws Machine.MachineError {
        TomlParseResult t;
        try {
            t = Toml.parse(file);
        } catch (IOException e) {
            throw new Machine.MachineError(file + ": " + e.getMessage());
        }
        if (t.hasErrors()) throw new Machine.MachineError(file + ": " + t.errors().get(0).toString());
        Path dir = file.toAbsolutePath().getParent();
        TomlArray list = t.getArray("vm");
        if (list == null || list.size() == 0) throw new Machine.MachineError(file + ": no [[vm]] tables");
        List<Vm> vms = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            TomlTable v = list.getTable(i);
            String name = v.getString("name", () -> "vm" + vms.size());
            String engine = v.getString("engine", () -> "dbt");
            EngineKind kind = switch (engine) {
                case "dbt" -> EngineKind.DBT;
                case "interp" -> EngineKind.INTERP;
                default -> throw new IllegalArgumentException(file + ": vm " + name + ": engine " + engine + " (dbt or interp)");
            };
            Path kernel = v.getString("kernel") == null ? null : dir.resolve(v.getString("kernel"));
            Path bios = v.getString("bios") == null ? null : dir.resolve(v.getString("bios"));
            if (kernel == null && bios == null) throw new Machine.MachineError(file + ": vm " + name + ": no kernel or bios");
            String machine = v.getString("machine", () -> "virt");
            if (machine.endsWith(".toml")) machine = dir.resolve(machine).toString();
            Machine.Options o = new Machine.Options(machine, v.getString("memory"), kind, kernel, bios, null,
                    v.getString("append"), -1, vms.size(), null);
            Double share = number(file, v, "share");
            Path console = v.getString("console") == null ? null : dir.resolve(v.getString("console"));
            Long gdb = v.getLong("gdb");
            if (gdb != null && (gdb < 0 || gdb > 65535)) throw new Machine.MachineError(file + ": vm " + name + ": gdb = " + gdb + ": not a TCP port");
            vms.add(new Vm(name, o, share == null ? 1.0 / list.size() : share, console, gdb == null ? -1 : gdb.intValue()));
        }
        Long frameMs = t.getLong("frame-ms");
        return new VmConfiguration(vms, (frameMs == null ? 10 : frameMs) * 1_000_000L, number(file, t, "timeout"));
    }

    /** A number that TOML may spell as an integer ({@code timeout = 20}) or a float ({@code share = 0.5}); null when absent. */
    private static Double number(Path file, TomlTable t, String key) throws Machine.MachineError {
        Object v = t.get(key);
        if (v == null) return null;
        if (v instanceof Number n) return n.doubleValue();
        throw new Machine.MachineError(file + ": " + key + " = " + v + ": not a number");
    }

    /**
     * {@code -g PORT} with {@code --config}: the first VM gets gdb on {@code port}, unless a VM of
     * the file already names its own gdb port (then the file wins: an error, to be clear).
     */
    public VmConfiguration withGdbOnFirst(int port) throws Machine.MachineError {
        for (Vm v : vms)
            if (v.gdbPort() >= 0) throw new Machine.MachineError("-g: vm " + v.name() + " has gdb = " + v.gdbPort() + " in the configuration already");
        List<Vm> l = new ArrayList<>(vms);
        Vm first = l.get(0);
        l.set(0, new Vm(first.name(), first.options(), first.share(), first.consoleFile(), port));
        return new VmConfiguration(l, frameNanos, timeout);
    }

    /**
     * How one VM of the configuration ended.
     *
     * @param status       its exit status: 0 after power-off, {@link Machine#TIMEOUT_STATUS} when the
     *                     configuration's timeout stopped it, 70 on an internal error
     * @param instructions the guest instructions its vCPU retired (what its time partition bought it)
     * @param failure      the internal error that stopped it, or null
     */
    public record VmResult(String name, int status, long instructions, Throwable failure) { }

    /** Runs every VM to its end; returns 0 when all powered off cleanly, else the first non-zero status. */
    public int run(OutputStream stdout, PrintStream err) throws Machine.MachineError {
        return run(stdout, err, EngineConfig.fromSystemProperties());
    }

    /** As {@link #run(OutputStream, PrintStream)}, every VM's engine with {@code engineConfig}. */
    public int run(OutputStream stdout, PrintStream err, EngineConfig engineConfig) throws Machine.MachineError {
        return run(stdout, err, engineConfig, null);
    }

    /** As {@link #run(OutputStream, PrintStream, EngineConfig)}, the VMs with a gdb port served by {@code debug}. */
    public int run(OutputStream stdout, PrintStream err, EngineConfig engineConfig, DebugServer debug) throws Machine.MachineError {
        for (VmResult r : runAll(stdout, err, engineConfig, debug)) if (r.status() != 0) return r.status();
        return 0;
    }

    /** As {@link #runAll(OutputStream, PrintStream, EngineConfig)} with the JVM's {@code -Ddynvm.*} settings. */
    public List<VmResult> runAll(OutputStream stdout, PrintStream err) throws Machine.MachineError {
        return runAll(stdout, err, EngineConfig.fromSystemProperties());
    }

    /**
     * Runs every VM to its end (power-off, internal error or the timeout); returns how each one
     * ended, in the order of the configuration. One line per VM on {@code err}.
     */
    public List<VmResult> runAll(OutputStream stdout, PrintStream err, EngineConfig engineConfig) throws Machine.MachineError {
        return runAll(stdout, err, engineConfig, null);
    }

    /**
     * As {@link #runAll(OutputStream, PrintStream, EngineConfig)}; each VM with a gdb port is put
     * under {@code debug}'s stub before it starts (a gdb port without a server is an error).
     */
    public List<VmResult> runAll(OutputStream stdout, PrintStream err, EngineConfig engineConfig, DebugServer debug)
            throws Machine.MachineError {
        for (Vm v : vms)
            if (v.gdbPort() >= 0 && debug == null) throw new Machine.MachineError("vm " + v.name() + ": gdb = " + v.gdbPort() + ", but this run serves no gdb");
        List<Partition> parts = new ArrayList<>();
        for (Vm v : vms) parts.add(new Partition(v.name(), v.share(), true));
        Schedule schedule;
        try {
            schedule = new Schedule(frameNanos, parts, Schedule.DEFAULT_QUANTUM);
        } catch (IllegalArgumentException e) {
            throw new Machine.MachineError("--config: " + e.getMessage());
        }
        List<Machine> machines = new ArrayList<>();
        List<OutputStream> consoles = new ArrayList<>();
        List<AutoCloseable> stubs = new ArrayList<>();
        try (Scheduler scheduler = new Scheduler("vmm", new HostClock(), schedule)) {
            for (Vm v : vms) {
                OutputStream console = v.consoleFile() != null ? Files.newOutputStream(v.consoleFile())
                        : new PrefixedLines("[" + v.name() + "] ", stdout);
                consoles.add(console);
                Machine m = new Machine(v.options(), console, Diag.NONE, engineConfig);
                machines.add(m);
            }
            for (Machine m : machines) m.setDirectory(id -> id >= 0 && id < machines.size() ? machines.get(id) : null);
            for (int i = 0; i < machines.size(); i++)
                if (vms.get(i).gdbPort() >= 0) stubs.add(debug.serve(machines.get(i), vms.get(i).gdbPort()));
            for (int i = 0; i < machines.size(); i++) machines.get(i).start(scheduler, parts.get(i));
            running = machines;
            if (stopRequested) stop(stopStatus);
            Thread watchdog = null;
            if (timeout != null) {
                watchdog = new Thread(() -> {
                    try {
                        Thread.sleep((long) (timeout * 1000));
                        err.printf("dynvm: timeout %s s reached%n", timeout);
                        stop(Machine.TIMEOUT_STATUS);
                    } catch (InterruptedException e) {
                        // all ended first
                    }
                }, "dynvm-timeout");
                watchdog.setDaemon(true);
                watchdog.start();
            }
            List<VmResult> results = new ArrayList<>();
            for (int i = 0; i < machines.size(); i++) {
                Machine m = machines.get(i);
                int status = m.await();
                long insns = m.vcpu().cpu().insnCount;
                String why = m.failure() != null ? "stopped on an internal error: " + m.failure() : "ended with status " + status;
                err.printf("dynvm: vm %s %s (%d guest instructions)%n", vms.get(i).name(), why, insns);
                results.add(new VmResult(vms.get(i).name(), status, insns, m.failure()));
            }
            if (watchdog != null) watchdog.interrupt();
            return results;
        } catch (IOException e) {
            throw new Machine.MachineError(e.getMessage());
        } finally {
            running = List.of();
            stopRequested = false;
            for (AutoCloseable stub : stubs) {
                try {
                    stub.close();
                } catch (Exception e) {
                    // the port closes with the process anyway
                }
            }
            for (Machine m : machines) m.close();
            for (OutputStream c : consoles) {
                try {
                    c.flush();
                    if (c instanceof PrefixedLines p) p.finish();
                    else c.close();
                } catch (IOException e) {
                    // the console is gone; nothing to save
                }
            }
        }
    }

    /**
     * Ends every VM of the run in progress with {@code status}, from any thread (as the timeout
     * does); a run whose VMs are not started yet stops them as soon as they are.
     */
    public void stop(int status) {
        stopStatus = status;
        stopRequested = true;
        for (Machine m : running) m.stop(status);
    }

    /** A VM's console as whole lines prefixed with its name, so several VMs can share stdout. */
    static final class PrefixedLines extends OutputStream {
        private final byte[] prefix;
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        PrefixedLines(String prefix, OutputStream out) {
            this.prefix = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\r') return;
            line.write(b);
            if (b == '\n') emit();
        }

        private void emit() throws IOException {
            synchronized (out) {
                out.write(prefix);
                line.writeTo(out);
                out.flush();
            }
            line.reset();
        }

        /** Writes a last line that has no newline yet. */
        void finish() throws IOException {
            if (line.size() > 0) {
                line.write('\n');
                emit();
            }
        }
    }
}
