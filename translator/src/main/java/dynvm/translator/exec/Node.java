package dynvm.translator.exec;

import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;

/**
 * One pre-decoded IR op of tier 0 ({@link NodeBlock}): its operands already resolved to temp
 * slots, register slots, constants or a bound helper handle, so running it is one virtual call
 * and a few array accesses. Subclasses are small and final, one per op shape (see {@link Nodes});
 * the JVM compiles their {@code exec} methods once and every block shares them.
 */
public abstract class Node {
    /**
     * Which case of {@link NodeBlock}'s switch runs this node: 0 (a virtual call) unless its
     * class is named there. A method, not a field: the block keeps the kinds in a byte array,
     * where a field would grow the smallest nodes from 16 to 24 bytes.
     */
    int kind() { return 0; }

    /** Runs the op: reads its operands from {@code t}, writes its result there, its effect on {@code cpu} or {@code mem}. */
    public abstract void exec(long[] t, CpuState cpu, MemoryPort mem);
}
