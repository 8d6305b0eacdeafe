package dynvm.cache;

/** Counters of one translation cache. Plain fields: a cache belongs to one VM. */
public final class CacheStats {
    public long hits, misses, inserts, invalidations, evictions;

    @Override
    public String toString() {
        return String.format("hits=%d misses=%d translated=%d invalidations=%d evictions=%d", hits, misses, inserts, invalidations, evictions);
    }
}
