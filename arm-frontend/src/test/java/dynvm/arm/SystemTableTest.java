package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.a32.A32Row;
import dynvm.arm.a32.A32System;
import dynvm.arm.thumb.ThumbRow;
import dynvm.arm.thumb.ThumbSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The system-context tables ({@link A32System}, {@link ThumbSystem}): an encoding that two rows
 * decode must be resolved by specificity (a strictly more specific row wins), and lookup finds
 * the row each encoding belongs to. Words are sampled from every row's don't-care bits.
 */
class SystemTableTest {
    private final Random random = new Random(42);

    @Test
    void a32OverlapsAreResolvedBySpecificity() {
        for (A32Row row : A32System.ROWS) {
            for (int i = 0; i < 500; i++) {
                int w = row.match() | random.nextInt() & ~row.mask();
                if (!row.matches(w) || row.unconditional() != (w >>> 28 == 15)) continue;
                List<A32Row> all = new ArrayList<>();
                for (A32Row r : A32System.ROWS) if (r.unconditional() == row.unconditional() && r.matches(w)) all.add(r);
                if (all.size() > 1)
                    assertTrue(Integer.bitCount(all.get(0).mask()) > Integer.bitCount(all.get(1).mask()),
                            String.format("0x%08x: %s and %s overlap", w, all.get(0).name(), all.get(1).name()));
                assertEquals(all.get(0), A32System.find(w), String.format("0x%08x", w));
            }
        }
    }

    @Test
    void thumbOverlapsAreResolvedBySpecificity() {
        for (List<ThumbRow> table : List.of(ThumbSystem.NARROW, ThumbSystem.WIDE)) {
            for (ThumbRow row : table) {
                for (int i = 0; i < 500; i++) {
                    int w = row.match() | random.nextInt() & ~row.mask() & (row.wide() ? -1 : 0xffff);
                    if (!row.decodes(w)) continue;
                    List<ThumbRow> all = new ArrayList<>();
                    for (ThumbRow r : table) if (r.decodes(w)) all.add(r);
                    if (all.size() > 1)
                        assertTrue(Integer.bitCount(all.get(0).mask()) > Integer.bitCount(all.get(1).mask()),
                                String.format("0x%08x: %s and %s overlap", w, all.get(0).name(), all.get(1).name()));
                    assertEquals(all.get(0), ThumbSystem.find(w, row.wide()));
                }
            }
        }
    }
}
