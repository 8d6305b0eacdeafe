package dynvm.cache;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.spi.CpuState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranslationCacheTest {
    static final class Fake extends Translation {
        Fake(int pc, int ctx, int len) { super(pc, ctx, pc + len, len / 4, null); }
        @Override public int run(CpuState cpu) { return EXIT_TAKEN; }
    }

    @Test
    void lookupIsKeyedByPcAndContext() {
        TranslationCache c = new TranslationCache(100);
        Fake a = new Fake(0x1000, 0, 16), b = new Fake(0x1000, 1, 16);
        c.put(a);
        c.put(b);
        assertSame(a, c.lookup(0x1000, 0));
        assertSame(b, c.lookup(0x1000, 1));
        assertNull(c.lookup(0x1004, 0));
        assertEquals(2, c.stats().hits);
        assertEquals(1, c.stats().misses);
    }

    @Test
    void invalidationDropsOverlappingBlocksOnly() {
        TranslationCache c = new TranslationCache(100);
        Fake a = new Fake(0x1000, 0, 16), b = new Fake(0x1010, 0, 16), far = new Fake(0x5000, 0, 8);
        List<String> reasons = new ArrayList<>();
        c.setListener((t, r) -> reasons.add(r));
        c.put(a); c.put(b); c.put(far);
        assertEquals(1, c.invalidateRange(0x100c, 4, "store"));
        assertFalse(a.valid);
        assertTrue(b.valid);
        assertNull(c.lookup(0x1000, 0));
        assertSame(b, c.lookup(0x1010, 0));
        assertSame(far, c.lookup(0x5000, 0));
        assertEquals(List.of("store"), reasons);
        assertEquals(1, c.stats().invalidations);
    }

    @Test
    void blockSpanningTwoPagesIsFoundFromEither() {
        TranslationCache c = new TranslationCache(100);
        Fake a = new Fake(0x1ff8, 0, 16);
        c.put(a);
        assertTrue(c.hasCodeOnPage(0x2000));
        c.invalidateRange(0x2004, 4, "icbi");
        assertFalse(a.valid);
        assertFalse(c.hasCodeOnPage(0x1000));
    }

    @Test
    void boundEvictsOldestFirst() {
        TranslationCache c = new TranslationCache(3);
        Fake[] f = new Fake[5];
        for (int i = 0; i < 5; i++) c.put(f[i] = new Fake(0x1000 + 16 * i, 0, 16));
        assertEquals(3, c.size());
        assertFalse(f[0].valid);
        assertFalse(f[1].valid);
        assertTrue(f[4].valid);
        assertEquals(2, c.stats().evictions);
        assertNull(c.lookup(0x1000, 0));
        assertSame(f[4], c.lookup(0x1040, 0));
    }

    @Test
    void manyBlocksSurviveRehashAndRemoval() {
        TranslationCache c = new TranslationCache(100_000);
        List<Fake> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) { Fake f = new Fake(0x10000 + 8 * i, i & 1, 8); all.add(f); c.put(f); }
        c.invalidateRange(0x10000, 8 * 2500, "test");
        for (int i = 0; i < 5000; i++) {
            Fake f = all.get(i);
            if (i < 2500) assertNull(c.lookup(f.pc, f.context)); else assertSame(f, c.lookup(f.pc, f.context));
        }
    }
}
