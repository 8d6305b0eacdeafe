package dynvm.bench;

import dynvm.ppc.PpcFpu;
import dynvm.ppc.PpcRegs;
import dynvm.spi.CpuState;
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
 * The PowerPC FPU helpers in ns per operation, with the FP fast path on and off
 * ({@code dynvm.fpFastPath}; JMH forks a JVM per parameter value, so setting the property before
 * the first helper call picks the path), against the bare Java double operation. Operands are
 * {@value #N} random normal doubles; the FPSCR is in the default environment (RN, nothing
 * enabled) with XX already set, as it is in a running program after its first inexact result.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class FpHelperBench {
    static final int N = 1024;

    @Param({"true", "false"})
    public String fastPath;

    private final long[] a = new long[N], b = new long[N], c = new long[N];
    private CpuState cpu;

    @Setup
    public void setUp() {
        System.setProperty("dynvm.fpFastPath", fastPath);
        cpu = new CpuState(PpcRegs.FILE);
        SplittableRandom r = new SplittableRandom(15);
        for (int i = 0; i < N; i++) {
            a[i] = Double.doubleToRawLongBits((r.nextDouble() + 0.5) * (r.nextBoolean() ? 1 : -1));
            b[i] = Double.doubleToRawLongBits(r.nextDouble() * 100 + 1);
            c[i] = Double.doubleToRawLongBits(r.nextDouble() - 0.5);
        }
        PpcFpu.fadd(cpu, 0, a[0], Double.doubleToRawLongBits(0x1p-60)); // sets XX
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fadd() {
        long s = 0;
        for (int i = 0; i < N; i++) s ^= PpcFpu.fadd(cpu, 0, a[i], b[i]);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fmul() {
        long s = 0;
        for (int i = 0; i < N; i++) s ^= PpcFpu.fmul(cpu, 0, a[i], b[i]);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fdiv() {
        long s = 0;
        for (int i = 0; i < N; i++) s ^= PpcFpu.fdiv(cpu, 0, a[i], b[i]);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fmadd() {
        long s = 0;
        for (int i = 0; i < N; i++) s ^= PpcFpu.fmadd(cpu, 0, a[i], c[i], b[i]);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fadds() {
        long s = 0;
        for (int i = 0; i < N; i++) s ^= PpcFpu.fadds(cpu, 0, a[i], b[i]);
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fcmpu() {
        long s = 0;
        for (int i = 0; i < N; i++) s += PpcFpu.fcmpu(cpu, a[i], c[i]);
        return s;
    }

    /** The bare Java operations (fastPath does not apply): what the helpers are measured against. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long javaFmadd() {
        long s = 0;
        for (int i = 0; i < N; i++)
            s ^= Double.doubleToRawLongBits(Math.fma(Double.longBitsToDouble(a[i]), Double.longBitsToDouble(c[i]), Double.longBitsToDouble(b[i])));
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long javaFadd() {
        long s = 0;
        for (int i = 0; i < N; i++) s ^= Double.doubleToRawLongBits(Double.longBitsToDouble(a[i]) + Double.longBitsToDouble(b[i]));
        return s;
    }
}
