package dynvm.cache;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The translation cache of one VM: blocks keyed by (pc, execution context), a page index for
 * invalidation when guest code changes, and a size bound with FIFO eviction.
 *
 * <p>The lookup map is open-addressed over primitive long keys: the design's probe showed boxed
 * keys cost hundreds of MB of garbage. The engine avoids even this lookup on the hot path through
 * successor links and its own direct-mapped cache; this is the miss path.
 */
public final class TranslationCache {
    public static final int PAGE_SHIFT = 12;

    private long[] keys;
    private Translation[] vals;
    private int count;
    private final int maxBlocks;
    private final ArrayDeque<Translation> order = new ArrayDeque<>();
    private final Map<Integer, List<Translation>> byPage = new HashMap<>();
    private final CacheStats stats = new CacheStats();
    private InvalidationListener listener;

    /** Told about every block that stops being valid (for logs and code-page bookkeeping). */
    public interface InvalidationListener { void invalidated(Translation t, String reason); }

    public TranslationCache(int maxBlocks) {
        if (maxBlocks < 1) throw new IllegalArgumentException("maxBlocks");
        this.maxBlocks = maxBlocks;
        int cap = 1024;
        keys = new long[cap];
        vals = new Translation[cap];
    }

    public void setListener(InvalidationListener l) { this.listener = l; }
    public CacheStats stats() { return stats; }
    public int size() { return count; }

    private static long key(int pc, int ctx) { return ((long) ctx << 32) | (pc & 0xffffffffL); }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Finds a valid translation, or null (counted as a miss). */
    public Translation lookup(int pc, int ctx) {
        long k = key(pc, ctx);
        int mask = keys.length - 1;
        for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
            Translation t = vals[i];
            if (t == null) { stats.misses++; return null; }
            if (keys[i] == k) { stats.hits++; return t; }
        }
    }

    /** Like {@link #lookup} but not counted in the statistics (for the translator's own planning). */
    public Translation peek(int pc, int ctx) {
        long k = key(pc, ctx);
        int mask = keys.length - 1;
        for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
            Translation t = vals[i];
            if (t == null) return null;
            if (keys[i] == k) return t;
        }
    }

    /** Adds a translation, evicting the oldest when the bound is reached. */
    public void put(Translation t) {
        while (count >= maxBlocks) {
            Translation old = order.pollFirst();
            if (old == null) break;
            if (old.valid) { stats.evictions++; drop(old, "evicted"); }
        }
        if ((count + 1) * 2 > keys.length) rehash(keys.length * 2);
        insert(key(t.pc, t.context), t);
        order.addLast(t);
        if (order.size() > 2 * count + 64) order.removeIf(x -> !x.valid); // drop dead entries, amortised O(1)
        stats.inserts++;
        for (long p : pages(t)) byPage.computeIfAbsent((int) p, x -> new ArrayList<>(4)).add(t);
    }

    private void insert(long k, Translation t) {
        int mask = keys.length - 1;
        for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
            if (vals[i] == null) { keys[i] = k; vals[i] = t; count++; return; }
            if (keys[i] == k) { vals[i].valid = false; keys[i] = k; vals[i] = t; return; }
        }
    }

    private void rehash(int cap) {
        long[] ok = keys;
        Translation[] ov = vals;
        keys = new long[cap];
        vals = new Translation[cap];
        count = 0;
        for (int i = 0; i < ok.length; i++) if (ov[i] != null) insert(ok[i], ov[i]);
    }

    private void remove(Translation t) {
        long k = key(t.pc, t.context);
        int mask = keys.length - 1;
        int i = hash(k) & mask;
        while (vals[i] != null && !(keys[i] == k && vals[i] == t)) i = (i + 1) & mask;
        if (vals[i] == null) return;
        vals[i] = null;
        count--;
        // re-insert the rest of the probe cluster (linear probing deletion)
        for (int j = (i + 1) & mask; vals[j] != null; j = (j + 1) & mask) {
            Translation v = vals[j];
            long kk = keys[j];
            vals[j] = null;
            count--;
            insert(kk, v);
        }
    }

    private void drop(Translation t, String reason) {
        t.valid = false;
        remove(t);
        for (long p : pages(t)) {
            List<Translation> l = byPage.get((int) p);
            if (l != null) { l.remove(t); if (l.isEmpty()) byPage.remove((int) p); }
        }
        if (listener != null) listener.invalidated(t, reason);
    }

    /**
     * Replaces {@code old} by {@code repl} (same pc, context and extent), e.g. when an evaluated
     * block is promoted to compiled code. The old one stops being valid so links to it are redone.
     */
    public void replace(Translation old, Translation repl) {
        if (old.pc != repl.pc || old.context != repl.context) throw new IllegalArgumentException("replace with a different key");
        if (!old.valid) { put(repl); return; }
        old.valid = false;
        remove(old);
        for (long p : pages(old)) {
            List<Translation> l = byPage.get((int) p);
            if (l != null) { l.remove(old); if (l.isEmpty()) byPage.remove((int) p); }
        }
        // old stays in the FIFO as a dead entry (removing it is a linear scan); put() skips and
        // compacts dead entries
        stats.inserts--; // put counts it again
        put(repl);
    }

    /**
     * Invalidates every block that overlaps {@code [addr, addr+len)} (guest code written, icbi).
     * Returns how many blocks were dropped.
     */
    public int invalidateRange(int addr, int len, String reason) {
        long lo = addr & 0xffffffffL, hi = lo + Math.max(len, 1);
        int n = 0;
        for (long p = lo >>> PAGE_SHIFT; p <= (hi - 1) >>> PAGE_SHIFT; p++) {
            List<Translation> l = byPage.get((int) p);
            if (l == null) continue;
            for (Translation t : new ArrayList<>(l))
                if (t.valid && overlaps(t, lo, hi)) { drop(t, reason); stats.invalidations++; n++; }
        }
        return n;
    }

    /** The pages of all code ranges of {@code t}, without repeats. */
    private static long[] pages(Translation t) {
        if (t.ranges.length == 2) { // one block (nearly every translation): its pages in order, no set
            long first = (t.ranges[0] & 0xffffffffL) >>> PAGE_SHIFT, last = ((t.ranges[1] - 1) & 0xffffffffL) >>> PAGE_SHIFT;
            if (last < first) return new long[0];
            long[] out = new long[(int) (last - first + 1)];
            for (int k = 0; k < out.length; k++) out[k] = first + k;
            return out;
        }
        java.util.TreeSet<Long> set = new java.util.TreeSet<>();
        for (int i = 0; i < t.ranges.length; i += 2)
            for (long p = (t.ranges[i] & 0xffffffffL) >>> PAGE_SHIFT; p <= ((t.ranges[i + 1] - 1) & 0xffffffffL) >>> PAGE_SHIFT; p++) set.add(p);
        long[] out = new long[set.size()];
        int k = 0;
        for (long p : set) out[k++] = p;
        return out;
    }

    private static boolean overlaps(Translation t, long lo, long hi) {
        for (int i = 0; i < t.ranges.length; i += 2) {
            long s = t.ranges[i] & 0xffffffffL, e = t.ranges[i + 1] & 0xffffffffL;
            if (s < hi && e > lo) return true;
        }
        return false;
    }

    /** Does any block still cover the page holding {@code addr}? */
    public boolean hasCodeOnPage(int addr) { return byPage.containsKey((int) ((addr & 0xffffffffL) >>> PAGE_SHIFT)); }
}
