package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real python3 programs (Debian's armhf python3.11 and its standard library, run with the sysroot
 * as -L; issue 17's acceptance 1) under both engines, against goldens recorded with qemu-arm -L
 * (guest/python/golden.sh): an http.server in a thread fetched with urllib, an asyncio TCP echo
 * server and clients in one process, socketpair with SCM_RIGHTS (sockets, a pipe, a file),
 * selectors (epoll) over pipes and sockets, subprocess pipelines through the sysroot's dash,
 * sqlite3 on a file, the xattr calls of the os module, st_blocks through os.stat, and
 * /proc/self/task with os.cpu_count. Loopback only.
 *
 * <p>Where qemu-user is no oracle: subprocess_pipes.out is the host's python3.11 (qemu-arm cannot
 * exec the foreign python it starts without binfmt_misc: ENOEXEC; nothing printed depends on
 * the ISA), proc_tasks.out is the host's python3.11 too (qemu-user passes /proc/self/task through:
 * its own RCU thread is listed), and stat_blocks is compared live with the host's {@code stat} of
 * the same files.
 *
 * <p>The sysroot comes from bench/fetch-python.sh (apt and network); without it every case skips
 * with the reason. Each python start costs seconds of translation, so {@code mvn test} runs the
 * quick set under the translator only; {@code -Ddynvm.python=all} (.ci/run) runs every program
 * under both engines.
 */
class PythonProgramsTest {
    static final Path DIR = ArmGuestCase.GUEST.resolve("python");
    static final List<String> PROGRAMS = List.of("fd_passing", "selectors_epoll", "stat_blocks", "xattrs", "sqlite_file",
            "http_server", "asyncio_echo", "subprocess_pipes", "threads_growth", "proc_tasks");
    /** What `mvn test` runs (translator only): the programs that import little. */
    static final Set<String> QUICK = Set.of("fd_passing", "selectors_epoll", "stat_blocks", "xattrs", "proc_tasks");

    @TempDir Path cwd;

    static boolean all() { return "all".equals(System.getProperty("dynvm.python")); }

    /** $DYNVM_PYTHON_SYSROOT, else fetch-python.sh's cache ($DYNVM_CACHE or ~/.cache/dynvm, then python-armhf). */
    static Path sysroot() { return ArmGuestCase.cachedSysroot("dynvm.pythonSysroot", "DYNVM_PYTHON_SYSROOT", "python-armhf"); }

    static Path requirements() {
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
        Path sr = sysroot();
        assumeTrue(Files.isExecutable(sr.resolve("usr/bin/python3.11")) && Files.isRegularFile(sr.resolve("usr/lib/python3.11/http/server.py"))
                        && Files.isRegularFile(sr.resolve("bin/dash")),
                "Debian armhf python3.11 with its standard library not found in " + sr + ": run bench/fetch-python.sh (needs apt and network)");
        return sr;
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (String p : PROGRAMS)
            for (EngineKind k : new EngineKind[] {EngineKind.DBT, EngineKind.INTERP}) a.add(Arguments.of(p, k));
        return a.stream();
    }

    record Result(int exit, String stdout, String stderr) {}

    Result python(Path sr, String program, List<String> args, EngineKind engine) {
        List<String> argv = new ArrayList<>();
        argv.add(DIR.resolve(program + ".py").toAbsolutePath().toString());
        argv.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        GuestLauncher.Request req = GuestLauncher.Request.of(sr.resolve("usr/bin/python3.11"), argv,
                        List.of("PATH=/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE=1"), engine,
                        new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), cwd)
                .withSysroot(sr).withTimeLimit(600_000);
        int status = GuestLauncher.run(req);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesTheGolden(String program, EngineKind engine) throws Exception {
        Path sr = requirements();
        assumeTrue(all() || (engine == EngineKind.DBT && QUICK.contains(program)),
                program + " [" + engine + "] runs with -Ddynvm.python=all (.ci/run): each python start takes seconds");
        List<String> args = List.of();
        String expected;
        if (program.equals("stat_blocks")) {
            args = statFiles();
            expected = hostStat(args);
        } else {
            expected = Files.readString(DIR.resolve(program + ".out"), StandardCharsets.UTF_8);
        }
        Result r = python(sr, program, args, engine);
        if (program.equals("xattrs"))
            assumeFalse(r.stdout().equals("no user xattrs on this file system\n"), "the host file system of " + cwd + " has no user xattrs");
        assertEquals(expected, r.stdout(), "stdout of " + program + " [" + engine + "]; stderr: " + r.stderr());
        assertEquals(0, r.exit(), "exit status; stderr: " + r.stderr());
    }

    /** Files whose st_blocks differ from their size's: empty, small, 100 kB, sparse 8 MiB with 2 bytes, a folder. */
    List<String> statFiles() throws Exception {
        ArmGuestCase.sparseAndDenseFiles(cwd);
        List<String> names = List.of("empty", "small", "dense", "sparse", "folder");
        List<String> paths = new ArrayList<>();
        for (String n : names) paths.add(cwd.resolve(n).toString());
        return paths;
    }

    /** stat_blocks.py's output from the host's own `stat`: what `ls -ls` and `du -s` would show. */
    static String hostStat(List<String> paths) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("stat", "-c", "%b %s %o %n"));
        cmd.addAll(paths);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "the host's stat failed: " + out);
        StringBuilder b = new StringBuilder();
        long total = 0;
        for (String line : out.split("\n")) {
            String[] f = line.split(" ", 4);
            long blocks = Long.parseLong(f[0]);
            total += blocks;
            b.append(blocks / 2).append(' ').append(f[1]).append(' ').append(f[2]).append(' ')
                    .append(Path.of(f[3]).getFileName()).append('\n');
        }
        return b.append("total ").append(total / 2).append('\n').toString();
    }
}
