package dynvm.translator.gdb.debuggee;

/**
 * A data watchpoint as gdb inserts it (Z2/Z3/Z4): which accesses, at which virtual address, how
 * many bytes.
 */
public record Watchpoint(Kind kind, long address, int length) {
    /** The accesses a watchpoint reports, with the name of its stop reason in a stop reply. */
    public enum Kind {
        WRITE("watch"), READ("rwatch"), ACCESS("awatch");

        private final String stopReason;

        Kind(String stopReason) { this.stopReason = stopReason; }

        /** The stop reply's key for this kind ({@code watch}, {@code rwatch}, {@code awatch}). */
        public String stopReason() { return stopReason; }

        /** Does an access of this direction trigger it? */
        public boolean triggeredBy(boolean write) { return write ? this != READ : this != WRITE; }
    }

    /** Does this watchpoint see loads (so the target must check them too)? */
    public boolean watchesReads() { return kind != Kind.WRITE; }
}
