package dynvm.microkernel.kernel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A word of event bits, as seL4's notification objects: {@link #signal} ORs bits in and never
 * blocks (an interrupt or a timer callback can always signal), {@link #waitAny} blocks until some
 * bit is set and then takes <em>all</em> set bits, clearing them. Signals are not counted: two
 * signals of the same bit before a wait are seen once, which is exactly how an interrupt line
 * behaves and why a waiter must drain its source (read the device's status) after waking.
 *
 * <p>Used for interrupts ({@link IrqBinding} signals one bit per line), for a vCPU's WFI (wait for
 * any of its interrupt bits), and by the Linux personality: each guest thread has one, with a bit
 * for "a signal is deliverable", a bit for "what you wait for changed" and a bit for "stop", and
 * every blocking system call waits on it.
 *
 * <p>A waiter under a {@link Scheduler} waits through {@link Scheduler#blocking}, so that it gives
 * the CPU away while it waits.
 */
public final class Notification {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private long word;
    /** The bound upcall and the bits that run it; see {@link #bind}. */
    private volatile Runnable upcall;
    private volatile long upcallBits;

    /**
     * ORs {@code bits} into the word and wakes a waiter, then runs the bound upcall if one of
     * {@code bits} is bound (see {@link #bind}). Never blocks (an upcall must not either).
     */
    public void signal(long bits) {
        if (bits == 0) return;
        lock.lock();
        try {
            word |= bits;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
        Runnable u = upcall;
        if (u != null && (bits & upcallBits) != 0) u.run();
    }

    /**
     * Binds the notification to the thread that owns it, as seL4 binds one to a TCB and as a
     * Fiasco.OC vCPU takes an upcall: each {@link #signal} of one of {@code bits} also runs
     * {@code upcall} on the signalling thread, outside the lock, after the bits are set. It is how
     * a signal reaches a thread that is not waiting but running (an engine's "leave translated
     * code now" flag); a thread that waits sees the bits. One binding; null unbinds.
     */
    public void bind(long bits, Runnable upcall) {
        this.upcall = null;
        this.upcallBits = bits;
        this.upcall = upcall;
    }

    /**
     * Waits until a bit is set, then returns and clears all set bits. Returns 0 when
     * {@code timeoutNanos} passes first (negative: wait forever; 0: do not wait) or when the thread
     * is interrupted (its interrupt flag is kept).
     */
    public long waitAny(long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (word == 0) {
                if (timeoutNanos == 0 || (timeoutNanos > 0 && left <= 0)) return 0;
                if (timeoutNanos < 0) signalled.await();
                else left = signalled.awaitNanos(left);
            }
            return take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Returns and clears the set bits without waiting (seL4's poll). */
    public long poll() {
        lock.lock();
        try { return take(); } finally { lock.unlock(); }
    }

    /** The set bits, left set. */
    public long peek() {
        lock.lock();
        try { return word; } finally { lock.unlock(); }
    }

    /** Clears {@code bits} without waiting (a waiter that handles one source at a time). */
    public void clear(long bits) {
        lock.lock();
        try { word &= ~bits; } finally { lock.unlock(); }
    }

    private long take() {
        long bits = word;
        word = 0;
        return bits;
    }

    /** Convenience for tests and callers holding milliseconds. */
    public long waitAny(long timeout, TimeUnit unit) { return waitAny(unit.toNanos(timeout)); }
}
