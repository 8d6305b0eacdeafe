package dynvm.microkernel.linux;

import dynvm.microkernel.kernel.Notification;

/**
 * The per-thread half of the signal state: blocked mask, thread-directed pending signals, the
 * alternate signal stack and sigsuspend's saved mask. Fields are guarded by the process's
 * {@link SignalState} monitor.
 *
 * <p>Signals arrive as a kernel {@link Notification}: whenever a signal is deliverable (pending
 * and not blocked) the thread's notification gets the {@link #SIGNALS} bit, which wakes the
 * thread if it waits in a blocking call ({@link Waiter}) and runs the upcall the engine bound to
 * it ({@link #setWakeup}: leave translated code now) if it runs guest code. {@link #hint} is the
 * same fact as a volatile flag the engine polls between slices, as a vCPU polls its interrupt
 * line's level.
 */
public final class SignalThread {
    /** The notification bit meaning "a signal is deliverable" (one bit for all of them: the sets are here). */
    public static final long SIGNALS = 1;
    final SignalState process;
    /** A pending signal may be deliverable (pending and not blocked). Recomputed under the lock. */
    private volatile boolean hint;
    /** The thread's notification: {@link #SIGNALS} here, the wait and stop bits from {@link GuestThread}. */
    final Notification events = new Notification();
    long mask, pending;
    final byte[][] info = new byte[SignalState.NSIG + 1][];
    int altSp, altSize, altFlags = SignalState.SS_DISABLE;
    /** sigsuspend: the mask to put back (saved in the frame) once a signal has been handled. */
    long savedMask;
    boolean restoreMask;

    SignalThread(SignalState process) { this.process = process; }

    /** True when a signal may be waiting for delivery: the engine should call the personality's delivery hook. */
    public boolean hint() { return hint; }

    /**
     * The engine's nudge, e.g. {@code () -> cpu.interrupt = true}: bound to the notification's
     * {@link #SIGNALS} bit, so it runs on the posting thread each time a signal becomes (or stays)
     * deliverable.
     */
    public void setWakeup(Runnable r) { events.bind(SIGNALS, r); }

    /** The thread's kernel notification (bits {@link #SIGNALS}, {@link GuestThread#WAKE}, {@link GuestThread#STOP}). */
    public Notification notification() { return events; }

    /** Blocked mask (bit sig-1). */
    public long mask() { synchronized (process) { return mask; } }

    /**
     * Recomputes {@link #hint} and signals {@link #SIGNALS} when a signal is deliverable (clears it
     * when none is, so a later wait does not wake for a signal already handled); caller holds the
     * process lock.
     */
    void recalc() {
        boolean h = ((pending | process.pending) & ~mask) != 0;
        hint = h;
        if (h) events.signal(SIGNALS);
        else events.clear(SIGNALS);
    }
}
