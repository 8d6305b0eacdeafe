package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: a separate JVM with the test classpath (front-ends found
 * with ServiceLoader), real stdin/stdout/stderr and a real exit status.
 */
class CliTest {
    @TempDir Path tmp;

    record Run(int status, String out, String err) { }

    private Run dynvm(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-cp", System.getProperty("java.class.path"), "dynvm.translator.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("DYNVM_CLI_TEST", "from-host");
        File in = tmp.resolve("stdin.txt").toFile();
        Files.writeString(in.toPath(), stdin);
        pb.redirectInput(in);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dynvm did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static String bin(String name) { return GuestCase.GUEST.resolve("bin").resolve(name).toString(); }

    @Test
    void isasListsThePowerPcFrontEnd() throws Exception {
        Run r = dynvm("", "isas");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("ppc32") && r.out().contains("EM 20"), r.out());
    }

    @Test
    void guestExitStatusAndStdinPassThroughUnderBothEngines() throws Exception {
        for (String engine : new String[]{"dbt", "interp"}) {
            Run r = dynvm("one two\nthree\n", "run", "--engine", engine, bin("wc"));
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("2") && r.out().contains("3"), r.out());
            assertEquals(42, dynvm("", "run", "--engine", engine, bin("exit_call")).status());
        }
    }

    @Test
    void environmentIsTheHostsChangedByEAndU() throws Exception {
        Run r = dynvm("", "run", "-E", "DYNVM_TEST=set-by-E", "-U", "DYNVM_CLI_TEST", "--", bin("args_env"), "-x");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("DYNVM_TEST=set-by-E"), r.out());
        assertTrue(r.out().contains("argv[1]=[-x]"), "guest options after the program are the guest's: " + r.out());
        assertTrue(r.out().contains("dynvm vars=1"), "-U removed the host's DYNVM_CLI_TEST: " + r.out());
    }

    @Test
    void statsAreReportedOnStderr() throws Exception {
        Run r = dynvm("", "run", "--stats", bin("hello"));
        assertEquals(0, r.status());
        for (String field : new String[]{"guest instructions", "blocks translated", "cache", "hits", "misses",
                "invalidations", "evictions", "translation time", "total time", "guest MIPS"})
            assertTrue(r.err().contains(field), "missing '" + field + "' in:\n" + r.err());
    }

    /**
     * --stats covers the whole run: fork_wait forks seven children (five exit, one is killed, one
     * waited for slowly), each counted with its thread, and the time split, start-up and the JVM's
     * JIT figures are there with sane values.
     */
    @Test
    void statsCoverEveryProcessOfTheRunAndSplitTheTime() throws Exception {
        Run r = dynvm("", "run", "--stats", bin("fork_wait"));
        assertEquals(3, r.status(), r.err()); // its golden status (golden/fork_wait.exit)
        String e = r.err();
        assertTrue(e.contains("(8 threads in 8 processes: 7 forked, 0 execs)"), e);
        java.util.regex.Matcher t = java.util.regex.Pattern.compile(
                "thread time +([0-9.]+) ms: tier 0 ([0-9.]+) ms, compiled ([0-9.]+) ms, translation ([0-9.]+) ms, services ([0-9.]+) ms").matcher(e);
        assertTrue(t.find(), e);
        double sum = 0;
        for (int i = 2; i <= 5; i++) sum += Double.parseDouble(t.group(i));
        double life = Double.parseDouble(t.group(1));
        assertTrue(life > 0 && Math.abs(sum - life) <= 0.01 * life + 0.5, "the parts add up to the thread time:\n" + e);
        assertTrue(Double.parseDouble(t.group(2)) > 0 && Double.parseDouble(t.group(5)) > 0, "tier 0 and services ran:\n" + e);
        java.util.regex.Matcher s = java.util.regex.Pattern.compile("start-up +([0-9.]+) ms").matcher(e);
        assertTrue(s.find() && Double.parseDouble(s.group(1)) > 10 && Double.parseDouble(s.group(1)) < 60_000, e);
        java.util.regex.Matcher j = java.util.regex.Pattern.compile("JVM JIT +([0-9,]+) compilations \\(([0-9,]+) OSR\\), ([0-9,]+) ms compiling").matcher(e);
        assertTrue(j.find() && Long.parseLong(j.group(1).replace(",", "")) > 100, "HotSpot counters read:\n" + e);
        assertTrue(e.matches("(?s).*dispatch +linked [0-9.]+%  inline cache [0-9.]+% of [0-9,]+ computed exits  regions compiled [0-9,]+.*"), e);

        Run interp = dynvm("", "run", "--engine", "interp", "--stats", bin("fork_wait"));
        assertTrue(interp.err().contains("7 forked") && interp.err().contains("interp "), interp.err());
    }

    @Test
    void runHelpListsTheOptions() throws Exception {
        Run r = dynvm("", "run", "--help");
        assertEquals(0, r.status(), r.err());
        for (String opt : new String[]{"--isa", "--engine", "--stats", "--strace", "-E", "-U"})
            assertTrue(r.out().contains(opt), "help lacks " + opt + ":\n" + r.out());
    }

    @Test
    void badUsageAndBadFilesGiveOneLineAndAStatus() throws Exception {
        Run r = dynvm("", "run", "--engine", "bogus", bin("hello"));
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        Run missing = dynvm("", "run", "no-such-program");
        assertEquals(127, missing.status());
        assertEquals("dynvm: no-such-program: No such file or directory", missing.err().strip());
        Run sigill = dynvm("", "run", bin("fault"), "illegal");
        assertEquals(132, sigill.status());
        assertTrue(sigill.err().startsWith("dynvm: guest terminated by SIGILL"), sigill.err());
    }
}
