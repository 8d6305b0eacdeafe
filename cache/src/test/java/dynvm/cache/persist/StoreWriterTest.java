package dynvm.cache.persist;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StoreWriterTest {
    @Test
    void indexesSortByKeyThenByAge() {
        Random rnd = new Random(42);
        for (int n : new int[]{0, 1, 2, 3, 7, 64, 1000, 1025}) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) keys[i] = rnd.nextInt(20) - 10L + (rnd.nextBoolean() ? Long.MIN_VALUE / 2 : 0);
            int[] order = StoreWriter.sortedByKey(keys);
            assertEquals(n, order.length);
            boolean[] seen = new boolean[n];
            for (int k = 0; k < n; k++) {
                assertFalse(seen[order[k]]);
                seen[order[k]] = true;
                if (k > 0) {
                    long a = keys[order[k - 1]], b = keys[order[k]];
                    assertTrue(a < b || a == b && order[k - 1] < order[k], "n=" + n + " at " + k);
                }
            }
        }
    }
}
