package dynvm.translator.vm;

import dynvm.ir.Block;
import dynvm.translator.exec.IrEvaluator;
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

    Tier0(IrEvaluator eval, NodeCompiler nodes) {
        this.eval = eval;
        this.nodes = nodes;
    }

    IrBlock block(Block b) { return new IrBlock(b, this, nodes == null ? null : nodes.compile(b)); }
}
