package dynvm.translator.vm;

import dynvm.cache.CacheStats;
import dynvm.spi.CpuState;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every guest thread of a run did, summed as each thread ends (and as exec replaces an
 * image's CPU and engine), for {@code --stats}: one object per run, shared by its threads, forked
 * child processes and exec'd images (system mode: by its vCPU). Nothing is counted on the hot
 * path here; the engines keep their own plain counters and hand them over once, at the end.
 */
public final class RunTotals {
    final LongAdder insns = new LongAdder(), blocks = new LongAdder(), dispatches = new LongAdder(),
            chainHits = new LongAdder(), icHits = new LongAdder(), icMisses = new LongAdder(), regions = new LongAdder(),
            cacheHits = new LongAdder(), cacheMisses = new LongAdder(), cacheInvalidations = new LongAdder(),
            cacheEvictions = new LongAdder(), tier0Runs = new LongAdder(), tier0Insns = new LongAdder(),
            translateNanos = new LongAdder(), backgroundNanos = new LongAdder(), tier0Nanos = new LongAdder(),
            engineNanos = new LongAdder(), threadNanos = new LongAdder(), idleNanos = new LongAdder();
    /** Guest threads started (the first included), forked child processes, execve's that replaced an image. */
    final AtomicInteger threads = new AtomicInteger(1), children = new AtomicInteger(), execs = new AtomicInteger();
    /** System.nanoTime() of the run's first guest instruction (0: none yet). */
    private final AtomicLong firstInsn = new AtomicLong();
    private volatile boolean hasDispatchStats;

    /** The run's first guest instruction is about to run (later calls are ignored). */
    public void started(long nanos) { firstInsn.compareAndSet(0, nanos); }

    long firstInsnNanos() { return firstInsn.get(); }

    public void threadStarted() { threads.incrementAndGet(); }

    public void childForked() { children.incrementAndGet(); }

    public void execed() { execs.incrementAndGet(); }

    /** Time a vCPU waited for an interrupt (system mode, in its services time). */
    public void idle(long nanos) { idleNanos.add(nanos); }

    /**
     * Adds what one CPU ran on one engine: {@code lifeNanos} the thread's (or image's) time,
     * {@code engineNanos} the part spent inside {@link ExecutionEngine#run} (0 without {@link StatsTiming}).
     */
    public void add(CpuState cpu, ExecutionEngine e, long lifeNanos, long engineNanos) {
        insns.add(cpu.insnCount);
        blocks.add(e.blocksTranslated());
        dispatches.add(e.dispatches());
        DispatchStats d = e.dispatchStats();
        if (d != null) {
            hasDispatchStats = true;
            chainHits.add(d.chainHits());
            icHits.add(d.icHits());
            icMisses.add(d.icMisses());
            regions.add(d.regionsCompiled());
        }
        CacheStats c = e.cacheStats();
        if (c != null) {
            cacheHits.add(c.hits);
            cacheMisses.add(c.misses);
            cacheInvalidations.add(c.invalidations);
            cacheEvictions.add(c.evictions);
        }
        tier0Runs.add(e.tier0Runs());
        tier0Insns.add(e.tier0Insns());
        tier0Nanos.add(e.tier0Nanos());
        long bg = e.backgroundTranslationNanos();
        backgroundNanos.add(bg);
        translateNanos.add(e.translationNanos() - bg);
        this.engineNanos.add(engineNanos);
        threadNanos.add(lifeNanos);
    }

    boolean hasDispatchStats() { return hasDispatchStats; }
}
