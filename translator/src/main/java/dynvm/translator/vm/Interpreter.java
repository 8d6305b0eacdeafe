package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Terminal;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.translator.exec.EvaluatingEmitter;

/**
 * The baseline engine: decodes every instruction every time it runs and evaluates its IR as the
 * front-end emits it, with no translation and no caching. Same decoder, same IR, same semantics
 * as the translator.
 */
public final class Interpreter implements ExecutionEngine {
    /** Instructions per call before the VM gets control back. */
    static final int SLICE = 1 << 16;

    private final Isa isa;
    private final MemoryPort fetch, mem;
    private final EvaluatingEmitter e;
    private Terminal last;
    private Breakpoints breakpoints;

    /** @param fetch where instructions come from; @param mem data accesses */
    public Interpreter(Isa isa, MemoryPort fetch, MemoryPort mem) {
        this.isa = isa;
        this.fetch = fetch;
        this.mem = mem;
        this.e = new EvaluatingEmitter(isa.registers());
    }

    @Override
    public int run(CpuState cpu) {
        for (int n = 0; n < SLICE; n++) {
            if (breakpoints != null && n > 0 && breakpoints.contains(cpu.pc)) return Translation.EXIT_BUDGET;
            int exit = step(cpu);
            if (exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP) return exit;
        }
        return Translation.EXIT_BUDGET;
    }

    /** Executes exactly one guest instruction; returns its exit code. */
    public int step(CpuState cpu) {
        int pc = cpu.pc;
        e.begin(cpu, mem);
        int len = isa.decoder().lower(pc, isa.context(cpu), fetch, e);
        int exit = e.finish(pc + len);
        cpu.insnCount++;
        last = e.lastTerminal();
        return exit;
    }

    @Override public Terminal lastExit() { return last; }

    @Override public void setBreakpoints(Breakpoints b) { breakpoints = b; }

    @Override
    public int stepOne(CpuState cpu) {
        int exit = step(cpu);
        return exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP ? exit : Translation.EXIT_BUDGET;
    }

    @Override public void invalidate(int addr, int len, String reason) { /* nothing cached */ }
}
