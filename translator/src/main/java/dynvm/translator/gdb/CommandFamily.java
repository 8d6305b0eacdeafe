package dynvm.translator.gdb;

/**
 * The top layer of the stub: one implementation per family of packets (registers, memory,
 * breakpoints, ...). A handler parses its packets and answers them from the {@link
 * dynvm.translator.gdb.debuggee.DebugTarget} and the {@link StopCoordinator}; it never touches the
 * connection. Packets arrive with escapes kept (binary ones unescape their own data).
 */
interface CommandFamily {
    /** Is {@code packet} one of this family's? Families never claim the same packet. */
    boolean accepts(String packet);

    /** Answers an accepted packet. Malformed numbers may throw: they end the session, as a broken gdb should. */
    Reply handle(String packet);

    /** The packet's command letter, 0 for an empty packet. */
    static char letter(String packet) { return packet.isEmpty() ? 0 : packet.charAt(0); }
}
