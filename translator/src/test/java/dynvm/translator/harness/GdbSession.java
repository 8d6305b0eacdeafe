package dynvm.translator.harness;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a real gdb against {@code dynvm run -g 0}: the front-ends' gdb acceptance tests use it.
 * The guest runs in a child JVM with the caller's class path (front-ends found by
 * ServiceLoader), the stub picks a free port and names it on stderr, and {@code gdb-multiarch}
 * runs a command file in batch mode. Both processes are killed when the time limit passes, so a
 * test never hangs.
 */
public final class GdbSession {
    private static final Pattern LISTENING = Pattern.compile("waiting for gdb on localhost:(\\d+)");
    /**
     * Runs each stream reader on a daemon thread of its own. Not the common pool: on a 2-core host
     * it has one worker, JDK 25 uses it even then, and the first drain holds it until the child
     * exits, so the port was never read and every session timed out.
     */
    private static final java.util.concurrent.Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "gdb-session-io");
        t.setDaemon(true);
        t.start();
    };

    /** What both sides printed: gdb's transcript, the guest's stdout, dynvm's stderr and exit status (-1: killed). */
    public record Result(String gdb, String guestOut, String vmErr, int vmStatus) { }

    private GdbSession() { }

    /** gdb-multiarch on the PATH (or /usr/bin), if installed. */
    public static Optional<Path> gdb() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "gdb-multiarch");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * Runs {@code program} under {@code engine} with the stub and gdb's {@code commands} against it.
     *
     * @param architecture gdb's {@code set architecture} value ("powerpc:common", "arm")
     * @param work         a scratch directory (the command file, the guest's cwd)
     */
    public static Result run(Path gdb, Path program, String engine, String architecture, List<String> commands,
                             Path work, long timeoutSeconds) throws IOException, InterruptedException {
        return run(gdb, program, engine, architecture, commands, work, timeoutSeconds, List.of());
    }

    /** As above, with more {@code dynvm run} options before the program (e.g. {@code -L SYSROOT}). */
    public static Result run(Path gdb, Path program, String engine, String architecture, List<String> commands,
                             Path work, long timeoutSeconds, List<String> runOptions) throws IOException, InterruptedException {
        List<String> vmCmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss16m",
                "-cp", System.getProperty("java.class.path"), "dynvm.translator.cli.Main",
                "run", "--engine", engine, "-g", "0"));
        vmCmd.addAll(runOptions);
        vmCmd.add(program.toString());
        Process vm = new ProcessBuilder(vmCmd).directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        Process g = null;
        try {
            CompletableFuture<String> vmOut = drain(vm.getInputStream());
            // read stderr line by line until the port appears; the rest is collected afterwards
            StringBuilder err = new StringBuilder();
            int port = awaitPort(vm.getErrorStream(), err, timeoutSeconds);
            CompletableFuture<String> vmErr = drain(vm.getErrorStream());
            if (port < 0) throw new IOException("dynvm did not listen for gdb: " + err);
            Path cmdFile = work.resolve("gdb-commands");
            List<String> all = new ArrayList<>(List.of("set pagination off", "set confirm off", "set width 0"));
            all.addAll(commands);
            Files.write(cmdFile, all);
            List<String> gdbCmd = List.of(gdb.toString(), "-batch", "-nx", "-ex", "set architecture " + architecture,
                    "-ex", "target remote localhost:" + port, "-x", cmdFile.toString(), program.toString());
            g = new ProcessBuilder(gdbCmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
            CompletableFuture<String> gdbOut = drain(g.getInputStream());
            boolean gdbDone = g.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            boolean vmDone = vm.waitFor(gdbDone ? 20 : 1, TimeUnit.SECONDS);
            if (!gdbDone) g.destroyForcibly();
            if (!vmDone) vm.destroyForcibly();
            String transcript = gdbOut.get(10, TimeUnit.SECONDS) + (gdbDone ? "" : "\n[gdb killed after " + timeoutSeconds + " s]");
            return new Result(transcript, vmOut.get(10, TimeUnit.SECONDS), err + vmErr.get(10, TimeUnit.SECONDS),
                    vmDone ? vm.exitValue() : -1);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        } finally {
            if (g != null) g.destroyForcibly();
            vm.destroyForcibly();
        }
    }

    /**
     * The acceptance session against a program like gdb_target.c: break on main, continue, read
     * the registers and an argument, step 5 instructions, watch {@code g_counter} until it changes,
     * read locals of the stopped function and of main (its caller), then run to the exit.
     */
    public static List<String> acceptanceScript() {
        return List.of("break main", "continue", "info registers", "info registers pc", "print argc",
                "stepi 5", "info registers pc", "watch g_counter", "continue", "print by", "up", "print local",
                "delete", "continue");
    }

    /**
     * Checks the transcript of {@link #acceptanceScript()}: the breakpoint's address is the pc,
     * 5 steps of {@code insnBytes} each, the watchpoint's old and new values, the exit code.
     * Throws AssertionError with the transcript.
     */
    public static void verifyAcceptance(Result r, int insnBytes, int exitCode) {
        String t = r.gdb();
        Matcher bp = Pattern.compile("Breakpoint 1 at 0x([0-9a-f]+)").matcher(t);
        check(bp.find(), "breakpoint set at main", r);
        long bpAddr = Long.parseLong(bp.group(1), 16);
        check(t.contains("Breakpoint 1, main ("), "stopped at the breakpoint in main", r);
        Matcher pcs = Pattern.compile("(?m)^pc\\s+0x([0-9a-f]+)\\s+0x[0-9a-f]+ <main\\+\\d+>").matcher(t);
        List<Long> pc = new ArrayList<>();
        while (pcs.find()) pc.add(Long.parseLong(pcs.group(1), 16));
        check(pc.size() == 3, "three pc readings in main, got " + pc, r);
        check(pc.get(0) == bpAddr && pc.get(1) == bpAddr, "pc is the breakpoint's address in main", r);
        check(pc.get(2) == bpAddr + 5L * insnBytes, "stepi 5 advanced pc by 5 instructions", r);
        check(t.contains("$1 = 1"), "print argc", r);
        check(t.contains("Hardware watchpoint 2: g_counter"), "watchpoint set", r);
        check(t.contains("Old value = 0") && t.contains("New value = 1"), "watchpoint old and new values", r);
        check(t.contains("in bump (by=1)") && t.contains("$2 = 1"), "stopped in bump after the store, local by = 1", r);
        check(t.contains("$3 = 42"), "main's local variable read from bump's caller frame (local = 42)", r);
        check(t.contains(String.format("exited with code %02o", exitCode)), "exit code reported", r);
        check(r.vmStatus() == exitCode, "dynvm exit status " + r.vmStatus(), r);
    }

    /**
     * Read and access watchpoints on gdb_target's {@code g_counter}: stop in bump, then a read
     * watchpoint (bump's load), then an access watchpoint (its store, then its next load).
     */
    public static List<String> readWatchScript() {
        return List.of("break bump", "continue", "delete", "rwatch g_counter", "continue", "delete",
                "awatch g_counter", "continue", "continue", "delete", "continue");
    }

    /** Checks the transcript of {@link #readWatchScript()}. */
    public static void verifyReadWatch(Result r, int exitCode) {
        String t = r.gdb();
        check(t.contains("Breakpoint 1, bump (by=1)"), "stopped in bump", r);
        check(Pattern.compile("Hardware read watchpoint 2: g_counter\\s+Value = 0\\s").matcher(t).find(),
                "read watchpoint hit by bump's load, value 0", r);
        check(Pattern.compile("Hardware access \\(read/write\\) watchpoint 3: g_counter\\s+Old value = 0\\s+New value = 1\\s")
                .matcher(t).find(), "access watchpoint hit by the store, 0 -> 1", r);
        check(Pattern.compile("Hardware access \\(read/write\\) watchpoint 3: g_counter\\s+Value = 1\\s").matcher(t).find(),
                "access watchpoint hit by the next load, value 1", r);
        check(t.contains(String.format("exited with code %02o", exitCode)), "exit code reported", r);
        check(r.vmStatus() == exitCode, "dynvm exit status " + r.vmStatus(), r);
    }

    private static void check(boolean ok, String what, Result r) {
        if (!ok) throw new AssertionError(what + "\n--- gdb:\n" + r.gdb() + "\n--- dynvm stderr:\n" + r.vmErr()
                + "\n--- guest stdout:\n" + r.guestOut());
    }

    private static File nullFile() { return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null"); }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, OWN_THREAD);
    }

    /** Reads {@code in} a byte at a time into {@code seen} until the stub's port line; -1 on EOF or timeout. */
    private static int awaitPort(InputStream in, StringBuilder seen, long timeoutSeconds) throws InterruptedException {
        CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                for (int c; (c = in.read()) >= 0; ) {
                    if (c != '\n') { line.write(c); continue; }
                    String s = line.toString(StandardCharsets.UTF_8);
                    synchronized (seen) { seen.append(s).append('\n'); }
                    line.reset();
                    Matcher m = LISTENING.matcher(s);
                    if (m.find()) return Integer.parseInt(m.group(1));
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }, OWN_THREAD);
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }
}
