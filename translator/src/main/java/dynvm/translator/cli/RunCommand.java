package dynvm.translator.cli;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.loader.UserImage;
import dynvm.translator.debug.DebugItem;
import dynvm.translator.plugin.PluginHost;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dynvm run}: runs a Linux guest program in user mode, like qemu-user. */
@Command(name = "run", description = "Run a guest Linux program (user mode, like qemu-user).", sortOptions = false,
        mixinStandardHelpOptions = true,
        footer = {"",
                "Dynamically linked programs need the guest's dynamic linker and libraries:",
                "name a sysroot with -L DIR or DYNVM_LD_PREFIX=DIR (the flag wins), for",
                "example -L /usr/arm-linux-gnueabihf. Absolute guest paths are then looked",
                "up in the sysroot first and on the host otherwise (qemu-user's -L rule);",
                "files a guest creates go to the host. PROGRAM may also be a #! script",
                "whose interpreter is a guest program (host binaries are never run).",
                "",
                "Exit status: the guest's; 128+N when signal N killed it; 127 when PROGRAM",
                "or its dynamic linker does not exist (as bash reports a missing file);",
                "126 when it cannot be executed for another reason."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--isa", paramLabel = "ISA", defaultValue = "auto",
            description = "Guest ISA: auto (from the ELF header), ppc32 or arm. Default: ${DEFAULT-VALUE}.")
    String isa;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "dbt",
            description = "dbt (translate to JVM bytecode), interp (interpret every instruction) or lockstep (dbt checked against interp after every block). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "-L", paramLabel = "DIR",
            description = "Sysroot for dynamically linked programs and absolute guest paths (like qemu-user -L). Default: $DYNVM_LD_PREFIX, else none (host paths only).")
    Path sysroot;

    @Option(names = "--stats", description = "Print execution statistics on stderr at exit.")
    boolean stats;

    @Option(names = "--strace", description = "Print each guest system call and its result on stderr.")
    boolean strace;

    @Option(names = "-E", paramLabel = "VAR=VAL", description = "Set a variable in the guest environment (repeatable).")
    List<String> setEnv = new ArrayList<>();

    @Option(names = "-U", paramLabel = "VAR", description = "Remove a variable from the guest environment (repeatable).")
    List<String> unsetEnv = new ArrayList<>();

    @Option(names = "--memory", paramLabel = "MIB", defaultValue = "256",
            description = "Size of the guest address window in MiB (program, heap, mmap area and stack). Default: ${DEFAULT-VALUE}.")
    int memoryMib;

    @Option(names = "--sync-compile", description = "Compile hot blocks on the guest's own thread instead of a background compiler thread (slower; translation counts become deterministic).")
    boolean syncCompile;

    @Option(names = "-d", paramLabel = "ITEMS", split = ",",
            description = "Log items, comma separated (like qemu -d): in_asm, ir, bytecode, exec, cpu, cache, nochain, page; '-d help' lists them.")
    List<String> debugItems = new ArrayList<>();

    @Option(names = "-D", paramLabel = "FILE", description = "Write the -d log and plugin output to FILE instead of stderr.")
    Path debugFile;

    @Option(names = "--plugin", paramLabel = "NAME",
            description = "Load an instrumentation plugin by name (repeatable); bundled: insn-mix. Others are found on the classpath (ServiceLoader).")
    List<String> plugins = new ArrayList<>();

    @Option(names = "--dump-ir", description = "Same as -d ir (kept for old scripts).")
    boolean dumpIr;

    @Option(names = "--dump-bytecode", description = "Same as -d bytecode (kept for old scripts).")
    boolean dumpBytecode;

    @Option(names = "--dump-classes", paramLabel = "DIR", description = "Write the class file of every translated block to DIR.")
    Path dumpClasses;

    @Option(names = "-g", paramLabel = "PORT",
            description = "Wait for gdb on localhost:PORT before the first guest instruction (GDB remote protocol, like qemu-user -g). 0 picks a free port and prints it on stderr.")
    Integer gdbPort;

    @Option(names = {"-cpu", "--cpu"}, paramLabel = "MODEL",
            description = "CPU model (like qemu-user -cpu): the instructions the guest may use, AT_HWCAP, AT_PLATFORM and uname -m follow it. '-cpu help' lists them. Default: $DYNVM_CPU, else each ISA's default (arm: cortex-a9, ppc32: 750).")
    String cpu;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM", description = "The guest program: an ELF32 (static, dynamic or PIE) or a #! script.")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the guest.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        EngineKind kind;
        try {
            kind = EngineKind.parse(engine);
        } catch (IllegalArgumentException e) {
            err.println("dynvm: " + e.getMessage());
            return 2;
        }
        if (memoryMib < 1 || memoryMib > 2047) {
            err.println("dynvm: --memory must be between 1 and 2047 MiB");
            return 2;
        }
        Map<String, String> env = new TreeMap<>(System.getenv());
        for (String u : unsetEnv) env.remove(u);
        for (String s : setEnv) {
            int eq = s.indexOf('=');
            if (eq <= 0) { err.println("dynvm: -E expects VAR=VALUE, got '" + s + "'"); return 2; }
            env.put(s.substring(0, eq), s.substring(eq + 1));
        }
        Path root = sysroot;
        String prefix = System.getenv("DYNVM_LD_PREFIX");
        if (root == null && prefix != null && !prefix.isEmpty()) root = Path.of(prefix);
        if (root != null && !java.nio.file.Files.isDirectory(root)) {
            err.println("dynvm: sysroot " + root + " is not a directory");
            return 2;
        }
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        if (debugItems.contains("help")) {
            System.out.print(DebugItem.helpText());
            System.out.flush();
            return 0;
        }
        java.util.Set<DebugItem> items;
        try {
            items = DebugItem.parse(String.join(",", debugItems));
        } catch (IllegalArgumentException e) {
            err.println("dynvm: " + e.getMessage());
            return 2;
        }
        if (dumpIr) items.add(DebugItem.IR);
        if (dumpBytecode) items.add(DebugItem.BYTECODE);
        String model = cpu != null ? cpu : System.getenv("DYNVM_CPU");
        if (model != null && model.isEmpty()) model = null;
        IsaRegistry registry = new IsaRegistry();
        if ("help".equals(model) || "?".equals(model)) {
            System.out.print(registry.cpuHelp());
            System.out.flush();
            return 0;
        }
        if (model != null) {
            try {
                registry = registry.withCpu(model);
            } catch (IllegalArgumentException e) {
                err.println("dynvm: " + e.getMessage());
                return 2;
            }
        }
        if (program == null) {
            err.println("dynvm: missing PROGRAM (see dynvm run --help)");
            return 2;
        }
        PrintStream log = err;
        if (debugFile != null) {
            try {
                log = new PrintStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(debugFile), 1 << 16), false);
            } catch (java.io.IOException | RuntimeException e) {
                err.println("dynvm: cannot write " + debugFile + ": " + e.getMessage());
                return 2;
            }
        }
        PluginHost host;
        try {
            host = plugins.isEmpty() ? null : PluginHost.load(plugins, log, RunCommand.class.getClassLoader());
        } catch (IllegalArgumentException | java.util.ServiceConfigurationError e) {
            err.println("dynvm: " + e.getMessage());
            return 2;
        }
        // the run's engine settings: the -Ddynvm.* switches, read once here and handed down
        EngineConfig config = EngineConfig.fromSystemProperties();
        Diag diag = new Diag(log, items, dumpClasses, host, config.capstone());
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        GuestLauncher.Request req = new GuestLauncher.Request(program, args, envList, isa, kind,
                new java.io.FileInputStream(FileDescriptor.in), out, err, Path.of("").toAbsolutePath(),
                stats, strace, (long) memoryMib << 20, 1 << 16, diag, !syncCompile, root, 0, 0, config);
        int status;
        if (gdbPort == null) {
            status = GuestLauncher.run(req, registry);
        } else {
            Integer s = GdbLaunch.run(req, registry, gdbPort, kind, err);
            if (s == null) return 2;
            status = s;
        }
        out.flush();
        if (log != err) log.close();
        return status;
    }
}
