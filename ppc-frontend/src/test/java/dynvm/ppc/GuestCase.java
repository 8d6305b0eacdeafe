package dynvm.ppc;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
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
 * One line of {@code src/test/guest/cases.tsv}: a guest program run with arguments, stdin and an
 * exact environment, whose stdout and exit status must equal the qemu-ppc golden files. Runs the
 * same way golden.sh runs qemu: a fresh empty cwd (also what {@code @TMP@} expands to), and
 * {@code @DATA@} replaced by the data directory, {@code @BIN@} by the bin directory (a program execs another).
 */
record GuestCase(String name, String program, String args, String stdin, String env) {
    static final Path GUEST = Path.of("src/test/guest").toAbsolutePath();

    static List<GuestCase> all() {
        try {
            List<GuestCase> cases = new ArrayList<>();
            for (String line : Files.readAllLines(GUEST.resolve("cases.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                cases.add(new GuestCase(f[0], f[1], f[2], f[3], f[4]));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String expectedStdout() throws IOException { return Files.readString(GUEST.resolve("golden/" + name + ".out"), StandardCharsets.ISO_8859_1); }

    int expectedExit() throws IOException { return Integer.parseInt(Files.readString(GUEST.resolve("golden/" + name + ".exit")).trim()); }

    /** Output of one run. */
    record Outcome(int exit, String stdout, String stderr) { }

    Outcome run(EngineKind engine) throws IOException { return run(engine, null); }

    /** As {@link #run(EngineKind)}; {@code beforeRun} (or null) gets the first thread's VM before it starts. */
    Outcome run(EngineKind engine, java.util.function.Consumer<dynvm.translator.vm.UserModeVm> beforeRun) throws IOException {
        Path tmp = Files.createTempDirectory("dynvm-" + name);
        try {
            List<String> argv = new ArrayList<>();
            if (!args.isEmpty())
                for (String a : args.split(" ")) argv.add(a.replace("@DATA@", GUEST.resolve("data").toString()).replace("@TMP@", tmp.toString())
                        .replace("@BIN@", GUEST.resolve("bin").toAbsolutePath().toString()));
            List<String> envv = env.equals("-") ? List.of() : Arrays.asList(env.split(","));
            InputStream in = stdin.equals("-") ? new ByteArrayInputStream(new byte[0]) : Files.newInputStream(GUEST.resolve("data").resolve(stdin));
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            PrintStream errPs = new PrintStream(err, true);
            GuestLauncher.Request req = GuestLauncher.Request.of(GUEST.resolve("bin").resolve(program), argv, envv, engine, in, out, errPs, tmp);
            int status;
            try (var watchdog = dynvm.translator.harness.GuestWatchdog.watch(name + " [" + engine + "]")) {
                status = GuestLauncher.run(req, new dynvm.translator.vm.IsaRegistry(), beforeRun);
            }
            in.close();
            return new Outcome(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public String toString() { return name; }
}
