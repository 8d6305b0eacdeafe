package dynvm.cache.persist;

import dynvm.ir.Block;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The persistent translation cache of one ISA and one dynvm build: optimised blocks kept across
 * runs in {@code DIR/ISA-BUILD.tcache}, so a second run of the same program skips decoding and
 * the passes. See the package documentation for the design.
 *
 * <p>Thread-safe: every engine of a run may look up and add. The file is opened (mapped) at the
 * first look-up; blocks added during the run are written by {@link #flush()}, merged into the
 * file as it is then.
 */
public final class TranslationStore {
    /** Default bound of one ISA's file. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Files of other builds of the same ISA unused this long are deleted when this one is written. */
    static final long STALE_MILLIS = 7L * 24 * 3600 * 1000;

    /** Is {@code code} (a record's code bytes) what the guest has at {@code pc} now? */
    @FunctionalInterface
    public interface CodeCheck { boolean matches(int pc, ByteBuffer code); }

    private final Path dir, file, lockFile;
    private final String prefix;
    private final long fingerprint, maxBytes;
    private final HelperResolver helpers;
    private final Consumer<String> warn;
    private final ConcurrentLinkedQueue<byte[][]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final LongAdder hits = new LongAdder(), misses = new LongAdder();
    private volatile int written = -1;
    /** The mapped file: null until the first look-up, {@link #NONE} when there is none or it is unusable. */
    private volatile Object mapped;
    private static final Object NONE = new Object();
    private boolean warned;

    /**
     * @param dir      the cache directory (created when first written)
     * @param isa      the ISA's name (part of the file name)
     * @param build    dynvm's build fingerprint (part of the file name and checked in the header)
     * @param maxBytes bound of the file; the oldest blocks are dropped beyond it
     * @param helpers  resolves the helpers stored blocks call
     * @param warn     gets the one line saying a file is unreadable and rebuilt
     */
    public TranslationStore(Path dir, String isa, String build, long maxBytes, HelperResolver helpers, Consumer<String> warn) {
        this.dir = dir;
        this.prefix = safe(isa) + "-";
        this.file = dir.resolve(prefix + safe(build) + ".tcache");
        this.lockFile = dir.resolve(prefix + safe(build) + ".lock");
        this.fingerprint = fingerprint(isa + "\0" + build);
        this.maxBytes = maxBytes;
        this.helpers = helpers;
        this.warn = warn;
    }

    private static String safe(String s) { return s.replaceAll("[^A-Za-z0-9_.-]", "_"); }

    private static long fingerprint(String s) {
        long h = 0xcbf29ce484222325L; // FNV-1a
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return h;
    }

    static long key(int pc, int ctx) { return ((long) ctx << 32) | (pc & 0xffffffffL); }

    public Path file() { return file; }

    /** Look-ups that found a block. */
    public long hits() { return hits.sum(); }

    /** Look-ups that found none (no entry, other code, or an unusable file). */
    public long misses() { return misses.sum(); }

    /** Blocks the last {@link #flush()} wrote in all (-1: it wrote nothing). */
    public int written() { return written; }

    /** The block stored for {@code (pc, ctx)} whose code {@code check} accepts, or null. */
    public Block find(int pc, int ctx, CodeCheck check) { return find(pc, ctx, check, null); }

    /**
     * As {@link #find(int, int, CodeCheck)}; with {@code ops} not null, the block's ops are decoded
     * into it and the block keeps them in their stored form ({@link BlockCodec#decodeOps}).
     */
    public Block find(int pc, int ctx, CodeCheck check, OpArrays ops) {
        StoreFile f = mapped();
        if (f != null) {
            long k = key(pc, ctx);
            int i = f.first(k);
            try {
                for (; i >= 0 && i < f.count() && f.key(i) == k; i++) {
                    ByteBuffer r = f.record(i);
                    if (!check.matches(pc, StoreFile.code(r))) continue;
                    Block b;
                    try {
                        b = ops == null ? BlockCodec.decode(StoreFile.block(r), helpers) : BlockCodec.decodeOps(StoreFile.block(r), helpers, ops);
                    } catch (RuntimeException e) {
                        throw new StoreFile.Unreadable("entry " + i + " does not decode: " + e);
                    }
                    if (b.pc() != pc || b.context() != ctx) throw new StoreFile.Unreadable("entry " + i + " is filed under another pc");
                    hits.increment();
                    return b;
                }
            } catch (StoreFile.Unreadable e) {
                unusable(e.getMessage());
            }
        }
        misses.increment();
        return null;
    }

    /** Offers a block decoded in this run, with the code bytes it was decoded from (written by {@link #flush()}). */
    public void add(Block b, byte[] code) { add(b, code, null); }

    /**
     * As {@link #add(Block, byte[])}; with {@code ops} not null, also returns {@code b} with its
     * ops kept in the form of the record it was stored as ({@link BlockCodec#storedForm}: the same
     * block, without an object per op once nothing else holds {@code b}) and puts {@code b}'s ops
     * in {@code ops}; null when it was not stored.
     */
    public Block add(Block b, byte[] code, OpArrays ops) {
        if (code.length > 0xffff || pendingBytes.get() > maxBytes) return null;
        byte[] form;
        try {
            form = BlockCodec.encode(b);
        } catch (IllegalArgumentException e) {
            return null; // e.g. instrumented by a plugin: not a pure function of the code
        }
        byte[] rec = StoreFile.makeRecord(code, form);
        pendingBytes.addAndGet(rec.length);
        pending.add(new byte[][]{longBytes(key(b.pc(), b.context())), rec});
        if (ops == null) return null;
        try { // (the record's own array: it is never written again)
            Block kept = BlockCodec.storedForm(b, rec, rec.length - form.length, form.length, helpers);
            ops.fill(b.ops());
            return kept;
        } catch (RuntimeException e) {
            return null; // a helper its name does not find again: the caller keeps its block
        }
    }

    private static byte[] longBytes(long v) { return ByteBuffer.allocate(8).putLong(v).array(); }

    private StoreFile mapped() {
        Object m = mapped;
        if (m == null) {
            synchronized (this) {
                m = mapped;
                if (m == null) {
                    try {
                        StoreFile f = StoreFile.open(file, fingerprint);
                        m = f == null ? NONE : f;
                    } catch (StoreFile.Unreadable e) {
                        warnOnce(e.getMessage());
                        m = NONE;
                    } catch (IOException e) {
                        warnOnce(e.toString());
                        m = NONE;
                    }
                    mapped = m;
                }
            }
        }
        return m == NONE ? null : (StoreFile) m;
    }

    private synchronized void unusable(String reason) {
        warnOnce(reason);
        mapped = NONE;
    }

    private synchronized void warnOnce(String reason) {
        if (warned) return;
        warned = true;
        warn.accept("dynvm: translation cache " + file + " unreadable (" + reason + "); rebuilding");
    }

    /**
     * Writes the blocks added since the last flush into the file, under the file's lock: what the
     * file holds now (another run may have written it since this one mapped it) is kept unless it
     * is unreadable, duplicates are dropped, and the oldest blocks go when the bound is passed.
     * Does nothing when nothing was added.
     */
    public void flush() throws IOException {
        List<byte[][]> mine = new ArrayList<>();
        for (byte[][] p; (p = pending.poll()) != null; ) mine.add(p);
        pendingBytes.set(0);
        if (mine.isEmpty()) {
            markUsed();
            return;
        }
        Files.createDirectories(dir);
        StoreWriter.locked(lockFile, () -> {
            List<StoreWriter.Rec> recs = new ArrayList<>();
            StoreFile cur = null;
            try {
                cur = StoreFile.open(file, fingerprint);
                if (cur != null) {
                    long[] offsets = new long[cur.count()];
                    for (int i = 0; i < offsets.length; i++) offsets[i] = cur.offset(i);
                    for (int i : StoreWriter.sortedByKey(offsets)) recs.add(new StoreWriter.Rec(cur.key(i), cur.record(i))); // oldest first, each checked
                }
            } catch (StoreFile.Unreadable e) {
                warnOnce(e.getMessage());
                recs.clear();
                cur = null;
            }
            // the file's records are distinct (every writer dropped duplicates): only the new ones
            // are compared, with the file's records of their key and with each other
            int old = recs.size();
            Set<Object> seen = new HashSet<>();
            for (byte[][] p : mine) {
                long k = ByteBuffer.wrap(p[0]).getLong();
                ByteBuffer r = ByteBuffer.wrap(p[1]);
                if (!inFile(cur, k, r) && seen.add(identity(k, r))) recs.add(new StoreWriter.Rec(k, r));
            }
            if (recs.size() == old && old > 0) return null; // everything was there already
            long size = StoreFile.HEADER;
            for (StoreWriter.Rec r : recs) size += StoreFile.ENTRY + r.bytes().remaining();
            int drop = 0;
            while (size > maxBytes && drop < recs.size()) {
                size -= StoreFile.ENTRY + recs.get(drop).bytes().remaining();
                drop++;
            }
            List<StoreWriter.Rec> kept = recs.subList(drop, recs.size());
            StoreWriter.write(file, fingerprint, kept);
            written = kept.size();
            return null;
        });
        deleteStale();
    }

    /**
     * A file this run read from but had nothing to add to is still in use: its time says so (once
     * a day at most), so that other builds' runs do not delete it as stale.
     */
    private void markUsed() {
        if (hits.sum() == 0) return;
        try {
            long now = System.currentTimeMillis();
            if (now - Files.getLastModifiedTime(file).toMillis() > STALE_MILLIS / 7) Files.setLastModifiedTime(file, FileTime.fromMillis(now));
        } catch (IOException e) {
            // best effort
        }
    }

    /** Does {@code file} (checked already, or null) hold a record of key {@code k} with {@code r}'s code bytes? */
    private static boolean inFile(StoreFile file, long k, ByteBuffer r) {
        if (file == null) return false;
        ByteBuffer code = StoreFile.code(r);
        try {
            for (int i = file.first(k); i >= 0 && i < file.count() && file.key(i) == k; i++)
                if (StoreFile.code(file.record(i)).equals(code)) return true;
        } catch (StoreFile.Unreadable e) {
            return false; // (every record was checked above)
        }
        return false;
    }

    /** What makes two records the same block: key and code bytes. */
    private static Object identity(long key, ByteBuffer record) { return List.of(key, StoreFile.code(record)); }

    /** Other builds' files of this ISA, unused for a week (a build's files stay while it is in use). */
    private void deleteStale() {
        long now = System.currentTimeMillis();
        try (var files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                if (p.equals(file) || p.equals(lockFile)) continue;
                if (!n.endsWith(".tcache") && !n.endsWith(".lock")) continue;
                FileTime t = Files.getLastModifiedTime(p);
                if (now - t.toMillis() > STALE_MILLIS) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: stale files only cost disk space
        }
    }
}
