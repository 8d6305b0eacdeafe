package dynvm.translator.backend;

import dynvm.ir.Touches;
import dynvm.spi.CpuState;

/** A helper for EngineEquivalenceTest that declares the one register it touches (public: helpers are looked up publicly). */
public final class TouchingHelper {
    private TouchingHelper() { }

    /** Adds 100 to r1 and returns twice its argument. */
    @Touches("r1")
    public static int bumpR1(CpuState cpu, int x) {
        cpu.r[ToyIsa.REGS.get(ToyIsa.R[1]).slot()] += 100;
        return x * 2;
    }
}
