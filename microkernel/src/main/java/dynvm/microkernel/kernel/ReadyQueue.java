package dynvm.microkernel.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads that want the CPU, in the order they became ready, and the choice among them.
 *
 * <p>The choice is L4's inside ARINC's: among the threads of the window's owner, the highest
 * priority wins, and among equals the one that has waited longest. The thread that holds the CPU
 * competes too: it keeps the CPU against equals while its quantum lasts, and goes behind them
 * when it is over (round-robin). Only when the owner has nobody ready, and lends its window (or
 * the window is the frame's spare time), do threads of other partitions compete.
 *
 * <p>A linear scan: a VM has a handful of threads (its vCPUs and a few servers), and the scan
 * runs only at a hand-over, never on the yield-point fast path. Not thread-safe: the
 * {@link Scheduler} calls it under its lock.
 */
final class ReadyQueue {
    private final List<KThread> threads = new ArrayList<>();

    void add(KThread t) { threads.add(t); }

    void remove(KThread t) { threads.remove(t); }

    /**
     * Who should hold the CPU in a window of {@code owner} (null: the spare window):
     * {@code holder} (may be null) or a ready thread; null leaves the CPU idle.
     */
    KThread choose(Partition owner, KThread holder, boolean quantumOver) {
        KThread best = best(owner, holder, quantumOver);
        if (best == null && (owner == null || owner.donatesIdle())) best = best(null, holder, quantumOver);
        return best;
    }

    /** Highest priority, longest waiting among {@code only}'s threads (any partition when null). */
    private KThread best(Partition only, KThread holder, boolean quantumOver) {
        KThread best = null;
        for (KThread t : threads) {
            if ((only == null || t.partition() == only) && (best == null || t.priority() > best.priority())) best = t;
        }
        if (holder != null && (only == null || holder.partition() == only)) {
            boolean keeps = best == null || holder.priority() > best.priority()
                    || (holder.priority() == best.priority() && !quantumOver);
            if (keeps) best = holder;
        }
        return best;
    }
}
