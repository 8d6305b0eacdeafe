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

    /** PROT_* bits of the mapping holding {@code addr}, or -1 when it is not mapped. */
    public synchronized int protAt(int addr) {
        List<MappingList.Region> r = maps.clipped(u(addr), u(addr) + 1);
        return r.isEmpty() ? -1 : r.get(0).prot();
    }

    /** Current program break. */
    public synchronized int currentBrk() { return (int) brkCur; }

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
        mem.discardCode((int) s, (int) (e - s));
        mem.zero((int) s, (int) (e - s));
        maps.add(s, e, prot);
        applyFlags(s, e, prot);
    }

    private void unmapRange(long s, long e) {
        maps.remove(s, e);
        long ws = Math.max(s, u(mem.base)), we = Math.min(e, u(mem.base) + mem.size);
        if (ws >= we) return;
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
