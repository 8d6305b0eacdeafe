package dynvm.microkernel.kernel;

import java.util.Arrays;
import java.util.List;

/**
 * The major frame as it actually unfolds: which window is current and when it ends.
 *
 * <p>On a real CPU a timer interrupt ends a window on the dot. Here the holder of the CPU gives
 * it up at its next scheduling point, and its host thread may itself be descheduled by the host
 * for milliseconds in between; a fixed wall-clock grid would let that overrun eat the next
 * partition's window, and a short window could vanish entirely. So the timeline is budget-based:
 * a window ends at its budget, or, if the holder overran it, when the holder gave the CPU up;
 * the next window then starts at that moment with its full budget, and the overrun becomes debt
 * of the holder's partition, repaid by shortening its next windows. Over a few frames every
 * partition gets its share of CPU time, whatever the host did. While the CPU is idle, windows
 * follow each other on the grid. Debt is capped at one major frame, so a long host pause (a GC)
 * does not starve the partition that happened to hold the CPU.
 *
 * <p>Not thread-safe: the {@link Scheduler} calls it under its lock.
 */
final class Timeline {
    private final List<Partition> partitions;
    /** Budget of each window; a last window owned by nobody (null) is the frame's spare time. */
    private final long[] budgets;
    private final Partition[] owners;
    private final long[] debt;
    private final long maxDebt;
    private int window;
    private long end;

    Timeline(Schedule schedule, long start) {
        partitions = schedule.partitions();
        long frame = schedule.majorFrameNanos();
        int n = partitions.size();
        long used = 0;
        long[] b = new long[n + 1];
        for (int i = 0; i < n; i++) {
            b[i] = Math.max(1, Math.round(partitions.get(i).share() * frame));
            used += b[i];
        }
        boolean spare = used < frame;
        b[n] = frame - used;
        budgets = spare ? b : Arrays.copyOf(b, n);
        owners = new Partition[budgets.length];
        for (int i = 0; i < n; i++) owners[i] = partitions.get(i);
        debt = new long[budgets.length];
        maxDebt = frame;
        end = start + budgets[0];
    }

    /** Owner of the current window; null in the spare window. */
    Partition owner() { return owners[window]; }

    /** When the current window ends, unless its holder overruns it. */
    long end() { return end; }

    /**
     * Brings the timeline up to {@code now}. {@code holder} is the partition of the thread that
     * held the CPU until now (it is at a scheduling point), or null when the CPU was idle.
     */
    void advance(long now, Partition holder) {
        while (now - end >= 0) {
            long start = end;
            int next = (window + 1) % budgets.length;
            if (holder != null) {
                start = now;
                if (owners[next] != holder) chargeOverrun(holder, now - end);
                holder = null;
            }
            window = next;
            end = start + budgets[window] - repay(window);
        }
    }

    /** Outstanding debt of {@code p}, for tests. */
    long debtOf(Partition p) { return debt[partitions.indexOf(p)]; }

    private void chargeOverrun(Partition p, long overrun) {
        int i = partitions.indexOf(p);
        debt[i] = Math.min(debt[i] + overrun, maxDebt);
    }

    private long repay(int w) {
        long pay = Math.min(debt[w], budgets[w]);
        debt[w] -= pay;
        return pay;
    }
}
