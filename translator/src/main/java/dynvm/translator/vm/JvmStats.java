package dynvm.translator.vm;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the host JVM did for the run, for {@code --stats}: its uptime (so start-up, JVM start to
 * the first guest instruction, follows), the time its JIT compilers spent
 * ({@link CompilationMXBean#getTotalCompilationTime}, standard) and, where HotSpot publishes
 * them, its compilation counts. Those come from HotSpot's performance counters
 * ({@code sun.ci.totalCompiles}, {@code sun.ci.osrCompiles}, {@code sun.ci.nmethodCodeSize}, as
 * {@code jcmd PID PerfCounter.print} shows them), read from the shared-memory file the JVM keeps
 * at {@code /tmp/hsperfdata_USER/PID} (on by default, {@code -XX:+UsePerfData}): no internal API
 * is used, and when the file is absent the counts are simply not reported (-1).
 *
 * @param uptimeMillis   JVM uptime when taken
 * @param takenNanos     System.nanoTime() when taken
 * @param jitMillis      total JIT compilation time, -1 when the JVM does not tell
 * @param compiles       methods compiled (standard and OSR), -1 when unknown
 * @param osrCompiles    of which on-stack replacements, -1 when unknown
 * @param codeBytes      machine code of the compiled methods, -1 when unknown
 * @param loadedClasses  classes loaded so far ({@code ClassLoadingMXBean})
 */
public record JvmStats(long uptimeMillis, long takenNanos, long jitMillis, long compiles, long osrCompiles, long codeBytes, long loadedClasses) {

    /** The JVM's figures now. */
    public static JvmStats now() {
        var runtime = ManagementFactory.getRuntimeMXBean();
        long uptime = runtime.getUptime(), taken = System.nanoTime();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        long loaded = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        Map<String, Long> c = hotSpotCounters(ProcessHandle.current().pid());
        return new JvmStats(uptime, taken, jitMillis, c.getOrDefault("sun.ci.totalCompiles", -1L), c.getOrDefault("sun.ci.osrCompiles", -1L),
                c.getOrDefault("sun.ci.nmethodCodeSize", -1L), loaded);
    }

    /** The long-valued counters of HotSpot's perf-data file of process {@code pid}; empty when there is none. */
    static Map<String, Long> hotSpotCounters(long pid) {
        String user = System.getProperty("user.name");
        for (String dir : new String[]{"/tmp", System.getProperty("java.io.tmpdir")}) {
            Path f = Path.of(dir, "hsperfdata_" + user, Long.toString(pid));
            try {
                if (Files.isRegularFile(f)) return parse(ByteBuffer.wrap(Files.readAllBytes(f)));
            } catch (java.io.IOException | RuntimeException e) {
                return Map.of(); // unreadable or a format this reader does not know
            }
        }
        return Map.of();
    }

    /**
     * HotSpot's PerfDataPrologue (magic 0xcafec0c0, byte order, version, ..., entry offset, entry
     * count) followed by PerfDataEntry records (length, name offset, vector length, type, flags,
     * units, variability, data offset); only scalar 'J' (long) entries are kept.
     */
    static Map<String, Long> parse(ByteBuffer b) {
        Map<String, Long> out = new HashMap<>();
        if (b.limit() < 32 || b.order(ByteOrder.BIG_ENDIAN).getInt(0) != 0xcafec0c0) return out;
        b.order(b.get(4) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int pos = b.getInt(24), n = b.getInt(28);
        for (int i = 0; i < n && pos + 20 <= b.limit(); i++) {
            int len = b.getInt(pos), nameOff = b.getInt(pos + 4), vec = b.getInt(pos + 8), dataOff = b.getInt(pos + 16);
            byte type = b.get(pos + 12);
            if (len <= 0) break;
            if (type == 'J' && vec == 0 && pos + dataOff + 8 <= b.limit()) {
                int s = pos + nameOff, e = s;
                while (e < pos + len && b.get(e) != 0) e++;
                byte[] name = new byte[e - s];
                b.get(s, name);
                out.put(new String(name, StandardCharsets.US_ASCII), b.getLong(pos + dataOff));
            }
            pos += len;
        }
        return out;
    }
}
