package dynvm.translator.vm;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmStatsTest {
    /** A perf-data file of one long counter and one string, in HotSpot's layout. */
    @Test
    void parsesScalarLongCountersOfAPerfDataBuffer() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0, 0xcafec0c0).order(ByteOrder.LITTLE_ENDIAN);
        b.put(4, (byte) 1).put(5, (byte) 2).putInt(24, 32).putInt(28, 2);
        int pos = entry(b, 32, "sun.ci.totalCompiles", 'J', 0, 1234L);
        entry(b, pos, "sun.ci.lastMethod", 'B', 8, 0);
        Map<String, Long> c = JvmStats.parse(b);
        assertEquals(Map.of("sun.ci.totalCompiles", 1234L), c);
        assertEquals(Map.of(), JvmStats.parse(ByteBuffer.allocate(64)), "not a perf-data file");
    }

    private static int entry(ByteBuffer b, int pos, String name, char type, int vec, long value) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        int nameOff = 20, dataOff = (nameOff + n.length + 7) & ~7, len = dataOff + Math.max(8, vec);
        b.putInt(pos, len).putInt(pos + 4, nameOff).putInt(pos + 8, vec).put(pos + 12, (byte) type).putInt(pos + 16, dataOff);
        b.put(pos + nameOff, n);
        if (vec == 0) b.putLong(pos + dataOff, value);
        return pos + len;
    }

    @Test
    void thisJvmsCompilationsAreCounted() {
        JvmStats s = JvmStats.now();
        assertTrue(s.uptimeMillis() > 0 && s.loadedClasses() > 100, s.toString());
        assumeTrue(s.compiles() >= 0, "no HotSpot perf-data file (-XX:-UsePerfData?): counts not reported");
        assertTrue(s.compiles() > 10 && s.codeBytes() > 0 && s.jitMillis() >= 0, s.toString());
    }
}
