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
 *
 * <p>Pages shared between processes (System V shared memory) are {@link #alias aliases} of another
 * array: they carry {@link #ALIAS} with {@link #UNMAPPED}, so the fast paths, unchanged, send them
 * to the slow paths, which read and write that array. Plain memory pays nothing for them.
 */
public final class GuestMemory implements CodeTracker {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    /** Page flag bits. A page whose flag byte is 0 is plain readable, writable RAM. */
    public static final byte NO_WRITE = 1, UNMAPPED = 2, CODE = 4, WATCH = 8;
    /**
     * The page is an alias of a shared segment's bytes ({@link #alias}), kept with
     * {@link #UNMAPPED} so that every fast path leaves it to the slow paths, which reach the
     * segment's array instead of {@link #ram}.
     */
    public static final byte ALIAS = 16;

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
     * copying) as pages get mapped, so a process pays for the memory it maps, not for its whole
     * window. Fast paths bound-check against its length, which also removes the JVM's own array
     * bounds check.
     *
     * <p>Threads: growth copies into a new array, so a thread still holding the old one would
     * lose its stores. Once the memory is {@link #shareBetweenThreads shared}, every thread that
     * runs guest code on it holds the {@link #enterRunning running gate} while it does (its
     * engine's slice, a signal frame), and syscall-side accesses (the bulk methods, futex words)
     * hold it for the access; a growth takes the gate exclusively, so it waits until each thread
     * has left its slice (at a block boundary: chained blocks and regions return to the
     * dispatcher within a slice), copies, and lets them resume with the new array (the gate's
     * release and acquire publish it). Threads blocked in syscalls hold nothing.
     */
    public byte[] ram;
    public final int base;
    /** Size of the whole window (the address space the process may map into). */
    public final int size;
    /** Per page of the window: the flag bits above (public: translated blocks test them inline, see BytecodeBackend). */
    public final byte[] pageFlags;
    /**
     * Pages mapped without PROT_EXEC. Kept apart from {@link #pageFlags} so that ordinary
     * non-executable data pages stay on the store fast path; only instruction fetch reads it.
     */
    private final boolean[] noExec;
    private volatile CodeWriteListener[] codeListeners = new CodeWriteListener[0];
    /** Set once a second thread may use this memory: {@link #ram} grows only through the gate from then on. */
    private volatile boolean shared;
    /**
     * Held shared by each thread while it runs guest code or accesses memory from a syscall,
     * exclusively by a growth (see {@link #ram}). Unused until the memory is shared.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** Growths of a shared memory so far (each stopped every thread of it once). */
    private volatile int sharedGrowths;
    /** How to make each running thread end its slice soon ({@link #addRunner}); replaced as a whole. */
    private volatile Runnable[] kicks = new Runnable[0];
    /**
     * Read-only, executable pages outside the window at fixed addresses (the kernel's pages in
     * every process, e.g. ARM's vector page with the kuser helpers at 0xffff0000): page number to
     * contents. Reached only by the slow paths, so they cost the fast path nothing.
     */
    private final java.util.Map<Integer, byte[]> fixedPages = new java.util.HashMap<>();

    /**
     * The holder of a shared segment (System V shared memory): told of each alias of its bytes
     * made ({@link #alias}, and each alias a fork's {@link #copy} inherits) and each one removed,
     * so it can count attaches. Called without this memory's lock held.
     */
    public interface AliasOwner {
        void attached();
        void detached();
    }

    /** {@code [start, end)} of the window shows {@code data} from {@code dataStart} on. */
    private record Alias(long start, long end, byte[] data, long dataStart, AliasOwner owner) {
        int offset(int addr) { return (int) ((addr & 0xffffffffL) - start + dataStart); }
    }

    /**
     * The window's aliases, few (one per attached segment): replaced as a whole on change, so the
     * slow paths read it without a lock. Pages inside them carry {@link #ALIAS} and {@link #UNMAPPED}.
     */
    private volatile Alias[] aliases = new Alias[0];

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
     * Prepares for several guest threads on this memory: from now on {@link #ram} grows only
     * while every thread is out of its slice (see there). Idempotent.
     */
    public synchronized void shareBetweenThreads() {
        shared = true;
    }

    /**
     * Called by a thread before it runs guest code on this memory (an engine slice, a signal
     * frame's stores): while it runs, {@link #ram} does not change. Returns whether the gate was
     * taken (only for a shared memory); pass that to {@link #leaveRunning}. Waits while a growth
     * is copying. Never call it while holding this memory's lock.
     */
    public boolean enterRunning() {
        if (!shared) return false;
        gate.readLock().lock();
        return true;
    }

    /** Ends what {@link #enterRunning} began (with its result). */
    public void leaveRunning(boolean entered) {
        if (entered) gate.readLock().unlock();
    }

    /**
     * Registers how to make a thread that runs guest code on this memory leave its slice soon
     * (its engine's interrupt flag): a growth kicks every runner while it waits for the gate.
     */
    public synchronized void addRunner(Runnable kick) {
        Runnable[] a = java.util.Arrays.copyOf(kicks, kicks.length + 1);
        a[a.length - 1] = kick;
        kicks = a;
    }

    public synchronized void removeRunner(Runnable kick) {
        kicks = java.util.Arrays.stream(kicks).filter(x -> x != kick).toArray(Runnable[]::new);
    }

    /** How many times a shared memory has grown (each one a stop of its threads). */
    public int sharedGrowths() { return sharedGrowths; }

    /**
     * After a syscall read from the host straight into {@code array} (which was {@link #ram}
     * when the read began) at {@code [addr, addr+len)}: if the memory grew meanwhile, the bytes
     * are copied into the new array. (A blocking read cannot hold the gate: the writer it waits
     * for may be the thread that grows the memory.)
     */
    public void directWriteDone(byte[] array, int addr, int len) {
        if (len <= 0 || !shared) return;
        boolean in = enterRunning();
        try {
            byte[] r = ram;
            if (r != array) System.arraycopy(array, addr - base, r, addr - base, len);
        } finally {
            leaveRunning(in);
        }
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
        m.aliases = aliases; // the same segments' arrays: shared with the parent, as MAP_SHARED is
        return m;
    }

    /** Tells the owners of {@code m}'s aliases they have one more attach each (after a {@link #copy}). */
    public static void attachedAll(GuestMemory m) {
        for (Alias a : m.aliases) a.owner.attached();
    }
    /** Is {@code [addr, addr+len)} inside the window? */
    public boolean inWindow(int addr, int len) {
        long off = (addr & 0xffffffffL) - (base & 0xffffffffL);
        return off >= 0 && off + len <= size;
    }

    // ---- page flags (set by the address space on map, unmap and protect)

    public void setFlags(int addr, int len, int set, int clear) {
        if ((clear & UNMAPPED) != 0) commit(addr, len);
        synchronized (this) { setFlagsLocked(addr, len, set, clear); }
    }

    private void setFlagsLocked(int addr, int len, int set, int clear) {
        int first = (addr - base) >>> PAGE_SHIFT, last = (int) (((addr - base & 0xffffffffL) + len - 1) >>> PAGE_SHIFT);
        for (int p = first; p <= last && p < pageFlags.length; p++) {
            int f = (pageFlags[p] | set) & ~clear;
            // an alias page stays away from the fast paths whatever protection it gets
            if ((pageFlags[p] & ALIAS) != 0 && (clear & ALIAS) == 0) f |= ALIAS | UNMAPPED;
            pageFlags[p] = (byte) f;
        }
    }

    // ---- aliases: pages showing a shared segment's bytes

    /**
     * Makes the pages of {@code [addr, addr+len)} (page aligned, inside the window, mapped by the
     * caller) show {@code data} from {@code dataOffset} on: every access of this memory there
     * reads and writes {@code data}, so several memories (forked processes) aliasing the same
     * array share its bytes. {@code owner} is told of it after the memory's lock is released.
     */
    public void alias(int addr, int len, byte[] data, int dataOffset, AliasOwner owner) {
        if ((addr & (PAGE_SIZE - 1)) != 0 || (len & (PAGE_SIZE - 1)) != 0 || len <= 0 || !inWindow(addr, len)
                || dataOffset < 0 || dataOffset + (long) len > data.length)
            throw new IllegalArgumentException("alias must be whole pages inside the window and the data");
        commit(addr, len); // now, outside the lock: the alias's end restores plain pages there
        java.util.List<Runnable> tell = new java.util.ArrayList<>();
        synchronized (this) {
            removeAliases(addr & 0xffffffffL, (addr & 0xffffffffL) + len, tell);
            discardCode(addr, len);
            Alias[] a = java.util.Arrays.copyOf(aliases, aliases.length + 1);
            a[a.length - 1] = new Alias(addr & 0xffffffffL, (addr & 0xffffffffL) + len, data, dataOffset, owner);
            aliases = a;
            setFlags(addr, len, ALIAS | UNMAPPED, 0);
        }
        tell.forEach(Runnable::run);
        owner.attached();
    }

    /**
     * Ends the aliases in {@code [addr, addr+len)}; what the range cuts off an alias stays one (as
     * a split mapping, another attach). The pages become plain again with their other flags; the
     * caller unmaps or remaps them. Owners are told after the lock is released.
     */
    public void unalias(int addr, int len) {
        if (len <= 0 || aliases.length == 0) return;
        java.util.List<Runnable> tell = new java.util.ArrayList<>();
        synchronized (this) {
            long s = addr & 0xffffffffL;
            removeAliases(s, Math.min(s + (len & 0xffffffffL), 1L << 32), tell);
        }
        tell.forEach(Runnable::run);
    }

    /** Ends every alias (process exit, exec). */
    public void unaliasAll() { unalias(base, size); }

    /** The start of the alias holding {@code addr} and its owner, or null. */
    public AliasOwner aliasOwner(int addr) {
        Alias a = aliasAt(addr);
        return a == null ? null : a.owner;
    }

    /** The window range {@code {start, end}} of the alias holding {@code addr}, or null. */
    public long[] aliasRange(int addr) {
        Alias a = aliasAt(addr);
        return a == null ? null : new long[] {a.start, a.end};
    }

    /** Does any page of {@code [addr, addr+len)} alias a segment? (Bulk copies must then go page by page.) */
    public boolean aliased(int addr, int len) {
        if (aliases.length == 0 || len <= 0) return false;
        long s = addr & 0xffffffffL, e = s + len;
        for (Alias a : aliases) if (a.start < e && s < a.end) return true;
        return false;
    }

    /** Caller holds the lock. */
    private void removeAliases(long s, long e, java.util.List<Runnable> tell) {
        java.util.List<Alias> keep = new java.util.ArrayList<>();
        boolean changed = false;
        for (Alias a : aliases) {
            if (a.end <= s || e <= a.start) { keep.add(a); continue; }
            changed = true;
            long cs = Math.max(s, a.start), ce = Math.min(e, a.end);
            setFlags((int) cs, (int) (ce - cs), 0, ALIAS | UNMAPPED);
            tell.add(a.owner::detached);
            if (a.start < cs) {
                keep.add(new Alias(a.start, cs, a.data, a.dataStart, a.owner));
                tell.add(a.owner::attached);
            }
            if (ce < a.end) {
                keep.add(new Alias(ce, a.end, a.data, a.dataStart + (ce - a.start), a.owner));
                tell.add(a.owner::attached);
            }
        }
        if (changed) aliases = keep.toArray(new Alias[0]);
    }

    private Alias aliasAt(int addr) {
        long x = addr & 0xffffffffL;
        for (Alias a : aliases) if (a.start <= x && x < a.end) return a;
        return null;
    }

    /** The alias holding all of {@code [addr, addr+len)}, or null. */
    private Alias aliasFor(int addr, int len) {
        Alias a = aliasAt(addr);
        return a != null && (addr & 0xffffffffL) + len <= a.end ? a : null;
    }

    private boolean isAlias(int addr) {
        return (pageFlags[(addr - base) >>> PAGE_SHIFT] & ALIAS) != 0;
    }

    /** A byte the slow paths read: the segment's for an alias page, else the window's. */
    private int byteAt(int addr) {
        if (isAlias(addr)) {
            Alias a = aliasAt(addr);
            if (a != null) return a.data[a.offset(addr)] & 0xff;
        }
        return ram[addr - base] & 0xff;
    }

    private void putByte(int addr, int v) {
        if (isAlias(addr)) {
            Alias a = aliasAt(addr);
            if (a != null) { a.data[a.offset(addr)] = (byte) v; return; }
        }
        ram[addr - base] = (byte) v;
    }

    /** Is the page of {@code off} (window offset) unmapped for an access, an alias page being mapped? */
    private boolean deniedRead(int f) { return (f & (UNMAPPED | ALIAS)) == UNMAPPED; }

    /** Copies window bytes out, through the aliases page by page. */
    private void copyOut(int addr, byte[] dst, int dstOff, int len) {
        if (!aliased(addr, len)) { System.arraycopy(ram, addr - base, dst, dstOff, len); return; }
        int done = 0;
        while (done < len) {
            int a = addr + done;
            int n = Math.min(len - done, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
            Alias al = isAlias(a) ? aliasAt(a) : null;
            if (al != null) System.arraycopy(al.data, al.offset(a), dst, dstOff + done, n);
            else System.arraycopy(ram, a - base, dst, dstOff + done, n);
            done += n;
        }
    }

    private void copyIn(int addr, byte[] src, int srcOff, int len) {
        if (!aliased(addr, len)) { System.arraycopy(src, srcOff, ram, addr - base, len); return; }
        int done = 0;
        while (done < len) {
            int a = addr + done;
            int n = Math.min(len - done, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
            Alias al = isAlias(a) ? aliasAt(a) : null;
            if (al != null) System.arraycopy(src, srcOff + done, al.data, al.offset(a), n);
            else System.arraycopy(src, srcOff + done, ram, a - base, n);
            done += n;
        }
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
        if (!below(off, size - 3) || (pageFlags[off >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[off >>> PAGE_SHIFT]
                || (pageFlags[(off + 3) >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[(off + 3) >>> PAGE_SHIFT])
            throw new MemoryFault(addr, false, true);
        return bigEndian ? load32be(addr) : load32le(addr);
    }

    /** Fetches a 16-bit instruction unit (Thumb): faults unless mapped and executable. */
    public int fetch16(int addr, boolean bigEndian) {
        int off = addr - base;
        if (!inWindow(addr, 2)) return fixedLoad(addr, 2, bigEndian, true);
        if (!below(off, size - 1) || (pageFlags[off >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[off >>> PAGE_SHIFT]
                || (pageFlags[(off + 1) >>> PAGE_SHIFT] & UNMAPPED) != 0 || noExec[(off + 1) >>> PAGE_SHIFT])
            throw new MemoryFault(addr, false, true);
        return bigEndian ? load16be(addr) : load16le(addr);
    }

    /**
     * Unsigned {@code a < b} as one signed compare, for the fast paths: C1 (the launcher's only
     * JIT) inlines {@code Integer.compareUnsigned} as written, {@code Integer.compare}'s three-way
     * value and then a test of it; only C2 makes it one unsigned compare.
     */
    private static boolean below(int a, int b) { return (a ^ Integer.MIN_VALUE) < (b ^ Integer.MIN_VALUE); }

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

    // ---- fast paths, big-endian: the little-endian views and a byte swap in the accessor itself,
    // where C1 inlines Integer.reverseBytes (inside a big-endian view it sits too deep for C1's
    // inlining limits and stays a call; Long.reverseBytes is too large for C1 anywhere)

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
        if (below(off, r.length) && (pageFlags[off >>> PAGE_SHIFT] & UNMAPPED) == 0) return r[off] & 0xff;
        return slowLoad(addr, 1, true);
    }

    public int load16be(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 1) && readable(off, 2))
            return Short.reverseBytes((short) LE16.get(r, off)) & 0xffff;
        return slowLoad(addr, 2, true);
    }

    public int load32be(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 3) && readable(off, 4))
            return Integer.reverseBytes((int) LE32.get(r, off));
        return slowLoad(addr, 4, true);
    }

    public long load64be(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 7) && readable(off, 8))
            return (long) Integer.reverseBytes((int) LE32.get(r, off)) << 32 | Integer.reverseBytes((int) LE32.get(r, off + 4)) & 0xffffffffL;
        return slowLoad64(addr, true);
    }

    public void store8(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length) && pageFlags[off >>> PAGE_SHIFT] == 0) { r[off] = (byte) v; return; }
        slowStore(addr, 1, v, true);
    }

    public void store16be(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 1) && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 1) >>> PAGE_SHIFT]) == 0) {
            LE16.set(r, off, Short.reverseBytes((short) v));
            return;
        }
        slowStore(addr, 2, v, true);
    }

    public void store32be(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 3) && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 3) >>> PAGE_SHIFT]) == 0) {
            LE32.set(r, off, Integer.reverseBytes(v));
            return;
        }
        slowStore(addr, 4, v, true);
    }

    public void store64be(int addr, long v) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 7) && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 7) >>> PAGE_SHIFT]) == 0) {
            LE32.set(r, off, Integer.reverseBytes((int) (v >>> 32)));
            LE32.set(r, off + 4, Integer.reverseBytes((int) v));
            return;
        }
        slowStore64(addr, v, true);
    }

    // ---- fast paths, little-endian

    public int load16le(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 1) && readable(off, 2))
            return (short) LE16.get(r, off) & 0xffff;
        return slowLoad(addr, 2, false);
    }

    public int load32le(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 3) && readable(off, 4))
            return (int) LE32.get(r, off);
        return slowLoad(addr, 4, false);
    }

    public long load64le(int addr) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 7) && readable(off, 8))
            return (long) LE64.get(r, off);
        return slowLoad64(addr, false);
    }

    public void store16le(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 1) && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 1) >>> PAGE_SHIFT]) == 0) {
            LE16.set(r, off, (short) v);
            return;
        }
        slowStore(addr, 2, v, false);
    }

    public void store32le(int addr, int v) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 3) && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 3) >>> PAGE_SHIFT]) == 0) {
            LE32.set(r, off, v);
            return;
        }
        slowStore(addr, 4, v, false);
    }

    public void store64le(int addr, long v) {
        byte[] r = ram;
        int off = addr - base;
        if (below(off, r.length - 7) && (pageFlags[off >>> PAGE_SHIFT] | pageFlags[(off + 7) >>> PAGE_SHIFT]) == 0) {
            LE64.set(r, off, v);
            return;
        }
        slowStore64(addr, v, false);
    }

    // ---- slow paths: byte at a time, with permission checks; never inlined into hot code

    private void checkRead(int addr, int len) {
        for (int i = 0; i < len; i++) {
            int a = addr + i;
            if (!inWindow(a, 1) || deniedRead(pageFlags[(a - base) >>> PAGE_SHIFT])) throw new MemoryFault(a, false);
        }
    }

    /** Returns whether a page of the range is watched. */
    private boolean checkWrite(int addr, int len) {
        boolean code = false, watch = false;
        for (int i = 0; i < len; i++) {
            int a = addr + i;
            if (!inWindow(a, 1)) throw new MemoryFault(a, true);
            int f = pageFlags[(a - base) >>> PAGE_SHIFT];
            if (deniedRead(f) || (f & NO_WRITE) != 0) throw new MemoryFault(a, true);
            code |= (f & CODE) != 0;
            watch |= (f & WATCH) != 0;
        }
        if (code) tellCodeWritten(addr, len);
        return watch;
    }

    private int slowLoad(int addr, int len, boolean be) {
        if (!inWindow(addr, len)) return fixedLoad(addr, len, be, false);
        checkRead(addr, len);
        Alias al = aliases.length == 0 || len == 1 ? null : aliasFor(addr, len);
        if (al != null) { // one access, not byte by byte: another process sees it whole
            int o = al.offset(addr);
            return len == 2 ? (short) (be ? BE16 : LE16).get(al.data, o) & 0xffff : (int) (be ? BE32 : LE32).get(al.data, o);
        }
        int v = 0;
        for (int i = 0; i < len; i++) {
            int b = byteAt(addr + i);
            v = be ? (v << 8) | b : v | (b << (8 * i));
        }
        return v;
    }

    private long slowLoad64(int addr, boolean be) {
        Alias al = aliases.length == 0 ? null : aliasFor(addr, 8);
        if (al != null) {
            checkRead(addr, 8);
            return (long) (be ? BE64 : LE64).get(al.data, al.offset(addr));
        }
        long hi = slowLoad(addr, 4, be) & 0xffffffffL, lo = slowLoad(addr + 4, 4, be) & 0xffffffffL;
        return be ? (hi << 32) | lo : (lo << 32) | hi;
    }

    private void slowStore(int addr, int len, int v, boolean be) {
        boolean watch = checkWrite(addr, len);
        Alias al = aliases.length == 0 || len == 1 ? null : aliasFor(addr, len);
        if (al != null) {
            if (len == 2) (be ? BE16 : LE16).set(al.data, al.offset(addr), (short) v);
            else (be ? BE32 : LE32).set(al.data, al.offset(addr), v);
        } else {
            for (int i = 0; i < len; i++) {
                int shift = be ? 8 * (len - 1 - i) : 8 * i;
                putByte(addr + i, v >>> shift);
            }
        }
        if (watch) watched(addr, len, true);
    }

    private void slowStore64(int addr, long v, boolean be) {
        boolean watch = checkWrite(addr, 8);
        Alias al = aliases.length == 0 ? null : aliasFor(addr, 8);
        if (al != null) (be ? BE64 : LE64).set(al.data, al.offset(addr), v);
        else for (int i = 0; i < 8; i++) {
            int shift = be ? 8 * (7 - i) : 8 * i;
            putByte(addr + i, (int) (v >>> shift));
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
        byte[] ram = this.ram;
        Alias al = aliases.length == 0 ? null : aliasFor(addr, size);
        if (al != null) { // the segment's array: atomic against the other processes attaching it
            ram = al.data;
            off = al.offset(addr);
        } else if (aliased(addr, size)) {
            throw new MemoryFault(addr, true); // straddles an alias's edge: no single array to be atomic in
        }
        if (!ATOMIC_VIEWS) return lockedCompareAndSet(ram, off, size, expect, update, be);
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
        return lockedCompareAndSet(ram, off, size, expect, update, be);
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

    private boolean lockedCompareAndSet(byte[] ram, int off, int size, long expect, long update, boolean be) {
        synchronized (ram) { // the array's monitor: the processes sharing a segment's array meet there
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

    /**
     * {@link #compareAndSet} from a syscall (futex wake-op), which holds no gate of its own: it
     * takes it for the access, so a growth cannot copy the array between the read and the write.
     */
    public boolean syscallCompareAndSet(int addr, int size, long expect, long update, boolean be) {
        boolean in = enterRunning();
        try {
            return compareAndSet(addr, size, expect, update, be);
        } finally {
            leaveRunning(in);
        }
    }

    /** A 32-bit load with acquire (volatile) ordering, for futex value checks; faults like a read. */
    public int load32Acquire(int addr, boolean be) {
        boolean in = enterRunning();
        try {
            return load32AcquireIn(addr, be);
        } finally {
            leaveRunning(in);
        }
    }

    private int load32AcquireIn(int addr, boolean be) {
        checkRead(addr, 4);
        int off = addr - base;
        Alias al = aliases.length == 0 ? null : aliasFor(addr, 4);
        if (al != null && ATOMIC_VIEWS && (al.offset(addr) & 3) == 0) return (int) (be ? BE32 : LE32).getVolatile(al.data, al.offset(addr));
        if (al != null) { java.lang.invoke.VarHandle.acquireFence(); return slowLoad(addr, 4, be); }
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
            if (deniedRead(pageFlags[(int) (a - (base & 0xffffffffL)) >>> PAGE_SHIFT])) throw new MemoryFault((int) a, false);
        }
        boolean in = enterRunning();
        try {
            copyOut(addr, dst, dstOff, len);
        } finally {
            leaveRunning(in);
        }
    }

    /** Copies bytes into guest memory; faults like a guest write and tells the code listener. */
    public void write(int addr, byte[] src, int srcOff, int len) {
        if (len == 0) return;
        if (!inWindow(addr, len)) throw new MemoryFault(addr, true);
        checkWritePages(addr, len);
        boolean in = enterRunning();
        try {
            copyIn(addr, src, srcOff, len);
        } finally {
            leaveRunning(in);
        }
    }

    /** Writes ignoring page permissions (the loader filling read-only segments). */
    public void poke(int addr, byte[] src, int srcOff, int len) {
        if (!inWindow(addr, len)) throw new MemoryFault(addr, true);
        commit(addr, len);
        copyIn(addr, src, srcOff, len);
    }

    /**
     * Makes sure {@code [addr, addr+len)} has backing store. Growth gives a quarter more than
     * needed (up to the window), so a process that maps page by page is copied O(log n) times,
     * while a process that stops just past a growth does not pay for twice what it maps (the
     * JVM zeroes, so touches, the whole new array). A shared memory grows with every thread
     * stopped ({@link #ram}); then the caller must not hold this memory's lock.
     */
    public void commit(int addr, int len) {
        if (len <= 0 || !inWindow(addr, len)) return;
        long need = ((addr & 0xffffffffL) - (base & 0xffffffffL)) + len;
        need = (need + PAGE_SIZE - 1) & -PAGE_SIZE;
        if (need <= ram.length) return;
        if (!shared) {
            synchronized (this) { grow(need); }
            return;
        }
        if (gate.getReadHoldCount() > 0 || Thread.holdsLock(this))
            throw new IllegalStateException("a shared memory grows only from outside its gate and lock");
        // waits for every running thread's slice to end; kicked, an engine leaves at its next
        // block boundary (a translated loop when its pass budget runs out)
        boolean interrupted = false;
        for (;;) {
            for (Runnable k : kicks) k.run();
            try {
                if (gate.writeLock().tryLock(1, java.util.concurrent.TimeUnit.MILLISECONDS)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        try {
            synchronized (this) {
                if (need > ram.length) { grow(need); sharedGrowths++; }
            }
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Caller holds the lock (and, for a shared memory, the gate exclusively). */
    private void grow(long need) {
        if (need <= ram.length) return;
        // a quarter of headroom past the need (whole pages): the loader's jump to the mmap area
        // then leaves room for the libraries and the first thread stacks mapped after it, instead
        // of a second copy whose predecessor stays resident as garbage in the JVM's old generation
        long grown = Math.min(size, need + ((need >>> 2) & -PAGE_SIZE));
        grown = (grown + PAGE_SIZE - 1) & -PAGE_SIZE;
        ram = java.util.Arrays.copyOf(ram, (int) Math.min(grown, size));
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
            if (deniedRead(f) || (f & NO_WRITE) != 0) throw new MemoryFault((int) a, true);
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
        long end = (addr & 0xffffffffL) + len;
        for (long p = addr & 0xffffffffL & -PAGE_SIZE; p < end; p += PAGE_SIZE) {
            int f = pageFlags[(int) (p - (base & 0xffffffffL)) >>> PAGE_SHIFT];
            if (deniedRead(f) || write && (f & NO_WRITE) != 0) return false;
        }
        return true;
    }

    /** Reads a NUL-terminated string (at most {@code max} bytes). */
    public String readCString(int addr, int max) {
        StringBuilder sb = new StringBuilder();
        boolean in = enterRunning();
        try {
            for (int i = 0; i < max; i++) {
                int b = slowLoad(addr + i, 1, true);
                if (b == 0) return sb.toString();
                sb.append((char) b);
            }
        } finally {
            leaveRunning(in);
        }
        return sb.toString();
    }
}
