package dynvm.microkernel.kernel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic time: each retired guest instruction is worth {@code 2^shift} ns, as with
 * qemu's {@code -icount shift}. The guest sees the same time at the same instruction on every
 * run, so timer interrupts land at the same place and a run can be replayed and diffed.
 *
 * <p>vCPUs call {@link #advance} after each engine slice with the number of instructions they
 * retired. That is the clock's only cost on the hot path: one atomic add and one compare with
 * the next deadline; when the deadline is passed, the bound {@link TimerService} fires the due
 * timers on the advancing thread. Several vCPUs advance one shared count (time is the VM's, not
 * a CPU's), but then the interleaving of their slices follows host time (the scheduler's quanta
 * and windows), so a run is exactly repeatable only with one vCPU and no host input; switching
 * vCPUs on instruction counts instead is future work.
 */
public final class InstructionClock implements Clock {
    /** Receives the time when an advance passes the watched deadline. */
    @FunctionalInterface
    interface DeadlineListener {
        void reached(long nowNanos);
    }

    private final int shift;
    private final AtomicLong instructions = new AtomicLong();
    private volatile long deadline = Long.MAX_VALUE;
    private volatile DeadlineListener listener;

    public InstructionClock(int shift) {
        if (shift < 0 || shift > 20) throw new IllegalArgumentException("shift " + shift);
        this.shift = shift;
    }

    public int shift() { return shift; }

    public long instructions() { return instructions.get(); }

    @Override public long nanos() { return instructions.get() << shift; }

    /** Counts {@code retired} instructions; fires due timers on this thread when a deadline is passed. */
    public void advance(long retired) {
        long now = instructions.addAndGet(retired) << shift;
        if (now >= deadline) {
            DeadlineListener l = listener;
            if (l != null) l.reached(now);
        }
    }

    /**
     * Idle time: jumps forward to the earliest timer deadline and fires what is due there, as
     * qemu's icount warps the clock when every vCPU sleeps. A lone vCPU in WFI calls it instead
     * of waiting, since no instruction would ever move time on. Returns false if no timer is set.
     */
    public boolean skipToNextDeadline() {
        long d = deadline;
        if (d == Long.MAX_VALUE) return false;
        long target = (d + (1L << shift) - 1) >>> shift;
        advance(Math.max(0, target - instructions.get()));
        return true;
    }

    /** Binds the one timer service driven by this clock. */
    void bind(DeadlineListener l) {
        if (listener != null) throw new IllegalStateException("an instruction clock drives one timer service");
        listener = l;
    }

    /** The earliest armed deadline, or {@code Long.MAX_VALUE}. */
    void watch(long nextDeadline) { deadline = nextDeadline; }
}
