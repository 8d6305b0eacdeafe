package dynvm.translator.vm;

import dynvm.cache.persist.HelperResolver;
import dynvm.cache.persist.OpArrays;
import dynvm.cache.persist.TranslationStore;
import dynvm.ir.Block;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The run's view of the persistent translation cache ({@link TranslationStore}, one file per ISA
 * and dynvm build): decoded, optimised blocks of earlier runs, reused after the guest's code
 * bytes at their pc are read again through the asking engine's fetch port and found equal, as
 * {@link SharedBlocks} does within a run. Blocks decoded in this run are written at its end
 * ({@link #flush}). Shared by every thread and process of the run; nothing static.
 *
 * <p>The build fingerprint that keys the files covers the jars (or class directories) of the
 * translator (passes), the IR, the cache, the microkernel and the ISA's front-end: their paths,
 * sizes and modification times, so any rebuild starts a new file (cheaper than hashing the
 * class files at every start, and never wrong in the other direction).
 */
public final class PersistentBlocks {
    private final Path dir;
    private final long maxBytes;
    private final PrintStream diagnostics;
    private final Map<Isa, TranslationStore> stores = new ConcurrentHashMap<>();

    /** A cache in {@code dir} whose per-ISA files are bounded by {@code maxBytes}; one-line warnings go to {@code diagnostics}. */
    public PersistentBlocks(Path dir, long maxBytes, PrintStream diagnostics) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.diagnostics = diagnostics;
    }

    /** With the default bound ({@link TranslationStore#DEFAULT_MAX_BYTES}). */
    public PersistentBlocks(Path dir, PrintStream diagnostics) { this(dir, TranslationStore.DEFAULT_MAX_BYTES, diagnostics); }

    /**
     * Where runs keep it: {@code $DYNVM_CACHE/tcache}, else {@code ~/.cache/dynvm/tcache} (the
     * same root as fetch-busybox.sh's downloads).
     */
    public static Path defaultDir(Map<String, String> env) {
        String root = env.get("DYNVM_CACHE");
        Path base = root != null && !root.isEmpty() ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cache", "dynvm");
        return base.resolve("tcache");
    }

    private TranslationStore store(Isa isa) {
        return stores.computeIfAbsent(isa, i -> new TranslationStore(dir, i.name(), build(i), maxBytes,
                HelperResolver.of(i.getClass().getClassLoader()), this::warn));
    }

    private void warn(String line) {
        diagnostics.println(line);
        diagnostics.flush();
    }

    /** The stored block for {@code (pc, ctx)} if the code there is still the same, else null. */
    Block find(Isa isa, int pc, int ctx, MemoryPort fetch) { return find(isa, pc, ctx, fetch, null); }

    /**
     * As {@link #find(Isa, int, int, MemoryPort)}; with {@code ops} not null the block's ops are
     * decoded into it and the block keeps them in their stored form ({@link TranslationStore#find(int, int,
     * TranslationStore.CodeCheck, OpArrays)}).
     */
    Block find(Isa isa, int pc, int ctx, MemoryPort fetch, OpArrays ops) {
        long t0 = System.nanoTime();
        try {
            return lookup(isa, pc, ctx, fetch, ops);
        } finally {
            lookupNanos.add(System.nanoTime() - t0);
        }
    }

    private final java.util.concurrent.atomic.LongAdder lookupNanos = new java.util.concurrent.atomic.LongAdder();

    private Block lookup(Isa isa, int pc, int ctx, MemoryPort fetch, OpArrays ops) {
        boolean big = isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
        return store(isa).find(pc, ctx, (at, code) -> {
            int n = code.remaining();
            if ((n & 1) != 0) return false;
            try {
                int i = 0;
                if ((at & 3) == 0) // a word at a time where the code is word-aligned (fixed-width encodings): half the port calls
                    for (; i + 4 <= n; i += 4) {
                        // the stored halfwords are load16's, in the guest's order within the word
                        int first = code.getShort(i) & 0xffff, second = code.getShort(i + 2) & 0xffff;
                        if (fetch.load32(at + i) != (big ? first << 16 | second : second << 16 | first)) return false;
                    }
                for (; i < n; i += 2)
                    if ((short) fetch.load16(at + i) != code.getShort(i)) return false;
                return true;
            } catch (MemoryFault f) {
                return false; // the decoder meets the fault itself, at the right instruction
            }
        }, ops);
    }

    /** Offers a block just decoded from {@code code} ({@link CodeBytes#of}; null: not offered), to be written at the run's end. */
    void publish(Isa isa, Block b, short[] code) { publish(isa, b, code, null); }

    /**
     * As {@link #publish(Isa, Block, short[])}; with {@code ops} not null, returns {@code b} as
     * stored, its ops decoded into {@code ops} and kept in stored form
     * ({@link TranslationStore#add(Block, byte[], OpArrays)}), or null when it was not stored.
     */
    Block publish(Isa isa, Block b, short[] code, OpArrays ops) {
        if (code == null || code.length > 0x7fff) return null;
        ByteBuffer bytes = ByteBuffer.allocate(2 * code.length);
        for (short h : code) bytes.putShort(h);
        return store(isa).add(b, bytes.array(), ops);
    }

    /** Writes what this run added; a failure is one line on stderr (the run's result does not depend on it). */
    public void flush() {
        long t0 = System.nanoTime();
        for (TranslationStore s : stores.values()) {
            try {
                s.flush();
            } catch (IOException | RuntimeException e) {
                warn("dynvm: cannot write translation cache " + s.file() + ": " + e);
            }
        }
        flushNanos += System.nanoTime() - t0;
    }

    private long flushNanos;

    /** Look-ups that found a stored block, over every ISA of the run. */
    public long hits() { return stores.values().stream().mapToLong(TranslationStore::hits).sum(); }

    /** Look-ups that found none. */
    public long misses() { return stores.values().stream().mapToLong(TranslationStore::misses).sum(); }

    /** The {@code --stats} line. */
    public void printStats(PrintStream out) {
        out.printf("  persistent cache    hits %,d  misses %,d  look-ups %.1f ms  written in %.1f ms  (%s)%n", hits(), misses(),
                lookupNanos.sum() / 1e6, flushNanos / 1e6, dir);
    }

    /**
     * The fingerprint of the code that decides what a block of {@code isa} looks like: a 64-bit
     * FNV-1a hash of where those classes come from (no MessageDigest: initialising the security
     * providers costs a short run tens of milliseconds).
     */
    static String build(Isa isa) {
        long h = 0xcbf29ce484222325L;
        for (Class<?> c : new Class<?>[]{Translator.class, Block.class, TranslationStore.class, GuestMemory.class, isa.getClass()})
            for (byte b : (describe(c) + "\0").getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return String.format("%016x", h);
    }

    /** Where {@code c} was loaded from, with the size and time of that jar (or of every file of that class directory). */
    private static String describe(Class<?> c) {
        var src = c.getProtectionDomain().getCodeSource();
        if (src == null || src.getLocation() == null) return c.getName();
        try {
            Path p = Path.of(src.getLocation().toURI());
            if (Files.isRegularFile(p)) return p + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
            long[] sum = new long[3];
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile).forEach(f -> {
                    try {
                        sum[0]++;
                        sum[1] += Files.size(f);
                        sum[2] = Math.max(sum[2], Files.getLastModifiedTime(f).toMillis());
                    } catch (IOException e) {
                        sum[0] = -1;
                    }
                });
            }
            return p + ":" + sum[0] + ":" + sum[1] + ":" + sum[2];
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return c.getName() + ":" + e;
        }
    }
}
