package dynvm.bench;

import dynvm.ir.Block;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.ppc.PpcIsa;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.translator.backend.BytecodeBackend;
import dynvm.translator.exec.BlockBuilder;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.passes.Passes;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.Translator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What translating one PPC block costs, stage by stage, in µs per block:
 * <ul>
 *   <li>{@code decode}: front-end decoding and lowering to IR ({@link BlockBuilder});
 *   <li>{@code optimize}: the IR passes;
 *   <li>{@code nodes}: tier 0's pre-decoding into nodes ({@code NodeCompiler});
 *   <li>{@code generate}: bytecode generation with ASM ({@code COMPUTE_FRAMES});
 *   <li>{@code define}: {@code defineHiddenClass} plus instantiation;
 *   <li>{@code endToEnd}: a fresh {@link Translator} (a new VM's engine) translating and compiling the
 *       block, cache insertion included.
 * </ul>
 * Blocks: {@code crcLoop} (7 instructions, a self loop) and {@code straight32} (32 mixed
 * instructions). Numbers are for warmed-up translator code; the first blocks of a real run are
 * slower, while the JIT compiles the translator itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class TranslationBench {
    static final int CODE = 0x10000000;

    @Param({"crcLoop", "straight32"})
    public String block;

    private final Isa isa = new PpcIsa();
    private GuestMemory mem;
    private GuestMemoryPort port;
    private BlockBuilder builder;
    private BytecodeBackend backend;
    private CpuState cpu;
    private Block raw, optimized;
    private byte[] classFile;

    @Setup
    public void setUp() {
        mem = new GuestMemory(CODE, GuestMemory.PAGE_SIZE);
        mem.setFlags(CODE, GuestMemory.PAGE_SIZE, 0, GuestMemory.UNMAPPED);
        int[] words = block.equals("crcLoop") ? PpcCode.crcLoop() : PpcCode.straight32();
        for (int i = 0; i < words.length; i++) mem.store32be(CODE + 4 * i, words[i]);
        port = new GuestMemoryPort(mem, true);
        builder = new BlockBuilder(isa.decoder(), isa.registers());
        backend = new BytecodeBackend(isa.registers(), true);
        cpu = Engines.cpu(isa, mem);
        isa.linuxUser().initUserState(cpu, CODE, CODE);
        raw = decode();
        optimized = optimize();
        classFile = generate();
        int expect = block.equals("crcLoop") ? 7 : 32;
        if (raw.guestInsns() != expect) throw new IllegalStateException("block has " + raw.guestInsns() + " instructions, expected " + expect);
    }

    @Benchmark
    public Block decode() { return builder.build(CODE, isa.context(cpu), port, isa.maxBlockInsns()); }

    @Benchmark
    public Block optimize() { return passes.optimize(raw); }

    /** The pipeline as a run with default settings has it (no IR verification). */
    private final Passes passes = new Passes(false);

    @Benchmark
    public byte[] generate() { return backend.generate(optimized, true); }

    /** Tier 0's pre-decoding of the optimised block into nodes (what a block costs before its first run). */
    @Benchmark
    public Object nodes() { return nodeCompiler.compile(optimized); }

    private final dynvm.translator.exec.NodeCompiler nodeCompiler = new dynvm.translator.exec.NodeCompiler(isa.registers());

    @Benchmark
    public Object define() { return backend.define(optimized, classFile, mem); }

    @Benchmark
    public int endToEnd() {
        cpu.pc = CODE;
        return new Translator(isa, mem, port, 16, Diag.NONE, true).peekBlockInsns(cpu);
    }
}
