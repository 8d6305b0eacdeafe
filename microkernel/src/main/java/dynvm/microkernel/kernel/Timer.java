package dynvm.microkernel.kernel;

/**
 * A one-shot timer of a {@link TimerService}, reusable: {@link #arm} sets (or moves) its
 * deadline, {@link #cancel} disarms it, and after it fires it stays disarmed until armed again.
 * A periodic device re-arms its timer from the callback. This is the shape of QEMU's timers
 * ({@code timer_mod}/{@code timer_del}), which is what device models need: one object per
 * comparator register, moved whenever the guest writes it.
 */
public final class Timer {
    private final TimerService service;
    final Runnable callback;
    /** Guarded by the service's lock. */
    long deadline;
    long sequence;
    boolean armed;

    Timer(TimerService service, Runnable callback) {
        this.service = service;
        this.callback = callback;
    }

    /** Fires the callback once when the clock reaches {@code deadlineNanos}; replaces any earlier deadline. */
    public Timer arm(long deadlineNanos) {
        service.arm(this, deadlineNanos);
        return this;
    }

    /** Disarms; returns false if it was not armed (already fired or never armed). */
    public boolean cancel() { return service.cancel(this); }

    public boolean isArmed() { return service.isArmed(this); }

    /** The last deadline set. */
    public long deadline() { return service.deadlineOf(this); }
}
