package dynvm.arm;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dynvm used the way qemu-user is, on Debian's busybox for armhf: a program without {@code run},
 * qemu's single-dash options and DYNVM_* variables, the caller's environment in its order,
 * {@code -strace} into the {@code -D} file and a blocked call visible while it waits; and the
 * launcher script reached through a symlink from another folder (only when the launcher has been
 * built: ./dynvm once; this test never builds it). Guests run in a separate JVM with the test
 * classpath, or through the script.
 */
class QemuHabitsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("dynvm");

    @TempDir Path tmp;

    record Run(int status, String out, String err) { }

    private static Path busybox() {
        Path b = BusyboxTest.busyboxPath(BusyboxTest.Build.ARMHF);
        assumeTrue(Files.isRegularFile(b), "busybox-static (armhf) not found at " + b + ": run arm-frontend/src/test/guest/fetch-busybox.sh armhf");
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
        return b;
    }

    private static List<String> jvm() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-Ddynvm.persistentCache=false", "-cp", System.getProperty("java.class.path"), "dynvm.translator.cli.Main"));
    }

    private Run exec(List<String> cmd, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = pump(p.getErrorStream(), err);
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + cmd);
        t.join();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream in, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(to);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        t.start();
        return t;
    }

    private Run dynvm(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = jvm();
        cmd.addAll(List.of(args));
        return exec(cmd, env, tmp);
    }

    /** A small environment in an order no sort gives, with the JVM's own needs. */
    private static Map<String, String> callerEnv() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("ZZZ_FIRST", "1");
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AAA_LAST", "two words");
        env.put("MIDDLE", "x=y");
        return env;
    }

    @Test
    void programWithoutRunAndNoArgumentsAndVersion() throws Exception {
        Path bb = busybox();
        Run r = dynvm(null, bb.toString(), "echo", "hi");
        assertEquals(0, r.status(), r.err());
        assertEquals("hi\n", r.out());
        r = dynvm(null, "no-such-program");
        assertEquals(127, r.status());
        assertEquals("dynvm: no-such-program: No such file or directory", r.err().strip());
        r = dynvm(null);
        assertEquals(1, r.status(), "no arguments is a usage error, as qemu");
        assertTrue(r.err().contains("Usage: dynvm"), r.err());
        assertEquals("", r.out());
        for (String[] v : new String[][] {{"-version"}, {"--version"}, {"run", "--version"}, {"run", "-version"}}) {
            r = dynvm(null, v);
            assertEquals(0, r.status(), String.join(" ", v));
            assertTrue(r.out().startsWith("dynvm version "), String.join(" ", v) + ": " + r.out());
        }
    }

    @Test
    void theGuestGetsTheCallersEnvironmentInItsOrder() throws Exception {
        Path bb = busybox();
        Map<String, String> env = callerEnv();
        Run host = exec(List.of("/usr/bin/env"), env, tmp);
        Run guest = dynvm(env, bb.toString(), "env");
        assertEquals(0, guest.status(), guest.err());
        assertEquals(host.out(), guest.out());
    }

    @Test
    void eListsAndTheEnvironmentVariablesForIt() throws Exception {
        Path bb = busybox();
        Map<String, String> env = callerEnv();
        env.put("DYNVM_SET_ENV", "FROM_VAR=1,ZZZ_FIRST=changed");
        env.put("DYNVM_UNSET_ENV", "MIDDLE");
        Run r = dynvm(env, "-E", "A=1,B=2", "-U", "AAA_LAST", bb.toString(), "env");
        assertEquals(0, r.status(), r.err());
        // the caller's order, -E replacing where a variable stands, new ones at the end
        List<String> expected = new ArrayList<>();
        for (String l : exec(List.of("/usr/bin/env"), env, tmp).out().lines().toList()) {
            if (l.startsWith("MIDDLE=") || l.startsWith("AAA_LAST=")) continue;
            expected.add(l.startsWith("ZZZ_FIRST=") ? "ZZZ_FIRST=changed" : l);
        }
        expected.addAll(List.of("FROM_VAR=1", "A=1", "B=2"));
        assertEquals(expected, r.out().lines().toList());
    }

    @Test
    void straceGoesToTheDFileWithEitherSpellingOrItsVariables() throws Exception {
        Path bb = busybox();
        Path log = tmp.resolve("trace.log");
        Run r = dynvm(null, "-strace", "-D", log.toString(), bb.toString(), "echo", "hi");
        assertEquals(0, r.status(), r.err());
        assertEquals("hi\n", r.out());
        assertFalse(r.err().contains("write("), "no strace on stderr with -D: " + r.err());
        String trace = Files.readString(log);
        assertTrue(trace.matches("(?s).*\\d+ write\\(1,\"hi\\\\12\",3\\) = 3\n.*"), trace);
        Files.delete(log);
        Map<String, String> env = callerEnv();
        env.put("DYNVM_STRACE", "1");
        env.put("DYNVM_LOG_FILENAME", log.toString());
        r = dynvm(env, bb.toString(), "true");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(log).contains("exit_group(0)"), Files.readString(log));
    }

    @Test
    void aBlockedCallIsVisibleWhileItWaits() throws Exception {
        Path bb = busybox();
        List<String> cmd = jvm();
        cmd.addAll(List.of("run", "-strace", bb.toString(), "sh", "-c", "read x; echo got $x"));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = pump(p.getErrorStream(), err);
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            // busybox's line editing polls stdin before it reads
            String blocked = "(?s).*\\n\\d+ poll\\(0x[0-9a-f]{8},1,-1\\)";
            while (!err.toString(StandardCharsets.UTF_8).matches(blocked) && System.nanoTime() < deadline)
                Thread.sleep(20);
            String waiting = err.toString(StandardCharsets.UTF_8);
            assertTrue(waiting.matches(blocked), "the poll shows while it waits: " + waiting);
            assertTrue(p.isAlive());
            p.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals("got yes\n", out);
            t.join();
            assertTrue(err.toString(StandardCharsets.UTF_8).matches("(?s).*\\d+ poll\\(0x[0-9a-f]{8},1,-1\\) = 1\n.*"), err.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void oneInsnPerTbSeedAndStackSizeRunTheGuest() throws Exception {
        Path bb = busybox();
        for (String[] opts : new String[][] {{"-one-insn-per-tb"}, {"-singlestep"}, {"-seed", "5"}, {"-s", "256k"}, {"-R", "128M"}}) {
            List<String> a = new ArrayList<>(List.of(opts));
            a.addAll(List.of(bb.toString(), "sh", "-c", "echo $((6 * 7))"));
            Run r = dynvm(null, a.toArray(new String[0]));
            assertEquals(0, r.status(), String.join(" ", opts) + ": " + r.err());
            assertEquals("42\n", r.out(), String.join(" ", opts));
        }
        Run r = dynvm(null, "-B", "0x1000", bb.toString(), "true");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("not supported"), r.err());
    }

    // --- the launcher script (not built by this test)

    private static void launcherBuilt() {
        assumeTrue(Files.isRegularFile(ROOT.resolve("translator/target/translator-0.1.0-SNAPSHOT.jar"))
                        && Files.isRegularFile(ROOT.resolve("arm-frontend/target/arm-frontend-0.1.0-SNAPSHOT.jar")),
                "the launcher has not been built (run ./dynvm once): launcher tests skipped");
    }

    private Run launcher(Path script, Map<String, String> env, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        Map<String, String> e = new java.util.LinkedHashMap<>(env);
        e.put("DYNVM_NO_BUILD", "1");
        e.put("DYNVM_CDS", "0");
        return exec(cmd, e, dir);
    }

    @Test
    void theLauncherWorksThroughASymlinkFromAnotherFolderWithTheCallersEnvironment() throws Exception {
        launcherBuilt();
        Path bb = busybox();
        Path bin = Files.createDirectories(tmp.resolve("bin")), work = Files.createDirectories(tmp.resolve("work"));
        Path link = Files.createSymbolicLink(bin.resolve("dynvm"), LAUNCHER);
        Files.copy(bb, work.resolve("busybox"));
        Map<String, String> env = callerEnv();
        Run r = launcher(link, env, work, "busybox", "echo", "hi");
        assertEquals(0, r.status(), r.err());
        assertEquals("hi\n", r.out());
        try (var s = Files.list(work)) {
            assertEquals(List.of(work.resolve("busybox")), s.toList(), "nothing written in the caller's folder");
        }
        assertFalse(Files.exists(bin.resolve("translator")), "nothing written beside the symlink");
        // the guest's environment is the caller's: no PWD, SHLVL or _ from bash, same order
        Map<String, String> e = new java.util.LinkedHashMap<>(env);
        e.put("DYNVM_NO_BUILD", "1");
        e.put("DYNVM_CDS", "0");
        Run host = exec(List.of("/usr/bin/env"), e, work);
        Run guest = launcher(link, env, work, "busybox", "env");
        assertEquals(0, guest.status(), guest.err());
        assertEquals(host.out(), guest.out());
        r = launcher(link, env, work);
        assertEquals(1, r.status(), "no arguments: usage, status 1");
        assertTrue(r.err().contains("Usage: dynvm"), r.err());
    }

    /**
     * Descriptors above 2 the caller passes down (a shell's {@code 3<file}, {@code 5>file}, one
     * the shell itself holds, as a process substitution's /dev/fd/63) are the guest's under the
     * same numbers, as under Linux and qemu-user: the guest's /proc/self/fd lists exactly what a
     * host program's lists (none of the JVM's own files), and it reads and writes them.
     */
    @Test
    void descriptorsTheCallerPassesDownAreTheGuests() throws Exception {
        launcherBuilt();
        Path bb = busybox();
        Path work = Files.createDirectories(tmp.resolve("fds"));
        Files.writeString(work.resolve("three.txt"), "three\n");
        Files.writeString(work.resolve("four.txt"), "four\n");
        String run = quote(LAUNCHER.toString()) + " " + quote(bb.toString());
        String redirect = " 3<three.txt 4<four.txt 5>five.txt";
        String script = "exec 63<four.txt"
                + "; host=$(LC_ALL=C ls /proc/self/fd" + redirect + " | tr '\\n' ' ')"
                + "; guest=$(" + run + " ls /proc/self/fd" + redirect + " | tr '\\n' ' ')"
                + "; [ \"$host\" = \"$guest\" ] && echo same fds || echo \"host: $host, guest: $guest\""
                + "; " + run + " sh -c 'cat <&3; cat /dev/fd/4; echo five >&5; cat /dev/fd/63'" + redirect + "; echo status $?; cat five.txt"
                + "; exec 63<&-; " + run + " cat /dev/fd/63; echo status $?";
        Map<String, String> e = new java.util.LinkedHashMap<>(callerEnv());
        e.put("DYNVM_NO_BUILD", "1");
        e.put("DYNVM_CDS", "0");
        Run r = exec(List.of("bash", "-c", script), e, work);
        assertEquals("same fds\nthree\nfour\nfour\nstatus 0\nfive\nstatus 1\n", r.out(), r.err());
        assertTrue(r.err().contains("can't open '/dev/fd/63'"), r.err());
    }

    private static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }

    @Test
    void installPutsASymlinkToTheLauncherInTheFolder() throws Exception {
        Path dir = tmp.resolve("somewhere/bin");
        Run r = exec(List.of(LAUNCHER.toString(), "install", dir.toString()), Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()), tmp);
        assertEquals(0, r.status(), r.err());
        assertEquals(LAUNCHER.toRealPath(), dir.resolve("dynvm").toRealPath());
        assertTrue(r.err().contains("is not on PATH"), r.err());
        r = exec(List.of(LAUNCHER.toString(), "install"), Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()), tmp);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("installing into " + tmp.resolve(".local/bin")), r.err());
        assertTrue(Files.isSymbolicLink(tmp.resolve(".local/bin/dynvm")));
    }

    // --- dynvm binfmt (the kernel's binfmt_misc only where the test may write it)

    @Test
    void binfmtPrintShowsQemusArmLine() throws Exception {
        Run r = dynvm(null, "binfmt", "--print", "--interpreter", "/opt/dynvm/dynvm");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().toList().contains(":dynvm-arm:M::"
                + "\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x28\\x00:"
                + "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
                + ":/opt/dynvm/dynvm:"), r.out());
    }

    @Test
    void binfmtInstallAndRemoveWriteBinfmtMiscsFiles() throws Exception {
        // a stand-in folder with binfmt_misc's files: what is written, not what the kernel does
        Path dir = Files.createDirectories(tmp.resolve("binfmt_misc"));
        Files.createFile(dir.resolve("register"));
        Run r = dynvm(null, "binfmt", "--install", "--interpreter", "/opt/dynvm/dynvm", "--binfmt-dir", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(dir.resolve("register")).startsWith(":dynvm-"), "a registration line");
        assertTrue(r.err().contains("registered " + dir.resolve("dynvm-arm")), r.err());
        Files.writeString(dir.resolve("dynvm-arm"), "enabled\n");
        r = dynvm(null, "binfmt", "--remove", "--binfmt-dir", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("-1", Files.readString(dir.resolve("dynvm-arm")), "-1 removes an entry");
        r = dynvm(null, "binfmt", "--install", "--interpreter", "/x/dynvm", "--binfmt-dir", tmp.resolve("none").toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("is not mounted"), r.err());
    }

    @Test
    void binfmtWithTheKernelRunsAnArmProgramDirectly() throws Exception {
        Path reg = Path.of("/proc/sys/fs/binfmt_misc/register");
        assumeTrue(Files.isWritable(reg), "/proc/sys/fs/binfmt_misc is not mounted or not writable here: kernel registration not tested");
        launcherBuilt();
        Path bb = busybox();
        assumeTrue(!Files.exists(Path.of("/proc/sys/fs/binfmt_misc/dynvm-arm")), "dynvm-arm is registered already: left alone");
        Run r = exec(List.of(LAUNCHER.toString(), "binfmt", "--install"), Map.of("PATH", "/usr/bin:/bin"), tmp);
        assertEquals(0, r.status(), r.err());
        try {
            Path prog = tmp.resolve("echo");
            Files.copy(bb, prog);
            prog.toFile().setExecutable(true);
            Run hi = exec(List.of(prog.toString(), "hi"), Map.of("PATH", "/usr/bin:/bin", "DYNVM_NO_BUILD", "1"), tmp);
            assertEquals("hi\n", hi.out(), hi.err());
        } finally {
            r = exec(List.of(LAUNCHER.toString(), "binfmt", "--remove"), Map.of("PATH", "/usr/bin:/bin"), tmp);
            assertEquals(0, r.status(), r.err());
        }
    }
}
