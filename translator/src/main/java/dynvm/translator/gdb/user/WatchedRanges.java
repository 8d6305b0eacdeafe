package dynvm.translator.gdb.user;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.translator.gdb.debuggee.Watchpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process's watchpoints and the guest memory pages they mark. Marked pages send stores (and,
 * with a read or access watchpoint, loads) to the slow path, which asks {@link #firstTriggered}.
 * Copy on write: the accessing guest threads take no lock.
 */
final class WatchedRanges {
    private final List<Watchpoint> watches = new CopyOnWriteArrayList<>();

    void insert(Watchpoint w, GuestMemory m) {
        if (!watches.contains(w)) watches.add(w);
        markAll(m);
    }

    void remove(Watchpoint w, GuestMemory m) {
        watches.remove(w);
        m.setWatched((int) w.address(), w.length(), false); // pages other watchpoints share are marked again below
        markAll(m);
    }

    private void markAll(GuestMemory m) {
        for (Watchpoint o : watches) m.setWatched((int) o.address(), o.length(), true);
        m.setWatchReads(watches.stream().anyMatch(Watchpoint::watchesReads));
    }

    void clear(GuestMemory m) {
        for (Watchpoint w : watches) m.setWatched((int) w.address(), w.length(), false);
        watches.clear();
        m.setWatchReads(false);
    }

    /** The first watchpoint an access of {@code len} bytes at {@code addr} triggers, or null. */
    Watchpoint firstTriggered(int addr, int len, boolean write) {
        if (watches.isEmpty()) return null;
        for (Watchpoint w : watches) {
            int start = (int) w.address();
            boolean overlap = Integer.compareUnsigned(addr, start + w.length()) < 0 && Integer.compareUnsigned(start, addr + len) < 0;
            if (overlap && w.kind().triggeredBy(write)) return w;
        }
        return null;
    }
}
