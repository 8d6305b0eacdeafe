package dynvm.translator.launch;

import dynvm.microkernel.linux.LinuxConfig;
import dynvm.microkernel.linux.LinuxPersonality;
import dynvm.spi.Isa;
import dynvm.translator.loader.ExecError;
import dynvm.translator.loader.ImageLayout;
import dynvm.translator.loader.ProgramLoader;
import dynvm.translator.loader.UserImage;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import dynvm.translator.vm.PersistentBlocks;
import dynvm.translator.vm.UserModeVm;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a guest Linux program in user mode, like qemu-user: loads it with {@link ProgramLoader}
 * (ELF or #! script, static or dynamic, ISA from e_machine), builds the personality, runs it and
 * returns the exit status. Used by the
 * CLI and by whole-program tests (which pass their own streams).
 */
public final class GuestLauncher {
    /** Exit status for a program that cannot be loaded (as a shell reports "cannot execute", or "bad interpreter"). */
    public static final int EXIT_CANNOT_EXECUTE = 126;
    /** Exit status for a program, or the ELF interpreter of a dynamic one, that does not exist (as bash reports it). */
    public static final int EXIT_NOT_FOUND = 127;

    /**
     * Everything one run needs. {@code isa} is a name or "auto". {@code backgroundCompile}: hot
     * blocks are compiled on a second thread (faster; which blocks get compiled before the program
     * ends then depends on timing, never the guest's results). {@code sysroot}: where absolute
     * guest paths (the dynamic linker, libraries, #! interpreters) are looked up first, or null.
     * {@code config}: the run's engine settings (every thread and process of the run gets them);
     * the shorter constructors take {@link EngineConfig#fromSystemProperties()} when called.
     */
    public record Request(Path program, List<String> args, List<String> env, String isa, EngineKind engine,
                          InputStream stdin, OutputStream stdout, PrintStream stderr, Path cwd,
                          boolean stats, boolean strace, long windowBytes, int maxBlocks, Diag diag,
                          boolean backgroundCompile, Path sysroot, long timeLimitMillis, long insnLimit, EngineConfig config,
                          Long randomSeed, long stackBytes) {
        public Request {
            java.util.Objects.requireNonNull(config, "config");
            if (stackBytes < ImageLayout.PAGE || stackBytes > ImageLayout.MAX_STACK)
                throw new IllegalArgumentException("stack size must be between 4 KiB and " + (ImageLayout.MAX_STACK >> 20) + " MiB");
        }

        /** With an 8 MiB stack and AT_RANDOM/getrandom from the host's /dev/urandom (no seed; {@code dynvm.microkernel.linux.HostRandom}). */
        public Request(Path program, List<String> args, List<String> env, String isa, EngineKind engine,
                       InputStream stdin, OutputStream stdout, PrintStream stderr, Path cwd,
                       boolean stats, boolean strace, long windowBytes, int maxBlocks, Diag diag,
                       boolean backgroundCompile, Path sysroot, long timeLimitMillis, long insnLimit, EngineConfig config) {
            this(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag,
                    backgroundCompile, sysroot, timeLimitMillis, insnLimit, config, null, ImageLayout.STACK_SIZE);
        }

        /**
         * The same request with qemu-user's {@code -seed} (null: none; else AT_RANDOM and
         * getrandom are reproducible) and {@code -s} (the main thread's stack size).
         */
        public Request withSeedAndStack(Long seed, long bytes) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag, backgroundCompile, sysroot, timeLimitMillis, insnLimit, config, seed, bytes);
        }

        /** With the JVM's {@code -Ddynvm.*} settings. */
        public Request(Path program, List<String> args, List<String> env, String isa, EngineKind engine,
                       InputStream stdin, OutputStream stdout, PrintStream stderr, Path cwd,
                       boolean stats, boolean strace, long windowBytes, int maxBlocks, Diag diag,
                       boolean backgroundCompile, Path sysroot, long timeLimitMillis, long insnLimit) {
            this(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag,
                    backgroundCompile, sysroot, timeLimitMillis, insnLimit, EngineConfig.fromSystemProperties());
        }

        /** Without a time limit. */
        public Request(Path program, List<String> args, List<String> env, String isa, EngineKind engine,
                       InputStream stdin, OutputStream stdout, PrintStream stderr, Path cwd,
                       boolean stats, boolean strace, long windowBytes, int maxBlocks, Diag diag,
                       boolean backgroundCompile, Path sysroot) {
            this(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag,
                    backgroundCompile, sysroot, 0, 0);
        }

        /** Without a sysroot. */
        public Request(Path program, List<String> args, List<String> env, String isa, EngineKind engine,
                       InputStream stdin, OutputStream stdout, PrintStream stderr, Path cwd,
                       boolean stats, boolean strace, long windowBytes, int maxBlocks, Diag diag,
                       boolean backgroundCompile) {
            this(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag,
                    backgroundCompile, null);
        }

        public static Request of(Path program, List<String> args, List<String> env, EngineKind engine,
                                 InputStream in, OutputStream out, PrintStream err, Path cwd) {
            return new Request(program, args, env, "auto", engine, in, out, err, cwd, false, false,
                    UserImage.DEFAULT_WINDOW, 1 << 16, Diag.NONE, true, null);
        }

        /** The same request with statistics on or off. */
        public Request withStats(boolean on) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, on, strace, windowBytes, maxBlocks, diag, backgroundCompile, sysroot, timeLimitMillis, insnLimit, config, randomSeed, stackBytes);
        }

        /** The same request compiling hot blocks on the dispatcher's thread (deterministic counts). */
        public Request withSynchronousCompile() {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag, false, sysroot, timeLimitMillis, insnLimit, config, randomSeed, stackBytes);
        }

        /** The same request with a sysroot (null: host paths only). */
        public Request withSysroot(Path root) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag, backgroundCompile, root, timeLimitMillis, insnLimit, config, randomSeed, stackBytes);
        }

        /**
         * The same request with a wall-clock limit (0: none): when it passes, the run's process is
         * killed with SIGKILL (status 137) and one "dynvm: " line says so. Bounds hostile or
         * looping guests from outside, e.g. in tests.
         */
        public Request withTimeLimit(long millis) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag, backgroundCompile, sysroot, millis, insnLimit, config, randomSeed, stackBytes);
        }

        /**
         * The same request with a budget of guest instructions for the first thread (0: none),
         * checked between engine slices: past it the process is killed with SIGKILL (status 137).
         * Lets fuzzers run mutants that load without paying for whole programs.
         */
        public Request withInsnLimit(long insns) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag, backgroundCompile, sysroot, timeLimitMillis, insns, config, randomSeed, stackBytes);
        }

        /** The same request with other diagnostics (-d items, plugins). */
        public Request withDiag(Diag d) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, d, backgroundCompile, sysroot, timeLimitMillis, insnLimit, config, randomSeed, stackBytes);
        }

        /** The same request with other engine settings. */
        public Request withConfig(EngineConfig c) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag, backgroundCompile, sysroot, timeLimitMillis, insnLimit, c, randomSeed, stackBytes);
        }

        /** The same request with system-call tracing on or off. */
        public Request withStrace(boolean on) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, on, windowBytes, maxBlocks, diag, backgroundCompile, sysroot, timeLimitMillis, insnLimit, config, randomSeed, stackBytes);
        }
    }

    private static final int SIGKILL = 9;

    private GuestLauncher() { }

    public static int run(Request r) {
        return run(r, new IsaRegistry());
    }

    public static int run(Request r, IsaRegistry registry) {
        return run(r, registry, null);
    }

    /**
     * As {@link #run(Request, IsaRegistry)}; {@code beforeRun} (or null) gets the first thread's
     * VM after loading, before its first instruction (the gdb stub attaches there).
     */
    public static int run(Request r, IsaRegistry registry, java.util.function.Consumer<UserModeVm> beforeRun) {
        return run(r, registry, beforeRun, null);
    }

    /**
     * How a command-line run joins the host process (null for runs inside a larger program, such
     * as tests): the host's own descriptors 0-2 for the guest, and the first process's kernel once
     * it exists (host signals are forwarded to it).
     */
    public interface HostLink {
        /** The host's standard descriptors, or null to use the request's streams. */
        dynvm.microkernel.linux.HostStdio stdio();

        /** The first guest process exists (called before its first instruction). */
        void started(LinuxPersonality kernel);
    }

    /** As {@link #run(Request, IsaRegistry, java.util.function.Consumer)}, joined to the host process by {@code link} (or null). */
    public static int run(Request r, IsaRegistry registry, java.util.function.Consumer<UserModeVm> beforeRun, HostLink link) {
        String file = r.program().toString();
        List<String> argv = new ArrayList<>();
        argv.add(file);
        argv.addAll(r.args());
        Path sysroot = r.sysroot() == null ? null : r.sysroot().toAbsolutePath().normalize();
        // The CLI runs files without the x bit, as qemu-user does; a guest's execve checks it.
        ProgramLoader.Options opts = ProgramLoader.Options.of(sysroot, r.windowBytes()).withIsa(r.isa())
                .withRequireExecutable(false).withStackBytes(r.stackBytes());
        if (r.randomSeed() != null) opts = opts.withRandom(new java.util.Random(r.randomSeed()), opts.ids());
        ProgramLoader.LoadedProgram prog;
        try {
            // a relative program name is the host's, relative to this JVM's directory (as before
            // there was a guest cwd); the guest's own cwd applies to everything else
            Path from = r.program().isAbsolute() ? r.cwd() : Path.of("").toAbsolutePath();
            prog = ProgramLoader.load(file, argv, r.env(), from, registry, opts);
        } catch (ExecError e) {
            return fail(r, file, e.describe(), e.shellStatus());
        }
        Isa isa = prog.isa();
        dynvm.translator.vm.StartupTrace.mark("program loaded");
        try {
            registry.checkCpuFits(isa);
        } catch (IllegalArgumentException e) {
            return fail(r, file, e.getMessage(), 2);
        }
        UserImage img = prog.image();
        LinuxConfig cfg = LinuxConfig.builder()
                .stdin(r.stdin()).stdout(r.stdout()).stderr(r.stderr())
                .cwd(r.cwd()).exePath(prog.hostPath()).argv0(prog.argv().get(0))
                .strace(!r.strace() ? null : r.diag().out() != null ? r.diag().out() : r.stderr()) // -D's file, as in qemu
                .sysroot(sysroot)
                .randomSeed(r.randomSeed())
                .execLoader(new ElfExecLoader(registry, opts.withRequireExecutable(true)))
                .hostStdio(link == null ? null : link.stdio())
                .argv(prog.argv()).envp(r.env()).auxv(img.auxvBytes(isa.byteOrder()))
                .build();
        LinuxPersonality kernel = new LinuxPersonality(img.addressSpace(), registry.linuxAbi(isa), cfg);
        UserModeVm vm = new UserModeVm(isa, img.addressSpace(), kernel, r.engine(), img.entry(), img.stackPointer(),
                r.diag(), r.maxBlocks(), r.backgroundCompile(), r.stderr(), r.config());
        if (r.insnLimit() > 0) vm.setInsnLimit(r.insnLimit());
        // blocks of earlier runs (-Ddynvm.persistentCache); tests turn it on with their own store in beforeRun
        // (not with shorter blocks than the front-end's: the cache's blocks are full length)
        PersistentBlocks persistent = r.config().persistentCache() && r.engine() == EngineKind.DBT && r.config().maxBlockInsns() == 0
                ? new PersistentBlocks(PersistentBlocks.defaultDir(System.getenv()), r.stderr()) : null;
        vm.usePersistentBlocks(persistent);
        if (beforeRun != null) beforeRun.accept(vm);
        if (link != null) link.started(kernel);
        dynvm.translator.vm.StartupTrace.mark("kernel and engine made");
        Thread watchdog = r.timeLimitMillis() > 0 ? startWatchdog(r, kernel) : null;
        int status;
        try {
            status = vm.run();
        } finally {
            if (watchdog != null) watchdog.interrupt();
        }
        dynvm.translator.vm.StartupTrace.mark("guest ended");
        if (persistent != null) persistent.flush();
        dynvm.translator.vm.StartupTrace.mark("persistent cache written");
        if (r.stats()) {
            vm.stats().print(r.stderr());
            if (persistent != null) persistent.printStats(r.stderr());
        }
        r.diag().finish(); // plugins report at exit
        return status;
    }

    /** A per-run daemon thread that kills the process once the time limit has passed (interrupted when the run ends first). */
    private static Thread startWatchdog(Request r, LinuxPersonality kernel) {
        Thread w = new Thread(() -> {
            try {
                Thread.sleep(r.timeLimitMillis());
            } catch (InterruptedException e) {
                return; // the run ended in time
            }
            r.stderr().println("dynvm: time limit of " + r.timeLimitMillis() + " ms exceeded: killed");
            r.stderr().flush();
            kernel.killFromOutside(SIGKILL);
        }, "dynvm-watchdog");
        w.setDaemon(true);
        w.start();
        return w;
    }

    private static int fail(Request r, String file, String reason, int status) {
        r.stderr().println("dynvm: " + file + ": " + reason);
        r.stderr().flush();
        return status;
    }
}
