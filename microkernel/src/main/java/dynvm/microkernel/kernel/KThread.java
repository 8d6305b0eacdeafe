package dynvm.microkernel.kernel;

import java.util.concurrent.locks.Condition;
import java.util.function.Supplier;

/**
 * A kernel thread (seL4's TCB): a name, a fixed priority, the partition whose windows it runs
 * in, a state, and the host thread that carries it. A vCPU is one: its body is the engine loop,
 * which calls {@link #yieldPoint} after every engine slice and waits for interrupts through
 * {@link #blocking}.
 *
 * <p>Each KThread runs on its own host thread, but only the one its {@link Scheduler} dispatched
 * runs guest code; the others are parked in a scheduling point. So host threads are many, the
 * modelled CPU is one, and scheduling is cooperative at the granularity of an engine slice.
 *
 * <p>Priorities are integers, higher runs first (seL4 uses 0..255).
 */
public final class KThread {
    /** What a thread runs; it returns to exit. */
    @FunctionalInterface
    public interface Body {
        void run(KThread self) throws Exception;
    }

    final Scheduler scheduler;
    private final String name;
    private final Partition partition;
    private final int priority;
    final Body body;
    /** Signalled when this thread is dispatched or stopped; on the scheduler's lock. */
    final Condition turn;
    Thread host;

    // guarded by the scheduler's lock
    ThreadState state = ThreadState.NEW;
    long dispatchedAt;
    long sliceStart;
    long cpuNanos;

    volatile boolean stopRequested;
    volatile Throwable failure;

    KThread(Scheduler scheduler, String name, Partition partition, int priority, Body body, Condition turn) {
        this.scheduler = scheduler;
        this.name = name;
        this.partition = partition;
        this.priority = priority;
        this.body = body;
        this.turn = turn;
    }

    public String name() { return name; }
    public Partition partition() { return partition; }
    public int priority() { return priority; }
    public Scheduler scheduler() { return scheduler; }

    public ThreadState state() { return scheduler.stateOf(this); }

    /** CPU time this thread has held, by the scheduler's clock (including the current turn). */
    public long cpuNanos() { return scheduler.cpuNanosOf(this); }

    /** What the body threw, or null (a stop is not a failure). */
    public Throwable failure() { return failure; }

    /** See {@link Scheduler#yieldPoint}. */
    public void yieldPoint() { scheduler.yieldPoint(this); }

    /** See {@link Scheduler#blocking}. */
    public <T> T blocking(Supplier<T> call) { return scheduler.blocking(this, call); }

    @Override public String toString() { return "KThread[" + name + " " + partition.name() + "/" + priority + "]"; }
}
