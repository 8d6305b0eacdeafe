package dynvm.arm.thumb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole ARMv7-A Thumb encoding table, each part sorted by specificity (mask bit count,
 * descending; the first matching row wins). 16-bit rows are resolved once into a 64K lookup
 * array, so decoding a halfword is one index. 32-bit rows ({@code hw1 << 16 | hw2}) are bucketed
 * by hw1 bits 12:4 and hw2 bit 15, the bits that split the ARM ARM's top-level 32-bit encoding
 * tables (A6.3); a bucket holds the few rows that can match there, most specific first.
 * {@code ThumbTableTest} checks that every overlap is resolved by that ordering.
 */
public final class ThumbTable {
    private ThumbTable() { }

    /** All 16-bit rows, most specific first. */
    public static final List<ThumbRow> ROWS;
    /** All 32-bit rows, most specific first. */
    public static final List<ThumbRow> WIDE;
    /**
     * The row of each 16-bit halfword, {@link #UNDEFINED} if none, null until first asked. Both
     * indexes fill on demand: filling them up front scanned every row 65,536 + 1,024 times in the
     * class initializer, which the JVM interprets, and cost a run that decodes Thumb code
     * 50-150 ms of start-up. Rows and buckets are immutable (final fields), so the unsynchronized
     * tables publish them whole; two threads may both fill an entry, with the same value.
     */
    private static final Object[] BY_HALFWORD = new Object[1 << 16];
    private static final Object UNDEFINED = new Object();
    /** Bits of {@code hw1 << 16 | hw2} that select a bucket. */
    private static final int KEY_BITS = 0x1ff << 20 | 1 << 15;
    private static final Bucket[] BY_KEY = new Bucket[1 << 10];

    private record Bucket(ThumbRow[] rows) { }

    static {
        List<ThumbRow> all = new ArrayList<>();
        all.addAll(ThumbDataProcessing.rows());
        all.addAll(ThumbLoadStore.rows());
        all.addAll(ThumbBranch.rows());
        all.addAll(ThumbMisc.rows());
        all.addAll(Thumb32DataProcessing.rows());
        all.addAll(Thumb32Branch.rows());
        all.addAll(Thumb32Media.rows());
        all.addAll(Thumb32Multiply.rows());
        all.addAll(Thumb32Coprocessor.rows());
        all.addAll(Thumb32LoadStore.rows());
        all.sort(Comparator.comparingInt((ThumbRow r) -> Integer.bitCount(r.mask())).reversed());
        List<ThumbRow> narrow = new ArrayList<>(), wide = new ArrayList<>();
        for (ThumbRow r : all) (r.wide() ? wide : narrow).add(r);
        ROWS = List.copyOf(narrow);
        WIDE = List.copyOf(wide);
    }

    private static int key(int insn) { return (insn >>> 20 & 0x1ff) << 1 | insn >>> 15 & 1; }

    private static int keyBits(int key) { return (key >>> 1) << 20 | (key & 1) << 15; }

    /** The row that decodes halfword {@code hw}, or null if it is undefined (or starts a 32-bit instruction). */
    public static ThumbRow find(int hw) {
        Object o = BY_HALFWORD[hw & 0xffff];
        if (o == null) BY_HALFWORD[hw & 0xffff] = o = narrowRow(hw & 0xffff);
        return o == UNDEFINED ? null : (ThumbRow) o;
    }

    private static Object narrowRow(int hw) {
        if (!ThumbDecoder.isWide(hw)) for (ThumbRow r : ROWS) if (r.matches(hw)) return r;
        return UNDEFINED;
    }

    /** The row that decodes the 32-bit instruction {@code hw1 << 16 | hw2}, or null if it is undefined. */
    public static ThumbRow findWide(int insn) {
        int k = key(insn);
        Bucket b = BY_KEY[k];
        if (b == null) BY_KEY[k] = b = wideBucket(k);
        for (ThumbRow r : b.rows) if (r.matches(insn)) return r;
        return null;
    }

    private static Bucket wideBucket(int k) {
        int bits = keyBits(k);
        List<ThumbRow> bucket = new ArrayList<>();
        for (ThumbRow r : WIDE) if (((r.match() ^ bits) & r.mask() & KEY_BITS) == 0) bucket.add(r);
        return new Bucket(bucket.toArray(new ThumbRow[0]));
    }
}
