package dynvm.microkernel.linux;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The futex wait queues of one address space, keyed by guest address. All operations hold this
 * object's lock, and a waiter compares the futex word under it: a waker stores the word before
 * it takes the lock, so either the waiter sees the new value (EAGAIN) or it is queued before
 * the wake looks (no lost wake-up), as in Linux's hash-bucket scheme. A waiter sleeps on its
 * thread's kernel notification, which a wake signals.
 */
final class Futexes {
    /** A queued waiter; {@code addr} changes when it is requeued. */
    private static final class Queued {
        int addr;
        final int bitset;
        /** What the waiting thread sleeps on; a wake signals it. */
        final dynvm.microkernel.kernel.Notification events;
        boolean woken;

        Queued(int addr, int bitset, dynvm.microkernel.kernel.Notification events) {
            this.addr = addr;
            this.bitset = bitset;
            this.events = events;
        }
    }

    private final Map<Integer, ArrayDeque<Queued>> queues = new HashMap<>();

    interface WordCheck { boolean matches(); }

    /**
     * Blocks {@code t} while woken by nobody, if {@code check} still holds (else -EAGAIN).
     * Returns 0 when woken, -ETIMEDOUT or -EINTR (or the kernel's ERESTARTSYS for a signal). The
     * thread sleeps on its kernel notification outside the queue lock; a wake marks it woken
     * under the lock and signals the notification.
     */
    int await(GuestThread t, int addr, int bitset, WordCheck check, long deadlineNanos) {
        Waiter w = Waiter.of(t);
        Queued q;
        synchronized (this) {
            if (!check.matches()) return -Errno.EAGAIN;
            q = new Queued(addr, bitset, w.events);
            queues.computeIfAbsent(addr, k -> new ArrayDeque<>()).add(q);
        }
        for (;;) {
            int r = w.block(deadlineNanos);
            synchronized (this) {
                if (q.woken) return 0;
                if (r < 0) {
                    remove(q);
                    return r;
                }
            }
        }
    }

    private void remove(Queued w) {
        ArrayDeque<Queued> q = queues.get(w.addr);
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) queues.remove(w.addr);
        }
    }

    /** Wakes up to {@code n} waiters on {@code addr} whose bitset meets {@code bitset}; returns how many. */
    synchronized int wake(int addr, int n, int bitset) {
        ArrayDeque<Queued> q = queues.get(addr);
        if (q == null || n <= 0) return 0;
        int done = 0;
        for (Iterator<Queued> it = q.iterator(); it.hasNext() && done < n; ) {
            Queued w = it.next();
            if ((w.bitset & bitset) == 0) continue;
            it.remove();
            w.woken = true;
            w.events.signal(GuestThread.WAKE);
            done++;
        }
        if (q.isEmpty()) queues.remove(addr);
        return done;
    }

    /**
     * FUTEX_(CMP_)REQUEUE: if {@code check} holds (else -EAGAIN), wakes {@code nWake} waiters on
     * {@code addr} and moves up to {@code nMove} of the rest to {@code addr2}; returns woken + moved.
     */
    synchronized int requeue(int addr, int nWake, int addr2, int nMove, WordCheck check) {
        if (check != null && !check.matches()) return -Errno.EAGAIN;
        int woken = wake(addr, nWake, -1);
        ArrayDeque<Queued> q = queues.get(addr);
        int moved = 0;
        if (q != null && addr2 != addr) {
            List<Queued> move = new ArrayList<>();
            for (Iterator<Queued> it = q.iterator(); it.hasNext() && moved < nMove; moved++) {
                move.add(it.next());
                it.remove();
            }
            if (q.isEmpty()) queues.remove(addr);
            ArrayDeque<Queued> q2 = queues.computeIfAbsent(addr2, k -> new ArrayDeque<>());
            for (Queued w : move) {
                w.addr = addr2;
                q2.add(w);
            }
        }
        return woken + moved;
    }

    /** Runs {@code op} under the queue lock (FUTEX_WAKE_OP's read-modify-write, then its wakes). */
    synchronized int locked(java.util.function.IntSupplier op) { return op.getAsInt(); }
}
