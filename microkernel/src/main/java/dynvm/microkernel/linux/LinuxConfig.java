package dynvm.microkernel.linux;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * What the host lends a guest process: its standard streams (passed through), working
 * directory, the host path of the program (for /proc/self/exe), the guest argv[0], an optional
 * strace sink, a tty test for the standard descriptors and an optional sysroot. Built with {@link #builder()}.
 */
public final class LinuxConfig {
    public final InputStream stdin;
    public final OutputStream stdout, stderr;
    public final Path cwd;
    public final Path exePath;
    public final String argv0;
    public final PrintStream strace;
    /** qemu-user's {@code -seed}: getrandom is reproducible from it; null: the host's /dev/urandom ({@link HostRandom}). */
    public final Long randomSeed;
    /** Is standard descriptor 0, 1 or 2 a terminal? Only consulted for those three. */
    public final IntPredicate isatty;
    public final int pid, uid, gid;
    /** Where absolute guest paths are looked up first (qemu-user's -L), or null. */
    public final Path sysroot;
    /** Loads execve's new program; {@link ExecLoader#NONE} when the host gave none. */
    public final ExecLoader execLoader;
    /**
     * The host's descriptors 0-2 used directly ({@link HostStdio}); null: the streams above serve
     * as descriptors 0-2 (in-memory streams of tests, hosts without a C library binding).
     */
    public final HostStdio hostStdio;
    /** The first program's argv and envp (/proc/self/cmdline and environ); argv0 alone when not given. */
    public final java.util.List<String> argv, envp;
    /** The auxv the loader wrote, type/value words in guest byte order up to AT_NULL (/proc/self/auxv). */
    public final byte[] auxv;

    /** Personalities configured in this JVM so far without a pid of their own; see {@link #defaultPid}. */
    private static final java.util.concurrent.atomic.AtomicInteger UNNAMED_RUNS = new java.util.concurrent.atomic.AtomicInteger();
    /** The pids each run of one JVM has to itself: the first process's and those counted up from it. */
    static final int PID_RANGE = 1 << 16;

    /**
     * The host's pid for the first run of this JVM (a `dynvm run` process: `kill` from the host
     * reaches the guest by the pid it prints), and a range of its own for every later run. Runs
     * that share one JVM (the test suites run guests two at a time) would otherwise share pids,
     * and with them every name a program makes unique with getpid(): a socket path, an abstract
     * socket, a temporary file. Two such runs met in one unix socket and one of them waited in
     * accept() for ever.
     */
    private static int defaultPid() {
        long run = UNNAMED_RUNS.getAndIncrement();
        return (int) ((ProcessHandle.current().pid() + run * PID_RANGE) & 0x3fffffff);
    }

    private LinuxConfig(Builder b) {
        stdin = b.stdin;
        stdout = b.stdout;
        stderr = b.stderr;
        cwd = b.cwd.toAbsolutePath().normalize();
        exePath = b.exePath == null ? null : b.exePath.toAbsolutePath().normalize();
        argv0 = b.argv0 != null ? b.argv0 : exePath != null ? exePath.toString() : "a.out";
        strace = b.strace;
        randomSeed = b.randomSeed;
        isatty = b.isatty != null ? b.isatty : defaultTty(b);
        pid = b.pid != 0 ? b.pid : defaultPid();
        uid = b.uid >= 0 ? b.uid : hostId("unix:uid");
        gid = b.gid >= 0 ? b.gid : hostId("unix:gid");
        sysroot = b.sysroot == null ? null : b.sysroot.toAbsolutePath().normalize();
        execLoader = b.execLoader != null ? b.execLoader : ExecLoader.NONE;
        hostStdio = b.hostStdio;
        argv = b.argv != null ? java.util.List.copyOf(b.argv) : java.util.List.of(argv0);
        envp = b.envp != null ? java.util.List.copyOf(b.envp) : java.util.List.of();
        auxv = b.auxv != null ? b.auxv.clone() : new byte[0];
    }

    public static Builder builder() { return new Builder(); }

    /** Standard descriptors count as terminals only when they are the JVM's own and it has a console. */
    private static IntPredicate defaultTty(Builder b) {
        boolean console = System.console() != null;
        boolean in = console && b.stdin == System.in, out = console && b.stdout == System.out, err = console && b.stderr == System.err;
        return fd -> fd == 0 ? in : fd == 1 ? out : fd == 2 && err;
    }

    /** The host's uid/gid: the owner of /proc/self is this process (Linux hosts); 1000 elsewhere. */
    private static int hostId(String attr) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), attr);
        } catch (Exception | Error e) {
            return 1000;
        }
    }

    public static final class Builder {
        private InputStream stdin = System.in;
        private OutputStream stdout = System.out, stderr = System.err;
        private Path cwd = Path.of("");
        private Path exePath;
        private String argv0;
        private PrintStream strace;
        private Long randomSeed;
        private IntPredicate isatty;
        private int pid, uid = -1, gid = -1;
        private Path sysroot;
        private ExecLoader execLoader;
        private HostStdio hostStdio;
        private java.util.List<String> argv, envp;
        private byte[] auxv;

        public Builder stdin(InputStream s) { stdin = s; return this; }
        public Builder stdout(OutputStream s) { stdout = s; return this; }
        public Builder stderr(OutputStream s) { stderr = s; return this; }
        public Builder cwd(Path p) { cwd = p; return this; }
        public Builder exePath(Path p) { exePath = p; return this; }
        public Builder argv0(String s) { argv0 = s; return this; }
        /** Null turns tracing off. */
        public Builder strace(PrintStream s) { strace = s; return this; }
        public Builder randomSeed(Long seed) { randomSeed = seed; return this; }
        public Builder isatty(IntPredicate p) { isatty = p; return this; }
        public Builder pid(int p) { pid = p; return this; }
        public Builder uid(int u) { uid = u; return this; }
        public Builder gid(int g) { gid = g; return this; }
        /** Null (the default): host paths only. */
        public Builder sysroot(Path p) { sysroot = p; return this; }
        public Builder execLoader(ExecLoader l) { execLoader = l; return this; }
        /** The host's own standard descriptors instead of the streams (null: the streams). */
        public Builder hostStdio(HostStdio h) { hostStdio = h; return this; }
        public Builder argv(java.util.List<String> a) { argv = a; return this; }
        public Builder envp(java.util.List<String> e) { envp = e; return this; }
        public Builder auxv(byte[] a) { auxv = a; return this; }
        public LinuxConfig build() { return new LinuxConfig(this); }
    }
}
