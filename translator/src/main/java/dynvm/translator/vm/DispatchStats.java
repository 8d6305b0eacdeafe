package dynvm.translator.vm;

/**
 * How the translator's dispatcher found the next block, for {@code --stats}: through a successor
 * link ({@code chainHits} of {@code dispatches}), through the indirect-branch inline cache of the translation it left
 * ({@code icHits}, {@code icMisses}), or else through its table and the cache's map. Also the
 * multi-block regions it compiled.
 */
public record DispatchStats(long dispatches, long chainHits, long icHits, long icMisses, long regionsCompiled) { }
