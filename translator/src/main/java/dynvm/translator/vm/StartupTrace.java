package dynvm.translator.vm;

/**
 * A phase timer for start-up work: with {@code -Ddynvm.startupTrace=true} each {@link #mark} prints
 * one stderr line, the milliseconds since the JVM started (from the process's start time) and
 * since the previous mark, and this thread's CPU time. Off, a mark is one static final test.
 */
public final class StartupTrace {
    public static final boolean ON = Boolean.getBoolean("dynvm.startupTrace");
    private static long last;

    private StartupTrace() {}

    public static void mark(String phase) {
        if (ON) print(phase);
    }

    private static synchronized void print(String phase) {
        long now = System.currentTimeMillis();
        long start = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(now);
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        System.err.printf("dynvm startup: %6d ms (+%5d)  thread cpu %5d ms  %s%n", now - start, last == 0 ? 0 : now - last, cpu, phase);
        last = now;
    }
}
