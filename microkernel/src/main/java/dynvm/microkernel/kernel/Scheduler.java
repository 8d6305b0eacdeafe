package dynvm.microkernel.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One physical CPU, shared by {@link KThread}s in fixed-priority, time-partitioned fashion.
 *
 * <h2>Two levels</h2>
 * The top level is the {@link Schedule}: a cyclic major frame of one window per
 * {@link Partition} (ARINC 653). In a window, only threads of its partition may run; when none
 * is ready the window stays idle, unless the partition donates it, in which case any ready thread
 * may use it until one of the owner's threads becomes ready. The bottom level, inside a window,
 * is L4's: the highest-priority ready thread runs, and threads of equal priority take turns of
 * one quantum each, in the order they became ready.
 *
 * <h2>Cooperative dispatch</h2>
 * Threads carry guest code on their own host threads, and the scheduler decides which one of
 * them holds the CPU. The holder calls {@link #yieldPoint} at least every millisecond or so (after
 * each engine slice); that call costs a volatile read and a clock read while the holder's window
 * and quantum last and no other thread became ready, and otherwise hands the CPU over and parks
 * the caller until its next turn. A thread that waits for something gives the CPU away for the
 * wait: {@link #block} until {@link #unblock}, or {@link #blocking} around any host wait (an IPC,
 * a notification). Parked threads wake at window boundaries on their own, so a window starts on
 * time even when the CPU was idle. What this cannot do is preempt a thread that never reaches a
 * scheduling point: an engine slice must stay short.
 *
 * <h2>Temporal isolation</h2>
 * A holder past its window end gives the CPU away at its next yield point however often it calls
 * it, so a spinning thread cannot take another partition's time; a partition whose threads all
 * block only idles (or donates) its own window. Because the end of a window is only noticed at
 * a scheduling point, and the host may deschedule a holder's thread for a while, the frame is a
 * {@link Timeline} of budgets: an overrun delays the next window instead of shortening it and is
 * paid back by the overrunning partition. The accounting is in {@link KThread#cpuNanos}.
 *
 * <p>The clock must run by itself in host time ({@link HostClock}): windows are waited for.
 */
public final class Scheduler implements AutoCloseable {
    private static final long JOIN_MILLIS = 5_000;
    private static final long MIN_PARK_NANOS = 20_000;

    private final String vmName;
    private final Clock clock;
    private final Schedule schedule;
    private final Timeline timeline;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition exited = lock.newCondition();
    private final ReadyQueue ready = new ReadyQueue();
    private final List<KThread> threads = new ArrayList<>();
    private KThread current;
    private boolean shutDown;

    /** Copies of the holder and its deadline for the lock-free fast path of {@link #yieldPoint}. */
    private volatile KThread running;
    private volatile long runningDeadline;
    /** Set when a thread became ready while another holds the CPU: the holder re-decides at its next yield point. */
    private volatile boolean reschedule;

    public Scheduler(String vmName, Clock clock, Schedule schedule) {
        this.vmName = vmName;
        this.clock = clock;
        this.schedule = schedule;
        this.timeline = new Timeline(schedule, clock.nanos());
    }

    public Schedule schedule() { return schedule; }
    public Clock clock() { return clock; }

    // ---- thread lifecycle ----

    /** A new thread in {@code partition} (one of the schedule's), not yet started. */
    public KThread create(String name, Partition partition, int priority, KThread.Body body) {
        if (!schedule.partitions().contains(partition)) throw new IllegalArgumentException(partition + " is not in the schedule");
        return new KThread(this, name, partition, priority, body, lock.newCondition());
    }

    /** Makes {@code t} ready and gives it a host thread; it runs when the scheduler dispatches it. */
    public void start(KThread t) {
        checkOwn(t);
        lock.lock();
        try {
            if (shutDown) throw new IllegalStateException("scheduler shut down");
            if (t.state != ThreadState.NEW) throw new IllegalStateException(t + " already started");
            t.host = new Thread(() -> carry(t), "dynvm-" + vmName + "-" + t.name());
            t.host.setDaemon(true);
            threads.add(t);
            becomeReady(t, clock.nanos());
        } finally {
            lock.unlock();
        }
        t.host.start();
    }

    /** {@link #create} and {@link #start}. */
    public KThread spawn(String name, Partition partition, int priority, KThread.Body body) {
        KThread t = create(name, partition, priority, body);
        start(t);
        return t;
    }

    /**
     * Asks {@code t} to stop: it unwinds with {@link ThreadStopped} at its next scheduling point;
     * a thread waiting in {@link #blocking} is interrupted so that its wait ends.
     */
    public void stop(KThread t) {
        checkOwn(t);
        t.stopRequested = true;
        lock.lock();
        try {
            t.turn.signalAll();
            if (t.state == ThreadState.WAITING) t.host.interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutNanos} for {@code t} to exit; true if it has. */
    public boolean join(KThread t, long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (t.state != ThreadState.EXITED) {
                if (left <= 0) return false;
                left = exited.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops every thread, refuses new ones, and joins their host threads. Returns true when no
     * host thread is left alive (false only if a thread never reached a scheduling point).
     */
    public boolean shutdown() {
        List<KThread> all;
        lock.lock();
        try {
            shutDown = true;
            all = new ArrayList<>(threads);
        } finally {
            lock.unlock();
        }
        for (KThread t : all) stop(t);
        boolean clean = true;
        for (KThread t : all) {
            if (t.host == Thread.currentThread()) continue;
            try {
                t.host.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clean &= !t.host.isAlive();
        }
        return clean;
    }

    @Override public void close() { shutdown(); }

    /** Host threads of this scheduler still alive (0 after a clean {@link #shutdown}). */
    public int liveHostThreads() {
        lock.lock();
        try {
            int n = 0;
            for (KThread t : threads) if (t.host.isAlive()) n++;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the started threads. */
    public List<KThread> threads() {
        lock.lock();
        try { return List.copyOf(threads); } finally { lock.unlock(); }
    }

    /** The holder of the CPU, or null when it is idle. */
    public KThread running() { return running; }

    // ---- scheduling points ----

    /**
     * Called by the holder {@code t} between two pieces of work: returns at once if it may go on,
     * or gives the CPU away and returns at its next turn. Throws {@link ThreadStopped} if {@code t}
     * was stopped.
     */
    public void yieldPoint(KThread t) {
        if (t.stopRequested) throw new ThreadStopped(t);
        if (running == t && !reschedule && clock.nanos() - runningDeadline < 0) return;
        lock.lock();
        try {
            requireHolder(t);
            long now = clock.nanos();
            timeline.advance(now, t.partition());
            reschedule = false;
            boolean quantumOver = now - t.sliceStart >= schedule.quantumNanos();
            KThread next = choose(t, quantumOver);
            if (next == t) {
                if (quantumOver) t.sliceStart = now;
                runningDeadline = deadline(now, t);
                return;
            }
            release(t, now);
            t.state = ThreadState.READY;
            ready.add(t);
            dispatch(next, now);
            awaitTurn(t);
        } finally {
            lock.unlock();
        }
    }

    /** The holder {@code t} gives the CPU away until another thread calls {@link #unblock}(t). */
    public void block(KThread t) {
        lock.lock();
        try {
            requireHolder(t);
            long now = clock.nanos();
            timeline.advance(now, t.partition());
            release(t, now);
            t.state = ThreadState.BLOCKED;
            dispatch(choose(null, true), now);
            boolean interrupted = false;
            while (t.state == ThreadState.BLOCKED) {
                if (t.stopRequested) throw new ThreadStopped(t);
                try {
                    t.turn.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            awaitTurn(t);
        } finally {
            lock.unlock();
        }
    }

    /** Makes a thread waiting in {@link #block} ready again; false if it was not blocked. Any thread may call it. */
    public boolean unblock(KThread t) {
        lock.lock();
        try {
            if (t.state != ThreadState.BLOCKED) return false;
            becomeReady(t, clock.nanos());
            t.turn.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code call} (a host wait: {@link Endpoint#receive}, {@link Notification#waitAny}, ...)
     * with the CPU given away, then waits for the CPU again. {@link #stop} interrupts the wait.
     */
    public <T> T blocking(KThread t, Supplier<T> call) {
        lock.lock();
        try {
            requireHolder(t);
            long now = clock.nanos();
            timeline.advance(now, t.partition());
            release(t, now);
            t.state = ThreadState.WAITING;
            dispatch(choose(null, true), now);
        } finally {
            lock.unlock();
        }
        if (t.stopRequested) t.host.interrupt();   // a stop that came just before the state change
        try {
            return call.get();
        } finally {
            lock.lock();
            try {
                becomeReady(t, clock.nanos());
                awaitTurn(t);
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- introspection for KThread ----

    ThreadState stateOf(KThread t) {
        lock.lock();
        try { return t.state; } finally { lock.unlock(); }
    }

    long cpuNanosOf(KThread t) {
        lock.lock();
        try {
            return t.cpuNanos + (current == t ? clock.nanos() - t.dispatchedAt : 0);
        } finally {
            lock.unlock();
        }
    }

    // ---- the decisions (all under lock) ----

    /** The host thread's life: wait for the first turn, run the body, leave. */
    private void carry(KThread t) {
        try {
            lock.lock();
            try {
                awaitTurn(t);
            } finally {
                lock.unlock();
            }
            t.body.run(t);
        } catch (ThreadStopped stopped) {
            // a requested stop: not a failure
        } catch (Throwable e) {
            t.failure = e;
        } finally {
            exit(t);
        }
    }

    private void exit(KThread t) {
        lock.lock();
        try {
            long now = clock.nanos();
            ready.remove(t);
            if (current == t) {
                timeline.advance(now, t.partition());
                release(t, now);
                t.state = ThreadState.EXITED;
                dispatch(choose(null, true), now);
            }
            t.state = ThreadState.EXITED;
            exited.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void becomeReady(KThread t, long now) {
        t.state = ThreadState.READY;
        ready.add(t);
        if (current == null) {
            timeline.advance(now, null);
            dispatch(choose(null, true), now);
        } else {
            reschedule = true;
        }
    }

    private KThread choose(KThread holder, boolean quantumOver) {
        return ready.choose(timeline.owner(), holder, quantumOver);
    }

    private void dispatch(KThread next, long now) {
        current = next;
        running = next;
        if (next == null) return;
        ready.remove(next);
        next.state = ThreadState.RUNNING;
        next.dispatchedAt = now;
        next.sliceStart = now;
        runningDeadline = deadline(now, next);
        next.turn.signalAll();
    }

    private void release(KThread t, long now) {
        t.cpuNanos += now - t.dispatchedAt;
        if (current == t) {
            current = null;
            running = null;
        }
    }

    /** Parks {@code t} (READY) until it is dispatched; dispatches whoever should run when the CPU is found idle. */
    private void awaitTurn(KThread t) {
        boolean interrupted = false;
        try {
            while (current != t) {
                if (t.stopRequested) {
                    ready.remove(t);
                    throw new ThreadStopped(t);
                }
                long now = clock.nanos();
                if (current == null) {
                    timeline.advance(now, null);
                    KThread next = choose(null, true);
                    if (next != null) {
                        dispatch(next, now);
                        continue;
                    }
                }
                try {
                    t.turn.awaitNanos(Math.max(timeline.end() - now, MIN_PARK_NANOS));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private long deadline(long now, KThread t) {
        return Math.min(timeline.end(), t.sliceStart + schedule.quantumNanos());
    }

    private void requireHolder(KThread t) {
        if (t.stopRequested) throw new ThreadStopped(t);
        if (current != t) throw new IllegalStateException(t + " does not hold the CPU (holder: " + current + ")");
    }

    private void checkOwn(KThread t) {
        if (t.scheduler != this) throw new IllegalArgumentException(t + " belongs to another scheduler");
    }
}
