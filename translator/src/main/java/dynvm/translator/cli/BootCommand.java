package dynvm.translator.cli;

import dynvm.microkernel.machine.MemorySize;
import dynvm.translator.system.ConsoleInput;
import dynvm.translator.system.Machine;
import dynvm.translator.system.VmConfiguration;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynvm boot}: runs a whole machine, like qemu-system. stdout carries the guest's serial
 * console and nothing else; dynvm's own messages go to stderr.
 */
@Command(name = "boot", description = "Boot a virtual machine (system mode, like qemu-system-arm -nographic).", sortOptions = false,
        mixinStandardHelpOptions = true,
        footer = {"",
                "The machine comes from a profile: a name (--machine virt, shipped) or the path of a",
                "TOML file describing CPU, memory map and devices; the device tree the guest gets is",
                "generated from it (--dump-dtb writes it out). An ELF kernel is loaded at its physical",
                "addresses and started as QEMU's -kernel starts a non-Linux ELF; any other kernel image",
                "is booted with the Linux protocol; --bios images go to the boot flash.",
                "",
                "The serial console is on stdin/stdout. Ctrl-A x ends the VM (as qemu -nographic),",
                "Ctrl-A Ctrl-A sends a Ctrl-A. The VM also ends when the guest powers off (PSCI",
                "SYSTEM_OFF), or after --timeout seconds (exit status 124).",
                "",
                "gdb (as qemu-system): -s serves gdb on localhost:1234, -g PORT on PORT;",
                "-S, and -g, hold the CPU at reset until gdb continues. Then:",
                "  gdb-multiarch KERNEL.elf -ex 'target remote localhost:1234'",
                "Registers include the CPU's privileged ones (info registers system);",
                "memory is virtual, through the guest's MMU; breakpoints, stepi, Ctrl-C,",
                "kill (powers off) and detach work. -s alone: gdb may attach later.",
                "",
                "Exit status: 0 on power-off or Ctrl-A x; 124 on timeout; 1 when the machine cannot be",
                "built or the image cannot be loaded (one line on stderr)."})
public final class BootCommand implements Callable<Integer> {
    @Option(names = {"--machine", "-M"}, paramLabel = "PROFILE", defaultValue = "virt",
            description = "Machine profile: a name (virt) or a .toml path. Default: ${DEFAULT-VALUE}.")
    String machine;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "dbt",
            description = "dbt (translate to JVM bytecode) or interp (interpret every instruction). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "-m", paramLabel = "SIZE", description = "RAM size (e.g. 256M, 1G; a plain number is MiB). Default: the profile's.")
    String memory;

    @Option(names = {"--cpu", "-cpu"}, paramLabel = "MODEL", description = "CPU model of the machine (arm virt: cortex-a15). Default: the profile's.")
    String cpu;

    @Option(names = "--kernel", paramLabel = "FILE", description = "Kernel: a bare-metal ELF, or a Linux image (zImage or raw).")
    Path kernel;

    @Option(names = "--bios", paramLabel = "FILE", description = "Firmware image, loaded at the start of the boot flash and run from reset.")
    Path bios;

    @Option(names = "--dtb", paramLabel = "FILE", description = "Use this device tree blob instead of the generated one.")
    Path dtb;

    @Option(names = "--append", paramLabel = "CMDLINE", description = "Kernel command line (the device tree's chosen/bootargs).")
    String append;

    @Option(names = "--icount", paramLabel = "SHIFT", arity = "0..1", fallbackValue = "3",
            description = "Deterministic guest time: each instruction takes 2^SHIFT ns (like qemu -icount shift=SHIFT; default shift 3).")
    Integer icount;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "End the VM after this many seconds of host time (exit status 124).")
    Double timeout;

    @Option(names = "--dump-dtb", paramLabel = "FILE", description = "Write the machine's device tree blob to FILE and exit.")
    Path dumpDtb;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Run the VMs a TOML configuration describes (several guests under time partitions); other options are ignored but -g/-s, which serve gdb for the first VM while it runs (or give a VM gdb = PORT in the file).")
    Path config;

    @Option(names = "-g", paramLabel = "PORT",
            description = "Serve gdb on localhost:PORT and hold the CPU until gdb continues (like qemu -gdb tcp::PORT -S). 0 picks a free port (printed on stderr).")
    Integer gdbPort;

    @Option(names = "-s", description = "Shorthand for serving gdb on localhost:1234; the CPU runs at once unless -S is given too.")
    boolean gdbDefault;

    @Option(names = "-S", description = "Hold the CPU at reset until gdb continues (with -s or -g).")
    boolean holdCpu;

    @Option(names = "--stats", description = "Print execution statistics on stderr at exit.")
    boolean stats;

    @Option(names = "-nographic", hidden = true, description = "Accepted for qemu habit: the console is always on stdio.")
    boolean nographic;

    @Override
    public Integer call() {
        if (stats) System.setProperty(dynvm.translator.vm.StatsTiming.PROPERTY, "true"); // before any engine class loads
        PrintStream err = System.err;
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        try {
            EngineConfig engineConfig = EngineConfig.fromSystemProperties(); // the run's -Ddynvm.* switches, read once
            if (config != null) {
                VmConfiguration vms = VmConfiguration.load(config);
                if (holdCpu) throw new Machine.MachineError("-S does not apply to --config: a VM's gdb stub serves it while it runs");
                if (gdbPort != null || gdbDefault) vms = vms.withGdbOnFirst(gdbPort != null ? gdbPort : GdbBoot.DEFAULT_PORT);
                return vms.run(out, err, engineConfig, (m, port) -> GdbBoot.start(m, port, false, err));
            }
            EngineKind kind = switch (engine) {
                case "dbt" -> EngineKind.DBT;
                case "interp" -> EngineKind.INTERP;
                default -> throw new Machine.MachineError("--engine " + engine + ": use dbt or interp");
            };
            if (memory != null) {
                try {
                    MemorySize.parse(memory);
                } catch (RuntimeException e) {
                    throw new Machine.MachineError("-m " + memory + ": " + e.getMessage());
                }
            }
            if (kernel == null && bios == null && dumpDtb == null)
                throw new Machine.MachineError("nothing to boot: give --kernel FILE or --bios FILE (see dynvm boot --help)");
            Machine.Options opts = new Machine.Options(machine, memory, kind, kernel, bios, dtb, append,
                    icount == null ? -1 : icount, 0, cpu);
            try (Machine m = new Machine(opts, out, Diag.NONE, engineConfig)) {
                if (dumpDtb != null) {
                    Files.write(dumpDtb, m.deviceTree());
                    return 0;
                }
                if (holdCpu && gdbPort == null && !gdbDefault)
                    throw new Machine.MachineError("-S holds the CPU for gdb: give -s or -g PORT too");
                GdbBoot gdb = gdbPort != null || gdbDefault
                        ? GdbBoot.start(m, gdbPort != null ? gdbPort : GdbBoot.DEFAULT_PORT, gdbPort != null || holdCpu, err) : null;
                ConsoleInput input = ConsoleInput.start(System.in, m, err);
                Thread watchdog = timeout == null ? null : Watchdog.start(m, timeout, err);
                int status = m.run();
                if (m.failure() != null) err.println("dynvm: the VM stopped on an internal error: " + m.failure());
                if (input != null) input.close();
                if (gdb != null) gdb.close();
                if (watchdog != null) watchdog.interrupt();
                if (stats) m.printStats(err);
                return status;
            }
        } catch (Machine.MachineError e) {
            err.println("dynvm: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("dynvm: " + e.getMessage());
            return 1;
        }
    }

    /** Ends the VM after a host-time limit. */
    static final class Watchdog {
        static Thread start(Machine m, double seconds, PrintStream err) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep((long) (seconds * 1000));
                    err.printf("dynvm: --timeout %s s reached%n", seconds);
                    m.stop(Machine.TIMEOUT_STATUS);
                } catch (InterruptedException e) {
                    // the VM ended first
                }
            }, "dynvm-timeout");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
