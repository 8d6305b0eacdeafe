package dynvm.microkernel.linux;

import dynvm.microkernel.kernel.Notification;

import java.util.ArrayList;
import java.util.List;

/**
 * A Linux wait queue head on kernel {@link Notification}s: a blocking call checks its condition
 * under its object's lock, {@link #add}s its thread's notification before letting go of the lock,
 * and waits on the notification ({@link Waiter#block}); whoever changes the condition calls
 * {@link #wakeAll}, which signals {@link GuestThread#WAKE} to every queued waiter. The bit stays
 * set until the waiter takes it, so a wake between the check and the wait is never lost. The
 * waiter re-checks its condition after every wake (wakes may be spurious). A leaf lock: it may be
 * taken under any other.
 */
final class WaitQueue {
    /** A list, not a set: the same notification may wait twice (host threads standing in for one guest thread). */
    private final List<Notification> waiters = new ArrayList<>();

    synchronized void add(Notification n) { waiters.add(n); }

    synchronized void remove(Notification n) { waiters.remove(n); }

    /** Wakes every waiter queued now. */
    void wakeAll() {
        Notification[] now;
        synchronized (this) {
            if (waiters.isEmpty()) return;
            now = waiters.toArray(new Notification[0]);
        }
        for (Notification n : now) n.signal(GuestThread.WAKE);
    }

    synchronized int size() { return waiters.size(); }

    /**
     * Queues the calling guest thread's notification here, once per blocking call: {@code w} is
     * what an earlier pass of the call queued, or null. Called under the object's lock.
     */
    Waiter enqueue(Waiter w, LinuxSystem sys) {
        if (w == null) {
            w = sys.waiter();
            add(w.events);
        }
        return w;
    }

    /**
     * Waits, outside the object's lock, for a wake, a signal or a stop request: a signal ends the
     * call with the kernel's ERESTARTSYS, which the engine turns into a restart (SA_RESTART) or EINTR.
     */
    static void block(Waiter w) {
        int r = w.block(GuestThread.NO_DEADLINE);
        if (r < 0) throw new SysErr(-r);
    }
}
