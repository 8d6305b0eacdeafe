package dynvm.microkernel.kernel;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The mapping database of L4: which region was mapped from which, across all spaces that may
 * exchange memory. It is a forest of {@link Region}s; a root is memory a space was given at
 * creation, a child is a map of part of its parent. Every operation that changes a layout runs
 * here under one lock, so a recursive unmap sees a consistent tree and two spaces can never
 * deadlock by mapping into each other at once.
 *
 * <p>One database per VM (the {@link Kernel} owns it): spaces of different VMs cannot be mapped
 * into each other, which is the memory half of isolation between VMs.
 *
 * <p>Operations work on whole regions: the range is first carved out (regions straddling its
 * ends are split, and so, at the same object offset, are their derived regions), then regions
 * are moved, copied or removed as units.
 */
public final class MappingDatabase {
    final Object lock = new Object();

    /** A new empty space whose holes answer by {@code unassigned}, little-endian on the slow path. */
    public Space newSpace(String name, Unassigned unassigned) {
        return newSpace(name, unassigned, ByteOrder.LITTLE_ENDIAN);
    }

    /** A new empty space; {@code order} is used for RAM/ROM values read or written through the bus slow path. */
    public Space newSpace(String name, Unassigned unassigned, ByteOrder order) {
        return new Space(name, unassigned, order, this);
    }

    Region addRoot(Region r) {
        synchronized (lock) {
            if (r.kind == RegionKind.MMIO) {
                if (r.base < 0) throw new IllegalArgumentException(r + ": negative base");
            } else {
                checkRange(r.base, r.size);
            }
            requireFree(r.space, r.base, r.size);
            r.space.insert(r);
            r.space.publish();
            r.space.fireChanged(r.base, r.size);
            return r;
        }
    }

    void map(Space from, long fromAddr, Space to, long toAddr, long size, Rights rights) {
        synchronized (lock) {
            checkPeer(to);
            checkRange(fromAddr, size);
            checkRange(toAddr, size);
            requireFree(to, toAddr, size);
            Set<Space> touched = new LinkedHashSet<>();
            for (Region piece : carve(from, fromAddr, size, touched)) {
                Region copy = piece.placed(to, toAddr + (piece.base - fromAddr), 0, piece.size, piece.rights.and(rights));
                copy.parent = piece;
                piece.children.add(copy);
                to.insert(copy);
            }
            touched.add(to);
            publish(touched);
            to.fireChanged(toAddr, size);
        }
    }

    void grant(Space from, long fromAddr, Space to, long toAddr, long size) {
        synchronized (lock) {
            checkPeer(to);
            checkRange(fromAddr, size);
            checkRange(toAddr, size);
            requireFree(to, toAddr, size);
            Set<Space> touched = new LinkedHashSet<>();
            List<Region> pieces = carve(from, fromAddr, size, touched);
            for (Region piece : pieces) {
                Region moved = piece.placed(to, toAddr + (piece.base - fromAddr), 0, piece.size, piece.rights);
                replaceNode(piece, moved);
                from.remove(piece);
                to.insert(moved);
            }
            touched.add(from);
            touched.add(to);
            publish(touched);
            from.fireChanged(fromAddr, size);
            to.fireChanged(toAddr, size);
        }
    }

    void unmap(Space space, long addr, long size, boolean includingSelf) {
        synchronized (lock) {
            checkRange(addr, size);
            Set<Space> touched = new LinkedHashSet<>();
            List<Region> removed = new ArrayList<>();
            for (Region r : carveExisting(space, addr, size, touched)) {
                for (Region child : new ArrayList<>(r.children)) removeTree(child, removed);
                if (includingSelf) removeTree(r, removed);
            }
            for (Region gone : removed) touched.add(gone.space);
            publish(touched);
            for (Region gone : removed) gone.space.fireChanged(gone.base, gone.size);
        }
    }

    // ---- tree surgery (under lock) ----

    /** Removes {@code r} and everything derived from it, children first. */
    private static void removeTree(Region r, List<Region> removed) {
        for (Region child : new ArrayList<>(r.children)) removeTree(child, removed);
        r.children.clear();
        if (r.parent != null) r.parent.children.remove(r);
        r.parent = null;
        r.space.remove(r);
        removed.add(r);
    }

    /** Splits regions so that {@code addr} and {@code addr+size} are boundaries; the range must be fully covered. */
    private List<Region> carve(Space s, long addr, long size, Set<Space> touched) {
        long next = addr;   // check before splitting anything: a refused operation leaves no trace
        for (Region r : s.overlapping(addr, size)) {
            if (r.base > next) break;
            next = r.end();
        }
        if (next < addr + size) {
            throw new IllegalStateException(String.format("%s: 0x%x+0x%x is not fully mapped (hole at 0x%x)", s.name(), addr, size, next));
        }
        return carveExisting(s, addr, size, touched);
    }

    /** Like {@link #carve} but holes are allowed; returns the regions inside the range. */
    private List<Region> carveExisting(Space s, long addr, long size, Set<Space> touched) {
        for (Region r : s.overlapping(addr, size)) {   // refuse before changing anything
            for (long at : new long[] {addr, addr + size}) {
                if (r.base < at && at < r.end() && ((at - r.base) & (Space.PAGE_SIZE - 1)) != 0) {
                    throw new IllegalArgumentException(String.format("0x%x is not a page boundary of %s", at, r));
                }
            }
        }
        for (Region r : s.overlapping(addr, size)) {
            if (r.base < addr) split(r, addr, touched);
        }
        for (Region r : s.overlapping(addr, size)) {
            if (r.end() > addr + size) split(r, addr + size, touched);
        }
        return s.overlapping(addr, size);
    }

    /** Splits {@code r} at address {@code at} (inside it), and its derived regions at the same object offset. */
    private void split(Region r, long at, Set<Space> touched) {
        if (at <= r.base || at >= r.end()) return;
        if (((at - r.base) & (Space.PAGE_SIZE - 1)) != 0) throw new IllegalArgumentException("split inside a page of " + r);
        long objectAt = r.objectOffset + (at - r.base);
        for (Region child : new ArrayList<>(r.children)) {
            if (child.objectOffset < objectAt && objectAt < child.objectOffset + child.size) {
                split(child, child.base + (objectAt - child.objectOffset), touched);
            }
        }
        long leftSize = at - r.base;
        Region left = r.placed(r.space, r.base, 0, leftSize, r.rights);
        Region right = r.placed(r.space, at, leftSize, r.size - leftSize, r.rights);
        for (Region child : r.children) {
            Region half = child.objectOffset < objectAt ? left : right;
            child.parent = half;
            half.children.add(child);
        }
        r.children.clear();
        left.parent = right.parent = r.parent;
        if (r.parent != null) {
            List<Region> siblings = r.parent.children;
            siblings.set(siblings.indexOf(r), left);
            siblings.add(right);
        }
        r.space.remove(r);
        r.space.insert(left);
        r.space.insert(right);
        touched.add(r.space);
    }

    /** Puts {@code moved} in {@code old}'s place in the tree: same parent, same children. */
    private static void replaceNode(Region old, Region moved) {
        moved.parent = old.parent;
        if (old.parent != null) {
            List<Region> siblings = old.parent.children;
            siblings.set(siblings.indexOf(old), moved);
        }
        for (Region child : old.children) {
            child.parent = moved;
            moved.children.add(child);
        }
        old.children.clear();
        old.parent = null;
    }

    private static void publish(Set<Space> touched) {
        for (Space s : touched) s.publish();
    }

    private void checkPeer(Space to) {
        if (to.db != this) throw new IllegalArgumentException(to.name() + " belongs to another mapping database (another VM)");
    }

    private static void requireFree(Space s, long addr, long size) {
        List<Region> there = s.overlapping(addr, size);
        if (!there.isEmpty()) {
            throw new IllegalStateException(String.format("%s: 0x%x+0x%x overlaps %s", s.name(), addr, size, there.get(0)));
        }
    }

    private static void checkRange(long addr, long size) {
        if (addr < 0 || size <= 0 || addr + size < 0) throw new IllegalArgumentException(String.format("range 0x%x+0x%x", addr, size));
        if (((addr | size) & (Space.PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(String.format("range 0x%x+0x%x is not page-aligned", addr, size));
        }
    }
}
