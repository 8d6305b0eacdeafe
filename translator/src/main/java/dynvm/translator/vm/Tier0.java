package dynvm.translator.vm;

import dynvm.cache.persist.OpArrays;
import dynvm.ir.Block;
import dynvm.translator.exec.IrEvaluator;
import dynvm.translator.exec.NodeBlock;
import dynvm.translator.exec.NodeCompiler;

/**
 * Makes one translator's tier-0 blocks ({@link IrBlock}) and counts their work for
 * {@code --stats} ({@link RunTotals}): each block is pre-decoded into nodes ({@link NodeCompiler}) when
 * {@link EngineConfig#tier0Nodes} is on, else kept as IR for the {@link IrEvaluator}. Belongs to
 * the engine's thread, like the rest of the translator's state.
 */
final class Tier0 {
    final IrEvaluator eval;
    /** Null: blocks are evaluated as IR. */
    private final NodeCompiler nodes;
    /** Tier-0 block executions and the guest instructions they ran (a faulting run counts whole). */
    long runs, insns;
    /** Node blocks taken from the run's store instead of built ({@link SharedBlocks}). */
    long nodesReused;

    Tier0(IrEvaluator eval, NodeCompiler nodes) {
        this.eval = eval;
        this.nodes = nodes;
    }

    IrBlock block(Block b) { return block(b, null); }

    /**
     * A tier-0 block of {@code b}, which is {@code shared}'s block when not null: then its nodes
     * are taken from the run's store (or built and offered there), and it continues the store's
     * count of tier-0 runs.
     */
    IrBlock block(Block b, SharedBlocks.Entry shared) { return block(b, shared, null); }

    /**
     * As {@link #block(Block, SharedBlocks.Entry)}; {@code ops}, when not null, hold {@code b}'s ops
     * in columns, and the nodes are built from them without reading {@code b.ops()}.
     */
    IrBlock block(Block b, SharedBlocks.Entry shared, OpArrays ops) {
        if (nodes == null) return new IrBlock(b, this, null, shared);
        NodeBlock n = shared == null ? null : shared.reuseNodes();
        if (n == null) {
            n = ops != null ? nodes.compile(b, ops) : nodes.compile(b);
            if (shared != null) shared.nodes = n;
        } else {
            nodesReused++;
        }
        return new IrBlock(b, this, n, shared);
    }
}
