package dynvm.translator.vm;

/**
 * Whether {@code --stats} splits the run's time (tier 0, compiled code, services). The split
 * takes two clock reads per tier-0 block run and per engine slice, so it is behind a static final
 * flag the JIT folds away: without {@code --stats} the dispatch loop has no trace of it. The CLI
 * sets {@link #PROPERTY} (a constant: naming it does not initialise this class) before any engine
 * class is loaded; {@code -Ddynvm.statsTiming=true}
 * does the same for programs that use the engine directly.
 */
public final class StatsTiming {
    public static final String PROPERTY = "dynvm.statsTiming";
    public static final boolean ON = Boolean.getBoolean(PROPERTY);

    private StatsTiming() { }
}
