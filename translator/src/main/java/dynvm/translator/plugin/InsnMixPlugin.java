package dynvm.translator.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --plugin insn-mix}: counts executed guest instructions by mnemonic and prints the most
 * frequent ones and the total at exit. The total equals the guest instruction count of
 * {@code --stats} for the same run when it does not fork (both count retired instructions of
 * every thread; only the plugin counts forked children).
 */
public final class InsnMixPlugin implements Plugin {
    /** Mnemonics listed at exit. */
    static final int TOP = 15;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override public String name() { return "insn-mix"; }

    @Override
    public void install(PluginContext ctx) {
        ctx.onBlockTranslated(tb -> {
            for (GuestInsn insn : tb.insns()) {
                LongAdder c = counts.computeIfAbsent(insn.mnemonic(), m -> new LongAdder());
                tb.onExecute(insn, i -> c.increment());
            }
        });
        ctx.onExit(() -> report(ctx));
    }

    /** Total so far. */
    public long total() {
        long t = 0;
        for (LongAdder a : counts.values()) t += a.sum();
        return t;
    }

    private void report(PluginContext ctx) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>();
        counts.forEach((k, v) -> { if (v.sum() > 0) rows.add(Map.entry(k, v.sum())); });
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long total = total();
        var out = ctx.out();
        out.printf("insn-mix: %d mnemonics, top %d:%n", rows.size(), Math.min(TOP, rows.size()));
        for (int i = 0; i < Math.min(TOP, rows.size()); i++) {
            var e = rows.get(i);
            out.printf("insn-mix: %-12s %,15d %5.1f%%%n", e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total);
        }
        out.printf("insn-mix: total %d%n", total);
    }
}
