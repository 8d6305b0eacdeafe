package dynvm.bench;

import dynvm.cache.Translation;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.ExecutionEngine;
import dynvm.translator.vm.Interpreter;
import dynvm.translator.vm.Translator;

/** Builds the engines the way {@code UserModeVm} does, and runs a guest to its first service call. */
final class Engines {
    private Engines() { }

    /** "interp" or "dbt" over {@code mem} (instructions are fetched from it too). */
    static ExecutionEngine create(String kind, Isa isa, GuestMemory mem) {
        GuestMemoryPort port = new GuestMemoryPort(mem, isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN);
        return switch (EngineKind.parse(kind)) {
            case INTERP -> new Interpreter(isa, port, port);
            case DBT -> new Translator(isa, mem, port, 1024, Diag.NONE, true);
            case LOCKSTEP -> throw new IllegalArgumentException("lockstep is a checker, not a benchmark engine");
        };
    }

    /**
     * A translator that never leaves tier 0 (the hot threshold out of reach), running its blocks as
     * pre-decoded nodes or as evaluated IR ({@code EngineConfig.tier0Nodes}).
     */
    static ExecutionEngine tier0(Isa isa, GuestMemory mem, boolean nodes) {
        GuestMemoryPort port = new GuestMemoryPort(mem, isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN);
        EngineConfig config = EngineConfig.fromSystemProperties().withHotThreshold(Integer.MAX_VALUE).withTier0Nodes(nodes);
        return new Translator(isa, mem, port, 1024, Diag.NONE, true, false, config);
    }

    /** A CPU whose data accesses go to {@code mem}. */
    static CpuState cpu(Isa isa, GuestMemory mem) {
        CpuState cpu = new CpuState(isa.registers());
        cpu.mem = new GuestMemoryPort(mem, isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN);
        return cpu;
    }

    /** Runs until the guest makes a service call (the benchmarks' {@code sc} at the end). */
    static void runToService(ExecutionEngine engine, CpuState cpu) {
        for (;;) {
            int exit = engine.run(cpu);
            if (exit == Translation.EXIT_SERVICE) return;
            if (exit == Translation.EXIT_TRAP)
                throw new IllegalStateException(String.format("guest trapped at pc 0x%08x: %s", cpu.pc, engine.lastExit()));
        }
    }
}
