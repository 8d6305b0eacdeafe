package dynvm.ppc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole encoding table, one list of rows from the chapter classes, sorted by specificity
 * (number of mask bits, descending; ties keep declaration order): the first matching row wins.
 * {@link PpcTableTest} checks that every overlap between rows is resolved by that ordering.
 *
 * <p>Lookup is indexed: 64 buckets by primary opcode, and for crowded opcodes (19, 31, 59, 63) a
 * second level of 1024 buckets by the extended-opcode bits 21-30, so a decode scans a few rows.
 * Second-level buckets are filled the first time an encoding needs one: filling all 4,096 up
 * front in the class initializer, which the JVM interprets, cost a run that decodes anything tens
 * of milliseconds of start-up.
 */
final class PpcTable {
    private PpcTable() { }

    private static final int XO_BITS = 0x7fe;
    private static final int CROWDED = 8;

    /** All rows, most specific first. */
    static final List<PpcRow> ROWS;
    private static final PpcRow[][] BY_OPCODE = new PpcRow[64][];
    /**
     * For a crowded opcode, its 1,024 second-level buckets, each null until first used. A
     * {@link Bucket}'s field is final, so one filled by one guest thread and read by another
     * through these unsynchronized arrays is seen whole (both may fill it, with the same rows).
     */
    private static final Bucket[][] BY_EXTENDED = new Bucket[64][];

    private record Bucket(PpcRow[] rows) { }

    static {
        List<PpcRow> all = new ArrayList<>();
        all.addAll(FixedPoint.rows());
        all.addAll(Branch.rows());
        all.addAll(LoadStore.rows());
        all.addAll(FloatingPoint.rows());
        all.addAll(SystemOps.rows());
        all.sort(Comparator.comparingInt((PpcRow r) -> Integer.bitCount(r.mask())).reversed());
        ROWS = List.copyOf(all);
        for (int op = 0; op < 64; op++) {
            int opBits = op << 26;
            List<PpcRow> bucket = new ArrayList<>();
            for (PpcRow r : ROWS) if (((opBits ^ r.match()) & r.mask() & 0xfc000000) == 0) bucket.add(r);
            BY_OPCODE[op] = bucket.toArray(new PpcRow[0]);
            if (bucket.size() > CROWDED) BY_EXTENDED[op] = new Bucket[1024];
        }
    }

    private static Bucket extended(int op, int xo) {
        List<PpcRow> sub = new ArrayList<>();
        for (PpcRow r : BY_OPCODE[op]) if ((((xo << 1) ^ r.match()) & r.mask() & XO_BITS) == 0) sub.add(r);
        return new Bucket(sub.toArray(new PpcRow[0]));
    }

    /** The row that decodes {@code word}, or null if the encoding is not in the table. */
    static PpcRow find(int word) {
        int op = word >>> 26;
        Bucket[] ext = BY_EXTENDED[op];
        PpcRow[] rows;
        if (ext == null) rows = BY_OPCODE[op];
        else {
            int xo = (word >>> 1) & 0x3ff;
            Bucket b = ext[xo];
            if (b == null) ext[xo] = b = extended(op, xo);
            rows = b.rows;
        }
        for (PpcRow r : rows) if ((word & r.mask()) == r.match()) return r;
        return null;
    }
}
