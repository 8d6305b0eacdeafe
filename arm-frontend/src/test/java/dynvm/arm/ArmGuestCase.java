package dynvm.arm;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One line of a suite's {@code cases.tsv}: an ARM guest program run with arguments, stdin and an
 * exact environment, whose stdout and exit status must equal the qemu-arm golden files. Suites:
 * armel ({@code src/test/guest}) and armhf ({@code src/test/guest/armhf}); both read inputs from
 * {@code src/test/guest/data}. Runs the way golden.sh runs qemu: a fresh empty cwd (also what
 * {@code @TMP@} expands to), {@code @DATA@} replaced by the data directory and {@code @BIN@} by
 * the suite's bin directory (a program execs another).
 */
public record ArmGuestCase(Suite suite, String name, String program, String args, String stdin, String env) {
    public static final Path GUEST = Path.of("src/test/guest").toAbsolutePath();
    /** ELF e_machine of ARM. */
    public static final int EM_ARM = 40;

    /** A suite of programs built by one Debian cross compiler; its folder holds cases.tsv, bin/ and golden/. */
    public enum Suite {
        ARMEL(GUEST), ARMHF(GUEST.resolve("armhf"));

        final Path dir;

        Suite(Path dir) { this.dir = dir; }
    }

    public static List<ArmGuestCase> all(Suite suite) {
        try {
            List<ArmGuestCase> cases = new ArrayList<>();
            for (String line : Files.readAllLines(suite.dir.resolve("cases.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                cases.add(new ArmGuestCase(suite, f[0], f[1], f[2], f[3], f[4]));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fetched Debian sysroot: the system property {@code property} or the variable {@code env}
     * when set, else {@code name} in the fetch scripts' cache ($DYNVM_CACHE or ~/.cache/dynvm).
     */
    public static Path cachedSysroot(String property, String env, String name) {
        String p = System.getProperty(property, System.getenv(env));
        if (p != null) return Path.of(p);
        String cache = System.getenv("DYNVM_CACHE");
        Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "dynvm");
        return root.resolve(name);
    }

    /**
     * Files whose st_blocks differ from what their sizes suggest, in {@code dir}: "empty", "small"
     * (1 byte), "dense" (100 kB), "sparse" (8 MiB with 2 bytes written) and the folder "folder".
     */
    public static void sparseAndDenseFiles(Path dir) throws IOException {
        Files.write(dir.resolve("empty"), new byte[0]);
        Files.write(dir.resolve("small"), new byte[] {1});
        Files.write(dir.resolve("dense"), new byte[100_000]);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("sparse").toFile(), "rw")) {
            f.write(1);
            f.seek(8 << 20);
            f.write(1);
        }
        Files.createDirectories(dir.resolve("folder"));
    }

    /** Is an ARM front-end installed (found by ServiceLoader)? Tests skip visibly until it is. */
    public static boolean armFrontEndInstalled() { return new IsaRegistry().byElfMachine(EM_ARM) != null; }

    public String expectedStdout() throws IOException { return Files.readString(suite.dir.resolve("golden/" + name + ".out"), StandardCharsets.ISO_8859_1); }

    public int expectedExit() throws IOException { return Integer.parseInt(Files.readString(suite.dir.resolve("golden/" + name + ".exit")).trim()); }

    /** Output of one run. */
    public record Outcome(int exit, String stdout, String stderr) { }

    public Outcome run(EngineKind engine) throws IOException {
        Path tmp = Files.createTempDirectory("dynvm-" + name);
        try {
            List<String> argv = new ArrayList<>();
            if (!args.isEmpty())
                for (String a : args.split(" ")) argv.add(a.replace("@DATA@", GUEST.resolve("data").toString()).replace("@TMP@", tmp.toString())
                        .replace("@BIN@", suite.dir.resolve("bin").toAbsolutePath().toString()));
            List<String> envv = env.equals("-") ? List.of() : Arrays.asList(env.split(","));
            try (InputStream in = stdin.equals("-") ? new ByteArrayInputStream(new byte[0]) : Files.newInputStream(GUEST.resolve("data").resolve(stdin))) {
                return launch(suite.dir.resolve("bin").resolve(program), argv, envv, engine, in, tmp);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /** Runs any guest program with the given arguments, environment, stdin and cwd; stdout and stderr are captured. */
    public static Outcome launch(Path program, List<String> argv, List<String> env, EngineKind engine, InputStream in, Path cwd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream errPs = new PrintStream(err, true);
        int status;
        try (var watchdog = dynvm.translator.harness.GuestWatchdog.watch(program.getFileName() + " " + argv + " [" + engine + "]")) {
            status = GuestLauncher.run(GuestLauncher.Request.of(program, argv, env, engine, in, out, errPs, cwd));
        }
        return new Outcome(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public String toString() { return suite == Suite.ARMEL ? name : suite.name().toLowerCase() + "/" + name; }
}
