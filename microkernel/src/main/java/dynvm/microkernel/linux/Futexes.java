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
 * the wake looks (no lost wake-up), as in Linux's hash-bucket scheme.
 */
final class Futexes {
    /** A queued waiter; {@code addr} changes when it is requeued. */
    private static final class Waiter {
        int addr;
        final int bitset;
        boolean woken;

        Waiter(int addr, int bitset) {
            this.addr = addr;
            this.bitset = bitset;
        }
    }

    private final Map<Integer, ArrayDeque<Waiter>> queues = new HashMap<>();

    interface WordCheck { boolean matches(); }

    /**
     * Blocks {@code t} while woken by nobody, if {@code check} still holds (else -EAGAIN).
     * Returns 0 when woken, -ETIMEDOUT or -EINTR.
     */
    synchronized int await(GuestThread t, int addr, int bitset, WordCheck check, long deadlineNanos) {
        if (!check.matches()) return -Errno.EAGAIN;
        Waiter w = new Waiter(addr, bitset);
        queues.computeIfAbsent(addr, k -> new ArrayDeque<>()).add(w);
        while (!w.woken) {
            int r = t != null ? t.await(this, deadlineNanos) : plainWait(deadlineNanos);
            if (r < 0 && !w.woken) {
                remove(w);
                return r;
            }
        }
        return 0;
    }

    private int plainWait(long deadline) {
        long left = deadline == GuestThread.NO_DEADLINE ? GuestThread.SLICE_NANOS : Math.min(GuestThread.SLICE_NANOS, deadline - System.nanoTime());
        if (left <= 0) return -Errno.ETIMEDOUT;
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            return -Errno.EINTR;
        }
        return 0;
    }

    private void remove(Waiter w) {
        ArrayDeque<Waiter> q = queues.get(w.addr);
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) queues.remove(w.addr);
        }
    }

    /** Wakes up to {@code n} waiters on {@code addr} whose bitset meets {@code bitset}; returns how many. */
    synchronized int wake(int addr, int n, int bitset) {
        ArrayDeque<Waiter> q = queues.get(addr);
        if (q == null || n <= 0) return 0;
        int done = 0;
        for (Iterator<Waiter> it = q.iterator(); it.hasNext() && done < n; ) {
            Waiter w = it.next();
            if ((w.bitset & bitset) == 0) continue;
            it.remove();
            w.woken = true;
            done++;
        }
        if (q.isEmpty()) queues.remove(addr);
        if (done > 0) notifyAll();
        return done;
    }

    /**
     * FUTEX_(CMP_)REQUEUE: if {@code check} holds (else -EAGAIN), wakes {@code nWake} waiters on
     * {@code addr} and moves up to {@code nMove} of the rest to {@code addr2}; returns woken + moved.
     */
    synchronized int requeue(int addr, int nWake, int addr2, int nMove, WordCheck check) {
        if (check != null && !check.matches()) return -Errno.EAGAIN;
        int woken = wake(addr, nWake, -1);
        ArrayDeque<Waiter> q = queues.get(addr);
        int moved = 0;
        if (q != null && addr2 != addr) {
            List<Waiter> move = new ArrayList<>();
            for (Iterator<Waiter> it = q.iterator(); it.hasNext() && moved < nMove; moved++) {
                move.add(it.next());
                it.remove();
            }
            if (q.isEmpty()) queues.remove(addr);
            ArrayDeque<Waiter> q2 = queues.computeIfAbsent(addr2, k -> new ArrayDeque<>());
            for (Waiter w : move) {
                w.addr = addr2;
                q2.add(w);
            }
        }
        return woken + moved;
    }

    /** Runs {@code op} under the queue lock (FUTEX_WAKE_OP's read-modify-write, then its wakes). */
    synchronized int locked(java.util.function.IntSupplier op) { return op.getAsInt(); }
}
