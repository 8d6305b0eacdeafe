package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.ir.Block;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.MemoryPort;
import dynvm.translator.backend.BytecodeBackend;
import dynvm.translator.exec.BlockBuilder;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.passes.Passes;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random bytes as ARM, Thumb and mid-IT Thumb code: every block decodes to IR the verifier
 * accepts and the backend turns into a class, or stops at a fetch fault; no decoder throws
 * anything else (an undefined word becomes a SIGILL trap, never an exception). Decoding and
 * compiling only: executing random code is the differential tests' business.
 */
class ArmRandomCodeTest {
    private static final int CODE = 0x10000;
    private static final int BLOCKS = 20_000;

    @Test
    void randomCodeDecodesAndCompilesInEveryState() {
        SplittableRandom rnd = new SplittableRandom(Long.getLong("dynvm.fuzzSeed", 20261122L));
        GuestMemory mem = new GuestMemory(CODE, 1 << 16);
        mem.setFlags(CODE, 1 << 16, 0, GuestMemory.UNMAPPED);
        MemoryPort port = new GuestMemoryPort(mem, false);
        BlockBuilder builder = new BlockBuilder(new ArmDecoder(), ArmRegs.FILE);
        BytecodeBackend backend = new BytecodeBackend(ArmRegs.FILE, false);
        Passes passes = new Passes(dynvm.translator.vm.EngineConfig.fromSystemProperties().verifyIr()); // the argLine verifies
        int blocks = 0, faults = 0;
        for (int i = 0; i < BLOCKS; i++) {
            for (int a = 0; a < 64; a += 4) mem.store32le(CODE + a, rnd.nextInt());
            int context = switch (rnd.nextInt(3)) {
                case 0 -> 0;                                              // ARM
                case 1 -> ArmDecoder.THUMB;                               // Thumb outside IT
                default -> ArmDecoder.THUMB | itState(rnd) << ArmDecoder.IT_SHIFT; // mid-IT
            };
            int pc = CODE + (context == 0 ? 0 : 2 * rnd.nextInt(4));
            // the window ends after 64 bytes of code, so long blocks stop at a fetch fault
            MemoryPort bounded = new Bounded(port, CODE + 64);
            try {
                Block b = passes.optimize(builder.build(pc, context, bounded, 8));
                backend.generate(b, true);
                blocks++;
            } catch (MemoryFault f) {
                faults++;
            }
        }
        assertTrue(blocks > BLOCKS * 9 / 10, blocks + " blocks compiled, " + faults + " fetch faults");
    }

    /** A valid IT state: a base condition (not 1111) and a non-zero mask. */
    private static int itState(SplittableRandom rnd) {
        return rnd.nextInt(15) << 4 | (1 + rnd.nextInt(15));
    }

    /** Instruction fetch that faults at and after {@code end}. */
    private record Bounded(MemoryPort p, int end) implements MemoryPort {
        private int check(int addr, int n) {
            if (addr + n > end) throw new MemoryFault(addr, false, true);
            return addr;
        }
        @Override public int load8(int a) { return p.load8(check(a, 1)); }
        @Override public int load16(int a) { return p.load16(check(a, 2)); }
        @Override public int load32(int a) { return p.load32(check(a, 4)); }
        @Override public long load64(int a) { return p.load64(check(a, 8)); }
        @Override public void store8(int a, int v) { throw new UnsupportedOperationException(); }
        @Override public void store16(int a, int v) { throw new UnsupportedOperationException(); }
        @Override public void store32(int a, int v) { throw new UnsupportedOperationException(); }
        @Override public void store64(int a, long v) { throw new UnsupportedOperationException(); }
    }
}
