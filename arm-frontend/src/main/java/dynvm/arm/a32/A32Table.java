package dynvm.arm.a32;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole A32 encoding table: the rows of every family class, sorted by specificity (number of
 * mask bits, descending; ties keep declaration order), so the first matching row wins.
 * A32TableTest checks that every overlap between rows is resolved by that ordering.
 *
 * <p>Lookup is indexed by bits 27:20 and 7:4 (the bits the ARM ARM's top-level decode uses), and
 * by whether the condition field is 1111 (the unconditional space), so a decode scans few rows.
 * Each of the 4,096 buckets is filled the first time an encoding needs it: filling all of them
 * up front scanned every row 4,096 times in the class initializer, which the JVM interprets, and
 * cost a run that decodes anything 50-150 ms of start-up.
 */
public final class A32Table {
    private A32Table() { }

    /** The bits the lookup index is built from: 27:20 and 7:4. */
    private static final int INDEX_BITS = 0x0ff000f0;

    /** All rows, most specific first. */
    public static final List<A32Row> ROWS;
    /** The rows that may match an index key, conditional and unconditional apart; null until first used. */
    private static final Bucket[] BUCKETS = new Bucket[4096];

    /**
     * One key's rows. Its fields are final, so a bucket one guest thread fills and another reads
     * through the unsynchronized {@link #BUCKETS} is seen whole (two threads may both build it:
     * they build the same rows).
     */
    private record Bucket(A32Row[] conditional, A32Row[] unconditional) { }

    static {
        List<A32Row> all = new ArrayList<>();
        all.addAll(A32DataProcessing.rows());
        all.addAll(A32Multiply.rows());
        all.addAll(A32LoadStore.rows());
        all.addAll(A32Exclusive.rows());
        all.addAll(A32Branch.rows());
        all.addAll(A32Media.rows());
        all.addAll(A32Misc.rows());
        all.sort(Comparator.comparingInt((A32Row r) -> Integer.bitCount(r.mask())).reversed());
        ROWS = List.copyOf(all);
    }

    private static Bucket bucket(int key) {
        Bucket b = BUCKETS[key];
        if (b == null) {
            int probe = spread(key);
            List<A32Row> cond = new ArrayList<>(), uncond = new ArrayList<>();
            for (A32Row r : ROWS) {
                if (((probe ^ r.match()) & r.mask() & INDEX_BITS) != 0) continue;
                (r.unconditional() ? uncond : cond).add(r);
            }
            BUCKETS[key] = b = new Bucket(cond.toArray(new A32Row[0]), uncond.toArray(new A32Row[0]));
        }
        return b;
    }

    private static int key(int word) { return (word >>> 16) & 0xff0 | (word >>> 4) & 15; }

    private static int spread(int key) { return (key & 0xff0) << 16 | (key & 15) << 4; }

    /** The row that decodes {@code word}, or null if the encoding is not in the table (UNDEFINED). */
    public static A32Row find(int word) {
        Bucket b = bucket(key(word));
        A32Row[] rows = (word >>> 28) == 0xf ? b.unconditional : b.conditional;
        for (A32Row r : rows) if (r.matches(word)) return r;
        return null;
    }
}
