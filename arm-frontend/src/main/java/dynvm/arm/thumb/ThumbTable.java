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
    private static final ThumbRow[] BY_HALFWORD = new ThumbRow[1 << 16];
    /** Bits of {@code hw1 << 16 | hw2} that select a bucket. */
    private static final int KEY_BITS = 0x1ff << 20 | 1 << 15;
    private static final ThumbRow[][] BY_KEY = new ThumbRow[1 << 10][];

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
        for (int hw = 0; hw < BY_HALFWORD.length; hw++) {
            if (ThumbDecoder.isWide(hw)) continue;
            for (ThumbRow r : ROWS) if (r.matches(hw)) { BY_HALFWORD[hw] = r; break; }
        }
        for (int k = 0; k < BY_KEY.length; k++) {
            int bits = keyBits(k);
            List<ThumbRow> bucket = new ArrayList<>();
            for (ThumbRow r : WIDE) if (((r.match() ^ bits) & r.mask() & KEY_BITS) == 0) bucket.add(r);
            BY_KEY[k] = bucket.toArray(new ThumbRow[0]);
        }
    }

    private static int key(int insn) { return (insn >>> 20 & 0x1ff) << 1 | insn >>> 15 & 1; }

    private static int keyBits(int key) { return (key >>> 1) << 20 | (key & 1) << 15; }

    /** The row that decodes halfword {@code hw}, or null if it is undefined (or starts a 32-bit instruction). */
    public static ThumbRow find(int hw) { return BY_HALFWORD[hw & 0xffff]; }

    /** The row that decodes the 32-bit instruction {@code hw1 << 16 | hw2}, or null if it is undefined. */
    public static ThumbRow findWide(int insn) {
        for (ThumbRow r : BY_KEY[key(insn)]) if (r.matches(insn)) return r;
        return null;
    }
}
