package dynvm.arm;

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
 * The socket and event-API guests (the PowerPC suite's src/sockets.c and src/events.c, armhf builds: loopback only)
 * and the other Linux personality guests (sigtimers.c, memcalls.c, sysv.c), on their own so
 * they can be run without the whole program suite (ArmGuestProgramsTest runs them too): under both
 * engines against the committed qemu-arm goldens, and, when qemu-arm is installed, qemu-arm run
 * live prints the same (a kernel difference on this host would show here first).
 */
class ArmSocketEventGuestTest {
    static final Set<String> PROGRAMS = Set.of("sockets", "events", "sigtimers", "memcalls", "sysv", "shm", "inotify");

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (ArmGuestCase c : ArmGuestCase.all(ArmGuestCase.Suite.ARMHF))
            if (PROGRAMS.contains(c.program()))
                for (EngineKind k : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) a.add(Arguments.of(c, k));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesQemuGolden(ArmGuestCase c, EngineKind engine) throws Exception {
        ArmGuestCase.Outcome o = c.run(engine);
        assertEquals(c.expectedStdout(), o.stdout(), "stdout of " + c + "; stderr: " + o.stderr());
        assertEquals(c.expectedExit(), o.exit(), "exit status of " + c + "; stderr: " + o.stderr());
    }

    static Stream<ArmGuestCase> programs() { return ArmGuestCase.all(ArmGuestCase.Suite.ARMHF).stream().filter(c -> PROGRAMS.contains(c.program())); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void qemuLiveMatchesGolden(ArmGuestCase c) throws Exception {
        assumeTrue(onPath("qemu-arm"), "qemu-arm is not installed: the live comparison is skipped (goldens still checked)");
        var tmp = Files.createTempDirectory("qemu-" + c.name());
        try {
            Process p = new ProcessBuilder("qemu-arm", "-cpu", "cortex-a15", ArmGuestCase.Suite.ARMHF.dir.resolve("bin").resolve(c.program()).toString())
                    .directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "qemu-arm did not finish");
            assertEquals(c.expectedStdout(), out, "qemu-arm's output of " + c);
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
