package dynvm.microkernel.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mapped regions of an address space, non-overlapping and keyed by start. Addresses are kept
 * as unsigned longs so regions above 2 GiB sort correctly. Knows nothing of page flags.
 */
final class MappingList {
    /** A mapped region {@code [start, end)} with its PROT_* bits. */
    record Region(long start, long end, int prot) {}

    private final TreeMap<Long, Region> regions = new TreeMap<>();

    /** Replaces the contents by those of {@code o} (regions are immutable records). */
    void copyFrom(MappingList o) {
        regions.clear();
        regions.putAll(o.regions);
    }

    /** Removes {@code [start, end)} from every region, splitting those that straddle an edge. */
    void remove(long start, long end) {
        Map.Entry<Long, Region> e = regions.lowerEntry(start);
        if (e != null && e.getValue().end() > start) {
            Region r = e.getValue();
            regions.put(r.start(), new Region(r.start(), start, r.prot()));
            if (r.end() > end) regions.put(end, new Region(end, r.end(), r.prot()));
        }
        for (Region r : new ArrayList<>(regions.subMap(start, true, end, false).values())) {
            regions.remove(r.start());
            if (r.end() > end) regions.put(end, new Region(end, r.end(), r.prot()));
        }
    }

    /** Maps {@code [start, end)} with {@code prot}, replacing whatever was there. */
    void add(long start, long end, int prot) {
        remove(start, end);
        regions.put(start, new Region(start, end, prot));
    }

    /** Does any region intersect {@code [start, end)}? */
    boolean overlaps(long start, long end) {
        Map.Entry<Long, Region> e = regions.lowerEntry(end);
        return e != null && e.getValue().end() > start;
    }

    /** Is every byte of {@code [start, end)} inside some region? */
    boolean covers(long start, long end) {
        long at = start;
        while (at < end) {
            Map.Entry<Long, Region> e = regions.floorEntry(at);
            if (e == null || e.getValue().end() <= at) return false;
            at = e.getValue().end();
        }
        return true;
    }

    /** The regions intersecting {@code [start, end)}, clipped to it, in address order. */
    List<Region> clipped(long start, long end) {
        List<Region> out = new ArrayList<>();
        Long from = regions.floorKey(start);
        for (Region r : regions.subMap(from == null ? start : from, true, end, false).values()) {
            long s = Math.max(r.start(), start), t = Math.min(r.end(), end);
            if (s < t) out.add(new Region(s, t, r.prot()));
        }
        return out;
    }

    /**
     * Highest start {@code s} with {@code [s, s+len)} free and inside {@code [low, high)}, or -1.
     */
    long findTopDown(long low, long high, long len) {
        long gapEnd = high;
        for (Region r : regions.headMap(high, false).descendingMap().values()) {
            if (r.end() < gapEnd && gapEnd - Math.max(r.end(), low) >= len) return gapEnd - len;
            gapEnd = Math.min(gapEnd, r.start());
            if (gapEnd <= low) return -1;
        }
        return gapEnd - low >= len ? gapEnd - len : -1;
    }

    /**
     * Lowest start {@code s} with {@code [s, s+len)} free and inside {@code [low, high)}, or -1.
     * Bottom-up placement keeps a process's mappings dense at the low end of its window, so the
     * window's backing store grows only as far as the process really maps.
     */
    long findBottomUp(long low, long high, long len) {
        long gapStart = low;
        Region before = regions.floorEntry(low) == null ? null : regions.floorEntry(low).getValue();
        if (before != null && before.end() > gapStart) gapStart = before.end();
        for (Region r : regions.tailMap(low, false).values()) {
            if (r.start() >= high) break;
            if (r.start() - gapStart >= len) return gapStart + len <= high ? gapStart : -1;
            gapStart = Math.max(gapStart, r.end());
        }
        return high - gapStart >= len ? gapStart : -1;
    }

    List<Region> all() { return new ArrayList<>(regions.values()); }
}
