package dynvm.translator.vm;

import java.io.PrintStream;

/**
 * What {@code --stats} prints at exit, for the whole run: every guest thread of every process
 * (forked children and exec'd images included; system mode: the vCPU), summed in
 * {@link RunTotals}, and what the host JVM did ({@link JvmStats}).
 *
 * <p>Time: start-up is JVM start to the first guest instruction; then each guest thread's time is
 * split into tier 0 (running tier-0 blocks), compiled code (running bytecode blocks, with the
 * dispatcher between blocks), translation on the guest thread (decode, IR passes, bytecode
 * generation; work of background compiler threads is shown apart) and services (system calls,
 * signal delivery, system-mode services and, shown apart, waiting for an interrupt). Thread times
 * are summed over threads, so with several threads they can exceed the wall-clock total. The
 * split needs {@link StatsTiming#ON}.
 *
 * @param wallNanos first guest instruction to the end of the run
 * @param shared    what the run's processes and threads reused of each other's work
 *                  ({@link SharedBlocks}), or null
 */
public record RunStats(String engine, RunTotals t, long wallNanos, JvmStats jvm, boolean systemMode, String shared) {
    /** Without the shared-store line (system mode, the interpreter). */
    public RunStats(String engine, RunTotals t, long wallNanos, JvmStats jvm, boolean systemMode) {
        this(engine, t, wallNanos, jvm, systemMode, null);
    }


    public long guestInsns() { return t.insns.sum(); }

    public double mips() { return wallNanos == 0 ? 0 : guestInsns() / (wallNanos / 1e9) / 1e6; }

    public void print(PrintStream out) {
        long insns = guestInsns(), dispatches = t.dispatches.sum();
        int threads = t.threads.get(), children = t.children.get(), execs = t.execs.get();
        out.printf("dynvm stats (engine %s)%n", engine);
        if (systemMode) out.printf("  guest instructions  %,d (the vCPU)%n", insns);
        else out.printf("  guest instructions  %,d (%d thread%s in %d process%s: %d forked, %d exec%s)%n", insns,
                threads, threads == 1 ? "" : "s", children + 1, children == 0 ? "" : "es", children, execs, execs == 1 ? "" : "s");
        out.printf("  blocks translated   %,d%n", t.blocks.sum());
        if (dispatches > 0)
            out.printf("  block dispatches    %,d (%.1f guest instructions each)%n", dispatches, (double) insns / dispatches);
        if (t.hasDispatchStats() && dispatches > 0) {
            long ic = t.icHits.sum() + t.icMisses.sum();
            out.printf("  dispatch            linked %.1f%%  inline cache %.1f%% of %,d computed exits  regions compiled %,d%n",
                    100.0 * t.chainHits.sum() / dispatches, ic == 0 ? 0.0 : 100.0 * t.icHits.sum() / ic, ic, t.regions.sum());
        }
        if (t.hasDispatchStats())
            out.printf("  cache               hits %,d  misses %,d  invalidations %,d  evictions %,d%n",
                    t.cacheHits.sum(), t.cacheMisses.sum(), t.cacheInvalidations.sum(), t.cacheEvictions.sum());
        long tier0Runs = t.tier0Runs.sum(), tier0Insns = t.tier0Insns.sum();
        if (tier0Runs > 0)
            out.printf("  tier 0              %,d block runs, %,d guest instructions (%.1f%%)%n",
                    tier0Runs, tier0Insns, insns == 0 ? 0.0 : 100.0 * tier0Insns / insns);
        long fg = t.translateNanos.sum(), bg = t.backgroundNanos.sum();
        out.printf("  translation time    %.1f ms (guest threads %.1f ms, background compiler %.1f ms)%n", (fg + bg) / 1e6, fg / 1e6, bg / 1e6);
        long startup = t.firstInsnNanos() == 0 ? -1 : jvm.uptimeMillis() * 1_000_000L - (jvm.takenNanos() - t.firstInsnNanos());
        if (startup >= 0) out.printf("  start-up            %.1f ms (JVM start to the first guest instruction)%n", startup / 1e6);
        if (StatsTiming.ON) {
            long engineNs = t.engineNanos.sum(), life = t.threadNanos.sum(), tier0 = t.tier0Nanos.sum();
            long compiled = Math.max(0, engineNs - tier0 - fg), services = Math.max(0, life - engineNs), idle = t.idleNanos.sum();
            String code = "dbt".equals(engine) ? "compiled" : engine;
            out.printf("  thread time         %.1f ms: tier 0 %.1f ms, %s %.1f ms, translation %.1f ms, services %.1f ms%s%n",
                    life / 1e6, tier0 / 1e6, code, compiled / 1e6, fg / 1e6, services / 1e6,
                    idle > 0 ? String.format(" (of which waiting for interrupts %.1f ms)", idle / 1e6) : "");
        }
        out.printf("  JVM JIT             %s compilations (%s OSR), %s ms compiling, %s KB of code; %,d classes loaded%n",
                count(jvm.compiles()), count(jvm.osrCompiles()), count(jvm.jitMillis()),
                jvm.codeBytes() < 0 ? "?" : String.format("%,d", jvm.codeBytes() / 1024), jvm.loadedClasses());
        if (shared != null) out.printf("  shared              %s%n", shared);
        out.printf("  total time          %.1f ms%n", wallNanos / 1e6);
        out.printf("  guest MIPS          %.1f%n", mips());
    }

    private static String count(long v) { return v < 0 ? "?" : String.format("%,d", v); }
}
