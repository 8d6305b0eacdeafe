package dynvm.microkernel.mmu;

import dynvm.microkernel.device.BusError;
import dynvm.microkernel.mem.MemoryFault;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One vCPU's soft MMU: guest-virtual addresses to guest memory through a software TLB, the way
 * QEMU's softmmu does it. Translated code calls the final accessors below (C2 inlines them), so a
 * hit costs a tag compare and a view-VarHandle access on the backing array; misses, device
 * windows, page-crossing accesses and faults take the slow path.
 *
 * <h2>The TLB</h2>
 * One direct-mapped table of {@value #ENTRIES} entries per MMU index (privilege and translation
 * regime, as the ISA numbers them). An entry caches one 4 KiB virtual page: a tag per access kind
 * (read, write, fetch; -1 when that kind must take the slow path), the backing array and the
 * page's offset in it, and the physical page. Entries are filled from {@link Walker#translate},
 * which the ISA's system model implements (its page-table walk), with every permission the page
 * grants, so a read miss also makes later writes and fetches hit.
 *
 * <p>Behind each table sits a small fully associative victim TLB (QEMU's {@code victim_tlb}):
 * the last {@value #VICTIMS} entries a fill evicted. A miss looks there before it walks and
 * swaps a hit back in, so two pages that share a slot and are used in turn (a lookup table and
 * the buffer it is applied to) cost a swap, not a table walk, each time.
 *
 * <p>A write tag is set only for writable RAM that holds no translated code ({@link CodePages});
 * stores to code pages reach the slow path, which tells the translators: that is how
 * self-modifying code and code written through an alias are seen, on physical pages. Device
 * windows never get tags: every access walks and goes to the {@link PhysicalBus}.
 *
 * <h2>What changes translations</h2>
 * The ISA's system model calls {@link #flushAll}, {@link #flushPage} and {@link #setMmuIndex};
 * each bumps {@link #generation()}, which the translator compares once per dispatch slice to
 * re-check that its translations, keyed by virtual pc, still sit on the same physical code.
 *
 * <p>Faults are {@link MemoryFault}s carrying the walker's ISA status, or
 * {@link MemoryFault#EXTERNAL} when the bus refused the access; the VM turns them into the
 * guest's abort exception.
 */
public final class SoftMmu {
    /** Access kinds, as the system-model SPI numbers them. */
    public static final int READ = 0, WRITE = 1, FETCH = 2;
    /** Permission bits and the large-page flag of a {@link Walker#translate} result, as the system-model SPI defines them. */
    public static final long PERM_READ = 1, PERM_WRITE = 2, PERM_EXEC = 4, LARGE_PAGE = 8;

    static final int ENTRIES = 2048;
    /** Victim entries per table; they sit after the direct-mapped ones in the same arrays. */
    static final int VICTIMS = 8;
    private static final int MASK = ENTRIES - 1;
    private static final int PAGE = ~0xfff;

    /** The ISA's page-table walk (the system model), asked on every miss. */
    public interface Walker {
        /**
         * Translates {@code va} for {@code access} at {@code mmuIndex}: the physical page address
         * or-ed with PERM_* bits (and LARGE_PAGE); throws {@link MemoryFault} when refused.
         */
        long translate(int va, int access, int mmuIndex);
    }

    private static final VarHandle BE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * One MMU index's table: entries 0 to ENTRIES-1 are direct-mapped by virtual page, the
     * VICTIMS after them are the victim TLB, filled round-robin.
     */
    private static final class Tlb {
        static final int SIZE = ENTRIES + VICTIMS;
        final int[] readTag = new int[SIZE], writeTag = new int[SIZE], fetchTag = new int[SIZE];
        /** Device pages: the virtual page whose {@link #phys} and {@link #devicePerms} are valid, or -1. */
        final int[] deviceTag = new int[SIZE];
        final long[] devicePerms = new long[SIZE];
        final byte[][] array = new byte[SIZE][];
        final int[] offset = new int[SIZE];
        final long[] phys = new long[SIZE];
        /** A mapping larger than a page was cached: a flush by address must drop everything. */
        boolean large;
        /** The victim slot the next eviction overwrites (0 to VICTIMS-1). */
        int nextVictim;

        Tlb() { clear(); }

        void clear() {
            Arrays.fill(readTag, -1);
            Arrays.fill(writeTag, -1);
            Arrays.fill(fetchTag, -1);
            Arrays.fill(deviceTag, -1);
            Arrays.fill(array, null);
            large = false;
        }

        void drop(int i) { readTag[i] = writeTag[i] = fetchTag[i] = deviceTag[i] = -1; array[i] = null; }

        /** Does entry {@code i} cache {@code page} for any kind of access? */
        boolean holds(int i, int page) {
            return readTag[i] == page || writeTag[i] == page || fetchTag[i] == page || deviceTag[i] == page;
        }

        /** Before entry {@code i} is refilled: keeps what it holds in the next victim slot. */
        void evict(int i) {
            if (readTag[i] == -1 && writeTag[i] == -1 && fetchTag[i] == -1 && deviceTag[i] == -1) return;
            int v = ENTRIES + nextVictim;
            nextVictim = (nextVictim + 1) % VICTIMS;
            copy(i, v);
        }

        /** If a victim holds {@code page}, swaps it into entry {@code i} (whose content becomes that victim). */
        boolean recall(int i, int page) {
            for (int v = ENTRIES; v < SIZE; v++) {
                if (!holds(v, page)) continue;
                int r = readTag[i], w = writeTag[i], f = fetchTag[i], d = deviceTag[i], o = offset[i];
                long dp = devicePerms[i], p = phys[i];
                byte[] a = array[i];
                copy(v, i);
                readTag[v] = r; writeTag[v] = w; fetchTag[v] = f; deviceTag[v] = d; offset[v] = o;
                devicePerms[v] = dp; phys[v] = p; array[v] = a;
                return true;
            }
            return false;
        }

        private void copy(int from, int to) {
            readTag[to] = readTag[from]; writeTag[to] = writeTag[from]; fetchTag[to] = fetchTag[from];
            deviceTag[to] = deviceTag[from]; devicePerms[to] = devicePerms[from];
            array[to] = array[from]; offset[to] = offset[from]; phys[to] = phys[from];
        }
    }

    private final PhysicalBus bus;
    private final Walker walker;
    private final CodePages code;
    private final Tlb[] tlbs;
    private int index;
    private long generation;
    private long misses;

    // The current index's table, in fields the fast paths read (swapped by setMmuIndex).
    private int[] readTag, writeTag, fetchTag;
    private byte[][] array;
    private int[] offset;

    /**
     * @param bus     the machine's guest-physical space
     * @param walker  the ISA's translation (its system model)
     * @param code    the machine's code pages, shared by its vCPUs
     * @param indexes number of MMU indexes the ISA uses
     */
    public SoftMmu(PhysicalBus bus, Walker walker, CodePages code, int indexes) {
        this.bus = bus;
        this.walker = walker;
        this.code = code;
        this.tlbs = new Tlb[indexes];
        for (int i = 0; i < indexes; i++) tlbs[i] = new Tlb();
        select(0);
        code.attach(this);
    }

    /** Stops taking part in the machine's code tracking (the vCPU is gone). */
    public void detach() { code.detach(this); }

    private void select(int i) {
        index = i;
        Tlb t = tlbs[i];
        readTag = t.readTag;
        writeTag = t.writeTag;
        fetchTag = t.fetchTag;
        array = t.array;
        offset = t.offset;
    }

    /** The CPU's privilege or regime changed: accesses now use the table of {@code i}. */
    public void setMmuIndex(int i) {
        if (i == index) return;
        select(i);
        generation++;
    }

    public int mmuIndex() { return index; }

    /** Drops every entry of every index. */
    public void flushAll() {
        for (Tlb t : tlbs) t.clear();
        generation++;
    }

    /** Drops the entries for the page of {@code va} at every index (everything where a large mapping was cached). */
    public void flushPage(int va) {
        int i = (va >>> 12) & MASK, page = va & PAGE;
        for (Tlb t : tlbs) {
            if (t.large) { t.clear(); continue; }
            if (t.holds(i, page)) t.drop(i);
            for (int v = ENTRIES; v < Tlb.SIZE; v++) if (t.holds(v, page)) t.drop(v);
        }
        generation++;
    }

    /** Bumped whenever a virtual-to-physical mapping the CPU sees may have changed. */
    public long generation() { return generation; }

    /** TLB misses so far (walks), for statistics. */
    public long misses() { return misses; }

    /** {@link CodePages} marked {@code pagePa}: no write entry may point at it any more. */
    void dropWriteEntries(long pagePa) {
        for (Tlb t : tlbs)
            for (int i = 0; i < Tlb.SIZE; i++)
                if (t.writeTag[i] != -1 && t.phys[i] == pagePa) t.writeTag[i] = -1;
    }

    // ---- the fast paths: one tag compare, then the backing array

    public int load8(int va) {
        int i = (va >>> 12) & MASK;
        if (readTag[i] == (va & PAGE)) return array[i][offset[i] + (va & 0xfff)] & 0xff;
        return (int) slowLoad(va, 1, false);
    }

    public int load16le(int va) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (readTag[i] == (va & PAGE) && o <= 0xffe) return (short) LE16.get(array[i], offset[i] + o) & 0xffff;
        return (int) slowLoad(va, 2, false);
    }

    public int load32le(int va) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (readTag[i] == (va & PAGE) && o <= 0xffc) return (int) LE32.get(array[i], offset[i] + o);
        return (int) slowLoad(va, 4, false);
    }

    public long load64le(int va) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (readTag[i] == (va & PAGE) && o <= 0xff8) return (long) LE64.get(array[i], offset[i] + o);
        return slowLoad(va, 8, false);
    }

    public int load16be(int va) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (readTag[i] == (va & PAGE) && o <= 0xffe) return (short) BE16.get(array[i], offset[i] + o) & 0xffff;
        return (int) slowLoad(va, 2, true);
    }

    public int load32be(int va) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (readTag[i] == (va & PAGE) && o <= 0xffc) return (int) BE32.get(array[i], offset[i] + o);
        return (int) slowLoad(va, 4, true);
    }

    public long load64be(int va) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (readTag[i] == (va & PAGE) && o <= 0xff8) return (long) BE64.get(array[i], offset[i] + o);
        return slowLoad(va, 8, true);
    }

    public void store8(int va, int v) {
        int i = (va >>> 12) & MASK;
        if (writeTag[i] == (va & PAGE)) array[i][offset[i] + (va & 0xfff)] = (byte) v;
        else slowStore(va, 1, v, false);
    }

    public void store16le(int va, int v) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (writeTag[i] == (va & PAGE) && o <= 0xffe) LE16.set(array[i], offset[i] + o, (short) v);
        else slowStore(va, 2, v, false);
    }

    public void store32le(int va, int v) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (writeTag[i] == (va & PAGE) && o <= 0xffc) LE32.set(array[i], offset[i] + o, v);
        else slowStore(va, 4, v, false);
    }

    public void store64le(int va, long v) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (writeTag[i] == (va & PAGE) && o <= 0xff8) LE64.set(array[i], offset[i] + o, v);
        else slowStore(va, 8, v, false);
    }

    public void store16be(int va, int v) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (writeTag[i] == (va & PAGE) && o <= 0xffe) BE16.set(array[i], offset[i] + o, (short) v);
        else slowStore(va, 2, v, true);
    }

    public void store32be(int va, int v) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (writeTag[i] == (va & PAGE) && o <= 0xffc) BE32.set(array[i], offset[i] + o, v);
        else slowStore(va, 4, v, true);
    }

    public void store64be(int va, long v) {
        int i = (va >>> 12) & MASK, o = va & 0xfff;
        if (writeTag[i] == (va & PAGE) && o <= 0xff8) BE64.set(array[i], offset[i] + o, v);
        else slowStore(va, 8, v, true);
    }

    // ---- instruction fetch (the translator's decoder and the interpreter; not on the hot path)

    /** Fetches {@code size} (2 or 4) bytes of instruction at {@code va}; faults as an execute access. */
    public int fetch(int va, int size, boolean bigEndian) {
        if ((va & 0xfff) + size > 0x1000) {
            int v = 0;
            for (int k = 0; k < size; k++) {
                int b = fetch(va + k, 1, bigEndian);
                v = bigEndian ? v << 8 | b : v | b << (8 * k);
            }
            return v;
        }
        int i = (va >>> 12) & MASK;
        if (fetchTag[i] != (va & PAGE)) fill(va, FETCH);
        if (fetchTag[i] != (va & PAGE))
            throw MemoryFault.system(va, false, true, MemoryFault.EXTERNAL); // executing from a device or nothing
        return (int) readArray(array[i], offset[i] + (va & 0xfff), size, bigEndian);
    }

    /** Physical address of the instruction at {@code va} (translations are validated against it); faults like {@link #fetch}. */
    public long codeAddress(int va) {
        int i = (va >>> 12) & MASK;
        if (fetchTag[i] != (va & PAGE)) fill(va, FETCH);
        if (fetchTag[i] != (va & PAGE)) throw MemoryFault.system(va, false, true, MemoryFault.EXTERNAL);
        return tlbs[index].phys[i] | (va & 0xfff);
    }

    // ---- the slow paths

    private long slowLoad(int va, int size, boolean be) {
        if ((va & 0xfff) + size > 0x1000) {
            long v = 0;
            for (int k = 0; k < size; k++) {
                long b = load8(va + k);
                v = be ? v << 8 | b : v | b << (8 * k);
            }
            return v;
        }
        int i = (va >>> 12) & MASK;
        if (readTag[i] != (va & PAGE)) {
            Tlb t = tlbs[index];
            if (t.deviceTag[i] == (va & PAGE) && (t.devicePerms[i] & PERM_READ) != 0) return device(va, t.phys[i] | (va & 0xfff), size, false, 0);
            long pa = fill(va, READ);
            if (readTag[i] != (va & PAGE)) return device(va, pa, size, false, 0);
        }
        return readArray(array[i], offset[i] + (va & 0xfff), size, be);
    }

    private void slowStore(int va, int size, long v, boolean be) {
        if ((va & 0xfff) + size > 0x1000) {
            for (int k = 0; k < size; k++) store8(va + k, (int) (be ? v >>> (8 * (size - 1 - k)) : v >>> (8 * k)));
            return;
        }
        int i = (va >>> 12) & MASK;
        Tlb t = tlbs[index];
        if (t.deviceTag[i] != (va & PAGE) && t.recall(i, va & PAGE) && writeTag[i] == (va & PAGE)) {
            writeArray(array[i], offset[i] + (va & 0xfff), size, v, be);   // a victim hit: no code page has a write tag
            return;
        }
        if (t.deviceTag[i] == (va & PAGE) && (t.devicePerms[i] & PERM_WRITE) != 0) {
            device(va, t.phys[i] | (va & 0xfff), size, true, v);
            return;
        }
        long r = walk(va, WRITE);
        long pa = (r & ~0xfffL) | (va & 0xfff);
        PhysicalBus.Backing b = bus.backing(r & ~0xfffL);
        install(va, r, b);
        if (b == null || !b.writable()) {
            device(va, pa, size, true, v);
            return;
        }
        writeArray(b.array(), b.offset() + (va & 0xfff), size, v, be);
        if (code.isCode(pa)) code.written(pa, size);
    }

    /**
     * Makes entry {@code va}'s slot serve {@code access} from the victim TLB or else by a walk
     * (installing it); returns the physical address of {@code va}.
     */
    private long fill(int va, int access) {
        Tlb t = tlbs[index];
        int i = (va >>> 12) & MASK, page = va & PAGE;
        if (t.recall(i, page) && serves(t, i, page, access)) return t.phys[i] | (va & 0xfff);
        long r = walk(va, access);
        install(va, r, bus.backing(r & ~0xfffL));
        return (r & ~0xfffL) | (va & 0xfff);
    }

    private long walk(int va, int access) {
        misses++;
        return walker.translate(va, access, index);
    }

    /** Does entry {@code i}, holding {@code page}, grant {@code access} (for a device page: by its permissions)? */
    private static boolean serves(Tlb t, int i, int page, int access) {
        return switch (access) {
            case READ -> t.readTag[i] == page || t.deviceTag[i] == page && (t.devicePerms[i] & PERM_READ) != 0;
            case WRITE -> t.writeTag[i] == page || t.deviceTag[i] == page && (t.devicePerms[i] & PERM_WRITE) != 0;
            default -> t.fetchTag[i] == page;
        };
    }

    private void install(int va, long r, PhysicalBus.Backing b) {
        Tlb t = tlbs[index];
        int i = (va >>> 12) & MASK, page = va & PAGE;
        long pagePa = r & ~0xfffL;
        if (!t.holds(i, page)) t.evict(i);   // a refill of the same page (more permissions) keeps no stale copy
        t.drop(i);
        t.phys[i] = pagePa;
        if ((r & LARGE_PAGE) != 0) t.large = true;
        if (b == null) {
            t.deviceTag[i] = page;
            t.devicePerms[i] = r & (PERM_READ | PERM_WRITE);
            return;
        }
        t.array[i] = b.array();
        t.offset[i] = b.offset();
        if ((r & PERM_READ) != 0) t.readTag[i] = page;
        if ((r & PERM_WRITE) != 0 && b.writable() && !code.isCode(pagePa)) t.writeTag[i] = page;
        if ((r & PERM_EXEC) != 0) t.fetchTag[i] = page;
    }

    private long device(int va, long pa, int size, boolean write, long v) {
        try {
            if (write) {
                bus.write(pa, size, v);
                return 0;
            }
            return bus.read(pa, size);
        } catch (BusError e) {
            throw MemoryFault.system(va, write, false, MemoryFault.EXTERNAL);
        }
    }

    private static long readArray(byte[] a, int at, int size, boolean be) {
        return switch (size) {
            case 1 -> a[at] & 0xff;
            case 2 -> (short) (be ? BE16.get(a, at) : LE16.get(a, at)) & 0xffff;
            case 4 -> (int) (be ? BE32.get(a, at) : LE32.get(a, at)) & 0xffffffffL;
            default -> (long) (be ? BE64.get(a, at) : LE64.get(a, at));
        };
    }

    private static void writeArray(byte[] a, int at, int size, long v, boolean be) {
        switch (size) {
            case 1 -> a[at] = (byte) v;
            case 2 -> { if (be) BE16.set(a, at, (short) v); else LE16.set(a, at, (short) v); }
            case 4 -> { if (be) BE32.set(a, at, (int) v); else LE32.set(a, at, (int) v); }
            default -> { if (be) BE64.set(a, at, v); else LE64.set(a, at, v); }
        }
    }
}
