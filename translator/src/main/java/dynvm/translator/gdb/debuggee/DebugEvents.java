package dynvm.translator.gdb.debuggee;

/**
 * What a {@link DebugTarget}'s threads tell the stub, each on its own host thread, at points
 * where its CPU state is exact. The stub implements it (its stop coordinator); a target gets it
 * through {@link DebugTarget#attach}.
 *
 * <p>The execution loop of a debugged thread looks like this:
 * <pre>
 *   threadStarted(thread)
 *   loop: step = checkpoint(id)              // may park while gdb holds the target stopped
 *         run guest code (one instruction if step), stopping before breakpoints
 *         a watched access: watchpointHit(w) decides; a hit unwinds to the accessing instruction
 *         a guest signal or exception for gdb: sig = signal(id, sig)  // may park, may change it
 *   threadEnded(id); finally, for the whole target, targetExited(status)
 * </pre>
 * Signals are Linux numbers (the stub translates them to gdb's). A system-mode target has no
 * signals to report: its stops (breakpoints, steps, watchpoints, Ctrl-C) all come through
 * checkpoints.
 */
public interface DebugEvents {
    /** A thread begins (before its first instruction); while the target is stopped it parks at once. */
    void threadStarted(DebugThread thread);

    /** Thread {@code id} ended; gdb no longer lists it. */
    void threadEnded(int id);

    /**
     * Before the thread runs guest code: parks it while the target is stopped (at a breakpoint,
     * after a finished step, on request). Returns true when the thread must run exactly one
     * instruction next.
     */
    boolean checkpoint(int id);

    /**
     * Signal {@code signal} is about to be delivered to thread {@code id}: the stub stops there
     * unless gdb passes it silently. Returns the signal to deliver, 0 to discard it.
     */
    int signal(int id, int signal);

    /**
     * Guest code on the calling host thread accessed {@code w}'s bytes. Returns true when it is a
     * hit: the target then unwinds to the accessing instruction, which the next checkpoint steps
     * before the stop is reported, so gdb sees the access done, as on hardware.
     */
    boolean watchpointHit(Watchpoint w);

    /** The whole target ended with this shell status (128+N: killed by signal N). */
    void targetExited(int status);
}
