package dynvm.translator.gdb.debuggee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftwareBreakpointsTest {
    private final List<Long> discarded = new ArrayList<>();
    private final SoftwareBreakpoints bp = new SoftwareBreakpoints(discarded::add);

    @Test
    void insertAndRemoveUpdateTheSetAndDropTheTranslationsThere() {
        assertTrue(bp.insert(0x8000_1000L));
        assertTrue(bp.set().contains(0x8000_1000));
        assertTrue(bp.remove(0x8000_1000L));
        assertFalse(bp.set().contains(0x8000_1000));
        assertEquals(List.of(0x8000_1000L, 0x8000_1000L), discarded);
    }

    @Test
    void clearForgetsEveryBreakpointWithoutDiscarding() {
        bp.insert(0x1000);
        bp.insert(0x2000);
        discarded.clear();
        bp.clear();
        assertTrue(bp.set().isEmpty());
        assertEquals(List.of(), discarded);
    }
}
