package dynvm.microkernel.linux;

import dynvm.microkernel.kernel.Notification;

/**
 * One blocking wait of the calling host thread: the kernel {@link Notification} it sleeps on and,
 * when it runs a guest thread, that thread's signal and stop state.
 *
 * <ul>
 * <li>The host thread that runs guest thread {@code t} waits on {@code t}'s notification, to which
 * a deliverable signal ({@link SignalThread#SIGNALS}), a stop request ({@link GuestThread#STOP})
 * and a {@link WaitQueue} wake ({@link GuestThread#WAKE}) are signalled: it sleeps the whole
 * timeout, and wakes at once for any of them.</li>
 * <li>A host thread that runs no guest thread (the stdin pump, a unit test's helper) waits on a
 * notification of its own, for wakes and its deadline only.</li>
 * <li>A host thread that stands in for a guest thread it does not run ({@link LinuxSystem#current(GuestProcess)}
 * falls back to the main thread in unit tests) shares that thread's notification with others, and
 * another waiter may take a wake meant for it: it waits in slices of {@link GuestThread#SLICE_NANOS}.</li>
 * </ul>
 */
final class Waiter {
    /** The guest thread whose signals and stop request end the wait; null for none. */
    final GuestThread thread;
    /** What the wait sleeps on; a {@link WaitQueue} holds this. */
    final Notification events;
    private final boolean sliced;

    private Waiter(GuestThread thread, Notification events, boolean sliced) {
        this.thread = thread;
        this.events = events;
        this.sliced = sliced;
    }

    /** A wait of the calling host thread acting as {@code t} (null: as no guest thread). */
    static Waiter of(GuestThread t) {
        if (t == null) return new Waiter(null, new Notification(), false);
        return new Waiter(t, t.events(), t.hostThread != Thread.currentThread());
    }

    /**
     * Waits once: returns -EINTR when the thread is asked to stop, the kernel's ERESTARTSYS when a
     * signal is deliverable (the engine restarts the call under SA_RESTART or makes it fail with
     * EINTR), -ETIMEDOUT once {@code deadlineNanos} (System.nanoTime; {@link GuestThread#NO_DEADLINE})
     * has passed; otherwise waits for the notification (or the deadline) and returns 0: the
     * caller checks its condition again. Callers loop:
     * {@code for (;;) { check under the lock, else queue.add(w.events); int r = w.block(d); if (r < 0) return r; }}
     */
    int block(long deadlineNanos) {
        if (thread != null) {
            if (thread.stopRequested()) return -Errno.EINTR;
            if (thread.signals.hint()) return GuestProcess.RESTART_SYS;
        }
        long timeout = -1;
        if (deadlineNanos != GuestThread.NO_DEADLINE) {
            timeout = deadlineNanos - System.nanoTime();
            if (timeout <= 0) return -Errno.ETIMEDOUT;
        }
        return sleep(timeout) ? 0 : -Errno.EINTR;
    }

    /**
     * Sleeps until the notification is signalled or {@code timeoutNanos} pass (negative: no
     * timeout), taking its bits; the caller decides what they meant. False when the host thread
     * was interrupted (its flag is cleared, as Object.wait clears it).
     */
    boolean sleep(long timeoutNanos) {
        long t = timeoutNanos;
        if (sliced) t = t < 0 ? GuestThread.SLICE_NANOS : Math.min(t, GuestThread.SLICE_NANOS);
        events.waitAny(t);
        return !Thread.interrupted();
    }
}
