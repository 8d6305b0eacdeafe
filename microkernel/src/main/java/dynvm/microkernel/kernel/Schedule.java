package dynvm.microkernel.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The static time plan of one physical CPU: a major frame cut into one window per partition,
 * in the order given, repeated for ever (ARINC 653's partition schedule). Shares may add up to
 * less than 1: the rest of the frame is a spare window at its end that any ready thread may use.
 *
 * <p>{@code quantumNanos} is the round-robin time slice among threads of equal priority inside
 * one partition; it does not change how much time a partition gets.
 */
public record Schedule(long majorFrameNanos, List<Partition> partitions, long quantumNanos) {
    public static final long DEFAULT_FRAME = 10_000_000;
    public static final long DEFAULT_QUANTUM = 1_000_000;

    public Schedule {
        partitions = List.copyOf(partitions);
        if (majorFrameNanos <= 0 || quantumNanos <= 0) throw new IllegalArgumentException("frame and quantum must be positive");
        if (partitions.isEmpty()) throw new IllegalArgumentException("no partition");
        double sum = 0;
        Set<String> names = new HashSet<>();
        for (Partition p : partitions) {
            sum += p.share();
            if (!names.add(p.name())) throw new IllegalArgumentException("two partitions named " + p.name());
        }
        if (sum > 1 + 1e-9) throw new IllegalArgumentException("shares add up to " + sum);
    }

    /** A frame of {@code majorFrameNanos} shared by {@code partitions}, with the default quantum. */
    public static Schedule of(long majorFrameNanos, Partition... partitions) {
        return new Schedule(majorFrameNanos, List.of(partitions), DEFAULT_QUANTUM);
    }

    /** One partition owning the whole CPU: plain priority scheduling. */
    public static Schedule single() {
        return of(DEFAULT_FRAME, new Partition("main", 1.0, true));
    }

    public Partition partition(String name) {
        for (Partition p : partitions) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no partition " + name);
    }
}
