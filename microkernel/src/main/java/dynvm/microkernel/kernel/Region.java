package dynvm.microkernel.kernel;

import dynvm.microkernel.device.MmioDevice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One contiguous, page-aligned piece of a {@link Space}, and a node of the mapping database.
 *
 * <p>A region shows a window of a <em>memory object</em> (a RAM or ROM byte array, or a device's
 * register window) at {@code objectOffset}. Regions created by {@code Space.addRam/addRom/addMmio}
 * are roots, like the pages sigma0 owns in L4. {@link Space#map} creates children: regions in
 * other spaces that show a sub-range of the same object, so a store through one is a store
 * through all. The tree is what makes {@link Space#unmap} recursive: removing a region removes
 * every region derived from it, wherever it lives. A child's object range always lies inside its
 * parent's; splitting a region (when only part of it is unmapped or passed on) splits its
 * children at the same object offset, which keeps that invariant.
 *
 * <p>The placement fields are final, so the lock-free lookup of a space may hold a region that a
 * concurrent unmap has already replaced; it then finishes the access on the old backing, exactly
 * as a CPU whose TLB has not yet been shot down would. The tree links are guarded by the
 * {@link MappingDatabase}'s lock.
 */
public final class Region {
    final Space space;
    final long base;
    final long size;
    final RegionKind kind;
    final Rights rights;
    /** RAM and ROM contents; null for MMIO. */
    final byte[] memory;
    /** The device of an MMIO region, or the optional write handler of a ROM (flash command mode). */
    final MmioDevice device;
    /** Where this region's first byte lies in its memory object. */
    final long objectOffset;

    Region parent;
    final List<Region> children = new ArrayList<>();

    Region(Space space, long base, long size, RegionKind kind, Rights rights,
           byte[] memory, MmioDevice device, long objectOffset) {
        this.space = space;
        this.base = base;
        this.size = size;
        this.kind = kind;
        this.rights = rights;
        this.memory = memory;
        this.device = device;
        this.objectOffset = objectOffset;
    }

    /** The same object range seen elsewhere (or at another place here), with the given rights. */
    Region placed(Space where, long newBase, long offsetInThis, long newSize, Rights newRights) {
        return new Region(where, newBase, newSize, kind, newRights, memory, device, objectOffset + offsetInThis);
    }

    boolean contains(long pa) { return pa - base >= 0 && pa - base < size; }

    public Space space() { return space; }
    public long base() { return base; }
    public long size() { return size; }
    public long end() { return base + size; }
    public RegionKind kind() { return kind; }

    /** The device server of an MMIO region (null for memory). */
    public MmioDevice device() { return device; }
    public Rights rights() { return rights; }
    /** True when this region was mapped (or granted) from another region rather than created. */
    public boolean isDerived() { return parent != null; }
    /** The regions mapped from this one (a snapshot, for tests and debugging). */
    public List<Region> derived() {
        synchronized (space.db.lock) { return Collections.unmodifiableList(new ArrayList<>(children)); }
    }

    @Override public String toString() {
        return String.format("%s[%s 0x%x+0x%x %s%s]", space.name(), kind, base, size, rights,
                device != null ? " " + device.name() : "");
    }
}
