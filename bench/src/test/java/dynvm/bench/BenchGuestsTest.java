package dynvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CPU-bound workloads of {@code bench/report.sh} (bench_int, bench_fp, bench_mem, built for
 * ppc, armel and armhf in {@code guests/bin}; bench_vec, auto-vectorised for NEON, run on
 * {@code -cpu cortex-a15}) compute what qemu-user computes: each runs with its
 * tiny argument from {@code guests/tiny.tsv} under both engines and must print its golden
 * checksum line ({@code guests/golden/NAME-ARCH.out}, written by {@code guests/golden.sh}) and
 * exit 0. A benchmark whose result is wrong measures nothing. Where qemu-user is installed the
 * goldens themselves are re-checked against it.
 */
class BenchGuestsTest {
    private static final Path GUESTS = Path.of("guests");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> a = new ArrayList<>();
        for (String line : Files.readAllLines(GUESTS.resolve("tiny.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            String[] archs = f.length > 2 ? f[2].split(",") : new String[]{"ppc", "armel", "armhf"};
            for (String arch : archs)
                for (EngineKind k : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT})
                    a.add(Arguments.of(f[0] + "-" + arch, f[1], k));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1} [{2}]")
    @MethodSource("cases")
    void printsQemusChecksum(String binary, String arg, EngineKind engine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Path cwd = Files.createTempDirectory("dynvm-bench");
        try {
            // the NEON builds need the Cortex-A15 model; the others run on each ISA's default
            IsaRegistry isas = binary.endsWith("-neon") ? new IsaRegistry().withCpu("cortex-a15") : new IsaRegistry();
            int status = GuestLauncher.run(GuestLauncher.Request.of(GUESTS.resolve("bin").resolve(binary).toAbsolutePath(),
                    List.of(arg), List.of(), engine, new ByteArrayInputStream(new byte[0]), out,
                    new PrintStream(err, true), cwd), isas);
            String stderr = err.toString(StandardCharsets.ISO_8859_1);
            assertEquals(Files.readString(GUESTS.resolve("golden").resolve(binary + ".out")),
                    out.toString(StandardCharsets.ISO_8859_1), "stdout of " + binary + "; stderr: " + stderr);
            assertEquals(0, status, "exit status of " + binary + "; stderr: " + stderr);
        } finally {
            Files.deleteIfExists(cwd);
        }
    }

    @Test
    void committedGoldensStillMatchQemu() throws Exception {
        assumeTrue(onPath("qemu-ppc") && onPath("qemu-arm"), "qemu-ppc/qemu-arm not installed (Debian qemu-user): golden re-check skipped");
        Process p = new ProcessBuilder("sh", "golden.sh", "--check").directory(GUESTS.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertEquals(0, done ? p.exitValue() : -1, "golden.sh --check output:\n" + out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }
}
