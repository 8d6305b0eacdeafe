package dynvm.microkernel.kernel;

import dynvm.microkernel.device.BusError;
import dynvm.microkernel.device.MmioDevice;
import dynvm.microkernel.mmu.PhysicalBus;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An address space made of regions: a guest-physical space for a VM, or (later) the space of a
 * Linux process or of a device server. It is what L4 calls an address space and seL4 a VSpace,
 * except that its "pages" are regions of RAM, ROM or device windows rather than frames of host
 * memory.
 *
 * <h2>Lookup</h2>
 * Every TLB fill and every slow-path access looks an address up, so lookups take no lock: they
 * binary-search an immutable snapshot (sorted bases plus regions) that each change publishes
 * through one volatile field. Changes are rare (boot, map, unmap) and serialised by the
 * {@link MappingDatabase}.
 *
 * <h2>Map, grant, unmap</h2>
 * Follow L4: {@link #map} shares (both spaces see one backing, with equal or fewer rights),
 * {@link #grant} moves (the source loses it), {@link #unmap} removes a range here and from every
 * space it was mapped into from here, recursively; {@link #revoke} removes only the derived copies.
 * Addresses and sizes are multiples of {@link #PAGE_SIZE}. A destination that already holds
 * anything in the range is refused (no silent replacement: a VMM bug should be loud).
 *
 * <h2>Accesses the soft MMU does not do directly</h2>
 * {@link #read}/{@link #write} answer device windows (forwarded with the offset into the
 * device), ROM writes (dropped, or handed to the ROM's write handler, e.g. a flash chip's
 * command state machine), RAM accesses the rights forbid (a {@link BusError}) and holes (the
 * {@link Unassigned} policy). Multi-byte RAM/ROM values on this path use the space's byte order.
 * Accesses to one device are serialised on the device object, as {@link MmioDevice} promises
 * its implementations, even when vCPUs of several schedulers share the space; a device that also
 * changes state from a host thread synchronises on itself and so excludes the bus as well.
 *
 * <p>A {@link Listener} hears of every change, so a soft MMU can drop TLB entries of an unmapped
 * range (the TLB shoot-down of a real kernel).
 */
public final class Space implements PhysicalBus {
    public static final int PAGE_SIZE = 4096;
    /** Largest RAM or ROM region: one Java array, and offsets stay well inside an int. */
    public static final long MAX_MEMORY_REGION = 1L << 30;

    /**
     * Hears of changes to a range of this space (something mapped, granted away or unmapped there),
     * after the new layout is visible. Called under the mapping database's lock: flush, do not map.
     */
    @FunctionalInterface
    public interface Listener {
        void changed(Space space, long base, long size);
    }

    private record Layout(long[] bases, Region[] regions) {
        static final Layout EMPTY = new Layout(new long[0], new Region[0]);
    }

    private final String name;
    final MappingDatabase db;
    private final Unassigned unassigned;
    private final ByteOrder order;
    /** The authoritative layout, guarded by {@code db.lock}; lookups use {@link #layout}. */
    private final TreeMap<Long, Region> byBase = new TreeMap<>();
    private volatile Layout layout = Layout.EMPTY;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    Space(String name, Unassigned unassigned, ByteOrder order, MappingDatabase db) {
        this.name = name;
        this.unassigned = unassigned;
        this.order = order;
        this.db = db;
    }

    public String name() { return name; }
    public Unassigned unassigned() { return unassigned; }
    public ByteOrder byteOrder() { return order; }
    public MappingDatabase mappingDatabase() { return db; }

    public void addListener(Listener l) { listeners.add(l); }
    public void removeListener(Listener l) { listeners.remove(l); }

    // ---- creating root regions ----

    /** New zeroed RAM at {@code base}; returns its region (whose array the loader may fill through {@link #load}). */
    public Region addRam(long base, long size) {
        checkMemorySize(size);
        return db.addRoot(new Region(this, base, size, RegionKind.RAM, Rights.RWX, new byte[(int) size], null, 0));
    }

    /**
     * ROM holding {@code image}, rounded up to whole pages. Guest writes go to {@code writeHandler}
     * (offset from {@code base}) or, if it is null, are dropped.
     */
    public Region addRom(long base, byte[] image, MmioDevice writeHandler) {
        long size = roundUp(Math.max(image.length, 1));
        checkMemorySize(size);
        byte[] memory = new byte[(int) size];
        System.arraycopy(image, 0, memory, 0, image.length);
        return db.addRoot(new Region(this, base, size, RegionKind.ROM, Rights.RX, memory, writeHandler, 0));
    }

    /** A device's register window at {@code base} (any size; map/unmap of it needs whole pages). */
    public Region addMmio(long base, MmioDevice device) {
        if (device.size() <= 0) throw new IllegalArgumentException(device.name() + ": empty window");
        return db.addRoot(new Region(this, base, device.size(), RegionKind.MMIO, Rights.RW, null, device, 0));
    }

    // ---- L4 operations ----

    /** Shares {@code [from, from+size)} of this space at {@code toAddr} in {@code to}, with at most {@code rights}. */
    public void map(Space to, long from, long toAddr, long size, Rights rights) {
        db.map(this, from, to, toAddr, size, rights);
    }

    /** Moves {@code [from, from+size)} of this space to {@code toAddr} in {@code to}; what was mapped from it stays mapped. */
    public void grant(Space to, long from, long toAddr, long size) {
        db.grant(this, from, to, toAddr, size);
    }

    /** Removes the range here and, recursively, everything mapped from it. Holes in the range are fine. */
    public void unmap(long addr, long size) {
        db.unmap(this, addr, size, true);
    }

    /** Removes, recursively, everything mapped from the range, but keeps it here (L4's unmap without flush). */
    public void revoke(long addr, long size) {
        db.unmap(this, addr, size, false);
    }

    // ---- lookup ----

    /** The region covering {@code pa}, or null. Lock-free. */
    public Region regionAt(long pa) {
        Layout l = layout;
        long[] bases = l.bases;
        int lo = 0, hi = bases.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(bases[mid], pa) <= 0) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (found < 0) return null;
        Region r = l.regions[found];
        return r.contains(pa) ? r : null;
    }

    /** Rights at {@code pa} (NONE for a hole); the soft MMU checks execute here on an instruction fill. */
    public Rights rightsAt(long pa) {
        Region r = regionAt(pa);
        return r == null ? Rights.NONE : r.rights;
    }

    /** Regions in address order (a snapshot). */
    public List<Region> regions() { return List.of(layout.regions); }

    // ---- PhysicalBus ----

    @Override
    public Backing backing(long pagePa) {
        long page = pagePa & -PAGE_SIZE;
        Region r = regionAt(page);
        if (r != null && r.memory == null && r.device instanceof dynvm.microkernel.device.DirectlyMapped d && r.rights.canRead())
            return d.backing((int) (r.objectOffset + (page - r.base)));
        if (r == null || r.memory == null || !r.rights.canRead()) return null;
        boolean writable = r.kind == RegionKind.RAM && r.rights.canWrite();
        return new Backing(r.memory, (int) (r.objectOffset + (page - r.base)), writable);
    }

    @Override
    public long read(long pa, int size) {
        Region r = regionAt(pa);
        if (r == null) {
            if (unassigned == Unassigned.ABORT) throw new BusError(pa, "unassigned (" + name + ")");
            return 0;
        }
        checkInside(r, pa, size);
        if (!r.rights.canRead()) throw new BusError(pa, "no read right in " + r);
        long offset = r.objectOffset + (pa - r.base);
        if (r.kind == RegionKind.MMIO) {
            synchronized (r.device) { return r.device.read((int) offset, size); }
        }
        return getValue(r.memory, (int) offset, size);
    }

    @Override
    public void write(long pa, int size, long value) {
        Region r = regionAt(pa);
        if (r == null) {
            if (unassigned == Unassigned.ABORT) throw new BusError(pa, "unassigned (" + name + ")");
            return;
        }
        checkInside(r, pa, size);
        long offset = r.objectOffset + (pa - r.base);
        switch (r.kind) {
            case MMIO -> {
                if (!r.rights.canWrite()) throw new BusError(pa, "no write right in " + r);
                synchronized (r.device) { r.device.write((int) offset, size, value); }
            }
            case ROM -> {
                if (r.device != null) {
                    synchronized (r.device) { r.device.write((int) offset, size, value); }
                }
            }
            case RAM -> {
                if (!r.rights.canWrite()) throw new BusError(pa, "no write right in " + r);
                putValue(r.memory, (int) offset, size, value);
            }
        }
    }

    // ---- loader access (ignores rights: the VMM, not the guest) ----

    /** Copies {@code bytes} into RAM or ROM at {@code pa}; the range must lie in memory regions. */
    public void load(long pa, byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            Region r = memoryAt(pa + done);
            int n = (int) Math.min(bytes.length - done, r.end() - (pa + done));
            System.arraycopy(bytes, done, r.memory, (int) (r.objectOffset + (pa + done - r.base)), n);
            done += n;
        }
    }

    /** Copies {@code length} bytes out of RAM or ROM at {@code pa}. */
    public byte[] dump(long pa, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            Region r = memoryAt(pa + done);
            int n = (int) Math.min(length - done, r.end() - (pa + done));
            System.arraycopy(r.memory, (int) (r.objectOffset + (pa + done - r.base)), out, done, n);
            done += n;
        }
        return out;
    }

    // ---- layout maintenance (called by the MappingDatabase under its lock) ----

    /** Regions overlapping {@code [addr, addr+size)}, in address order. */
    List<Region> overlapping(long addr, long size) {
        List<Region> out = new ArrayList<>();
        Map.Entry<Long, Region> first = byBase.floorEntry(addr);
        long from = first != null && first.getValue().end() > addr ? first.getKey() : addr;
        for (Region r : byBase.subMap(from, true, addr + size, false).values()) out.add(r);
        return out;
    }

    void insert(Region r) { byBase.put(r.base, r); }

    void remove(Region r) { byBase.remove(r.base, r); }

    void publish() {
        Region[] regions = byBase.values().toArray(new Region[0]);
        long[] bases = new long[regions.length];
        for (int i = 0; i < regions.length; i++) bases[i] = regions[i].base;
        layout = new Layout(bases, regions);
    }

    void fireChanged(long base, long size) {
        for (Listener l : listeners) l.changed(this, base, size);
    }

    // ---- helpers ----

    private Region memoryAt(long pa) {
        Region r = regionAt(pa);
        if (r == null || r.memory == null) throw new IllegalArgumentException(String.format("no memory at 0x%x in %s", pa, name));
        return r;
    }

    private static void checkInside(Region r, long pa, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) throw new IllegalArgumentException("access size " + size);
        if (pa + size - r.base > r.size) throw new BusError(pa, "access crosses the end of " + r);
    }

    private long getValue(byte[] a, int at, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = a[at + i] & 0xff;
            v |= (long) b << (8 * (order == ByteOrder.LITTLE_ENDIAN ? i : size - 1 - i));
        }
        return v;
    }

    private void putValue(byte[] a, int at, int size, long v) {
        for (int i = 0; i < size; i++) {
            a[at + i] = (byte) (v >>> (8 * (order == ByteOrder.LITTLE_ENDIAN ? i : size - 1 - i)));
        }
    }

    private static void checkMemorySize(long size) {
        if (size <= 0 || size > MAX_MEMORY_REGION) throw new IllegalArgumentException("memory region size 0x" + Long.toHexString(size));
    }

    static long roundUp(long n) { return (n + PAGE_SIZE - 1) & -PAGE_SIZE; }

    @Override public String toString() { return "Space[" + name + "]"; }
}
