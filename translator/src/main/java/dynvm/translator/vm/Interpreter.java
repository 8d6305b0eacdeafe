package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Block;
import dynvm.ir.Terminal;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.translator.debug.DebugItem;
import dynvm.translator.exec.BlockBuilder;
import dynvm.translator.exec.EvaluatingEmitter;
import dynvm.translator.plugin.GuestInsn;
import dynvm.translator.plugin.PluginContext.InsnCallback;
import dynvm.translator.plugin.PluginHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline engine: decodes every instruction every time it runs and evaluates its IR as the
 * front-end emits it, with no translation and no caching. Same decoder, same IR, same semantics
 * as the translator.
 *
 * <p>With -d items or plugins that watch blocks it also tracks blocks as the translator would cut
 * them (a block starts after an instruction that ends one, after a jump from outside, or when the
 * ISA's block size bound is reached) and reports each block the first time it is entered.
 */
public final class Interpreter implements ExecutionEngine {
    /** Instructions per call before the VM gets control back. */
    static final int SLICE = 1 << 16;

    private final Isa isa;
    private final MemoryPort fetch, mem;
    private final EvaluatingEmitter e;
    private Terminal last;
    private Breakpoints breakpoints;

    private final Diag diag;
    private final EngineConfig config;
    private final boolean tracing, observing;
    private int traceId;
    /** Block tracking (only when tracing or observing). */
    private boolean atBlockStart = true;
    private int expectedPc, indexInBlock;
    private Seen current;
    private final Map<Long, Seen> seen = new HashMap<>();
    private BlockBuilder builder;

    /** A block reported to in_asm and plugins: its instructions and their execution callbacks (or null). */
    private record Seen(List<GuestInsn> insns, InsnCallback[] cbs) { }

    /**
     * An interpreter with no diagnostics and the JVM's {@code -Ddynvm.*} settings
     * ({@link EngineConfig#fromSystemProperties()}): for tests, benchmarks and tools.
     *
     * @param fetch where instructions come from; @param mem data accesses
     */
    public Interpreter(Isa isa, MemoryPort fetch, MemoryPort mem) {
        this(isa, fetch, mem, Diag.NONE, EngineConfig.fromSystemProperties());
    }

    /**
     * An interpreter with the settings of {@code config}. None of them changes what it does
     * today (it has no tiers, passes or cache); it takes its VM's configuration like the other
     * engines, so every engine of a VM is built from the same one.
     */
    public Interpreter(Isa isa, MemoryPort fetch, MemoryPort mem, Diag diag, EngineConfig config) {
        this.isa = isa;
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.fetch = fetch;
        this.diag = diag;
        PluginHost ph = diag.plugins();
        this.mem = ph != null && ph.wantsMemory() ? new WatchedPort(mem, ph) : mem;
        this.e = new EvaluatingEmitter(isa.registers());
        this.tracing = diag.has(DebugItem.EXEC) || diag.has(DebugItem.CPU);
        this.observing = diag.observesBlocks();
    }

    @Override public void setTraceId(int tid) { traceId = tid; }

    /** System mode: check for a raised interrupt before every instruction (a volatile read; the interpreter is slow anyway). */
    private boolean pollInterrupts;

    @Override public void pollInterrupts(int loopBudget) { pollInterrupts = true; }

    @Override
    public int run(CpuState cpu) {
        if (tracing || observing) return runWatched(cpu);
        for (int n = 0; n < SLICE; n++) {
            if (breakpoints != null && n > 0 && breakpoints.contains(cpu.pc)) return Translation.EXIT_BUDGET;
            if (pollInterrupts && cpu.interrupt) return Translation.EXIT_BUDGET;
            int exit = step(cpu);
            if (exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP) return exit;
        }
        return Translation.EXIT_BUDGET;
    }

    /** Executes exactly one guest instruction; returns its exit code. */
    public int step(CpuState cpu) {
        int pc = cpu.pc;
        e.begin(cpu, mem);
        if (mem instanceof WatchedPort w) w.cpu = cpu;
        int len = isa.decoder().lower(pc, isa.context(cpu), fetch, e);
        int exit = e.finish(pc + len);
        cpu.insnCount++;
        last = e.lastTerminal();
        return exit;
    }

    private int runWatched(CpuState cpu) {
        for (int n = 0; n < SLICE; n++) {
            if (breakpoints != null && n > 0 && breakpoints.contains(cpu.pc)) return Translation.EXIT_BUDGET;
            int pc = cpu.pc, ctx = isa.context(cpu);
            if (atBlockStart || pc != expectedPc || (current != null && indexInBlock >= current.insns().size())) {
                if (tracing) diag.blockEntry(traceId, cpu, isa.registers(), pc, ctx);
                current = observing ? seen(pc, ctx) : null;
                indexInBlock = 0;
            }
            atBlockStart = true; // stays so when the instruction faults: the handler starts a block
            int exit = step(cpu);
            if (current != null && current.cbs() != null && indexInBlock < current.cbs().length) {
                InsnCallback cb = current.cbs()[indexInBlock];
                if (cb != null) cb.executed(current.insns().get(indexInBlock));
            }
            indexInBlock++;
            atBlockStart = e.ended();
            expectedPc = cpu.pc;
            if (exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP) return exit;
        }
        return Translation.EXIT_BUDGET;
    }

    /** The block at (pc, ctx) as reported the first time it was entered. */
    private Seen seen(int pc, int ctx) {
        long key = (long) ctx << 32 | (pc & 0xffffffffL);
        Seen s = seen.get(key);
        if (s != null) return s;
        if (builder == null) builder = new BlockBuilder(isa.decoder(), isa.registers());
        Block b;
        try {
            b = builder.build(pc, ctx, fetch, config.blockInsns(isa.maxBlockInsns()));
        } catch (dynvm.microkernel.mem.MemoryFault f) {
            return null; // the step itself reports the fetch fault
        }
        List<GuestInsn> insns = diag.insns(isa, b, fetch);
        if (diag.has(DebugItem.IN_ASM)) diag.inAsm(insns, ctx);
        PluginHost ph = diag.plugins();
        s = new Seen(insns, ph == null ? null : ph.observe(pc, ctx, insns));
        seen.put(key, s);
        return s;
    }

    @Override public Terminal lastExit() { return last; }

    /** The settings this engine was built with. */
    public EngineConfig config() { return config; }

    @Override public void setBreakpoints(Breakpoints b) { breakpoints = b; }

    @Override
    public int stepOne(CpuState cpu) {
        int exit = step(cpu);
        return exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP ? exit : Translation.EXIT_BUDGET;
    }

    @Override
    public void invalidate(int addr, int len, String reason) {
        if (seen.isEmpty()) return; // nothing cached
        seen.entrySet().removeIf(en -> {
            int pc = (int) (long) en.getKey();
            List<GuestInsn> in = en.getValue().insns();
            long lo = pc & 0xffffffffL, hi = in.isEmpty() ? lo : (in.get(in.size() - 1).pc() & 0xffffffffL) + 16;
            return lo < (addr & 0xffffffffL) + (len & 0xffffffffL) && (addr & 0xffffffffL) < hi;
        });
        current = null;
        atBlockStart = true;
    }

    /** The data port with memory callbacks after each access (plugins asked for them). */
    private static final class WatchedPort implements MemoryPort {
        private final MemoryPort m;
        private final PluginHost ph;
        CpuState cpu;

        WatchedPort(MemoryPort m, PluginHost ph) { this.m = m; this.ph = ph; }

        private int pc() { return cpu == null ? 0 : cpu.pc; }

        @Override public int load8(int a) { int v = m.load8(a); ph.fireMemory(pc(), a, 1, false); return v; }
        @Override public int load16(int a) { int v = m.load16(a); ph.fireMemory(pc(), a, 2, false); return v; }
        @Override public int load32(int a) { int v = m.load32(a); ph.fireMemory(pc(), a, 4, false); return v; }
        @Override public long load64(int a) { long v = m.load64(a); ph.fireMemory(pc(), a, 8, false); return v; }
        @Override public void store8(int a, int v) { m.store8(a, v); ph.fireMemory(pc(), a, 1, true); }
        @Override public void store16(int a, int v) { m.store16(a, v); ph.fireMemory(pc(), a, 2, true); }
        @Override public void store32(int a, int v) { m.store32(a, v); ph.fireMemory(pc(), a, 4, true); }
        @Override public void store64(int a, long v) { m.store64(a, v); ph.fireMemory(pc(), a, 8, true); }
        @Override public boolean compareAndSet(int a, int size, long expect, long update) {
            boolean ok = m.compareAndSet(a, size, expect, update);
            ph.fireMemory(pc(), a, size, ok);
            return ok;
        }
    }
}
