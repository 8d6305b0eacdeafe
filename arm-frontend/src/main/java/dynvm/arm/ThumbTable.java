package dynvm.arm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole ARMv5T Thumb encoding table: the 16-bit rows of the group classes sorted by
 * specificity (mask bit count, descending; the first matching row wins), plus the BL/BLX pair
 * rows. Every halfword is resolved once into a 64K lookup array, so decoding is one index.
 * {@code ThumbTableTest} checks that every overlap is resolved by that ordering.
 */
final class ThumbTable {
    private ThumbTable() { }

    /** All 16-bit rows, most specific first. */
    static final List<ThumbRow> ROWS;
    /** The 32-bit BL/BLX prefix+suffix rows. */
    static final List<ThumbRow> PAIRS;
    private static final ThumbRow[] BY_HALFWORD = new ThumbRow[1 << 16];

    static {
        List<ThumbRow> all = new ArrayList<>();
        all.addAll(ThumbDataProcessing.rows());
        all.addAll(ThumbLoadStore.rows());
        all.addAll(ThumbBranch.rows());
        List<ThumbRow> pairs = new ArrayList<>();
        for (ThumbRow r : all) if (r.isPair()) pairs.add(r);
        all.removeAll(pairs);
        all.sort(Comparator.comparingInt((ThumbRow r) -> Integer.bitCount(r.mask())).reversed());
        ROWS = List.copyOf(all);
        PAIRS = List.copyOf(pairs);
        for (int hw = 0; hw < BY_HALFWORD.length; hw++) {
            for (ThumbRow r : ROWS) if (r.matches(hw)) { BY_HALFWORD[hw] = r; break; }
        }
    }

    /** The row that decodes halfword {@code hw}, or null if it is undefined in ARMv5T. */
    static ThumbRow find(int hw) { return BY_HALFWORD[hw & 0xffff]; }

    /** The pair row that decodes {@code prefix << 16 | suffix}, or null. */
    static ThumbRow findPair(int pair) {
        for (ThumbRow r : PAIRS) if (r.matches(pair)) return r;
        return null;
    }

    /** Is {@code hw} the first half of a BL/BLX pair (H = 10)? */
    static boolean isPrefix(int hw) { return (hw & 0xf800) == 0xf000; }
}
