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
}
