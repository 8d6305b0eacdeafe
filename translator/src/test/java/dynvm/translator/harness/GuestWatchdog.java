package dynvm.translator.harness;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes a hung whole-program test visible instead of silent. A guest run that has not finished
 * after {@link #DUMP_AFTER_SECONDS} prints every JVM thread's stack to stderr, once, naming the
 * case; the test's own JUnit timeout then fails it. Without this a lost wake-up in the Linux
 * personality shows up in CI only as a build that never ends.
 */
public final class GuestWatchdog implements AutoCloseable {
    /** Longer than any case's honest run on a loaded 2-core machine (the slowest take about a minute). */
    public static final long DUMP_AFTER_SECONDS = Long.getLong("dynvm.test.dumpAfterSeconds", 300);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guest-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> dump;

    private GuestWatchdog(String what) {
        dump = TIMER.schedule(() -> dump(what), DUMP_AFTER_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts watching one guest run; close it when the run ends. */
    public static GuestWatchdog watch(String what) { return new GuestWatchdog(what); }

    @Override
    public void close() { dump.cancel(false); }

    /**
     * To stderr, and appended to {@code target/guest-watchdog.txt} of the module (surefire's
     * working directory), which {@code .ci/run} prints when the build fails: CI keeps only the
     * end of a long log.
     */
    private static void dump(String what) {
        dumpThreads(what, System.err);
        try (PrintStream f = new PrintStream(new java.io.FileOutputStream("target/guest-watchdog.txt", true), true)) {
            dumpThreads(what, f);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("guest watchdog: cannot write target/guest-watchdog.txt: " + e);
        }
    }

    static void dumpThreads(String what, PrintStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append("=== guest watchdog: ").append(what).append(" still running after ")
                .append(DUMP_AFTER_SECONDS).append(" s; all threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement f : e.getValue()) sb.append("    at ").append(f).append('\n');
        }
        sb.append("=== end of guest watchdog dump\n");
        out.print(sb);
        out.flush();
    }
}
