package dynvm.translator.exec;

import dynvm.ir.Block;
import dynvm.ir.IrEmitter;
import dynvm.ir.Terminal;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.Decoder;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;

/**
 * Decodes a guest basic block: asks the front-end to lower consecutive instructions until one
 * ends the block or the size bound is reached. A fetch fault on the first instruction propagates
 * (the guest jumped to unmapped memory); on a later one the block just ends before it. A decoder
 * may change the decode context from one instruction to the next ({@link IrEmitter#continueIn}).
 */
public final class BlockBuilder {
    private final Decoder decoder;
    private final IrEmitter e;

    public BlockBuilder(Decoder decoder, RegisterFile regs) {
        this.decoder = decoder;
        this.e = new IrEmitter(regs);
    }

    public Block build(int pc, int context, MemoryPort code, int maxInsns) {
        return build(pc, context, code, maxInsns, null);
    }

    /** @param stopBefore addresses the block must end before (a debugger's breakpoints), or null */
    public Block build(int pc, int context, MemoryPort code, int maxInsns, java.util.function.IntPredicate stopBefore) {
        e.reset();
        int cur = pc, n = 0, ctx = context;
        while (n < maxInsns) {
            if (n > 0 && stopBefore != null && stopBefore.test(cur)) break;
            int mark = e.mark();
            int len;
            try {
                len = decoder.lower(cur, ctx, code, e);
            } catch (MemoryFault f) {
                if (n == 0) throw f;
                e.rollback(mark);
                break;
            }
            n++;
            cur += len;
            int next = e.takeNextContext();
            if (next != IrEmitter.NO_CONTEXT_CHANGE) ctx = next;
            if (e.ended()) break;
        }
        Terminal t = e.terminal();
        if (t == null) t = new Terminal.Jump(cur);
        return new Block(pc, context, java.util.List.copyOf(e.ops()), e.tempTypes(), t, n, cur);
    }
}
