package dynvm.microkernel.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An epoll instance: the interest list of one {@code epoll_create} (descriptor number to the open
 * file it named when added, events, data) and the readiness scan of {@code epoll_wait}.
 * Readiness is each file's own {@link OpenFile#pollReady} (what poll(2) sees). Level-triggered
 * entries report while ready; edge-triggered ones (EPOLLET) when a ready bit rises or new input
 * arrives ({@link OpenFile#pollGeneration}) since they last reported; EPOLLONESHOT entries are
 * disarmed after reporting until EPOLL_CTL_MOD. An entry whose descriptor was closed (or now
 * names another file) is dropped, as Linux drops it with the file's last reference.
 *
 * <p>Ready entries are reported in the order of Linux's ready list, not of the interest list: an
 * entry joins the list's tail when a scan first finds it ready, and a level-triggered entry goes
 * back to the tail after it is reported. So a file that became ready earlier comes first (python's
 * selectors print that order), and a small {@code maxevents} takes turns over the ready entries
 * instead of always giving the first ones.
 */
final class EpollFile extends OpenFile {
    static final int EPOLLIN = 0x1, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10, EPOLLRDHUP = 0x2000,
            EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    /** The flag bits that are not events. */
    static final int CONTROL = EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET;

    /** One watched descriptor. */
    static final class Entry {
        final int fd;
        final OpenFile file;
        int events;
        long data;
        boolean disarmed;
        int lastReady;
        long lastGeneration = -1;

        Entry(int fd, OpenFile file) {
            this.fd = fd;
            this.file = file;
        }
    }

    /** A ready entry as epoll_wait reports it. */
    record Ready(int events, long data) { }

    private final Map<Integer, Entry> interest = new LinkedHashMap<>();
    /** Linux's ready list: entries found ready and not yet reported, oldest first. */
    private final java.util.LinkedHashSet<Entry> readyList = new java.util.LinkedHashSet<>();
    private final int uid, gid;
    private final long ino;

    EpollFile(int flags, int uid, int gid, long ino) {
        super(OpenFlags.O_RDWR | flags);
        this.uid = uid;
        this.gid = gid;
        this.ino = ino;
    }

    synchronized void add(int fd, OpenFile f, int events, long data) {
        Entry old = interest.get(fd);
        if (old != null && old.file == f) throw new SysErr(Errno.EEXIST);
        if (old != null) readyList.remove(old);
        Entry e = new Entry(fd, f);
        e.events = events;
        e.data = data;
        interest.put(fd, e);
    }

    synchronized void modify(int fd, OpenFile f, int events, long data) {
        Entry e = entry(fd, f);
        e.events = events;
        e.data = data;
        e.disarmed = false;
        e.lastReady = 0;
        e.lastGeneration = -1;
    }

    synchronized void remove(int fd, OpenFile f) { readyList.remove(interest.remove(entry(fd, f).fd)); }

    private Entry entry(int fd, OpenFile f) {
        Entry e = interest.get(fd);
        if (e == null || e.file != f) throw new SysErr(Errno.ENOENT);
        return e;
    }

    /** One scan: up to {@code max} ready entries, with edge and one-shot bookkeeping done. */
    synchronized List<Ready> scan(FdTable fds, int max) {
        java.util.Map<Entry, Integer> now = new java.util.HashMap<>();
        for (var it = interest.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!fds.isOpen(e.fd) || fds.get(e.fd) != e.file) {
                it.remove();
                readyList.remove(e);
                continue;
            }
            if (e.disarmed) {
                readyList.remove(e);
                continue;
            }
            int ready = e.file.pollReady() & (e.events | EPOLLERR | EPOLLHUP) & ~CONTROL;
            now.put(e, ready);
            if (ready == 0) {
                readyList.remove(e);
                if ((e.events & EPOLLET) != 0) {
                    e.lastReady = 0;
                    e.lastGeneration = e.file.pollGeneration();
                }
                continue;
            }
            if ((e.events & EPOLLET) != 0) {
                long gen = e.file.pollGeneration();
                boolean news = (ready & ~e.lastReady) != 0 || gen != e.lastGeneration;
                e.lastReady = ready;
                e.lastGeneration = gen;
                if (news) readyList.add(e); // an edge not yet reported stays queued while ready
            } else {
                readyList.add(e);
            }
        }
        List<Ready> out = new ArrayList<>();
        List<Entry> again = new ArrayList<>();
        for (var it = readyList.iterator(); it.hasNext() && out.size() < max; ) {
            Entry e = it.next();
            it.remove();
            out.add(new Ready(now.get(e), e.data));
            if ((e.events & EPOLLONESHOT) != 0) e.disarmed = true;
            else if ((e.events & EPOLLET) == 0) again.add(e);
        }
        readyList.addAll(again);
        return out;
    }

    /** An epoll descriptor is readable when some watched file is ready (nested epoll, poll on it). */
    @Override
    synchronized int pollReady() {
        for (Entry e : interest.values())
            if (!e.disarmed && (e.file.pollReady() & (e.events | EPOLLERR | EPOLLHUP) & ~CONTROL) != 0) return PollSyscalls.POLLIN;
        return 0;
    }

    @Override HostStat stat() { return HostStat.synthetic(0600, uid, gid, 0, 0, ino); }
}
