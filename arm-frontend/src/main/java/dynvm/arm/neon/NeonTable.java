package dynvm.arm.neon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Advanced SIMD encoding table, A32 shape: the rows of {@link NeonMoves}, {@link NeonThreeSame}
 * and {@link NeonLoadStore}, most specific first. A word in the space that no row defines is
 * UNDEFINED.
 */
public final class NeonTable {
    private NeonTable() { }

    public static final List<NeonRow> ROWS;

    static {
        List<NeonRow> all = new ArrayList<>();
        all.addAll(NeonMoves.rows());
        all.addAll(NeonThreeSame.rows());
        all.addAll(NeonLoadStore.rows());
        all.addAll(NeonShifts.rows());
        all.addAll(NeonMisc.rows());
        all.addAll(NeonFloatRows.rows());
        all.addAll(NeonLong.rows());
        all.addAll(NeonStructures.rows());
        all.addAll(NeonScalar.rows());
        all.addAll(NeonLaneStructures.rows());
        all.sort(Comparator.comparingInt((NeonRow r) -> Integer.bitCount(r.mask())).reversed());
        ROWS = List.copyOf(all);
    }

    /**
     * The row that defines the A32 word {@code word}, or null (UNDEFINED). Shapes may overlap where
     * the manual tells them apart by a field value (the shift rows' L:imm6 = 0000xxx is the
     * modified-immediate space), so the first row that matches and defines the word wins.
     */
    public static NeonRow find(int word) {
        for (NeonRow r : ROWS) if (r.defines(word)) return r;
        return null;
    }
}
