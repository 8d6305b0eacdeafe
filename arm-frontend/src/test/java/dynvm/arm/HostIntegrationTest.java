package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dynvm as a host program (issue 16, docs/host-integration.md): the guest's stdio is the host's
 * descriptors with their real errors, host signals reach the guest, death by a signal is seen by
 * the parent, and an interactive shell works on a terminal. Each case runs the same busybox
 * under dynvm (a forked JVM, with the JVM options the launcher uses) and, when installed, under
 * qemu-arm, and expects the same outcome. A parent's view of the status (WIFSIGNALED or not) and
 * the pseudo-terminal come from small python3 scripts beside this test (Java's Process cannot
 * tell a signal from exit 128+N); without busybox or python3 the cases skip with the reason.
 */
class HostIntegrationTest {
    private static Path busybox, hostRun, ptyShell;
    private static boolean qemu;
    @TempDir Path dir;

    @BeforeAll
    static void requirements() throws IOException {
        busybox = BusyboxTest.busyboxPath(BusyboxTest.Build.ARMEL);
        assumeTrue(Files.isRegularFile(busybox), "busybox-static (armel) not found at " + busybox
                + ": run arm-frontend/src/test/guest/fetch-busybox.sh armel");
        assumeTrue(ArmQemuOracleTest.onPath("python3"), "python3 not installed: host integration cases skipped");
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
        qemu = ArmQemuOracleTest.onPath("qemu-arm");
        hostRun = copy("host-run.py");
        ptyShell = copy("pty-shell.py");
    }

    private static Path copy(String name) throws IOException {
        Path p = Files.createTempFile("dynvm-" + name.replace(".py", ""), ".py");
        try (InputStream in = HostIntegrationTest.class.getResourceAsStream("host/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        p.toFile().deleteOnExit();
        return p;
    }

    /**
     * dynvm's command line: this JVM's java with the launcher's signal-related options
     * (-XX:-DisplayVMOutput keeps HotSpot's SIGQUIT thread dump out of the guest's stdout).
     */
    static List<String> dynvm() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-Xss16m", "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput",
                "-cp", System.getProperty("java.class.path"), "dynvm.translator.cli.Main", "run");
    }

    /** Runs {@code bash -c script} in the temp dir with $RUN (dynvm or qemu-arm), $BB, $HOSTRUN set; stdout+stderr. */
    private String bash(List<String> runner, String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("RUN", launcher(runner).toString());
        pb.environment().put("BB", busybox.toString());
        pb.environment().put("HOSTRUN", hostRun.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bash did not end");
        return new String(out, StandardCharsets.UTF_8);
    }

    /** "qemu: uncaught target signal 11 (Segmentation fault) - core dumped" and dynvm's counterpart differ in name and core. */
    private static String withoutUncaughtLine(String out) {
        return out.replaceAll("(?m)^(qemu|dynvm): uncaught target signal [^\n]*\n", "");
    }

    private static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }

    /** A script that execs {@code runner} with its arguments (so signals reach the runner itself). */
    private Path launcher(List<String> runner) throws IOException {
        Path f = dir.resolve(runner.get(0).endsWith("qemu-arm") ? "run-qemu.sh" : "run-dynvm.sh");
        Files.writeString(f, "#!/bin/sh\nexec " + String.join(" ", runner.stream().map(HostIntegrationTest::quote).toList()) + " \"$@\"\n");
        f.toFile().setExecutable(true);
        return f;
    }

    /** The script's output under dynvm, checked against qemu-arm's when installed. */
    private String both(String script) throws Exception {
        String ours = withoutUncaughtLine(bash(dynvm(), script));
        if (qemu) assertEquals(withoutUncaughtLine(bash(List.of("qemu-arm"), script)), ours, "dynvm differs from qemu-arm for: " + script);
        return ours;
    }

    @Test
    void yesIntoHeadEndsAtOnceKilledBySigpipe() throws Exception {
        long t0 = System.nanoTime();
        assertEquals("y\nsignal 13\n", both("python3 \"$HOSTRUN\" head 1 $RUN \"$BB\" yes"));
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "yes | head -1 took too long");
    }

    @Test
    void seqIntoHeadEndsKilledBySigpipe() throws Exception {
        assertEquals("1\n2\nsignal 13\n", both("python3 \"$HOSTRUN\" head 2 $RUN \"$BB\" seq 1 1000000"));
    }

    @Test
    void writeToDevFullFailsWithEnospc() throws Exception {
        assertEquals("echo: write error: No space left on device\nstatus 1\n",
                both("$RUN \"$BB\" echo hi > /dev/full; echo \"status $?\""));
    }

    @Test
    void closedStdoutAndStdinAreEbadf() throws Exception {
        assertEquals("echo: write error: Bad file descriptor\nstatus 1\n", both("$RUN \"$BB\" echo hi >&-; echo \"status $?\""));
        assertEquals("cat: read error: Bad file descriptor\nstatus 1\n", both("$RUN \"$BB\" cat <&-; echo \"status $?\""));
    }

    /** Every descriptor number a guest can name: only the three standard ones (none of the JVM's files). */
    @Test
    void noJvmDescriptorIsVisible() throws Exception {
        String scan = "for i in $(seq 0 1023); do if { : <&$i; } 2>/dev/null || { : >&$i; } 2>/dev/null; then echo -n \"$i \"; fi; done";
        assertEquals("0 1 2", both("$RUN \"$BB\" sh -c '" + scan + "' </dev/null").trim());
        // with stdin closed the JVM's own files may sit on 0: still not the guest's (the shell's own pipes may)
        both("$RUN \"$BB\" sh -c '" + scan + "' <&-");
        both("$RUN \"$BB\" cat <&- 2>&1; echo \"status $?\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP", "USR1", "USR2", "ALRM", "WINCH"})
    void hostSignalRunsTheGuestsTrap(String sig) throws Exception {
        // a signal ignored when the tests started (nohup ignores HUP) stays ignored in every child,
        // and POSIX lets no non-interactive shell trap a signal ignored on entry
        assumeFalse(ignoredOnEntry(sig), "SIG" + sig + " is ignored by whatever started the tests (nohup?): no shell can trap it");
        String script = "trap \"echo trapped " + sig + "; exit 7\" " + sig + "; echo ready; while :; do :; done";
        assertEquals("ready\ntrapped " + sig + "\nexit 7\n",
                both("python3 \"$HOSTRUN\" signal " + sig + " $RUN \"$BB\" sh -c '" + script + "'"));
    }

    /** Does this process ignore {@code sig} (SigIgn of /proc/self/status; Linux only)? */
    private static boolean ignoredOnEntry(String sig) throws IOException {
        int n = switch (sig) { case "HUP" -> 1; case "INT" -> 2; case "USR1" -> 10; case "USR2" -> 12; case "ALRM" -> 14; case "TERM" -> 15; case "WINCH" -> 28; default -> 0; };
        Path status = Path.of("/proc/self/status");
        if (n == 0 || !Files.isReadable(status)) return false;
        for (String line : Files.readAllLines(status))
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >>> (n - 1) & 1) != 0;
        return false;
    }

    /** SIGQUIT is HotSpot's (not delivered; docs say so) and SIGUSR2 the guest's: neither dumps threads, crashes or writes hs_err. */
    @ParameterizedTest
    @ValueSource(strings = {"QUIT", "USR2"})
    void quitAndUsr2NeitherCrashNorDump(String sig) throws Exception {
        String script = "trap \"\" " + sig + "; echo ready; sleep 2; echo done";
        String out = both("python3 \"$HOSTRUN\" signal " + sig + " $RUN \"$BB\" sh -c '" + script + "'");
        assertEquals("ready\ndone\nexit 0\n", out);
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err")), "hs_err file written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "SEGV", "USR1"})
    void deathBySignalIsSeenByTheParent(String sig) throws Exception {
        int n = switch (sig) { case "TERM" -> 15; case "INT" -> 2; case "SEGV" -> 11; default -> 10; };
        assertEquals("signal " + n + "\n", both("python3 \"$HOSTRUN\" status $RUN \"$BB\" sh -c 'kill -" + sig + " $$'"));
    }

    /** Acceptance 2: an interactive busybox sh on a pseudo-terminal (pty-shell.py tells the steps). */
    @Test
    void interactiveShellOnATerminal() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", ptyShell.toString()));
        cmd.addAll(dynvm());
        cmd.addAll(List.of(busybox.toString(), "sh", "-i"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "pty session did not end");
        assertEquals("ok prompt\nok command\nok prompt-again\nok ctrl-c\nok alive\nok tty\nok exit-3\nok mode-restored\n", out);
        assertEquals(0, p.exitValue(), out);
    }
}
