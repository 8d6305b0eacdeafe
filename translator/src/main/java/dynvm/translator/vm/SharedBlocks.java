package dynvm.translator.vm;

import dynvm.ir.Block;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoded, optimised blocks shared by every engine of one run, so that a forked child (or a
 * sibling running the same applet, as busybox sh forks for every pipeline stage) does not decode
 * code another process decoded already. Each process still has its own translation cache; this
 * store only spares the front-end and the passes.
 *
 * <p>A block is a pure function of the instruction bytes in {@code [pc, endPc)}, its decode
 * context and the ISA (decoders read nothing else), so an entry is reused only after those bytes
 * are read again through the asking engine's fetch port, which also enforces that the pages are
 * mapped and executable in that process. Blocks are immutable, so engines on other threads may
 * evaluate and compile the same one. One store per run; nothing static.
 */
public final class SharedBlocks {
    /** Stop adding beyond this many entries (a run's working set is far smaller). */
    static final int MAX_ENTRIES = 1 << 17;

    private record Entry(Block block, short[] code) { }

    private final Map<Isa, ConcurrentHashMap<Long, Entry>> byIsa = new ConcurrentHashMap<>();

    private static long key(int pc, int ctx) { return ((long) ctx << 32) | (pc & 0xffffffffL); }

    /** The block decoded earlier at {@code (pc, ctx)} if the code there is still the same, else null. */
    Block find(Isa isa, int pc, int ctx, MemoryPort fetch) {
        ConcurrentHashMap<Long, Entry> m = byIsa.get(isa);
        Entry e = m == null ? null : m.get(key(pc, ctx));
        if (e == null || !CodeBytes.matches(pc, e.code, fetch)) return null;
        return e.block;
    }

    /** Offers a block just decoded from {@code fetch}. */
    void publish(Isa isa, Block b, MemoryPort fetch) { publish(isa, b, CodeBytes.of(b, fetch)); }

    /** Offers a block just decoded from {@code code} ({@link CodeBytes#of}; null: not offered). */
    void publish(Isa isa, Block b, short[] code) {
        if (code == null) return;
        ConcurrentHashMap<Long, Entry> m = byIsa.computeIfAbsent(isa, x -> new ConcurrentHashMap<>());
        if (m.size() >= MAX_ENTRIES) return;
        m.put(key(b.pc(), b.context()), new Entry(b, code));
    }
}
