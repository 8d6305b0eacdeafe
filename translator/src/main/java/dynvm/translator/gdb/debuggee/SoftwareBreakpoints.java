package dynvm.translator.gdb.debuggee;

import dynvm.translator.vm.Breakpoints;
import java.util.function.LongConsumer;

/**
 * A target's breakpoints as gdb inserts and removes them: the address set its engines check (they
 * stop before a listed pc, and the translator ends blocks before one) plus the one step that
 * differs between user and system mode, dropping the translations that already run through the
 * address so they are made again with the block ending there (or no longer ending there).
 */
public final class SoftwareBreakpoints {
    private final Breakpoints set = new Breakpoints();
    private final LongConsumer discardTranslations;

    /** {@code discardTranslations}: drops the translations covering the instruction at a guest address. */
    public SoftwareBreakpoints(LongConsumer discardTranslations) {
        this.discardTranslations = discardTranslations;
    }

    /** The set the engines and debug threads read. */
    public Breakpoints set() { return set; }

    /** {@link DebugTarget#insertBreakpoint}: always succeeds (inserting one twice is harmless). */
    public boolean insert(long address) {
        set.add((int) address);
        discardTranslations.accept(address);
        return true;
    }

    /** {@link DebugTarget#removeBreakpoint}: always succeeds (removing an absent one is harmless). */
    public boolean remove(long address) {
        set.remove((int) address);
        discardTranslations.accept(address);
        return true;
    }

    /**
     * gdb detached: forgets every breakpoint. Translations that end before one stay valid (they
     * just end early), so nothing is discarded.
     */
    public void clear() { set.clear(); }
}
