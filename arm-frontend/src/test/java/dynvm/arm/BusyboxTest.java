package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's busybox-static for armel (ARMv5TE, soft-float) and armhf (ARMv7-A Thumb-2, VFPv3-D16),
 * real programs nobody here wrote, under both engines: each applet run must print exactly what
 * qemu-arm prints for the same command in the same directory, and exit with the same status. qemu
 * runs live on its Cortex-A9 model (ARMv7-A with VFPv3, the CPU the front-end models), so the test
 * needs the busybox binaries (fetched by src/test/guest/fetch-busybox.sh, which .ci/run calls for
 * both) and qemu-arm; without them it skips with the reason.
 *
 * <p>Each run gets a fresh cwd holding the files of src/test/guest/data/busybox (modification
 * times kept, since gzip records them) and a directory {@code tree} for ls. The environment is
 * empty, as with {@code env -i}.
 */
@Execution(ExecutionMode.CONCURRENT)
class BusyboxTest {
    private static final Path DATA = ArmGuestCase.GUEST.resolve("data/busybox");

    /** One busybox command line: the applet and its arguments, and a data file as stdin (or null). */
    record Cmd(String name, List<String> args, String stdin) {
        @Override public String toString() { return name; }
    }

    private static Cmd cmd(String name, String stdin, String... args) { return new Cmd(name, List.of(args), stdin); }

    static List<Cmd> commands() {
        return List.of(
                cmd("echo", null, "echo", "hello,", "world", "  spaced  "),
                cmd("echo -n -e", null, "echo", "-n", "-e", "a\\tb\\nc\\x41"),
                cmd("printf", null, "printf", "%d|%5s|%-4s|%x|%o|%5.2f|%c|%%\\n", "42", "ab", "c", "255", "8", "3.14159", "z"),
                cmd("true", null, "true"),
                cmd("false", null, "false"),
                cmd("basename", null, "basename", "/usr/local/lib/libfoo.so.1", ".1"),
                cmd("uname -m", null, "uname", "-m"),
                cmd("sh arithmetic loop", null, "sh", "-c",
                        "i=0; s=0; while [ $i -lt 200 ]; do s=$((s + i * i % 7 - (i << 2) / 3)); i=$((i + 1)); done; echo $s $((0x10 + 010)) $((7 / 2)) $((-7 % 3))"),
                cmd("sh functions", null, "sh", "-c",
                        "f() { echo \"f:$1:$#\"; shift; [ $# -gt 0 ] && f \"$@\"; return 3; }; f a b c; echo rc=$?; "
                                + "fact() { r=1; n=$1; while [ $n -gt 1 ]; do r=$((r * n)); n=$((n - 1)); done; echo $r; }; fact 12"),
                cmd("sh strings", null, "sh", "-c",
                        "x=hello_big_world; echo ${#x} ${x%_*} ${x%%_*} ${x#*_} ${x##*_} ${x:-d} ${unset:-dflt} ${x:6:3}; "
                                + "for w in one two three four; do case $w in t*) echo T:$w;; *o*) echo O:$w;; *) echo -:$w;; esac; done; "
                                + "set -- p q r; for a; do printf '<%s>' \"$a\"; done; echo; [ abc = abc ] && [ 3 -ne 4 ] && echo tests-ok"),
                cmd("sh exit status", null, "sh", "-c", "echo before; exit 7"),
                cmd("sha256sum", null, "sha256sum", "prose.txt", "words.txt", "table.csv"),
                cmd("md5sum", null, "md5sum", "prose.txt", "numbers.txt"),
                cmd("wc", null, "wc", "prose.txt", "words.txt"),
                cmd("wc -l stdin", "words.txt", "wc", "-l"),
                cmd("tr", "prose.txt", "tr", "a-z", "A-Z"),
                cmd("tr -s", "prose.txt", "tr", "-s", " e", "_"),
                cmd("sed", null, "sed", "-n", "s/the/THE/gp", "prose.txt"),
                cmd("sed ranges", null, "sed", "-e", "2,4d", "-e", "s/^\\(.\\)\\(.*\\)$/\\2\\1/", "words.txt"),
                cmd("awk", null, "awk", "{ n += NF; c += length($0) } END { print n, c, NR }", "prose.txt"),
                cmd("awk -F", null, "awk", "-F,", "NR > 1 { s += $2 * $3; q[$4] += $2 } END { printf \"%.2f\\n\", s; print q[\"Oslo\"], q[\"Lima\"] }", "table.csv"),
                cmd("cut", null, "cut", "-d,", "-f1,3", "table.csv"),
                cmd("cut -c", null, "cut", "-c2-6", "prose.txt"),
                cmd("sort", null, "sort", "words.txt"),
                cmd("sort -n -r -u", null, "sort", "-n", "-r", "-u", "numbers.txt"),
                cmd("sort -t -k", null, "sort", "-t,", "-k4,4", "-k2,2n", "table.csv"),
                cmd("od -x", null, "od", "-x", "table.csv"),
                cmd("expr", null, "expr", "6", "*", "7", "+", "100", "/", "3"),
                cmd("expr match", null, "expr", "abcdef", ":", "a\\(.*\\)e"),
                cmd("expr length", null, "expr", "length", "busybox"),
                cmd("ls", null, "ls", "tree"),
                cmd("ls -a -R", null, "ls", "-a", "-R", "tree"));
    }

    /** The Debian architectures whose busybox-static is tested. */
    enum Build { ARMEL, ARMHF; String arch() { return name().toLowerCase(); } }

    static Stream<Arguments> commandsBothEngines() {
        List<Arguments> a = new ArrayList<>();
        for (Build b : Build.values())
            for (Cmd c : commands())
                for (EngineKind k : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) a.add(Arguments.of(b, c, k));
        return a.stream();
    }

    static Stream<Arguments> engines() {
        List<Arguments> a = new ArrayList<>();
        for (Build b : Build.values())
            for (EngineKind k : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) a.add(Arguments.of(b, k));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1} [{2}]")
    @MethodSource("commandsBothEngines")
    void appletMatchesQemu(Build build, Cmd c, EngineKind engine) throws Exception {
        Path busybox = requirements(build);
        Result expected = inFreshDir(dir -> qemu(busybox, c.args(), stdin(c), dir));
        Result actual = inFreshDir(dir -> dynvm(busybox, c.args(), stdin(c), dir, engine));
        assertEquals(expected.text(), actual.text(), "stdout of busybox " + c.args() + "; stderr: " + actual.stderr());
        assertEquals(expected.exit(), actual.exit(), "exit status of busybox " + c.args() + "; stderr: " + actual.stderr());
    }

    /** gzip -c FILE > F.gz (the redirect done here), then gunzip -c F.gz gives FILE back. */
    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("engines")
    void gzipThenGunzipRoundTrips(Build build, EngineKind engine) throws Exception {
        Path busybox = requirements(build);
        List<String> gzip = List.of("gzip", "-9", "-c", "prose.txt");
        Result qz = inFreshDir(dir -> qemu(busybox, gzip, new byte[0], dir));
        Result dz = inFreshDir(dir -> dynvm(busybox, gzip, new byte[0], dir, engine));
        assertEquals(0, dz.exit(), dz.stderr());
        assertArrayEquals(qz.stdout(), dz.stdout(), "gzip output differs from qemu's; stderr: " + dz.stderr());
        Result back = inFreshDir(dir -> {
            Files.write(dir.resolve("F.gz"), dz.stdout());
            return dynvm(busybox, List.of("gunzip", "-c", "F.gz"), new byte[0], dir, engine);
        });
        assertEquals(0, back.exit(), back.stderr());
        assertArrayEquals(Files.readAllBytes(DATA.resolve("prose.txt")), back.stdout(), "gunzip -c of dynvm's own gzip output");
    }

    // ---- running ----

    record Result(int exit, byte[] stdout, String stderr) {
        String text() { return new String(stdout, StandardCharsets.ISO_8859_1); }
    }

    @FunctionalInterface
    interface InDir { Result run(Path dir) throws Exception; }

    static Result inFreshDir(InDir body) throws Exception {
        Path dir = Files.createTempDirectory("dynvm-busybox");
        try {
            try (Stream<Path> files = Files.list(DATA)) {
                for (Path f : (Iterable<Path>) files::iterator)
                    Files.copy(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.createDirectories(dir.resolve("tree/sub/deeper"));
            for (String f : new String[]{"b.txt", "a.txt", "Z.dat", ".hidden", "sub/inner.c", "sub/deeper/leaf"})
                Files.writeString(dir.resolve("tree").resolve(f), f + "\n");
            return body.run(dir);
        } finally {
            ArmGuestCase.deleteTree(dir);
        }
    }

    private static byte[] stdin(Cmd c) throws IOException { return c.stdin() == null ? new byte[0] : Files.readAllBytes(DATA.resolve(c.stdin())); }

    static Result dynvm(Path busybox, List<String> args, byte[] in, Path dir, EngineKind engine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = dynvm.translator.launch.GuestLauncher.run(dynvm.translator.launch.GuestLauncher.Request.of(
                busybox, args, List.of(), engine, new ByteArrayInputStream(in), out, new PrintStream(err, true), dir));
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.ISO_8859_1));
    }

    static Result qemu(Path busybox, List<String> args, byte[] in, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("qemu-arm", "-cpu", "cortex-a15", busybox.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        // stdin and stderr go through files outside the cwd, so only stdout is a pipe (no deadlock)
        Path inFile = Files.createTempFile("dynvm-busybox-in", ".txt"), errFile = Files.createTempFile("dynvm-busybox-err", ".txt");
        try {
            Files.write(inFile, in);
            Process p = pb.redirectInput(inFile.toFile()).redirectError(errFile.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("qemu-arm timed out"); }
            return new Result(p.exitValue(), out, Files.readString(errFile, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(inFile);
            Files.deleteIfExists(errFile);
        }
    }

    // ---- prerequisites ----

    /**
     * The busybox binary of a build: system property dynvm.busybox.ARCH, else environment
     * DYNVM_BUSYBOX_ARCH (ARCH = armel or armhf, upper case for the variable), else
     * fetch-busybox.sh's cache ($DYNVM_CACHE or ~/.cache/dynvm, then busybox-ARCH/busybox).
     */
    static Path busyboxPath(Build build) {
        String p = System.getProperty("dynvm.busybox." + build.arch());
        if (p == null) p = System.getenv("DYNVM_BUSYBOX_" + build.name());
        if (p != null) return Path.of(p);
        String cache = System.getenv("DYNVM_CACHE");
        Path root = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "dynvm");
        return root.resolve("busybox-" + build.arch() + "/busybox");
    }

    static Path requirements(Build build) {
        Path busybox = busyboxPath(build);
        assumeTrue(Files.isRegularFile(busybox), "busybox-static (" + build.arch() + ") not found at " + busybox
                + ": run arm-frontend/src/test/guest/fetch-busybox.sh " + build.arch()
                + " (needs apt and network) or set -Ddynvm.busybox." + build.arch());
        assumeTrue(ArmQemuOracleTest.onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): busybox oracle skipped");
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered yet (META-INF/services)");
        return busybox;
    }
}
