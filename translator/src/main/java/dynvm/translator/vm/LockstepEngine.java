package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Terminal;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.translator.exec.OverlayMemoryPort;

/**
 * Runs the translator and checks it against the interpreter after every block: before each
 * translated block runs, the interpreter runs the same instructions from a copy of the state on a
 * write-buffering overlay of memory (so it has no side effects); afterwards registers, pc and every
 * byte the interpreter wrote must match what the translated block left. Slow; used by tests and by
 * {@code --engine lockstep} when hunting a translator bug.
 */
public final class LockstepEngine implements ExecutionEngine {
    private final Isa isa;
    private final Translator translator;
    private final Interpreter shadowInterp;
    private final OverlayMemoryPort overlay;
    private final CpuState shadow;
    private long blocksChecked;

    /** With the JVM's {@code -Ddynvm.*} settings ({@link EngineConfig#fromSystemProperties()}). */
    public LockstepEngine(Isa isa, GuestMemory mem, MemoryPort fetch, MemoryPort port, int maxBlocks) {
        this(isa, mem, fetch, port, maxBlocks, EngineConfig.fromSystemProperties());
    }

    /** Both the translator and the checking interpreter get {@code config}. */
    public LockstepEngine(Isa isa, GuestMemory mem, MemoryPort fetch, MemoryPort port, int maxBlocks, EngineConfig config) {
        this.isa = isa;
        this.translator = new Translator(isa, mem, fetch, maxBlocks, Diag.NONE, true, false, config);
        this.overlay = new OverlayMemoryPort(port, isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN);
        this.shadowInterp = new Interpreter(isa, fetch, overlay, Diag.NONE, config);
        this.shadow = new CpuState(isa.registers());
        this.shadow.mem = overlay;
    }

    public long blocksChecked() { return blocksChecked; }

    @Override
    public int run(CpuState cpu) {
        for (int n = 0; n < Translator.SLICE; n++) {
            shadow.copyFrom(cpu);
            shadow.isaState = cpu.isaState;
            overlay.clear();
            int startPc = cpu.pc;
            // the translated block first tells us how many instructions it covers
            MemoryFault interpFault = null;
            int insns = translatorInsns(cpu);
            int shadowExit = Translation.EXIT_FALLTHROUGH;
            try {
                for (int i = 0; i < insns; i++) {
                    shadowExit = shadowInterp.step(shadow);
                    if (shadowExit == Translation.EXIT_SERVICE || shadowExit == Translation.EXIT_TRAP) break;
                }
            } catch (MemoryFault f) {
                interpFault = f;
            }
            MemoryFault dbtFault = null;
            int exit = -1;
            try {
                translator.runOneBlock(cpu);
                exit = translator.lastExitCode();
            } catch (MemoryFault f) {
                dbtFault = f;
            }
            blocksChecked++;
            check(startPc, cpu, interpFault, dbtFault);
            if (dbtFault != null) throw dbtFault;
            if (exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP) return exit;
        }
        return Translation.EXIT_BUDGET;
    }

    private int translatorInsns(CpuState cpu) {
        try {
            return translator.peekBlockInsns(cpu);
        } catch (MemoryFault f) {
            return 1;
        }
    }

    private void check(int startPc, CpuState cpu, MemoryFault interpFault, MemoryFault dbtFault) {
        StringBuilder sb = new StringBuilder();
        if ((interpFault == null) != (dbtFault == null)) sb.append(" fault: interp=").append(interpFault).append(" dbt=").append(dbtFault);
        if (shadow.pc != cpu.pc) sb.append(String.format(" pc: 0x%08x vs 0x%08x", shadow.pc, cpu.pc));
        sb.append(RegisterDiff.of(isa.registers(), shadow, cpu));
        for (int i = 0; i < overlay.writeCount(); i++) {
            int a = overlay.writeAddress(i), want = overlay.byteAt(a), real = cpu.mem.load8(a);
            if (real != want) { sb.append(String.format(" mem[0x%08x]: 0x%02x vs 0x%02x", a, want, real)); break; }
        }
        if (sb.length() > 0)
            throw new AssertionError(String.format("lockstep mismatch after block at 0x%08x (interpreter vs translator):%s", startPc, sb));
    }

    @Override public Terminal lastExit() { return translator.lastExit(); }
    /** The settings this engine was built with. */
    public EngineConfig config() { return translator.config(); }
    @Override public void invalidate(int addr, int len, String reason) { translator.invalidate(addr, len, reason); }
    @Override public long blocksTranslated() { return translator.blocksTranslated(); }
    @Override public long translationNanos() { return translator.translationNanos(); }
    @Override public dynvm.cache.CacheStats cacheStats() { return translator.cacheStats(); }
}
