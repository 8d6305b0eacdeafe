package dynvm.translator.vm;

import dynvm.ir.Block;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.translator.backend.TranslationClass;
import dynvm.translator.exec.NodeBlock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decoded, optimised blocks shared by every engine of one run, so that a forked child (or a
 * sibling running the same applet, as busybox sh forks for every pipeline stage) does not decode
 * code another process decoded already. Each process still has its own translation cache (its
 * {@link dynvm.cache.Translation}s carry per-process state: validity, successor links, the
 * inline cache, the process's memory); with {@link EngineConfig#sharedTranslations} an entry also
 * carries what is made from its block and embeds no guest state, so engines reuse it too: the
 * block's tier-0 nodes, its compiled class ({@link TranslationClass}, instantiated per process)
 * and how often it ran in tier 0 everywhere (a block that every short-lived process runs a few
 * times becomes hot for the run as a whole).
 *
 * <p>A block is a pure function of the instruction bytes in {@code [pc, endPc)}, its decode
 * context and the ISA (decoders read nothing else), so an entry is reused only after those bytes
 * are read again through the asking engine's fetch port, which also enforces that the pages are
 * mapped and executable in that process. What is attached to an entry is a pure function of its
 * block (and, for the class, of the translator's loop setting, which is checked), so it is reused
 * under the same condition. Blocks, nodes and classes are immutable, so engines on other threads
 * may run the same one. One store per run; nothing static.
 */
public final class SharedBlocks {
    /** Stop adding beyond this many entries (a run's working set is far smaller). */
    static final int MAX_ENTRIES = 1 << 17;

    /**
     * One block and what engines made of it. The attachments are set once by whichever engine
     * made them first (a race only makes the same thing twice) and read by the others.
     */
    final class Entry {
        final Block block;
        final short[] code;
        /** The block's tier-0 nodes, or null until some engine built them. */
        volatile NodeBlock nodes;
        /** The block's compiled class, or null until some engine compiled it on its own (not as a region). */
        volatile TranslationClass compiled;
        /** Whether {@link #compiled} was generated with self-loops as JVM loops. */
        volatile boolean compiledLoops;
        /**
         * Tier-0 runs of the block in every engine of the run. Plain and racy on purpose: a lost
         * update only delays promotion a little, and it costs no fence in tier 0.
         */
        int runs;
        /**
         * The block's {@link dynvm.cache.Translation#contextEffect} as the first engine found it (0:
         * not known), so the others need not read its ops (kept in stored form,
         * {@link EngineConfig#lazyIr}). Plain: a racing reader sees 0 and works it out itself.
         */
        byte contextEffect;

        Entry(Block block, short[] code) {
            this.block = block;
            this.code = code;
        }

        /** The block's tier-0 nodes if some engine built them (counted as reused), else null. */
        NodeBlock reuseNodes() {
            NodeBlock n = nodes;
            if (n != null) nodesReused.increment();
            return n;
        }

        /** The compiled class if it was made with the same loop setting, else null. */
        TranslationClass compiled(boolean loops) {
            TranslationClass c = compiled;
            return c != null && compiledLoops == loops ? c : null;
        }

        void compiled(TranslationClass c, boolean loops) {
            compiledLoops = loops;
            compiled = c; // published last: a reader that sees the class sees its loop setting
        }
    }

    private final Map<Isa, ConcurrentHashMap<Long, Entry>> byIsa = new ConcurrentHashMap<>();
    /** What was reused, over the whole run (every process and thread): for --stats and tests. */
    private final LongAdder blocksReused = new LongAdder(), nodesReused = new LongAdder(), classesReused = new LongAdder();

    private static long key(int pc, int ctx) { return ((long) ctx << 32) | (pc & 0xffffffffL); }

    /** The block decoded earlier at {@code (pc, ctx)} if the code there is still the same, else null. */
    Block find(Isa isa, int pc, int ctx, MemoryPort fetch) {
        Entry e = entry(isa, pc, ctx, fetch);
        return e == null ? null : e.block;
    }

    /** The entry of the block decoded earlier at {@code (pc, ctx)} if the code there is still the same, else null. */
    Entry entry(Isa isa, int pc, int ctx, MemoryPort fetch) {
        ConcurrentHashMap<Long, Entry> m = byIsa.get(isa);
        Entry e = m == null ? null : m.get(key(pc, ctx));
        if (e == null || !CodeBytes.matches(pc, e.code, fetch)) return null;
        blocksReused.increment();
        return e;
    }

    /** Offers a block just decoded from {@code fetch}; returns its entry, or null when not offered. */
    Entry publish(Isa isa, Block b, MemoryPort fetch) { return publish(isa, b, CodeBytes.of(b, fetch)); }

    /** Offers a block just decoded from {@code code} ({@link CodeBytes#of}; null: not offered); returns its entry or null. */
    Entry publish(Isa isa, Block b, short[] code) {
        if (code == null) return null;
        ConcurrentHashMap<Long, Entry> m = byIsa.computeIfAbsent(isa, x -> new ConcurrentHashMap<>());
        if (m.size() >= MAX_ENTRIES) return null;
        Entry e = new Entry(b, code);
        m.put(key(b.pc(), b.context()), e);
        return e;
    }


    void countClassReused() { classesReused.increment(); }

    /** Blocks reused from the store (found with the same code bytes), over the whole run. */
    public long blocksReused() { return blocksReused.sum(); }

    /** Tier-0 node blocks reused instead of built again, over the whole run. */
    public long nodesReused() { return nodesReused.sum(); }

    /** Compiled classes instantiated by an engine that did not compile them, over the whole run. */
    public long classesReused() { return classesReused.sum(); }

    /** One line for {@code --stats}. */
    String describe() {
        return String.format("blocks %,d  tier-0 nodes %,d  compiled classes %,d reused (whole run)",
                blocksReused(), nodesReused(), classesReused());
    }
}
