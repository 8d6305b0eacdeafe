package dynvm.translator.vm;

/**
 * A phase timer for start-up work: with {@code -Ddynvm.startupTrace=true} each {@link #mark} prints
 * one stderr line, the milliseconds since the JVM started (its own start time, not the process's:
 * the launcher script runs first in the same process) and
 * since the previous mark, and this thread's CPU time. Off, a mark is one static final test.
 */
public final class StartupTrace {
    public static final boolean ON = Boolean.getBoolean("dynvm.startupTrace");
    private static long last;

    private StartupTrace() {}

    public static void mark(String phase) {
        if (ON) print(phase);
    }

    /**
     * The CPU time of every thread of the process (the JVM's compiler and GC threads too) from
     * /proc, largest first: where the time went that the main thread's marks do not show.
     */
    public static void threads() {
        if (!ON) return;
        java.util.Map<String, Long> by = new java.util.TreeMap<>();
        long total = 0;
        try (java.nio.file.DirectoryStream<java.nio.file.Path> ds = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : ds) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime
                    by.merge(comm.replaceAll("[0-9]+$", "#"), ticks * 10, Long::sum);
                    total += ticks * 10;
                } catch (java.io.IOException | RuntimeException e) {
                    // (a thread that ended meanwhile)
                }
            }
        } catch (java.io.IOException e) {
            return;
        }
        StringBuilder sb = new StringBuilder("dynvm startup: live threads' cpu " + total + " ms:");
        by.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        System.err.println(sb);
    }

    private static synchronized void print(String phase) {
        long now = System.currentTimeMillis();
        // from the JVM's own start: the process started earlier, as the launcher script (exec keeps
        // the pid), so the process's start time counts the script and, on a loaded machine, its
        // waits for a core too; that part is printed once, on the first line
        long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        String before = "";
        if (last == 0) {
            long proc = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(start);
            before = "  (process started " + (start - proc) + " ms before the JVM: the launcher; 10 ms resolution)";
        }
        System.err.printf("dynvm startup: %6d ms (+%5d)  thread cpu %5d ms  %s%s%n", now - start, last == 0 ? 0 : now - last, cpu, phase, before);
        last = now;
    }
}
