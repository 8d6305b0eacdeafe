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
 */
final class PpcTable {
    private PpcTable() { }

    private static final int XO_BITS = 0x7fe;
    private static final int CROWDED = 8;

    /** All rows, most specific first. */
    static final List<PpcRow> ROWS;
    private static final PpcRow[][] BY_OPCODE = new PpcRow[64][];
    private static final PpcRow[][][] BY_EXTENDED = new PpcRow[64][][];

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
            if (bucket.size() > CROWDED) {
                BY_EXTENDED[op] = new PpcRow[1024][];
                for (int xo = 0; xo < 1024; xo++) {
                    List<PpcRow> sub = new ArrayList<>();
                    for (PpcRow r : bucket) if ((((xo << 1) ^ r.match()) & r.mask() & XO_BITS) == 0) sub.add(r);
                    BY_EXTENDED[op][xo] = sub.toArray(new PpcRow[0]);
                }
            }
        }
    }

    /** The row that decodes {@code word}, or null if the encoding is not in the table. */
    static PpcRow find(int word) {
        int op = word >>> 26;
        PpcRow[][] ext = BY_EXTENDED[op];
        PpcRow[] rows = ext != null ? ext[(word >>> 1) & 0x3ff] : BY_OPCODE[op];
        for (PpcRow r : rows) if ((word & r.mask()) == r.match()) return r;
        return null;
    }
}
