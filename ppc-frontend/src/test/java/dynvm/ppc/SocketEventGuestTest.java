package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.vm.EngineKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The socket and event-API guests (src/sockets.c, src/events.c: loopback only) and the other Linux
 * personality guests (sigtimers.c, memcalls.c, sysv.c), on their own so
 * they can be run without the whole program suite (GuestProgramsTest runs them too): under both
 * engines against the committed qemu-ppc goldens, and, when qemu-ppc is installed, qemu-ppc run
 * live prints the same (a kernel difference on this host would show here first).
 */
class SocketEventGuestTest {
    static final Set<String> PROGRAMS = Set.of("sockets", "events", "sigtimers", "memcalls", "sysv", "shm", "inotify");

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (GuestCase c : GuestCase.all())
            if (PROGRAMS.contains(c.program()))
                for (EngineKind k : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) a.add(Arguments.of(c, k));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesQemuGolden(GuestCase c, EngineKind engine) throws Exception {
        GuestCase.Outcome o = c.run(engine);
        assertEquals(c.expectedStdout(), o.stdout(), "stdout of " + c + "; stderr: " + o.stderr());
        assertEquals(c.expectedExit(), o.exit(), "exit status of " + c + "; stderr: " + o.stderr());
    }

    static Stream<GuestCase> programs() { return GuestCase.all().stream().filter(c -> PROGRAMS.contains(c.program())); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void qemuLiveMatchesGolden(GuestCase c) throws Exception {
        assumeTrue(onPath("qemu-ppc"), "qemu-ppc is not installed: the live comparison is skipped (goldens still checked)");
        var tmp = Files.createTempDirectory("qemu-" + c.name());
        try {
            Process p = new ProcessBuilder("qemu-ppc", GuestCase.GUEST.resolve("bin").resolve(c.program()).toString())
                    .directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu-ppc did not finish");
            assertEquals(c.expectedStdout(), out, "qemu-ppc's output of " + c);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!d.isEmpty() && Files.isExecutable(java.nio.file.Path.of(d, tool))) return true;
        return false;
    }
}
