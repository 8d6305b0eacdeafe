package dynvm.bench;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.ppc.PpcRegs;
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
 * Tier-0 guest speed: the translator with its hot threshold out of reach, so no block is ever
 * compiled to bytecode, running its blocks as evaluated IR ({@code ir}) or as pre-decoded nodes
 * ({@code nodes}), against the plain interpreter ({@code interp}). One operation is one guest
 * instruction, the unit ops/µs, so scores read as guest MIPS.
 * <ul>
 *   <li>{@code crc}: {@link GuestLoopBench}'s one-block CRC-32 loop (7 instructions) over
 *       {@value #BYTES} bytes;
 *   <li>{@code crcTwoBlocks}: the same split in two blocks (8 instructions per byte);
 *   <li>{@code mixed}: a 32-instruction block of loads, carry arithmetic, a divide, shifts, a
 *       compare and stores ({@link PpcCode#mixedLoop}), {@value #ITERATIONS} times.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Tier0Bench {
    public static final int BYTES = 4 * 1024, ITERATIONS = 1024;

    /** The engine under test. */
    @State(Scope.Thread)
    public abstract static class Engine {
        @Param({"interp", "ir", "nodes"})
        public String engine;

        ExecutionEngine create(dynvm.spi.Isa isa, GuestMemory mem) {
            return engine.equals("interp") ? Engines.create("interp", isa, mem) : Engines.tier0(isa, mem, engine.equals("nodes"));
        }
    }

    /** A CRC loop shape; set-up checks the CRC and the instruction count. */
    public abstract static class Crc extends Engine {
        private final CrcGuest.Shape shape;
        private CrcGuest guest;
        private ExecutionEngine vm;
        private CpuState cpu;

        Crc(CrcGuest.Shape shape) { this.shape = shape; }

        @Setup(Level.Trial)
        public void setUp() {
            guest = new CrcGuest(shape, BYTES);
            vm = create(guest.isa(), guest.memory());
            cpu = Engines.cpu(guest.isa(), guest.memory());
            int got = run();
            if (got != guest.expected() || cpu.insnCount != guest.guestInsns())
                throw new IllegalStateException("bad guest run: " + Integer.toHexString(got) + ", " + cpu.insnCount + " insns");
        }

        int run() {
            guest.reset(cpu);
            Engines.runToService(vm, cpu);
            return guest.result(cpu);
        }
    }

    @State(Scope.Thread)
    public static class OneBlock extends Crc {
        public OneBlock() { super(CrcGuest.Shape.ONE_BLOCK); }
    }

    @State(Scope.Thread)
    public static class TwoBlocks extends Crc {
        public TwoBlocks() { super(CrcGuest.Shape.TWO_BLOCKS); }
    }

    /** {@link PpcCode#mixedLoop} in a page of code and a page of data; set-up checks the count and the interpreter's result. */
    @State(Scope.Thread)
    public static class Mixed extends Engine {
        static final int CODE = 0x10000000, DATA = CODE + 0x1000;
        private final dynvm.spi.Isa isa = new dynvm.ppc.PpcIsa();
        private GuestMemory mem;
        private ExecutionEngine vm;
        private CpuState cpu;

        @Setup(Level.Trial)
        public void setUp() {
            mem = new GuestMemory(CODE, 0x2000);
            mem.setFlags(CODE, 0x2000, 0, GuestMemory.UNMAPPED);
            int[] code = PpcCode.mixedLoop();
            for (int i = 0; i < code.length; i++) mem.store32be(CODE + 4 * i, code[i]);
            vm = create(isa, mem);
            cpu = Engines.cpu(isa, mem);
            int got = run();
            GuestMemory ref = new GuestMemory(CODE, 0x2000);
            ref.setFlags(CODE, 0x2000, 0, GuestMemory.UNMAPPED);
            for (int i = 0; i < code.length; i++) ref.store32be(CODE + 4 * i, code[i]);
            ExecutionEngine interp = Engines.create("interp", isa, ref);
            CpuState c = Engines.cpu(isa, ref);
            reset(c, ref);
            Engines.runToService(interp, c);
            if (cpu.insnCount != 32L * ITERATIONS + 1 || got != c.r[PpcRegs.FILE.get(PpcRegs.GPR[3]).slot()])
                throw new IllegalStateException("bad guest run: r3 " + got + ", " + cpu.insnCount + " insns");
        }

        private void reset(CpuState c, GuestMemory m) {
            isa.linuxUser().initUserState(c, CODE, DATA + 0x100);
            for (int i = 0; i < 64; i++) m.store32be(DATA + 4 * i, 0x01020304 * i + 7);
            PpcRegs.FILE.write(c, PpcRegs.GPR[1], DATA + 0x100);
            PpcRegs.FILE.write(c, PpcRegs.CTR, ITERATIONS);
            c.insnCount = 0;
        }

        int run() {
            reset(cpu, mem);
            Engines.runToService(vm, cpu);
            return (int) PpcRegs.FILE.read(cpu, PpcRegs.GPR[3]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(7 * BYTES + 1)
    public int crc(OneBlock s) { return s.run(); }

    @Benchmark
    @OperationsPerInvocation(8 * BYTES + 1)
    public int crcTwoBlocks(TwoBlocks s) { return s.run(); }

    @Benchmark
    @OperationsPerInvocation(32 * ITERATIONS + 1)
    public int mixed(Mixed s) { return s.run(); }
}
