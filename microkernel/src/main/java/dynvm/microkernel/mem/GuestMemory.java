package dynvm.microkernel.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest physical memory of one address space: a flat window {@code [base, base+size)} backed by
 * one {@code byte[]}, with a permission byte per 4 KiB page.
 *
 * <p>Why flat: the measured probe in DESIGN.md shows paging ({@code byte[][]} plus a check per
 * access) halves throughput. The fast path here is one subtraction, one unsigned compare and a
 * view-VarHandle access, with no virtual call: the class and its accessors are final, so C2
 * inlines them into translated blocks. Every access checks the bounds of the committed part of
 * the window and reads a page flag byte. A load reads one: that of its page, when it does not
 * cross a page (a crossing load takes the slow path, which checks both pages); it takes the slow
 * path, which faults, when the page is {@link #UNMAPPED}, so a hole inside the committed range
 * (an unmapped gap, a munmap) gives SIGSEGV, as under Linux and qemu-user, never zeros. (Measured
 * on memory-heavy guests: 3 to 13% more CPU than a bounds check alone; reading the flags of the
 * first and last byte, as stores do, cost 14 to 16%.) A store reads the flags of its first and
 * last byte and needs both zero, plain writable RAM; everything else takes the slow path:
 * read-only or unmapped pages (fault) and pages that hold translated code (the translation cache
 * is told, which is how self-modifying code is caught). Accesses outside the window go to the
 * slow path too, where a later MMIO layer plugs in; in user mode they fault.
 */
public final class GuestMemory implements CodeTracker {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    /** Page flag bits. A page whose flag byte is 0 is plain readable, writable RAM. */
    public static final byte NO_WRITE = 1, UNMAPPED = 2, CODE = 4, WATCH = 8;

    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Told when a store hits a page holding translated code. Several engines (one per guest
     * thread) may share this memory; each registers its own listener, and a listener may be
     * called from any thread (the engine then queues the invalidation for its own thread).
     */
    public interface CodeWriteListener { void codeWritten(int address, int length); }

    /**
     * Backing store of the window's low part, {@code [base, base + ram.length)}: it grows (by
     * copying, only between blocks: from syscalls and the loader) as pages get mapped, so a
     * process pays for the memory it maps, not for its whole window. Fast paths bound-check
     * against its length, which also removes the JVM's own array bounds check.
     *
     * <p>Threads: growth copies into a new array, so a thread still holding the old one would
     * lose its stores. {@link #shareBetweenThreads()} therefore grows it to the whole window once,
     * before a second guest thread starts on this memory, and it never changes after that (the
     * host thread start publishes the final array).
     */
    public byte[] ram;
    public final int base;
    /** Size of the whole window (the address space the process may map into). */
    public final int size;
    private final byte[] pageFlags;
    /**
     * Pages mapped without PROT_EXEC. Kept apart from {@link #pageFlags} so that ordinary
     * non-executable data pages stay on the store fast path; only instruction fetch reads it.
     */
    private final boolean[] noExec;
    private volatile CodeWriteListener[] codeListeners = new CodeWriteListener[0];
    /** Set once a second thread may use this memory: {@link #ram} is final from then on. */
    private volatile boolean shared;
    /**
     * Read-only, executable pages outside the window at fixed addresses (the kernel's pages in
     * every process, e.g. ARM's vector page with the kuser helpers at 0xffff0000): page number to
     * contents. Reached only by the slow paths, so they cost the fast path nothing.
     */
    private final java.util.Map<Integer, byte[]> fixedPages = new java.util.HashMap<>();

    /**
     * @param base first guest address of the window (page aligned)
     * @param size window size in bytes (page multiple, at most 2 GiB - 4 KiB)
     */
    public GuestMemory(int base, int size) {
        if ((base & (PAGE_SIZE - 1)) != 0 || (size & (PAGE_SIZE - 1)) != 0 || size <= 0)
            throw new IllegalArgumentException("window must be page aligned");
        this.base = base;
        this.size = size;
        this.ram = new byte[8]; // the fast paths' bound (length - 7) must not underflow
        this.pageFlags = new byte[size >>> PAGE_SHIFT];
        this.noExec = new boolean[size >>> PAGE_SHIFT];
        java.util.Arrays.fill(pageFlags, UNMAPPED);
    }

    /** Replaces all code-write listeners by {@code l} (null: none). */
    public synchronized void setCodeWriteListener(CodeWriteListener l) {
        codeListeners = l == null ? new CodeWriteListener[0] : new CodeWriteListener[]{l};
    }

    /** Adds a listener (one per engine running on this memory). */
    public synchronized void addCodeWriteListener(CodeWriteListener l) {
        CodeWriteListener[] a = java.util.Arrays.copyOf(codeListeners, codeListeners.length + 1);
        a[a.length - 1] = l;
        codeListeners = a;
    }

    public synchronized void removeCodeWriteListener(CodeWriteListener l) {
        codeListeners = java.util.Arrays.stream(codeListeners).filter(x -> x != l).toArray(CodeWriteListener[]::new);
    }

    /**
     * A debugger's watchpoints. Pages marked {@link #WATCH} take the store slow path, which asks
     * the listener after the store is done; a load checks only when {@link #setWatchReads} is on
     * (the load fast path checks only for unmapped pages otherwise). When the listener returns true the
     * access counts as a hit: it has been performed and a {@link MemoryFault} with
     * {@code watch} set unwinds the engine, which reports it after completing the instruction.
     */
    public interface WatchListener { boolean accessed(int address, int length, boolean write); }

    private volatile WatchListener watcher;

    public void setWatchListener(WatchListener l) { watcher = l; }

    /** Marks or unmarks the pages of {@code [addr, addr+len)} as watched (stores there take the slow path). */
    public void setWatched(int addr, int len, boolean on) {
        if (inWindow(addr, len)) setFlags(addr, len, on ? WATCH : 0, on ? 0 : WATCH);
    }

    /** Plain field: changed only while the debugger holds every guest thread stopped. */
    private boolean watchReads;

    /** Turns the load-side check of {@link #loadWatched} on (read or access watchpoints exist). */
    public void setWatchReads(boolean on) { watchReads = on; }

    /** Are loads checked for watchpoints? (Engines then route loads through a checking port.) */
    public boolean watchesReads() { return watchReads; }

    /** Called after a load by the checking ports (not the compiled fast path): reports a read watchpoint hit. */
    public void loadWatched(int addr, int len) {
        if (!watchReads || !inWindow(addr, len)) return;
        if (((pageFlags[(addr - base) >>> PAGE_SHIFT] | pageFlags[(addr + len - 1 - base) >>> PAGE_SHIFT]) & WATCH) != 0)
            watched(addr, len, false);
    }

    private void watched(int addr, int len, boolean write) {
        WatchListener w = watcher;
        if (w != null && w.accessed(addr, len, write)) throw new MemoryFault(addr, write, false, true);
    }

    private void tellCodeWritten(int addr, int len) {
        for (CodeWriteListener l : codeListeners) l.codeWritten(addr, len);
    }

    /**
     * Prepares for several guest threads on this memory: {@link #ram} grows to the whole window
     * now and never again (see there). Idempotent.
     */
    public synchronized void shareBetweenThreads() {
        if (shared) return;
        if (ram.length < size) ram = java.util.Arrays.copyOf(ram, size);
        shared = true;
    }

    /** Has {@link #shareBetweenThreads()} been called? */
    public boolean isShared() { return shared; }

    /**
     * A private copy for a forked process: only the allocated part of {@code ram}, page flags
     * without the CODE marks (the copy has no translations yet), execute bits and fixed pages.
     * No listeners.
     */
    public synchronized GuestMemory copy() {
        GuestMemory m = new GuestMemory(base, size);
        m.ram = ram.clone();
        for (int i = 0; i < pageFlags.length; i++) m.pageFlags[i] = (byte) (pageFlags[i] & ~(CODE | WATCH)); // nor a debugger's watchpoints
        System.arraycopy(noExec, 0, m.noExec, 0, noExec.length);
        m.fixedPages.putAll(fixedPages); // contents are never written
        return m;
    }
    /** Is {@code [addr, addr+len)} inside the window? */
    public boolean inWindow(int addr, int len) {
        long off = (addr & 0xffffffffL) - (base & 0xffffffffL);
        return off >= 0 && off + len <= size;
    }

    // ---- page flags (set by the address space on map, unmap and protect)

    public synchronized void setFlags(int addr, int len, int set, int clear) {
        if ((clear & UNMAPPED) != 0) commit(addr, len);
        int first = (addr - base) >>> PAGE_SHIFT, last = (int) (((addr - base & 0xffffffffL) + len - 1) >>> PAGE_SHIFT);
        for (int p = first; p <= last && p < pageFlags.length; p++)
            pageFlags[p] = (byte) ((pageFlags[p] | set) & ~clear);
    }

    /** Marks {@code [addr, addr+len)} executable or not (instruction fetch checks it). */
    public synchronized void setExecutable(int addr, int len, boolean executable) {
        if (len <= 0) return;
        int first = (addr - base) >>> PAGE_SHIFT, last = (int) (((addr - base & 0xffffffffL) + len - 1) >>> PAGE_SHIFT);
        for (int p = first; p <= last && p < noExec.length; p++) noExec[p] = !executable;
    }

    /**
     * Maps a read-only, executable page at a fixed address: inside the window it becomes a
     * read-only page, outside it is served by the slow paths. Stores to it fault.
     */
    public synchronized void mapFixedPage(int addr, byte[] content) {
        if ((addr & (PAGE_SIZE - 1)) != 0 || content.length != PAGE_SIZE) throw new IllegalArgumentException("one aligned page");
        if (inWindow(addr, PAGE_SIZE)) {
            poke(addr, content, 0, PAGE_SIZE);
            setFlags(addr, PAGE_SIZE, NO_WRITE, UNMAPPED);
            setExecutable(addr, PAGE_SIZE, true);
        } else {
            fixedPages.put(addr >>> PAGE_SHIFT, content.clone());
        }
    }

    /** The byte at {@code addr} of a fixed page outside the window, or -1 when there is none. */
    private int fixedByte(int addr) {
        byte[] p = fixedPages.isEmpty() ? null : fixedPages.get(addr >>> PAGE_SHIFT);
        return p == null ? -1 : p[addr & (PAGE_SIZE - 1)] & 0xff;
    }

    /** Reads {@code len} bytes of fixed pages, or faults like a read (exec: like a fetch). */
    private int fixedLoad(int addr, int len, boolean be, boolean exec) {
        int v = 0;
        for (int i = 0; i < len; i++) {
            int b = fixedByte(addr + i);
            if (b < 0) throw new MemoryFault(addr + i, false, exec);
            v = be ? (v << 8) | b : v | (b << (8 * i));
        }
        return v;
    }

    /** Fetches an instruction word: faults unless the page is mapped and executable. */
    public int fetch32(int addr, boolean bigEndian) {
        int off = addr - base;
        if (!inWindow(addr, 4)) return fixedLoad(addr, 4, bigEndian, true);
        if (Integer.compareUnsigned(off, size - 3) >= 0 || (pageFlags[off >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[off >>> PAGE_SHIFT]
                || (pageFlags[(off + 3) >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[(off + 3) >>> PAGE_SHIFT])
            throw new MemoryFault(addr, false, true);
        return bigEndian ? load32be(addr) : load32le(addr);
    }

    /** Fetches a 16-bit instruction unit (Thumb): faults unless mapped and executable. */
    public int fetch16(int addr, boolean bigEndian) {
        int off = addr - base;
        if (!inWindow(addr, 2)) return fixedLoad(addr, 2, bigEndian, true);
        if (Integer.compareUnsigned(off, size - 1) >= 0 || (pageFlags[off >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[off >>> PAGE_SHIFT]
                || (pageFlags[(off + 1) >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[(off + 1) >>> PAGE_SHIFT])
            throw new MemoryFault(addr, false, true);
        return bigEndian ? load16be(addr) : load16le(addr);
    }

    public int flagsAt(int addr) { return inWindow(addr, 1) ? pageFlags[(addr - base) >>> PAGE_SHIFT] : UNMAPPED; }

    /** Marks the pages of {@code [addr, addr+len)} as holding translated code. */
    public void markCode(int addr, int len) { if (inWindow(addr, len)) setFlags(addr, len, CODE, 0); }

    /**
     * Clears the code mark of the page holding {@code addr}. Only when a single engine runs on
     * this memory: with several, one engine cannot know whether another still has code there,
     * so the mark stays (stores there take the slow path, which is correct, only slower).
     */
    public void clearCode(int addr) {
        if (inWindow(addr, 1) && codeListeners.length <= 1) setFlags(addr & -PAGE_SIZE, PAGE_SIZE, 0, CODE);
    }

    // ---- fast paths, big-endian

    /**
     * Can a load of {@code len} (2..8) bytes at window offset {@code off} take the fast path? When
     * it stays inside one page (all but a few unaligned accesses) and that page is mapped. One flag
     * read: a page-crossing load takes the slow path, which checks both pages.
     */
    private boolean readable(int off, int len) {
        return (off & (PAGE_SIZE - 1)) <= PAGE_SIZE - len && (pageFlags[off >>> PAGE_SHIFT] & UNMAPPED) == 0;
    }

    public int load8(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length) < 0 && (pageFlags[off >>> PAGE_SHIFT] & UNMAPPED) == 0) return r[off] & 0xff;
        return slowLoad(addr, 1, true);
    }

    public int load16be(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 1) < 0 && readable(off, 2))
            return (short) BE16.get(r, off) & 0xffff;
        return slowLoad(addr, 2, true);
    }

    public int load32be(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 3) < 0 && readable(off, 4))
            return (int) BE32.get(r, off);
        return slowLoad(addr, 4, true);
    }

    public long load64be(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 7) < 0 && readable(off, 8))
            return (long) BE64.get(r, off);
        return slowLoad64(addr, true);
    }

    public void store8(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length) < 0 && pageFlags[off >>> PAGE_SHIFT] == 0) { r[off] = (byte) v; return; }
        slowStore(addr, 1, v, true);
    }

    public void store16be(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 1) < 0 && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 1) >>> PAGE_SHIFT]) == 0) {
            BE16.set(r, off, (short) v);
            return;
        }
        slowStore(addr, 2, v, true);
    }

    public void store32be(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 3) < 0 && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 3) >>> PAGE_SHIFT]) == 0) {
            BE32.set(r, off, v);
            return;
        }
        slowStore(addr, 4, v, true);
    }

    public void store64be(int addr, long v) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 7) < 0 && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 7) >>> PAGE_SHIFT]) == 0) {
            BE64.set(r, off, v);
            return;
        }
        slowStore64(addr, v, true);
    }

    // ---- fast paths, little-endian

    public int load16le(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 1) < 0 && readable(off, 2))
            return (short) LE16.get(r, off) & 0xffff;
        return slowLoad(addr, 2, false);
    }

    public int load32le(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 3) < 0 && readable(off, 4))
            return (int) LE32.get(r, off);
        return slowLoad(addr, 4, false);
    }

    public long load64le(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 7) < 0 && readable(off, 8))
            return (long) LE64.get(r, off);
        return slowLoad64(addr, false);
    }

    public void store16le(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 1) < 0 && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 1) >>> PAGE_SHIFT]) == 0) {
            LE16.set(r, off, (short) v);
            return;
        }
        slowStore(addr, 2, v, false);
    }

    public void store32le(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 3) < 0 && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 3) >>> PAGE_SHIFT]) == 0) {
            LE32.set(r, off, v);
            return;
        }
        slowStore(addr, 4, v, false);
    }

    public void store64le(int addr, long v) {
        byte[] r = ram;
        int off = addr - base;
        if (Integer.compareUnsigned(off, r.length - 7) < 0 && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 7) >>> PAGE_SHIFT]) == 0) {
            LE64.set(r, off, v);
            return;
        }
        slowStore64(addr, v, false);
    }

    // ---- slow paths: byte at a time, with permission checks; never inlined into hot code

    private void checkRead(int addr, int len) {
        for (int i = 0; i < len; i++) {
            int a = addr + i;
            if (!inWindow(a, 1) || (pageFlags[(a - base) >>> PAGE_SHIFT] & UNMAPPED) != 0) throw new MemoryFault(a, false);
        }
    }

    /** Returns whether a page of the range is watched. */
    private boolean checkWrite(int addr, int len) {
        boolean code = false, watch = false;
        for (int i = 0; i < len; i++) {
            int a = addr + i;
            if (!inWindow(a, 1)) throw new MemoryFault(a, true);
            int f = pageFlags[(a - base) >>> PAGE_SHIFT];
            if ((f & (UNMAPPED | NO_WRITE)) != 0) throw new MemoryFault(a, true);
            code |= (f & CODE) != 0;
            watch |= (f & WATCH) != 0;
        }
        if (code) tellCodeWritten(addr, len);
        return watch;
    }

    private int slowLoad(int addr, int len, boolean be) {
        if (!inWindow(addr, len)) return fixedLoad(addr, len, be, false);
        checkRead(addr, len);
        int v = 0;
        for (int i = 0; i < len; i++) {
            int b = ram[addr + i - base] & 0xff;
            v = be ? (v << 8) | b : v | (b << (8 * i));
        }
        return v;
    }

    private long slowLoad64(int addr, boolean be) {
        long hi = slowLoad(addr, 4, be) & 0xffffffffL, lo = slowLoad(addr + 4, 4, be) & 0xffffffffL;
        return be ? (hi << 32) | lo : (lo << 32) | hi;
    }

    private void slowStore(int addr, int len, int v, boolean be) {
        boolean watch = checkWrite(addr, len);
        for (int i = 0; i < len; i++) {
            int shift = be ? 8 * (len - 1 - i) : 8 * i;
            ram[addr + i - base] = (byte) (v >>> shift);
        }
        if (watch) watched(addr, len, true);
    }

    private void slowStore64(int addr, long v, boolean be) {
        boolean watch = checkWrite(addr, 8);
        for (int i = 0; i < 8; i++) {
            int shift = be ? 8 * (7 - i) : 8 * i;
            ram[addr + i - base] = (byte) (v >>> shift);
        }
        if (watch) watched(addr, 8, true);
    }

    // ---- atomics for several guest threads (store-conditional, futex)

    /**
     * Atomic compare-and-set of the {@code size}-byte value (1, 2, 4 or 8) at {@code addr}, in
     * the given byte order: how LDREX/STREX and lwarx/stwcx. become atomic across guest threads
     * (the store-conditional succeeds if memory still holds the value the load-exclusive saw,
     * QEMU's cmpxchg scheme). Permissions are checked like a store, and a code page tells the
     * listeners. Aligned 4 and 8 byte values use the view VarHandle's CAS; aligned 1 and 2 byte
     * values a CAS on the aligned word holding them (so they are atomic against plain stores of
     * the other bytes too); unaligned ones fall back to this object's lock, atomic only against
     * other compare-and-sets.
     */
    public boolean compareAndSet(int addr, int size, long expect, long update, boolean be) {
        checkWrite(addr, size);
        int off = addr - base;
        if (!ATOMIC_VIEWS) return lockedCompareAndSet(off, size, expect, update, be);
        if (size == 8 && (off & 7) == 0) return (be ? BE64 : LE64).compareAndSet(ram, off, expect, update);
        if (size == 4 && (off & 3) == 0) return (be ? BE32 : LE32).compareAndSet(ram, off, (int) expect, (int) update);
        if ((size == 1 || size == 2) && (off & (size - 1)) == 0) {
            VarHandle w32 = be ? BE32 : LE32;
            int word = off & ~3, k = off & 3;
            int shift = be ? 8 * (4 - k - size) : 8 * k;
            int mask = (size == 1 ? 0xff : 0xffff) << shift;
            int want = ((int) expect << shift) & mask, put = ((int) update << shift) & mask;
            for (;;) {
                int w = (int) w32.getVolatile(ram, word);
                if ((w & mask) != want) return false;
                if (w32.compareAndSet(ram, word, w, (w & ~mask) | put)) return true;
            }
        }
        return lockedCompareAndSet(off, size, expect, update, be);
    }

    /**
     * Does this JVM allow atomic access modes on byte[] view VarHandles? JDK 17 does; newer ones
     * may refuse them (UnsupportedOperationException: a byte[] is not guaranteed to be aligned
     * for wider atomics, e.g. with compact object headers), and then every compare-and-set takes
     * the lock: atomic against other compare-and-sets, which is what guest exclusives use.
     */
    private static final boolean ATOMIC_VIEWS = probeAtomicViews();

    private static boolean probeAtomicViews() {
        try {
            byte[] probe = new byte[16];
            LE32.compareAndSet(probe, 0, 0, 1);
            LE64.compareAndSet(probe, 8, 0L, 1L);
            LE32.getVolatile(probe, 4);
            return true;
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return false;
        }
    }

    private boolean lockedCompareAndSet(int off, int size, long expect, long update, boolean be) {
        synchronized (this) {
            long cur = 0;
            for (int i = 0; i < size; i++) {
                long b = ram[off + i] & 0xff;
                cur = be ? (cur << 8) | b : cur | (b << (8 * i));
            }
            long m = size == 8 ? -1L : (1L << (8 * size)) - 1;
            if ((cur & m) != (expect & m)) return false;
            for (int i = 0; i < size; i++) ram[off + i] = (byte) (update >>> (be ? 8 * (size - 1 - i) : 8 * i));
            return true;
        }
    }

    /** A 32-bit load with acquire (volatile) ordering, for futex value checks; faults like a read. */
    public int load32Acquire(int addr, boolean be) {
        checkRead(addr, 4);
        int off = addr - base;
        if (ATOMIC_VIEWS && (off & 3) == 0) return (int) (be ? BE32 : LE32).getVolatile(ram, off);
        java.lang.invoke.VarHandle.acquireFence();
        return be ? load32be(addr) : load32le(addr);
    }

    // ---- bulk access for the loader and syscalls (permission-checked, no code notification bypass)

    /** Copies guest bytes out; faults like a guest read. */
    public void read(int addr, byte[] dst, int dstOff, int len) {
        if (len == 0) return;
        if (!inWindow(addr, len)) throw new MemoryFault(addr, false);
        long end = (addr & 0xffffffffL) + len;
        for (long p = addr & 0xffffffffL & -PAGE_SIZE; p < end; p += PAGE_SIZE) {
            long a = Math.max(p, addr & 0xffffffffL);
            if ((pageFlags[(int) (a - (base & 0xffffffffL)) >>> PAGE_SHIFT] & UNMAPPED) != 0) throw new MemoryFault((int) a, false);
        }
        System.arraycopy(ram, addr - base, dst, dstOff, len);
    }

    /** Copies bytes into guest memory; faults like a guest write and tells the code listener. */
    public void write(int addr, byte[] src, int srcOff, int len) {
        if (len == 0) return;
        if (!inWindow(addr, len)) throw new MemoryFault(addr, true);
        checkWritePages(addr, len);
        System.arraycopy(src, srcOff, ram, addr - base, len);
    }

    /** Writes ignoring page permissions (the loader filling read-only segments). */
    public void poke(int addr, byte[] src, int srcOff, int len) {
        if (!inWindow(addr, len)) throw new MemoryFault(addr, true);
        commit(addr, len);
        System.arraycopy(src, srcOff, ram, addr - base, len);
    }

    /**
     * Makes sure {@code [addr, addr+len)} has backing store. Growth doubles (up to the window) so
     * a process that maps page by page is copied O(log n) times.
     */
    public synchronized void commit(int addr, int len) {
        if (len <= 0 || !inWindow(addr, len)) return;
        long need = ((addr & 0xffffffffL) - (base & 0xffffffffL)) + len;
        need = (need + PAGE_SIZE - 1) & -PAGE_SIZE;
        if (need <= ram.length) return;
        long grown = Math.min(size, Math.max(need, Math.min(2L * ram.length, ram.length + (256L << 20))));
        ram = java.util.Arrays.copyOf(ram, (int) grown);
    }

    /** Bytes of backing store allocated so far. */
    public int committed() { return ram.length; }

    /** Zero-fills ignoring permissions. */
    public void zero(int addr, int len) {
        if (!inWindow(addr, len)) throw new MemoryFault(addr, true);
        commit(addr, len);
        java.util.Arrays.fill(ram, addr - base, addr - base + len, (byte) 0);
    }

    private void checkWritePages(int addr, int len) {
        boolean code = false;
        long end = (addr & 0xffffffffL) + len;
        for (long p = addr & 0xffffffffL & -PAGE_SIZE; p < end; p += PAGE_SIZE) {
            long a = Math.max(p, addr & 0xffffffffL);
            int f = pageFlags[(int) (a - (base & 0xffffffffL)) >>> PAGE_SHIFT];
            if ((f & (UNMAPPED | NO_WRITE)) != 0) throw new MemoryFault((int) a, true);
            code |= (f & CODE) != 0;
        }
        if (code) tellCodeWritten(addr, len);
    }

    /**
     * Tells the code listener that {@code [addr, addr+len)} changes under translated code (an
     * unmap or a fresh mapping over it), if any of its pages holds code.
     */
    public void discardCode(int addr, int len) {
        if (len <= 0 || !inWindow(addr, len)) return;
        long end = (addr & 0xffffffffL) + len;
        boolean code = false;
        for (long p = addr & 0xffffffffL & -PAGE_SIZE; p < end; p += PAGE_SIZE)
            code |= (pageFlags[(int) (p - (base & 0xffffffffL)) >>> PAGE_SHIFT] & CODE) != 0;
        if (code) tellCodeWritten(addr, len);
    }

    /** Could a guest access of {@code [addr, addr+len)} succeed? (Lets syscalls check before acting.) */
    public boolean accessible(int addr, int len, boolean write) {
        if (len == 0) return true;
        if (len < 0 || !inWindow(addr, len)) return false;
        int deny = write ? (UNMAPPED | NO_WRITE) : UNMAPPED;
        long end = (addr & 0xffffffffL) + len;
        for (long p = addr & 0xffffffffL & -PAGE_SIZE; p < end; p += PAGE_SIZE)
            if ((pageFlags[(int) (p - (base & 0xffffffffL)) >>> PAGE_SHIFT] & deny) != 0) return false;
        return true;
    }

    /** Reads a NUL-terminated string (at most {@code max} bytes). */
    public String readCString(int addr, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < max; i++) {
            int b = slowLoad(addr + i, 1, true);
            if (b == 0) return sb.toString();
            sb.append((char) b);
        }
        return sb.toString();
    }
}
