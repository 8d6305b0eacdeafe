package dynvm.translator.vm;

/** Which execution engine runs the guest. */
public enum EngineKind {
    /** Dynamic binary translation to JVM bytecode (the default). */
    DBT,
    /** Decode and interpret every instruction: the baseline. */
    INTERP,
    /** Translation checked against the interpreter after every block (slow; for debugging). */
    LOCKSTEP;

    public static EngineKind parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "dbt" -> DBT;
            case "interp" -> INTERP;
            case "lockstep" -> LOCKSTEP;
            default -> throw new IllegalArgumentException("unknown engine '" + s + "' (expected dbt, interp or lockstep)");
        };
    }
}
