package dynvm.translator.plugin;

import java.io.PrintStream;

/**
 * What a plugin may hook. Execution-time instrumentation is emitted only for what is asked for:
 * a run whose plugins register nothing but block callbacks runs the same code as one without.
 */
public interface PluginContext {
    /**
     * Called for every block the engines translate (the interpreter reports each block it enters
     * the first time, as decoded). Per-instruction execution callbacks are attached from here
     * with {@link TranslatedBlock#onExecute}.
     */
    void onBlockTranslated(BlockCallback cb);

    /**
     * Called after every guest load and store made by an instruction's IR (not for accesses
     * inside front-end helpers or the kernel's copies): pc of the instruction, address, size in
     * bytes, store or load. An access that faults is not reported.
     */
    void onMemoryAccess(MemoryCallback cb);

    /** Called once when the run has ended (the guest's last thread is gone). */
    void onExit(Runnable cb);

    /** Where plugin output goes: the {@code -D} file, else stderr. */
    PrintStream out();

    @FunctionalInterface interface BlockCallback { void translated(TranslatedBlock block); }

    @FunctionalInterface interface MemoryCallback { void access(int pc, int address, int size, boolean store); }

    /**
     * An instruction attached with {@link TranslatedBlock#onExecute} was executed to completion:
     * called after its effects, so an instruction that faults is not reported (the count then
     * matches {@code --stats}, which counts retired instructions).
     */
    @FunctionalInterface interface InsnCallback { void executed(GuestInsn insn); }
}
