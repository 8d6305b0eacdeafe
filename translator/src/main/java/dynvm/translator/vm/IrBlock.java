package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Block;
import dynvm.spi.CpuState;
import dynvm.translator.exec.IrEvaluator;

/**
 * Tier 0 of the translator: a decoded block kept as IR and evaluated, not compiled. Most blocks of
 * a program run only a few times (startup, error paths); generating and loading a class for each
 * costs far more than evaluating them. A block that keeps running is promoted to bytecode.
 */
final class IrBlock extends Translation {
    final Block block;
    private final IrEvaluator eval;
    /** Executions so far; the translator promotes the block when it reaches its threshold. */
    int runs;
    /** Handed to the background compiler already. */
    boolean queued;

    IrBlock(Block block, IrEvaluator eval) {
        super(block.pc(), block.context(), block.endPc(), block.guestInsns(), block.terminal());
        this.block = block;
        this.eval = eval;
        this.ir = block;
    }

    @Override
    public int run(CpuState cpu) {
        runs++;
        int exit = eval.execute(block.ops(), block.temps().length, block.terminal(), block.endPc(), cpu, cpu.mem);
        if (exit == EXIT_INDIRECT) lastIndirectTarget = cpu.pc;
        return exit;
    }

    /** Where the block's computed jump went last time (a profile for region building), or 0. */
    int lastIndirectTarget;
}
