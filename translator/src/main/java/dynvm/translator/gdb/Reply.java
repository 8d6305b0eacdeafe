package dynvm.translator.gdb;

/**
 * What a command handler tells the protocol loop: the reply packet's payload (null: no reply
 * now, the stop coordinator sends one when the target stops), what to do once it is sent, and
 * whether the session ends.
 */
record Reply(String payload, Runnable afterwards, boolean endsSession) {
    private static final Runnable NOTHING = () -> { };

    /** The empty reply: gdb reads it as "not supported". */
    static final Reply UNSUPPORTED = of("");
    /** No reply yet: the target runs, its stop reply comes later. */
    static final Reply AFTER_STOP = new Reply(null, NOTHING, false);

    static Reply of(String payload) { return new Reply(payload, NOTHING, false); }

    /** Ends the session after sending {@code payload}. */
    static Reply ending(String payload) { return ending(payload, NOTHING); }

    /** Ends the session after sending {@code payload} (null: nothing) and running {@code afterwards}. */
    static Reply ending(String payload, Runnable afterwards) { return new Reply(payload, afterwards, true); }
}
