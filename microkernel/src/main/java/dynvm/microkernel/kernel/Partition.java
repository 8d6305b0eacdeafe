package dynvm.microkernel.kernel;

/**
 * A time partition (ARINC 653): a named share of the CPU, given as one window of the
 * {@link Schedule}'s major frame. Threads belong to one partition and run only in its window,
 * so what one partition does (spin, crash, flood) cannot take time from another.
 *
 * @param share       fraction of the major frame, 0 &lt; share &lt;= 1
 * @param donatesIdle when none of its threads is ready, lend the window to the other partitions
 *                    (work-conserving) instead of leaving the CPU idle (strict isolation, the default)
 */
public record Partition(String name, double share, boolean donatesIdle) {
    public Partition {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("partition name");
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException(name + ": share " + share);
    }

    /** A partition that leaves its window idle when it has nothing to run. */
    public Partition(String name, double share) { this(name, share, false); }
}
