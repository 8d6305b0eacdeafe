package dynvm.translator.cli;

import dynvm.translator.host.HostSession;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dynvm run}: runs a Linux guest program in user mode, like qemu-user. */
@Command(name = "run", description = "Run a guest Linux program (user mode, like qemu-user).", sortOptions = false,
        versionProvider = Main.Version.class,
        footer = {"",
                "Dynamically linked programs need the guest's dynamic linker and libraries:",
                "name a sysroot with -L DIR or DYNVM_LD_PREFIX=DIR (the flag wins), for",
                "example -L /usr/arm-linux-gnueabihf. Absolute guest paths are then looked",
                "up in the sysroot first and on the host otherwise (qemu-user's -L rule);",
                "files a guest creates go to the host. PROGRAM may also be a #! script",
                "whose interpreter is a guest program (host binaries are never run).",
                "",
                "qemu-user's spellings work too (-strace, -seed, -s, -R, -one-insn-per-tb,",
                "-singlestep, -version), and DYNVM_* variables stand for qemu's QEMU_* ones:",
                "DYNVM_LD_PREFIX, DYNVM_STRACE, DYNVM_GDB, DYNVM_LOG, DYNVM_LOG_FILENAME,",
                "DYNVM_SET_ENV, DYNVM_UNSET_ENV, DYNVM_STACK_SIZE, DYNVM_RAND_SEED,",
                "DYNVM_RESERVED_VA, DYNVM_ONE_INSN_PER_TB (an option given wins). docs/cli.md",
                "has the table.",
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

    @Option(names = {"--strace", "-strace"}, description = "Print each guest system call and its result (on stderr, or the -D file); $DYNVM_STRACE set: on.")
    boolean strace;

    @Option(names = "-E", paramLabel = "VAR=VAL", split = ",",
            description = "Set variables in the guest environment: repeatable, or a comma-separated list as in qemu (-E A=1,B=2). Also $DYNVM_SET_ENV.")
    List<String> setEnv = new ArrayList<>();

    @Option(names = "-U", paramLabel = "VAR", split = ",",
            description = "Remove variables from the guest environment: repeatable or comma-separated. Also $DYNVM_UNSET_ENV.")
    List<String> unsetEnv = new ArrayList<>();

    @Option(names = "--memory", paramLabel = "MIB",
            description = "Size of the guest address window in MiB (program, heap, mmap area and stack). Default: 256.")
    Integer memoryMib;

    @Option(names = "-R", paramLabel = "SIZE",
            description = "qemu's -R (reserved guest address space), here the same as --memory in bytes with an optional k/M/G suffix (at most 2047M). Default: $DYNVM_RESERVED_VA.")
    String reservedVa;

    @Option(names = {"-s", "--stack-size"}, paramLabel = "SIZE",
            description = "Stack size of the main thread, bytes with an optional k/M/G suffix (like qemu-user -s). Default: $DYNVM_STACK_SIZE, else 8M.")
    String stackSize;

    @Option(names = {"-seed", "--seed"}, paramLabel = "N",
            description = "Seed for the guest's random numbers (AT_RANDOM, getrandom), so runs repeat exactly (like qemu-user -seed). Default: $DYNVM_RAND_SEED, else true randomness.")
    Long seed;

    @Option(names = {"-one-insn-per-tb", "-singlestep", "--one-insn-per-tb"},
            description = "Translate one guest instruction per block (like qemu-user -one-insn-per-tb; much slower). $DYNVM_ONE_INSN_PER_TB set: on.")
    boolean oneInsnPerTb;

    @Option(names = "--sync-compile", description = "Compile hot blocks on the guest's own thread instead of a background compiler thread (slower; translation counts become deterministic).")
    boolean syncCompile;

    @Option(names = "-d", paramLabel = "ITEMS", split = ",",
            description = "Log items, comma separated (like qemu -d): in_asm, ir, bytecode, exec, cpu, cache, nochain, page; '-d help' lists them. Default: $DYNVM_LOG.")
    List<String> debugItems = new ArrayList<>();

    @Option(names = "-D", paramLabel = "FILE", description = "Write the -d log, the --strace lines and plugin output to FILE instead of stderr. Default: $DYNVM_LOG_FILENAME.")
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
            description = "Wait for gdb on localhost:PORT before the first guest instruction (GDB remote protocol, like qemu-user -g). 0 picks a free port and prints it on stderr. Default: $DYNVM_GDB.")
    Integer gdbPort;

    @Option(names = "-B", paramLabel = "ADDRESS", hidden = true, description = "qemu's guest base: not supported.")
    String guestBase;

    @Option(names = "-p", paramLabel = "PAGESIZE", hidden = true, description = "qemu's page size: only 4096.")
    String pageSize;

    @Option(names = {"-h", "--help", "-help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Option(names = {"-V", "--version", "-version"}, versionHelp = true, description = "Print version information and exit.")
    boolean versionRequested;

    @Option(names = {"-cpu", "--cpu"}, paramLabel = "MODEL",
            description = "CPU model (like qemu-user -cpu): the instructions the guest may use, AT_HWCAP, AT_PLATFORM and uname -m follow it. '-cpu help' lists them. Default: $DYNVM_CPU, else each ISA's default (arm: cortex-a9, ppc32: 750).")
    String cpu;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM", description = "The guest program: an ELF32 (static, dynamic or PIE) or a #! script.")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the guest.")
    List<String> args = new ArrayList<>();

    /** Tier-0 runs of a block before {@code run} compiles it, unless -Ddynvm.hotThreshold says otherwise. */
    static final int RUN_HOT_THRESHOLD = 1024;

    /** What the DYNVM_* variables and the qemu spellings came to; the command line wins over a variable. */
    long stackBytes = dynvm.translator.loader.ImageLayout.STACK_SIZE;

    /**
     * Fills every option not given on the command line from its DYNVM_* variable (qemu-user's
     * QEMU_* rule: the variable is the default, the option wins; the environment's -E/-U lists
     * apply before the command line's). Returns a one-line error, or null.
     */
    String applyEnvironment(Map<String, String> env) {
        if (sysroot == null && nonEmpty(env.get("DYNVM_LD_PREFIX"))) sysroot = Path.of(env.get("DYNVM_LD_PREFIX"));
        if (env.containsKey("DYNVM_STRACE")) strace = true;
        if (env.containsKey("DYNVM_ONE_INSN_PER_TB") || env.containsKey("DYNVM_SINGLESTEP")) oneInsnPerTb = true;
        if (debugItems.isEmpty() && nonEmpty(env.get("DYNVM_LOG"))) debugItems = new ArrayList<>(List.of(env.get("DYNVM_LOG").split(",")));
        if (debugFile == null && nonEmpty(env.get("DYNVM_LOG_FILENAME"))) debugFile = Path.of(env.get("DYNVM_LOG_FILENAME"));
        if (nonEmpty(env.get("DYNVM_SET_ENV"))) setEnv.addAll(0, List.of(env.get("DYNVM_SET_ENV").split(",")));
        if (nonEmpty(env.get("DYNVM_UNSET_ENV"))) unsetEnv.addAll(0, List.of(env.get("DYNVM_UNSET_ENV").split(",")));
        if (stackSize == null) stackSize = env.get("DYNVM_STACK_SIZE");
        if (reservedVa == null) reservedVa = env.get("DYNVM_RESERVED_VA");
        if (guestBase == null) guestBase = env.get("DYNVM_GUEST_BASE");
        if (cpu == null && nonEmpty(env.get("DYNVM_CPU"))) cpu = env.get("DYNVM_CPU");   // qemu: QEMU_CPU
        try {
            if (gdbPort == null && nonEmpty(env.get("DYNVM_GDB"))) gdbPort = Integer.valueOf(env.get("DYNVM_GDB").trim());
        } catch (NumberFormatException e) {
            return "DYNVM_GDB expects a port number, got '" + env.get("DYNVM_GDB") + "'";
        }
        try {
            if (seed == null && nonEmpty(env.get("DYNVM_RAND_SEED"))) seed = Long.decode(env.get("DYNVM_RAND_SEED").trim());
        } catch (NumberFormatException e) {
            return "DYNVM_RAND_SEED expects a number, got '" + env.get("DYNVM_RAND_SEED") + "'";
        }
        if (guestBase != null) return "-B (guest base) is not supported: the guest has an address window of its own (see --memory)";
        if (pageSize != null && !pageSize.trim().equals("4096")) return "-p " + pageSize + " is not supported: guest pages are 4096 bytes";
        if (stackSize != null && !stackSize.isEmpty()) {
            long b = QemuSize.parse(stackSize);
            if (b <= 0 || b > dynvm.translator.loader.ImageLayout.MAX_STACK) return "-s expects a stack size up to 1G (e.g. 8M), got '" + stackSize + "'";
            stackBytes = b;
        }
        if (reservedVa != null && !reservedVa.isEmpty()) {
            long b = QemuSize.parse(reservedVa);
            if (b <= 0 || b > 2047L << 20) return "-R expects a size up to 2047M, got '" + reservedVa + "'";
            if (memoryMib == null) memoryMib = (int) ((b + (1 << 20) - 1) >> 20);
        }
        if (memoryMib == null) memoryMib = 256;
        return null;
    }

    private static boolean nonEmpty(String s) { return s != null && !s.isEmpty(); }

    /**
     * The guest's environment: the host's in the host's order (qemu and Linux keep it), minus
     * -U, with -E replacing a variable where it stands and adding new ones at the end.
     */
    String guestEnvironment(List<String> host, List<String> out) {
        java.util.LinkedHashMap<String, String> env = new java.util.LinkedHashMap<>();
        for (String kv : host) {
            int eq = kv.indexOf('=');
            if (eq > 0) env.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
        }
        for (String u : unsetEnv) env.remove(u);
        for (String s : setEnv) {
            int eq = s.indexOf('=');
            if (eq <= 0) return "-E expects VAR=VALUE, got '" + s + "'";
            env.put(s.substring(0, eq), s.substring(eq + 1));
        }
        env.forEach((k, v) -> out.add(k + "=" + v));
        return null;
    }

    @Override
    public Integer call() {
        if (stats) System.setProperty(dynvm.translator.vm.StatsTiming.PROPERTY, "true"); // before any engine class loads
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        EngineKind kind;
        try {
            kind = EngineKind.parse(engine);
        } catch (IllegalArgumentException e) {
            err.println("dynvm: " + e.getMessage());
            return 2;
        }
        String bad = applyEnvironment(System.getenv());
        if (bad != null) { err.println("dynvm: " + bad); return 2; }
        if (memoryMib < 1 || memoryMib > 2047) {
            err.println("dynvm: --memory must be between 1 and 2047 MiB");
            return 2;
        }
        List<String> envList = new ArrayList<>();
        bad = guestEnvironment(HostEnvironment.inOrder(), envList);
        if (bad != null) { err.println("dynvm: " + bad); return 2; }
        Path root = sysroot;
        if (root != null && !java.nio.file.Files.isDirectory(root)) {
            err.println("dynvm: sysroot " + root + " is not a directory");
            return 2;
        }
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
        String model = cpu;   // (or $DYNVM_CPU: applyEnvironment)
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
        // `run`'s own default threshold (docs/performance.md#where-a-short-runs-time-goes): tier-0
        // nodes carry short programs' code that runs a few hundred times, so fewer blocks become
        // hidden classes for the JVM to load and compile; -Ddynvm.hotThreshold=N still wins
        if (System.getProperty("dynvm.hotThreshold") == null) config = config.withHotThreshold(RUN_HOT_THRESHOLD);
        if (oneInsnPerTb) config = config.withMaxBlockInsns(1);
        Diag diag = new Diag(log, items, dumpClasses, host, config.capstone());
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        GuestLauncher.Request req = new GuestLauncher.Request(program, args, envList, isa, kind,
                new java.io.FileInputStream(FileDescriptor.in), out, err, Path.of("").toAbsolutePath(),
                stats, strace, (long) memoryMib << 20, 1 << 16, diag, !syncCompile, root, 0, 0, config, seed, stackBytes);
        // the host's stdio, signals, terminal and death by signal (docs/host-integration.md)
        dynvm.translator.vm.StartupTrace.mark("options");
        HostSession session = HostSession.open();
        dynvm.translator.vm.StartupTrace.mark("host session (JNA)");
        int status;
        if (gdbPort == null) {
            status = GuestLauncher.run(req, registry, null, session);
        } else {
            Integer s = GdbLaunch.run(req, registry, gdbPort, kind, err, session);
            if (s == null) {
                if (session != null) session.restoreTerminals();
                return 2;
            }
            status = s;
        }
        out.flush();
        if (log != err) log.close();
        // dies here by the guest's signal, if one killed it
        return session == null ? status : session.finish(status);
    }
}
