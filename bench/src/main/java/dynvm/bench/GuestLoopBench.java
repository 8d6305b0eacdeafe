package dynvm.bench;

import dynvm.spi.CpuState;
import dynvm.translator.vm.ExecutionEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guest speed of a PPC CRC-32 loop over {@value #BYTES} bytes, interpreter vs translator. One
 * "operation" is one guest instruction and the unit is ops/µs, so the score reads directly as
 * guest MIPS.
 *
 * <ul>
 *   <li>{@code crcOneBlock}: the loop is a single block, which the translator compiles into a JVM
 *       loop (registers in locals for the whole loop): the best case.
 *   <li>{@code crcTwoBlocks}: a branch splits the body, so each iteration crosses two blocks through
 *       the dispatcher's successor links: measures block dispatch.
 * </ul>
 * The translator and its cache live across invocations, so this is the steady state; the
 * translation cost itself is {@link TranslationBench}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GuestLoopBench {
    public static final int BYTES = 16 * 1024;

    /** One guest and one engine per trial; every invocation runs the guest loop once more. */
    @State(Scope.Thread)
    public abstract static class Run {
        @Param({"interp", "dbt"})
        public String engine;

        private final CrcGuest.Shape shape;
        private CrcGuest guest;
        private ExecutionEngine vm;
        private CpuState cpu;

        Run(CrcGuest.Shape shape) { this.shape = shape; }

        @Setup(Level.Trial)
        public void setUp() {
            guest = new CrcGuest(shape, BYTES);
            vm = Engines.create(engine, guest.isa(), guest.memory());
            cpu = Engines.cpu(guest.isa(), guest.memory());
            int got = run();
            // the score divides by guestInsns(): make sure that is what really ran, and ran right
            if (got != guest.expected() || cpu.insnCount != guest.guestInsns())
                throw new IllegalStateException(String.format("bad guest run: crc %08x (want %08x), %d insns (want %d)",
                        got, guest.expected(), cpu.insnCount, guest.guestInsns()));
        }

        int run() {
            guest.reset(cpu);
            Engines.runToService(vm, cpu);
            return guest.result(cpu);
        }
    }

    @State(Scope.Thread)
    public static class OneBlock extends Run {
        public OneBlock() { super(CrcGuest.Shape.ONE_BLOCK); }
    }

    @State(Scope.Thread)
    public static class TwoBlocks extends Run {
        public TwoBlocks() { super(CrcGuest.Shape.TWO_BLOCKS); }
    }

    @Benchmark
    @OperationsPerInvocation(7 * BYTES + 1)
    public int crcOneBlock(OneBlock s) { return s.run(); }

    @Benchmark
    @OperationsPerInvocation(8 * BYTES + 1)
    public int crcTwoBlocks(TwoBlocks s) { return s.run(); }
}
