package dynvm.translator.plugin;

import java.util.List;

/** A block being translated, as a plugin sees it. */
public interface TranslatedBlock {
    /** Guest address of the first instruction. */
    int pc();

    /** The front-end's decoding context (e.g. ARM's Thumb bit). */
    int context();

    /** The block's instructions, in order. */
    List<GuestInsn> insns();

    /** Calls {@code cb} each time {@code insn} (one of {@link #insns()}) has executed. */
    void onExecute(GuestInsn insn, PluginContext.InsnCallback cb);
}
