package dynvm.microkernel.kernel;

/**
 * A one-shot timer of a {@link TimerService}, reusable: {@link #arm} sets (or moves) its
 * deadline, {@link #cancel} takes it back, and after it fires it stays idle until set again.
 * A periodic device sets its timer again from the callback. This is the shape of QEMU's timers
 * ({@code timer_mod}/{@code timer_del}), which is what device models need: one object per
 * comparator register, moved whenever the guest writes it.
 */
public final class Timer {
    private final TimerService service;
    final Runnable callback;
    /** Guarded by the service's lock. */
    long deadline;
    long sequence;
    boolean pending;

    Timer(TimerService service, Runnable callback) {
        this.service = service;
        this.callback = callback;
    }

    /** Fires the callback once when the clock reaches {@code deadlineNanos}; replaces any earlier deadline. */
    public Timer arm(long deadlineNanos) {
        service.arm(this, deadlineNanos);
        return this;
    }

    /** Takes the timer back; false if it was not pending (already fired, or never set). */
    public boolean cancel() { return service.cancel(this); }

    /** True between {@link #arm} and its firing or {@link #cancel}. */
    public boolean isPending() { return service.isPending(this); }

    /** The last deadline set. */
    public long deadline() { return service.deadlineOf(this); }
}
