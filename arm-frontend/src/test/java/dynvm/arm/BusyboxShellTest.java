package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dynvm.arm.BusyboxTest.Build;
import dynvm.arm.BusyboxTest.Result;
import dynvm.translator.vm.EngineKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * busybox sh as a user runs it: pipelines, loops over pipes, redirections to files, find piped to
 * sort, xargs, subshells, command substitution, traps and scripts. Each needs the Linux
 * personality's processes (busybox sh forks for every pipeline stage and subshell), pipes, wait4,
 * signals (SIGPIPE, SIGCHLD, trap) and, for applets xargs cannot run in-process, execve of
 * /proc/self/exe. Output and exit status must equal qemu-arm's, under both engines.
 *
 * <p>{@code @OUT@} in a command is replaced by the absolute path of the run's fresh directory
 * (the issue's {@code /tmp/x} with a test-specific path).
 */
@Execution(ExecutionMode.CONCURRENT)
class BusyboxShellTest {
    record Script(String name, String command) {
        @Override public String toString() { return name; }
    }

    static List<Script> scripts() {
        return List.of(
                new Script("seq | sort -rn | head", "seq 1 200 | sort -rn | head -5"),
                new Script("for loop of pipes", "for i in 1 2 3; do echo $i | sed s/^/n/; done"),
                new Script("redirect to a file", "echo a > @OUT@/x; cat @OUT@/x; rm @OUT@/x; [ -e @OUT@/x ] || echo removed"),
                new Script("find | sort", "find tree | sort; find tree -name '*.txt' -type f | sort"),
                new Script("xargs", "echo a b c d e | xargs -n2 echo x; find tree -type f | sort | xargs echo files:"),
                new Script("subshells and $()", "x=$(echo inner; (echo sub; exit 3); echo rc=$?); echo \"[$x]\"; "
                        + "(cd tree && ls); echo $(( $(echo 6) * $(echo 7) )); y=$( (echo a; echo b) | wc -l); echo lines=$y; "
                        + "echo \"$(echo \"$(echo deep)\")\""),
                new Script("long pipeline", "cat prose.txt | tr a-z A-Z | tr -s ' ' '\\n' | sort | uniq -c | sort -rn | head -3"),
                new Script("while read over a pipe", "ls tree | while read f; do echo \"<$f>\"; done; echo after=$?"),
                new Script("pipeline exit status", "false | true; echo s1=$?; true | false; echo s2=$?; (exit 9); echo s3=$?"),
                new Script("SIGPIPE to a writer", "seq 1 200000 | head -2; echo done"),
                new Script("trap and kill $$", "trap 'echo caught USR1' USR1; kill -USR1 $$; echo after; trap - USR1"),
                new Script("background job and wait", "(echo bg; exit 6) & wait $!; echo waited=$?"),
                new Script("script file", "sh script.sh; echo script=$?"),
                new Script("exit status of sh", "echo x | grep -q y; exit $?"));
    }

    static Stream<Arguments> scriptsBothEngines() {
        List<Arguments> a = new ArrayList<>();
        for (Build b : Build.values())
            for (Script s : scripts())
                for (EngineKind k : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) a.add(Arguments.of(b, s, k));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1} [{2}]")
    @MethodSource("scriptsBothEngines")
    void shellMatchesQemu(Build build, Script s, EngineKind engine) throws Exception {
        Path busybox = BusyboxTest.requirements(build);
        Result expected = run(s, dir -> BusyboxTest.qemu(busybox, sh(s, dir), new byte[0], dir));
        Result actual = run(s, dir -> BusyboxTest.dynvm(busybox, sh(s, dir), new byte[0], dir, engine));
        assertEquals(expected.text(), actual.text(), "stdout of sh -c '" + s.command() + "'; stderr: " + actual.stderr());
        assertEquals(expected.exit(), actual.exit(), "exit status of sh -c '" + s.command() + "'; stderr: " + actual.stderr());
    }

    /**
     * xargs runs an applet that cannot run in-process (wc) by vfork and execve("/proc/self/exe").
     * qemu-arm cannot do that without binfmt_misc (its execve hands the ARM binary to the host
     * kernel: ENOEXEC), so the oracle here is qemu running the command xargs builds.
     */
    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("dynvm.arm.BusyboxTest#engines")
    void xargsReexecutesBusybox(Build build, EngineKind engine) throws Exception {
        Path busybox = BusyboxTest.requirements(build);
        Result expected = BusyboxTest.inFreshDir(dir -> BusyboxTest.qemu(busybox,
                List.of("wc", "-l", "tree/a.txt", "tree/b.txt", "tree/sub/deeper/leaf", "tree/sub/inner.c"), new byte[0], dir));
        Result actual = BusyboxTest.inFreshDir(dir -> BusyboxTest.dynvm(busybox,
                List.of("sh", "-c", "find tree -type f ! -name '*.dat' ! -name '.*' | sort | xargs wc -l"), new byte[0], dir, engine));
        assertEquals(expected.text(), actual.text(), "stderr: " + actual.stderr());
        assertEquals(0, actual.exit(), actual.stderr());
    }

    private static List<String> sh(Script s, Path out) { return List.of("sh", "-c", s.command().replace("@OUT@", out.toString())); }

    /** Runs in a fresh cwd; a script that removes its {@code @OUT@} file must leave it removed. */
    private static Result run(Script s, BusyboxTest.InDir body) throws Exception {
        return BusyboxTest.inFreshDir(dir -> {
            Result r = body.run(dir);
            if (s.command().contains("rm @OUT@")) assertFalse(Files.exists(dir.resolve("x")), "the script's file was not removed");
            return r;
        });
    }
}
