package dynvm.translator.exec;

import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;

/**
 * The interpreter's emitter: evaluates each IR op the moment the front-end emits it, with the
 * same {@link IrEvaluator#compute} semantics the block evaluator uses. Decoding and execution are
 * one pass and no IR objects are built, so interpreting costs what decoding costs.
 */
public final class EvaluatingEmitter extends IrEmitter {
    private final RegisterFile regs;
    private long[] vals = new long[128];
    private CpuState cpu;
    private MemoryPort mem;
    /** Label id being skipped to (a SKIP_UNLESS found its condition false), or -1. */
    private long skipTo = -1;

    public EvaluatingEmitter(RegisterFile regs) {
        super(regs);
        this.regs = regs;
    }

    /** Starts a new instruction on {@code cpu}, reading and writing {@code mem}. */
    public void begin(CpuState cpu, MemoryPort mem) {
        reset();
        this.cpu = cpu;
        this.mem = mem;
        this.skipTo = -1;
    }

    @Override
    protected int sink(Op op, Type result, long imm, Object aux, int n, int a, int b, int c) {
        if (skipTo >= 0) { // inside a region whose condition failed: nothing runs
            if (op == Op.LABEL && imm == skipTo) skipTo = -1;
            return result == null ? -1 : newTemp(result);
        }
        long[] v = vals;
        if (op == Op.SKIP_UNLESS) {
            if ((int) v[a] == 0) skipTo = imm;
            return -1;
        }
        long r = IrEvaluator.compute(op, imm, n > 0 ? v[a] : 0, n > 1 ? v[b] : 0, n > 2 ? v[c] : 0, cpu, mem, regs);
        return result == null ? -1 : put(newTemp(result), r);
    }

    @Override
    protected int callSink(Helper h, int[] args) {
        if (skipTo >= 0) return h.result == null ? -1 : newTemp(h.result);
        long r = IrEvaluator.call(h, args, vals, cpu);
        return h.result == null ? -1 : put(newTemp(h.result), r);
    }

    private int put(int dst, long value) {
        // a skipped region numbers its temps without storing them: dst may be far past the end
        if (dst >= vals.length) vals = java.util.Arrays.copyOf(vals, Math.max(vals.length * 2, dst + 1));
        vals[dst] = value;
        return dst;
    }

    /** Applies the instruction's terminal (or falls through); returns the exit code. */
    public int finish(int fallthroughPc) {
        return IrEvaluator.finish(terminal(), fallthroughPc, cpu, vals);
    }

    /** The terminal of the instruction just evaluated, or null. */
    public Terminal lastTerminal() { return terminal(); }
}
