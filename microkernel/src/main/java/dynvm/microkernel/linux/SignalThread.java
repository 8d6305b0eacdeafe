package dynvm.microkernel.linux;

/**
 * The per-thread half of the signal state: blocked mask, thread-directed pending signals, the
 * alternate signal stack and sigsuspend's saved mask. Fields are guarded by the process's
 * {@link SignalState} monitor; {@link #hint} is volatile so the thread running guest code can
 * poll it cheaply between blocks, and {@link #wakeup} lets a poster nudge the engine out of a
 * translated loop at once.
 */
public final class SignalThread {
    final SignalState process;
    /** A pending signal may be deliverable (pending and not blocked). Recomputed under the lock. */
    private volatile boolean hint;
    /** Called (on the posting thread) whenever {@link #hint} becomes true. */
    private volatile Runnable wakeup = () -> { };
    long mask, pending;
    final byte[][] info = new byte[SignalState.NSIG + 1][];
    int altSp, altSize, altFlags = SignalState.SS_DISABLE;
    /** sigsuspend: the mask to put back (saved in the frame) once a signal has been handled. */
    long savedMask;
    boolean restoreMask;

    SignalThread(SignalState process) { this.process = process; }

    /** True when a signal may be waiting for delivery: the engine should call the personality's delivery hook. */
    public boolean hint() { return hint; }

    /** The engine's nudge, e.g. {@code () -> cpu.interrupt = true}. */
    public void setWakeup(Runnable r) { wakeup = r; }

    /** Blocked mask (bit sig-1). */
    public long mask() { synchronized (process) { return mask; } }

    /** Recomputes {@link #hint}; caller holds the process lock. */
    void recalc() {
        boolean h = ((pending | process.pending) & ~mask) != 0;
        hint = h;
        if (h) wakeup.run();
    }
}
