package dynvm.translator.vm;

import dynvm.cache.CacheStats;
import java.io.PrintStream;

/**
 * What {@code --stats} prints at exit. Instruction, block and dispatch counts are summed over the
 * {@code threads} threads the run's first process had; forked child processes are not counted.
 * {@code tier0} is the engine's own line about its tier 0 ({@link ExecutionEngine#tier0Stats}), or null;
 * {@code shared} is what the run's processes and threads reused of each other's work
 * ({@link SharedBlocks}), or null.
 */
public record RunStats(String engine, int threads, long guestInsns, long blocksTranslated, long dispatches, CacheStats cache,
                       long translateNanos, long totalNanos, DispatchStats dispatch, String tier0, String shared) {
    /** Without the shared-store line. */
    public RunStats(String engine, int threads, long guestInsns, long blocksTranslated, long dispatches, CacheStats cache,
                    long translateNanos, long totalNanos, DispatchStats dispatch, String tier0) {
        this(engine, threads, guestInsns, blocksTranslated, dispatches, cache, translateNanos, totalNanos, dispatch, tier0, null);
    }

    /** Without dispatch or tier-0 statistics (the interpreter). */
    public RunStats(String engine, int threads, long guestInsns, long blocksTranslated, long dispatches, CacheStats cache,
                    long translateNanos, long totalNanos) {
        this(engine, threads, guestInsns, blocksTranslated, dispatches, cache, translateNanos, totalNanos, null, null, null);
    }

    public double mips() { return totalNanos == 0 ? 0 : guestInsns / (totalNanos / 1e9) / 1e6; }

    public void print(PrintStream out) {
        out.printf("dynvm stats (engine %s)%n", engine);
        out.printf("  guest instructions  %,d (%s of the first process; forked children not counted)%n", guestInsns,
                threads == 1 ? "its one thread" : "all " + threads + " threads");
        out.printf("  blocks translated   %,d%n", blocksTranslated);
        if (dispatches > 0)
            out.printf("  block dispatches    %,d (%.1f guest instructions each)%n", dispatches, (double) guestInsns / dispatches);
        if (dispatch != null && dispatch.dispatches() > 0) {
            long ic = dispatch.icHits() + dispatch.icMisses();
            out.printf("  dispatch            linked %.1f%%  inline cache %.1f%% of %,d computed exits  regions compiled %,d (first thread)%n",
                    100.0 * dispatch.chainHits() / dispatch.dispatches(), ic == 0 ? 0.0 : 100.0 * dispatch.icHits() / ic, ic,
                    dispatch.regionsCompiled());
        }
        if (cache != null)
            out.printf("  cache               hits %,d  misses %,d  invalidations %,d  evictions %,d%n",
                    cache.hits, cache.misses, cache.invalidations, cache.evictions);
        out.printf("  translation time    %.1f ms%n", translateNanos / 1e6);
        if (tier0 != null) out.printf("  tier 0              %s%n", tier0);
        if (shared != null) out.printf("  shared              %s%n", shared);
        out.printf("  total time          %.1f ms%n", totalNanos / 1e6);
        out.printf("  guest MIPS          %.1f%n", mips());
    }
}
