package dynvm.bench;

import dynvm.microkernel.mem.GuestMemory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Guest memory fast path, in ns per 32-bit big-endian access: the flat {@link GuestMemory} window
 * against a {@link PagedMemory} ({@code byte[][]} pages, permission check per access), over the
 * same {@value #ACCESSES} word addresses in a 1 MiB window, either in order or shuffled.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class MemoryBench {
    static final int BASE = 0x10000000, SIZE = 1 << 20, ACCESSES = 1 << 16;

    @Param({"sequential", "random"})
    public String pattern;

    private GuestMemory flat;
    private PagedMemory paged;
    private int[] addrs;

    @Setup
    public void setUp() {
        flat = new GuestMemory(BASE, SIZE);
        flat.setFlags(BASE, SIZE, 0, GuestMemory.UNMAPPED);
        paged = new PagedMemory(BASE, SIZE);
        addrs = new int[ACCESSES];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < ACCESSES; i++)
            addrs[i] = BASE + 4 * (pattern.equals("sequential") ? i : rnd.nextInt(SIZE / 4));
        for (int a : addrs) { flat.store32be(a, a * 31); paged.store32be(a, a * 31); }
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public int flatLoad() {
        int s = 0;
        for (int a : addrs) s += flat.load32be(a);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public int pagedLoad() {
        int s = 0;
        for (int a : addrs) s += paged.load32be(a);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public void flatStore() {
        int[] as = addrs;
        for (int i = 0; i < as.length; i++) flat.store32be(as[i], i);
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public void pagedStore() {
        int[] as = addrs;
        for (int i = 0; i < as.length; i++) paged.store32be(as[i], i);
    }
}
