package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Block;
import dynvm.spi.CpuState;
import dynvm.translator.exec.IrEvaluator;
import dynvm.translator.exec.NodeBlock;

/**
 * Tier 0 of the translator: a decoded block kept as IR and evaluated, not compiled. Most blocks of
 * a program run only a few times (startup, error paths); generating and loading a class for each
 * costs far more than evaluating them. A block that keeps running is promoted to bytecode. The
 * block runs either as pre-decoded nodes ({@link NodeBlock}, the default) or as evaluated IR
 * ({@link EngineConfig#tier0Nodes}).
 */
final class IrBlock extends Translation {
    final Block block;
    private final Tier0 tier0;
    private final IrEvaluator eval;
    /** The block pre-decoded into nodes ({@code -Ddynvm.tier0=nodes}), or null: its IR is evaluated. */
    private final NodeBlock nodes;
    /** Executions so far; the translator promotes the block when it reaches its threshold. */
    int runs;
    /** Handed to the background compiler already. */
    boolean queued;

    /**
     * The run's store entry of {@code block} when translations are shared, else null: its count
     * of tier-0 runs is this block's too, and the class some engine compiled of it replaces this
     * block once hot.
     */
    final SharedBlocks.Entry shared;

    /**
     * @param nodes  {@code block} pre-decoded by a {@link dynvm.translator.exec.NodeCompiler}, or null to evaluate its IR
     * @param shared the store entry whose block is {@code block}, or null
     */
    IrBlock(Block block, Tier0 tier0, NodeBlock nodes, SharedBlocks.Entry shared) {
        super(block.pc(), block.context(), block.endPc(), block.guestInsns(), block.terminal());
        this.block = block;
        this.tier0 = tier0;
        this.eval = tier0.eval;
        this.nodes = nodes;
        this.ir = block;
        this.shared = shared;
        if (shared != null) runs = shared.runs; // the runs of every engine so far
    }

    @Override
    public int run(CpuState cpu) {
        runs++;
        if (shared != null) shared.runs++;
        tier0.runs++;
        tier0.insns += guestInsns;
        int exit = nodes != null ? eval.execute(nodes, cpu, cpu.mem) : eval.execute(block.ops(), block.temps().length, block.terminal(), block.endPc(), cpu, cpu.mem);
        if (exit == EXIT_INDIRECT) lastIndirectTarget = cpu.pc;
        return exit;
    }

    /** Where the block's computed jump went last time (a profile for region building), or 0. */
    int lastIndirectTarget;
}
