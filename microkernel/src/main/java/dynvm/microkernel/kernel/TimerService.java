package dynvm.microkernel.kernel;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One VM's timers: one-shot {@link Timer}s ordered by deadline on the VM's {@link Clock}, whose
 * callbacks are the VM's timer interrupts (a device's callback raises its {@link IrqLine}).
 *
 * <p>Two drivers, fixed at creation:
 * <ul>
 * <li>{@link #onHostClock}: one daemon host thread per VM sleeps until the earliest deadline and
 *     runs the due callbacks. {@link #close} stops and joins it, so a closed VM leaves no thread.</li>
 * <li>{@link #onInstructionClock}: no thread at all. The clock tells the service when an
 *     {@link InstructionClock#advance} passes the earliest deadline, and the due callbacks run on
 *     the advancing vCPU thread, between two engine slices: the same instruction count always
 *     fires the same timers.</li>
 * </ul>
 *
 * <p>Callbacks run one at a time, in deadline order, ties in the order they were set, never
 * under the service's lock: a callback may set its own timer again (a periodic tick) or others. A
 * timer a callback sets for a time already past fires in the next round, not in the same
 * one, so a callback setting "now" cannot loop forever. An exception from a callback is kept
 * ({@link #lastFailure}) and does not stop the other timers.
 */
public final class TimerService implements AutoCloseable {
    private static final Comparator<Timer> ORDER =
            Comparator.<Timer>comparingLong(t -> t.deadline).thenComparingLong(t -> t.sequence);
    private static final long JOIN_MILLIS = 5_000;

    private final Clock clock;
    private final InstructionClock instructionClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queueChanged = lock.newCondition();
    /** Serialises firing rounds: callbacks never run concurrently, even when several vCPUs advance. */
    private final ReentrantLock firing = new ReentrantLock();
    private final TreeSet<Timer> queue = new TreeSet<>(ORDER);
    private long nextSequence;
    private boolean closed;
    private Thread hostThread;
    private volatile Throwable lastFailure;

    private TimerService(Clock clock, InstructionClock instructionClock) {
        this.clock = clock;
        this.instructionClock = instructionClock;
    }

    /** Timers on a clock that runs by itself (host time), fired by a daemon thread named after the VM. */
    public static TimerService onHostClock(String vmName, Clock clock) {
        TimerService s = new TimerService(clock, null);
        s.hostThread = new Thread(s::hostLoop, "dynvm-timers-" + vmName);
        s.hostThread.setDaemon(true);
        s.hostThread.start();
        return s;
    }

    /** Timers on instruction-count time, fired by the vCPU that advances the clock past them. */
    public static TimerService onInstructionClock(InstructionClock clock) {
        TimerService s = new TimerService(clock, clock);
        clock.bind(s::fireDue);
        return s;
    }

    public Clock clock() { return clock; }

    /** An idle timer that will run {@code callback} each time it fires. */
    public Timer newTimer(Runnable callback) { return new Timer(this, callback); }

    /** Shorthand: a new timer, set for {@code deadlineNanos}. */
    public Timer arm(long deadlineNanos, Runnable callback) { return newTimer(callback).arm(deadlineNanos); }

    /** The last exception a callback threw, or null. */
    public Throwable lastFailure() { return lastFailure; }

    /** Number of pending timers. */
    public int pendingCount() {
        lock.lock();
        try { return queue.size(); } finally { lock.unlock(); }
    }

    /** Cancels every timer and, on host time, stops and joins the timer thread. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Timer t : queue) t.pending = false;
            queue.clear();
            queueChanged.signalAll();
        } finally {
            lock.unlock();
        }
        if (hostThread != null && hostThread != Thread.currentThread()) {
            try {
                hostThread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once the host timer thread (if any) has ended. */
    public boolean isStopped() { return hostThread == null ? closed : !hostThread.isAlive(); }

    // ---- Timer's operations ----

    void arm(Timer t, long deadline) {
        if (t.callback == null) throw new NullPointerException("callback");
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("timer service closed");
            if (t.pending) queue.remove(t);
            t.deadline = deadline;
            t.sequence = nextSequence++;
            t.pending = true;
            queue.add(t);
            headChanged();
        } finally {
            lock.unlock();
        }
    }

    boolean cancel(Timer t) {
        lock.lock();
        try {
            if (!t.pending) return false;
            queue.remove(t);
            t.pending = false;
            headChanged();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isPending(Timer t) {
        lock.lock();
        try { return t.pending; } finally { lock.unlock(); }
    }

    long deadlineOf(Timer t) {
        lock.lock();
        try { return t.deadline; } finally { lock.unlock(); }
    }

    // ---- firing ----

    /** Deadline of the earliest pending timer (Long.MAX_VALUE: none), for {@link #runDue}'s unlocked check. */
    private volatile long earliest = Long.MAX_VALUE;

    /**
     * Fires the host-clock timers that are due, on the calling thread: a vCPU calls it between
     * engine slices, so a timer it is spinning for fires when its deadline passes instead of when
     * the timer thread is next scheduled (milliseconds late on a loaded host). The timer thread
     * stays the backstop for a vCPU that is not running. One volatile read when nothing is due.
     */
    public void runDue() {
        if (instructionClock != null || earliest > clock.nanos()) return;
        fireDue(clock.nanos());
    }

    /** Nanoseconds until the earliest pending timer is due (0 if one is, Long.MAX_VALUE if none): how long a WFI may sleep. */
    public long nanosUntilNext() {
        long e = earliest;
        return e == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, e - clock.nanos());
    }

    private void headChanged() {
        earliest = queue.isEmpty() ? Long.MAX_VALUE : queue.first().deadline;
        if (instructionClock != null) {
            instructionClock.watch(queue.isEmpty() ? Long.MAX_VALUE : queue.first().deadline);
        } else {
            queueChanged.signal();
        }
    }

    /** Runs, one by one, the timers due at {@code now} that were set before this round began. */
    private void fireDue(long now) {
        firing.lock();
        try {
            long roundStart;
            lock.lock();
            try { roundStart = nextSequence; } finally { lock.unlock(); }
            while (true) {
                Timer due = takeDue(now, roundStart);
                if (due == null) return;
                try {
                    due.callback.run();
                } catch (Throwable e) {
                    lastFailure = e;
                }
            }
        } finally {
            firing.unlock();
        }
    }

    private Timer takeDue(long now, long setBefore) {
        lock.lock();
        try {
            for (Timer t : queue) {
                if (t.deadline > now) break;
                if (t.sequence < setBefore) {
                    queue.remove(t);
                    t.pending = false;
                    headChanged();
                    return t;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void hostLoop() {
        while (true) {
            lock.lock();
            try {
                if (closed) return;
                long wait = queue.isEmpty() ? Long.MAX_VALUE : queue.first().deadline - clock.nanos();
                if (wait > 0) {
                    queueChanged.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            fireDue(clock.nanos());
        }
    }
}
