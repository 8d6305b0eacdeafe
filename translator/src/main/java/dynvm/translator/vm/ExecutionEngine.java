package dynvm.translator.vm;

import dynvm.ir.Terminal;
import dynvm.spi.CpuState;

/**
 * Runs guest code on one CPU until something needs the VM: a service call, a synchronous
 * exception, or the end of the time slice. Memory faults propagate as
 * {@link dynvm.microkernel.mem.MemoryFault} with {@code cpu.pc} at the faulting instruction.
 */
public interface ExecutionEngine {
    /** Returns {@link dynvm.cache.Translation#EXIT_SERVICE}, {@code EXIT_TRAP} or {@code EXIT_BUDGET}. */
    int run(CpuState cpu);

    /** The terminal (ServiceCall or Trap) behind the last SERVICE or TRAP exit. */
    Terminal lastExit();

    /** Drops translations overlapping {@code [addr, addr+len)} (icbi, cacheflush). */
    void invalidate(int addr, int len, String reason);

    /** Blocks translated so far (0 for the interpreter). */
    default long blocksTranslated() { return 0; }

    /** Times the dispatcher entered a block (0 for the interpreter). */
    default long dispatches() { return 0; }

    /** Successor-link and inline-cache hits and regions compiled, or null (the interpreter). */
    default DispatchStats dispatchStats() { return null; }

    /** Nanoseconds spent translating. */
    default long translationNanos() { return 0; }

    /** Releases engine resources (e.g. a compiler thread). */
    default void close() { }

    /**
     * A debugger's breakpoints (null: none attached): the engine stops, returning
     * {@code EXIT_BUDGET}, before an instruction whose address is in the set, except the first
     * one it runs in a call (which is how execution resumes from a breakpoint).
     */
    default void setBreakpoints(Breakpoints breakpoints) { }

    /** Executes exactly one guest instruction: returns {@code EXIT_SERVICE}, {@code EXIT_TRAP} or {@code EXIT_BUDGET}. */
    default int stepOne(CpuState cpu) { throw new UnsupportedOperationException("single step"); }

    /** The thread id -d exec/cpu records name. */
    default void setTraceId(int tid) { }

    /**
     * Take {@link CpuState#interrupt} within a bounded number of guest instructions (system mode:
     * pending interrupts at block boundaries); translated loops yield after {@code loopBudget} passes.
     */
    default void pollInterrupts(int loopBudget) { }

    /** Cache counters, or null. */
    default dynvm.cache.CacheStats cacheStats() { return null; }

    /** Tier-0 block executions and the guest instructions they ran (0 without a tier 0). */
    default long tier0Runs() { return 0; }

    default long tier0Insns() { return 0; }

    /** Time spent running tier-0 blocks; 0 unless {@link StatsTiming#ON}. */
    default long tier0Nanos() { return 0; }

    /** The part of {@link #translationNanos} spent on a background compiler thread (not the guest's). */
    default long backgroundTranslationNanos() { return 0; }
}
