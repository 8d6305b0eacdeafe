package dynvm.translator.exec;

import dynvm.ir.Terminal;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;

/**
 * A block pre-decoded for tier 0 by {@link NodeCompiler}: an array of {@link Node}s run in order,
 * then the block's terminal. A {@code SKIP_UNLESS} is a null entry whose condition temp and jump
 * index sit in {@link #skipCond} and {@link #skipTo} (labels leave no node), so the loop has one
 * cheap null check and no node needs to return where to go next.
 */
public final class NodeBlock {
    final Node[] nodes;
    /** For a null (skip) entry at i: the BOOL temp tested, and the index of the first node after its label. */
    final int[] skipCond, skipTo;
    final int ntemps;
    final Terminal terminal;
    final int fallthroughPc;

    NodeBlock(Node[] nodes, int[] skipCond, int[] skipTo, int ntemps, Terminal terminal, int fallthroughPc) {
        this.nodes = nodes;
        this.skipCond = skipCond;
        this.skipTo = skipTo;
        this.ntemps = ntemps;
        this.terminal = terminal;
        this.fallthroughPc = fallthroughPc;
    }

    /** Number of nodes (skips included): what {@code --stats} counts. */
    public int size() { return nodes.length; }

    /** As {@link IrEvaluator#execute}: runs the nodes then the terminal; {@code t} holds at least {@link #ntemps} longs. */
    int run(long[] t, CpuState cpu, MemoryPort mem) {
        final Node[] nodes = this.nodes;
        for (int i = 0, n = nodes.length; i < n; ) {
            Node nd = nodes[i];
            if (nd != null) {
                nd.exec(t, cpu, mem);
                i++;
            } else {
                i = (int) t[skipCond[i]] == 0 ? skipTo[i] : i + 1;
            }
        }
        return IrEvaluator.finish(terminal, fallthroughPc, cpu, t);
    }
}
