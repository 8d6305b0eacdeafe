package dynvm.microkernel.mem;

import java.io.IOException;
import java.util.List;

/**
 * A user-mode address space: one {@link GuestMemory} window plus the list of mapped regions, and
 * the Linux-style operations that change it (fixed maps for the loader, brk, mmap, munmap,
 * mprotect). Every change to the list is mirrored into the page flags, which is what the memory
 * fast paths consult. Results follow the kernel convention: an address or 0, or {@code -errno}.
 */
public final class AddressSpace {
    public static final int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    public static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03,
            MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;

    // errno values are the same on every Linux architecture for these
    private static final int EIO = 5, EBADF = 9, ENOMEM = 12, EACCES = 13, EEXIST = 17, EINVAL = 22;
    private static final long PAGE = GuestMemory.PAGE_SIZE;

    private final GuestMemory mem;
    private final MappingList maps = new MappingList();
    private long brkBase, brkCur;
    private long mmapLow, mmapHigh;

    public AddressSpace(GuestMemory mem) {
        this.mem = mem;
        this.mmapLow = mem.base & 0xffffffffL;
        this.mmapHigh = mmapLow + mem.size;
    }

    public GuestMemory memory() { return mem; }

    /**
     * A private copy for fork: memory (see {@link GuestMemory#copy()}), mappings, break and mmap
     * area. The mutators are synchronized because guest threads sharing this space may call
     * mmap/munmap/brk/mprotect at once; the memory fast paths take no lock.
     */
    public synchronized AddressSpace copy() {
        AddressSpace a = new AddressSpace(mem.copy());
        a.maps.copyFrom(maps);
        a.brkBase = brkBase;
        a.brkCur = brkCur;
        a.mmapLow = mmapLow;
        a.mmapHigh = mmapHigh;
        GuestMemory.attachedAll(a.mem); // shared segments stay shared: one more attach each
        return a;
    }

    /** Is {@code r} (an mmap/brk style result) an error code rather than an address? */
    public static boolean isError(int r) { return Integer.compareUnsigned(r, -4096) > 0; }

    // ---- loader

    /** Maps {@code [addr, addr+len)} (page-rounded outwards) with {@code prot}; contents are left as they are. */
    public synchronized void mapFixed(int addr, int len, int prot) {
        long s = pageDown(u(addr)), e = pageUp(u(addr) + u(len));
        if (!inWindow(s, e)) throw new IllegalArgumentException(String.format("mapping 0x%x..0x%x outside the memory window", s, e));
        maps.add(s, e, prot);
        applyFlags(s, e, prot);
    }

    public synchronized void setBrkBase(int addr) { brkBase = brkCur = u(addr); }

    public synchronized void setMmapArea(int low, int high) {
        mmapLow = pageUp(u(low));
        mmapHigh = high == 0 ? 1L << 32 : pageDown(high);
    }

    // ---- brk

    /** Moves the program break; returns the new break, or the old one if the move is refused. */
    public synchronized int brk(int newBrk) {
        long want = u(newBrk);
        if (want < brkBase) return (int) brkCur;
        long oldTop = pageUp(brkCur), newTop = pageUp(want);
        if (newTop > oldTop) {
            if (!inWindow(oldTop, newTop) || maps.overlaps(oldTop, newTop)) return (int) brkCur;
            mapZeroed(oldTop, newTop, PROT_READ | PROT_WRITE);
        } else if (newTop < oldTop) {
            unmapRange(newTop, oldTop);
        }
        brkCur = want;
        return (int) brkCur;
    }

    // ---- mmap family

    /**
     * Linux mmap. {@code file} is null for anonymous mappings; file bytes are copied in (private
     * semantics: stores are never written back). Returns the address or {@code -errno}.
     */
    public synchronized int mmap(int addr, int len, int prot, int flags, FileBacking file, long fileOffset) {
        if (len == 0 || (fileOffset & (PAGE - 1)) != 0 || fileOffset < 0) return -EINVAL;
        int type = flags & MAP_SHARED_VALIDATE;
        if (type == 0) return -EINVAL;
        boolean anon = (flags & MAP_ANONYMOUS) != 0;
        if (!anon && file == null) return -EBADF;
        long size = pageUp(u(len));
        if (size > mem.size) return -ENOMEM;
        long start;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & (PAGE - 1)) != 0) return -EINVAL;
            start = u(addr);
            if (!inWindow(start, start + size)) return -ENOMEM;
            if ((flags & MAP_FIXED) == 0 && maps.overlaps(start, start + size)) return -EEXIST;
        } else {
            start = place(u(addr), size);
            if (start < 0) return -ENOMEM;
        }
        mapZeroed(start, start + size, prot);
        if (!anon) {
            int r = copyFile(file, fileOffset, (int) start, len);
            if (r < 0) { unmapRange(start, start + size); return r; }
        }
        return (int) start;
    }

    /** Nothing counts the attaches of an anonymous shared mapping: it goes with its last alias. */
    private static final GuestMemory.AliasOwner UNCOUNTED = new GuestMemory.AliasOwner() {
        @Override public void attached() {}
        @Override public void detached() {}
    };

    /**
     * mmap with MAP_SHARED|MAP_ANONYMOUS: placed and checked as {@link #mmap}, its pages then alias
     * an array of their own ({@link GuestMemory#alias}), so a forked child (whose {@link #copy}
     * keeps the alias) and its parent see each other's stores at once, as on Linux.
     */
    public synchronized int mmapSharedAnonymous(int addr, int len, int prot, int flags) {
        int r = mmap(addr, len, prot, flags | MAP_ANONYMOUS, null, 0);
        if (isError(r)) return r;
        int size = (int) pageUp(u(len));
        byte[] data;
        try {
            data = new byte[size];
        } catch (OutOfMemoryError e) {
            unmapRange(u(r), u(r) + size);
            return -ENOMEM;
        }
        mem.alias(r, size, data, 0, UNCOUNTED);
        return r;
    }

    public synchronized int munmap(int addr, int len) {
        if ((addr & (PAGE - 1)) != 0 || len == 0) return -EINVAL;
        long s = u(addr), e = Math.min(pageUp(s + u(len)), 1L << 32);
        unmapRange(s, e);
        return 0;
    }

    public synchronized int mprotect(int addr, int len, int prot) {
        if ((addr & (PAGE - 1)) != 0) return -EINVAL;
        if (len == 0) return 0;
        long s = u(addr), e = pageUp(s + u(len));
        if (!maps.covers(s, e)) return -ENOMEM;
        maps.add(s, e, prot);
        applyFlags(s, e, prot);
        return 0;
    }

    public static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;
    private static final int EFAULT = 14;

    /**
     * Linux mremap: shrinks in place, grows in place when the pages after are free, otherwise
     * (MREMAP_MAYMOVE) moves the contents to a new place (MREMAP_FIXED: {@code newAddr}, replacing
     * what is there); the grown part is zero. The old range must be mapped with one protection (EFAULT).
     * MREMAP_DONTUNMAP keeps the old range mapped (as zero pages: this space has no page sharing).
     */
    public synchronized int mremap(int oldAddr, int oldSize, int newSize, int flags, int newAddr) {
        if ((oldAddr & (PAGE - 1)) != 0 || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0
                || (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0 && (flags & MREMAP_MAYMOVE) == 0) return -EINVAL;
        long oldLen = pageUp(u(oldSize)), newLen = pageUp(u(newSize));
        if (newLen == 0 || newLen > mem.size) return -EINVAL;
        if ((flags & MREMAP_DONTUNMAP) != 0 && oldLen != newLen) return -EINVAL;
        long s = u(oldAddr);
        if (oldLen == 0) return -EINVAL; // a copy of a shared mapping: not served
        List<MappingList.Region> r = maps.clipped(s, s + oldLen);
        // one mapping in Linux's sense: covered, with one protection (the list does not merge neighbours)
        if (!maps.covers(s, s + oldLen)) return -EFAULT;
        int prot = r.get(0).prot();
        for (MappingList.Region x : r) if (x.prot() != prot) return -EFAULT;
        boolean fixed = (flags & MREMAP_FIXED) != 0;
        if (!fixed && (flags & MREMAP_DONTUNMAP) == 0) {
            if (newLen <= oldLen) {
                if (newLen < oldLen) unmapRange(s + newLen, s + oldLen);
                return oldAddr;
            }
            if (inWindow(s + oldLen, s + newLen) && !maps.overlaps(s + oldLen, s + newLen)) {
                mapZeroed(s + oldLen, s + newLen, prot);
                return oldAddr;
            }
            if ((flags & MREMAP_MAYMOVE) == 0) return -ENOMEM;
        }
        long to;
        if (fixed) {
            if ((newAddr & (PAGE - 1)) != 0) return -EINVAL;
            to = u(newAddr);
            if (!inWindow(to, to + newLen)) return -ENOMEM;
            if (to < s + oldLen && s < to + newLen) return -EINVAL; // the ranges overlap
            unmapRange(to, to + newLen);
        } else {
            to = place(0, newLen);
            if (to < 0) return -ENOMEM;
        }
        byte[] page = new byte[(int) PAGE];
        long keep = Math.min(oldLen, newLen);
        mapZeroed(to, to + newLen, PROT_READ | PROT_WRITE);
        for (long off = 0; off < keep; off += PAGE) {
            if ((mem.flagsAt((int) (s + off)) & (GuestMemory.UNMAPPED | GuestMemory.ALIAS)) == GuestMemory.UNMAPPED) continue;
            mem.read((int) (s + off), page, 0, page.length);
            mem.poke((int) (to + off), page, 0, page.length);
        }
        maps.add(to, to + newLen, prot);
        applyFlags(to, to + newLen, prot);
        if ((flags & MREMAP_DONTUNMAP) != 0) mapZeroed(s, s + oldLen, prot);
        else unmapRange(s, s + oldLen);
        return (int) to;
    }

    /**
     * Maps {@code data} (a shared segment, whole pages) at {@code addr}, or where mmap would put
     * it when {@code addr} is 0: every process aliasing the same array sees the same bytes
     * ({@link GuestMemory#alias}). A fixed place must be inside the window (ENOMEM) and, unless
     * {@code replace}, free (EINVAL, shmat's answer). Returns the address or {@code -errno}.
     */
    public synchronized int mapAlias(int addr, int prot, boolean replace, byte[] data, GuestMemory.AliasOwner owner) {
        return mapAlias(addr, prot, replace, data, owner, (int) PAGE);
    }

    /** As {@link #mapAlias(int, int, boolean, byte[], GuestMemory.AliasOwner)}, a place of its own chosen on a multiple of {@code align} (SHMLBA). */
    public synchronized int mapAlias(int addr, int prot, boolean replace, byte[] data, GuestMemory.AliasOwner owner, int align) {
        long size = data.length;
        if (size == 0 || (size & (PAGE - 1)) != 0 || size > mem.size) return -EINVAL;
        long start;
        if (addr != 0) {
            start = u(addr);
            if ((start & (PAGE - 1)) != 0) return -EINVAL;
            if (!inWindow(start, start + size)) return -ENOMEM;
            if (maps.overlaps(start, start + size)) {
                if (!replace) return -EINVAL;
                unmapRange(start, start + size);
            }
        } else {
            long a = Math.max(PAGE, align & 0xffffffffL);
            start = place(0, size + a - PAGE);
            if (start < 0) return -ENOMEM;
            start = (start + a - 1) & -a;
        }
        maps.add(start, start + size, prot);
        applyFlags(start, start + size, prot);
        mem.alias((int) start, (int) size, data, 0, owner);
        return (int) start;
    }

    /** Is every page of {@code [addr, addr+len)} mapped (with any protection)? */
    public synchronized boolean isMapped(int addr, int len) {
        long s = pageDown(u(addr)), e = pageUp(u(addr) + u(len));
        return e > s ? maps.covers(s, e) : true;
    }

    /** PROT_* bits of the mapping holding {@code addr}, or -1 when it is not mapped. */
    public synchronized int protAt(int addr) {
        List<MappingList.Region> r = maps.clipped(u(addr), u(addr) + 1);
        return r.isEmpty() ? -1 : r.get(0).prot();
    }

    /** Current program break. */
    public synchronized int currentBrk() { return (int) brkCur; }

    /** The mapped regions in address order, each {start, end (exclusive), prot} (for /proc/PID/maps). */
    public synchronized List<long[]> regions() {
        List<long[]> out = new java.util.ArrayList<>();
        for (MappingList.Region r : maps.all()) out.add(new long[] {r.start(), r.end(), r.prot()});
        return out;
    }

    /** Where the program break started (the heap's first byte). */
    public synchronized int brkBase() { return (int) brkBase; }

    /** One line per mapping, like /proc/self/maps without the file names (for debugging). */
    public synchronized String describe() {
        StringBuilder sb = new StringBuilder();
        for (MappingList.Region r : maps.all())
            sb.append(String.format("%08x-%08x %c%c%c%n", r.start(), r.end(),
                    (r.prot() & PROT_READ) != 0 ? 'r' : '-', (r.prot() & PROT_WRITE) != 0 ? 'w' : '-',
                    (r.prot() & PROT_EXEC) != 0 ? 'x' : '-'));
        return sb.toString();
    }

    // ---- internals

    /** Where a non-fixed mapping goes: the hint if it is free, else bottom-up in the mmap area. */
    private long place(long hint, long size) {
        if (hint != 0) {
            long h = pageDown(hint);
            if (inWindow(h, h + size) && !maps.overlaps(h, h + size)) return h;
        }
        long low = Math.max(mmapLow, u(mem.base)), high = Math.min(mmapHigh, u(mem.base) + mem.size);
        return high - low < size ? -1 : maps.findBottomUp(low, high, size);
    }

    private int copyFile(FileBacking file, long offset, int at, int len) {
        byte[] buf = new byte[(int) Math.min(len, 1 << 20)];
        int done = 0;
        try {
            while (done < len) {
                int n = file.readAt(offset + done, buf, 0, Math.min(buf.length, len - done));
                if (n <= 0) break;
                mem.poke(at + done, buf, 0, n);
                done += n;
            }
        } catch (IOException e) {
            return -EIO;
        } catch (UnsupportedOperationException e) {
            return -EACCES;
        }
        return 0;
    }

    private void mapZeroed(long s, long e, int prot) {
        mem.unalias((int) s, (int) (e - s));
        mem.discardCode((int) s, (int) (e - s));
        mem.zero((int) s, (int) (e - s));
        maps.add(s, e, prot);
        applyFlags(s, e, prot);
    }

    private void unmapRange(long s, long e) {
        maps.remove(s, e);
        long ws = Math.max(s, u(mem.base)), we = Math.min(e, u(mem.base) + mem.size);
        if (ws >= we) return;
        mem.unalias((int) ws, (int) (we - ws));
        mem.discardCode((int) ws, (int) (we - ws));
        mem.setFlags((int) ws, (int) (we - ws), GuestMemory.UNMAPPED, GuestMemory.NO_WRITE);
    }

    /** Mirrors a protection into the page flags; PROT_NONE pages refuse reads too. The CODE mark is kept. */
    private void applyFlags(long s, long e, int prot) {
        int set, clear;
        if ((prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) == 0) { set = GuestMemory.UNMAPPED | GuestMemory.NO_WRITE; clear = 0; }
        else if ((prot & PROT_WRITE) == 0) { set = GuestMemory.NO_WRITE; clear = GuestMemory.UNMAPPED; }
        else { set = 0; clear = GuestMemory.UNMAPPED | GuestMemory.NO_WRITE; }
        mem.setFlags((int) s, (int) (e - s), set, clear);
        boolean exec = (prot & PROT_EXEC) != 0;
        if (!exec) mem.discardCode((int) s, (int) (e - s)); // translations of code that may no longer run
        mem.setExecutable((int) s, (int) (e - s), exec);
    }

    private boolean inWindow(long s, long e) {
        long b = u(mem.base);
        return s >= b && e <= b + mem.size && s <= e;
    }

    private static long u(int x) { return x & 0xffffffffL; }
    private static long pageDown(long a) { return a & -PAGE; }
    private static long pageUp(long a) { return (a + PAGE - 1) & -PAGE; }
}
