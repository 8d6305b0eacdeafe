package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * eventfd, eventfd2 and the epoll calls. epoll_wait rescans the interest list until something is
 * ready, its timeout passes or a signal arrives (EINTR: epoll_wait is never restarted), sleeping
 * on the thread's notification between scans for at most {@link #SLICE_NS}, because a host socket
 * or the host's standard input become ready with no event the personality sees.
 * struct epoll_event is 16 bytes on both 32-bit ABIs served (events, padding, 64-bit data).
 */
final class EventSyscalls implements Syscall.Group {
    static final int EFD_SEMAPHORE = 1, EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    static final int EVENT_SIZE = 16, EP_MAX_EVENTS = Integer.MAX_VALUE / EVENT_SIZE;
    static final long SLICE_NS = 5_000_000L;

    private final GuestProcess p;

    EventSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("eventfd", a -> eventfd(a[0], 0));
        t.put("eventfd2", a -> eventfd(a[0], a[1]));
        t.put("epoll_create", a -> a[0] <= 0 ? -Errno.EINVAL : epollCreate(0));
        t.put("epoll_create1", a -> epollCreate(a[0]));
        t.put("epoll_ctl", a -> epollCtl(a[0], a[1], a[2], a[3]));
        t.put("epoll_wait", a -> epollWait(a[0], a[1], a[2], a[3]));
        // the signal mask argument is not applied for the wait (signals stay as they are)
        t.put("epoll_pwait", a -> epollWait(a[0], a[1], a[2], a[3]));
        t.put("timerfd_create", a -> timerfdCreate(a[0], a[1]));
        t.put("timerfd_settime", a -> timerfdSet(a[0], a[1], a[2], a[3], false));
        t.put("timerfd_settime64", a -> timerfdSet(a[0], a[1], a[2], a[3], true));
        t.put("timerfd_gettime", a -> timerfdGet(a[0], a[1], false));
        t.put("timerfd_gettime64", a -> timerfdGet(a[0], a[1], true));
    }

    // ---- timerfd

    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7, TFD_TIMER_ABSTIME = 1,
            TFD_TIMER_CANCEL_ON_SET = 2;

    private int timerfdCreate(int clock, int flags) {
        if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME) return -Errno.EINVAL;
        if ((flags & ~(OpenFlags.O_NONBLOCK | OpenFlags.O_CLOEXEC)) != 0) return -Errno.EINVAL;
        TimerFd f = new TimerFd(p.sys, p.abi.order(), (flags & OpenFlags.O_NONBLOCK) != 0, p.cfg.uid, p.cfg.gid, p.nextSyntheticIno++);
        f.clock = clock;
        return p.fds.install(f, 0, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    private TimerFd timerfd(int fd) {
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof TimerFd t)) throw new SysErr(Errno.EINVAL);
        return t;
    }

    /** struct itimerspec (interval, value), 32- or 64-bit timespecs, as {interval, value} ns. */
    private long[] readItimerspec(int addr, boolean time64) {
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, time64 ? 32 : 16)).order(p.view.order);
        long is = time64 ? b.getLong(0) : b.getInt(0), in = time64 ? (int) b.getLong(8) : b.getInt(4);
        long vs = time64 ? b.getLong(16) : b.getInt(8), vn = time64 ? (int) b.getLong(24) : b.getInt(12);
        return new long[] {TimerFd.toNanos(is, in), TimerFd.toNanos(vs, vn)};
    }

    private void writeItimerspec(int addr, long[] leftAndInterval, boolean time64) {
        long left = leftAndInterval[0], iv = leftAndInterval[1], ns = 1_000_000_000L;
        ByteBuffer b = p.view.struct(time64 ? 32 : 16);
        if (time64) b.putLong(0, iv / ns).putLong(8, iv % ns).putLong(16, left / ns).putLong(24, left % ns);
        else b.putInt(0, (int) (iv / ns)).putInt(4, (int) (iv % ns)).putInt(8, (int) (left / ns)).putInt(12, (int) (left % ns));
        p.view.write(addr, b);
    }

    private int timerfdSet(int fd, int flags, int newValue, int oldValue, boolean time64) {
        TimerFd t = timerfd(fd);
        if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) != 0) return -Errno.EINVAL;
        long[] v = readItimerspec(newValue, time64);
        if (oldValue != 0) p.view.requireWritable(oldValue, time64 ? 32 : 16);
        long fromNow = v[1];
        if (v[1] != 0 && (flags & TFD_TIMER_ABSTIME) != 0) {
            long now = t.clock == CLOCK_REALTIME
                    ? java.time.Instant.now().getEpochSecond() * 1_000_000_000L + java.time.Instant.now().getNano()
                    : p.sys.monotonic.nanos();
            fromNow = v[1] - now;
            if (fromNow <= 0) fromNow = 1; // already past: expires at once
        }
        long[] old = t.set(v[1] == 0 ? 0 : fromNow, v[0]);
        if (oldValue != 0) writeItimerspec(oldValue, old, time64);
        return 0;
    }

    private int timerfdGet(int fd, int cur, boolean time64) {
        TimerFd t = timerfd(fd);
        p.view.requireWritable(cur, time64 ? 32 : 16);
        writeItimerspec(cur, t.get(), time64);
        return 0;
    }

    private int eventfd(int initval, int flags) {
        if ((flags & ~(EFD_SEMAPHORE | OpenFlags.O_NONBLOCK | OpenFlags.O_CLOEXEC)) != 0) return -Errno.EINVAL;
        EventFd f = new EventFd(p.sys, p.abi.order(), initval & 0xffffffffL, (flags & EFD_SEMAPHORE) != 0,
                (flags & OpenFlags.O_NONBLOCK) != 0, p.cfg.uid, p.cfg.gid, p.nextSyntheticIno++);
        return p.fds.install(f, 0, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    private int epollCreate(int flags) {
        if ((flags & ~OpenFlags.O_CLOEXEC) != 0) return -Errno.EINVAL;
        return p.fds.install(new EpollFile(0, p.cfg.uid, p.cfg.gid, p.nextSyntheticIno++), 0, flags != 0);
    }

    private EpollFile epoll(int epfd) {
        OpenFile f = p.fds.get(epfd);
        if (!(f instanceof EpollFile e)) throw new SysErr(Errno.EINVAL);
        return e;
    }

    private int epollCtl(int epfd, int op, int fd, int event) {
        // Linux's order: both descriptors (EBADF), a target that can be polled (EPERM), then an epoll one not itself (EINVAL)
        OpenFile epf = p.fds.get(epfd);
        OpenFile f = p.fds.get(fd);
        if (f instanceof HostFile || f instanceof HostDirectory) return -Errno.EPERM;
        if (f == epf) return -Errno.EINVAL;
        EpollFile ep = epoll(epfd);
        int events = 0;
        long data = 0;
        if (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(event, EVENT_SIZE)).order(p.view.order);
            events = b.getInt(0);
            data = b.getLong(8);
        }
        switch (op) {
            case EPOLL_CTL_ADD -> ep.add(fd, f, events, data);
            case EPOLL_CTL_MOD -> ep.modify(fd, f, events, data);
            case EPOLL_CTL_DEL -> ep.remove(fd, f);
            default -> { return -Errno.EINVAL; }
        }
        return 0;
    }

    private int epollWait(int epfd, int events, int max, int timeoutMs) {
        if (max <= 0 || max > EP_MAX_EVENTS) return -Errno.EINVAL;
        EpollFile ep = epoll(epfd);
        p.view.requireWritable(events, EVENT_SIZE * Math.min(max, 1024));
        long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000L;
        Waiter w = Waiter.of(p.currentThread());
        for (;;) {
            List<EpollFile.Ready> r = ep.scan(p.fds, Math.min(max, 1024));
            if (!r.isEmpty()) {
                ByteBuffer b = p.view.struct(EVENT_SIZE * r.size());
                for (int i = 0; i < r.size(); i++) b.putInt(EVENT_SIZE * i, r.get(i).events()).putLong(EVENT_SIZE * i + 8, r.get(i).data());
                p.view.write(events, b);
                return r.size();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return 0;
            GuestThread t = w.thread;
            if (t != null && (t.stopRequested() || t.signals.hint())) return -Errno.EINTR;
            if (!w.sleep(Math.min(left, SLICE_NS))) return -Errno.EINTR;
        }
    }
}
