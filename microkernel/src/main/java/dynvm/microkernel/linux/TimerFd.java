package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * timerfd_create(2): a timer read as a file. No host timer runs: the expirations are counted from
 * the clock when someone looks (read, poll, epoll, gettime), and a blocked read sleeps on its
 * thread's notification until the next expiry, so a signal still ends it (ERESTARTSYS). Times are
 * kept in System.nanoTime; an absolute CLOCK_REALTIME setting is converted once when it is set.
 */
final class TimerFd extends OpenFile {
    private static final long NS = 1_000_000_000L;

    private final LinuxSystem sys;
    private final ByteOrder order;
    private final int uid, gid;
    private final long ino;
    /** The clock it was created on (CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME). */
    int clock;
    /** System.nanoTime of the next expiry; 0 when disarmed. */
    private long next;
    private long interval;
    /** Expirations not yet read, and all of them (edge-triggered epoll's sign of new input). */
    private long pending, total;

    TimerFd(LinuxSystem sys, ByteOrder order, boolean nonBlocking, int uid, int gid, long ino) {
        super(OpenFlags.O_RDONLY | (nonBlocking ? OpenFlags.O_NONBLOCK : 0));
        this.sys = sys;
        this.order = order;
        this.uid = uid;
        this.gid = gid;
        this.ino = ino;
    }

    /** Counts the expiries up to now. Caller holds the lock. */
    private void advance() {
        if (next == 0) return;
        long now = System.nanoTime();
        if (now - next < 0) return;
        long n = interval > 0 ? 1 + (now - next) / interval : 1;
        pending += n;
        total += n;
        next = interval > 0 ? next + n * interval : 0;
    }

    /** Arms (value in ns from now; 0 disarms) and returns the old {remaining, interval}. */
    synchronized long[] set(long fromNow, long newInterval) {
        long[] old = get();
        pending = 0;
        interval = newInterval;
        next = fromNow <= 0 ? 0 : System.nanoTime() + fromNow;
        return old;
    }

    /** {time left to the next expiry, interval} in ns (0, interval when disarmed). */
    synchronized long[] get() {
        advance();
        return new long[] {next == 0 ? 0 : Math.max(1, next - System.nanoTime()), interval};
    }

    @Override
    int read(byte[] b, int off, int len) {
        if (len < 8) throw new SysErr(Errno.EINVAL);
        Waiter w = null;
        for (;;) {
            long deadline;
            synchronized (this) {
                advance();
                if (pending > 0) {
                    ByteBuffer.wrap(b, off, 8).order(order).putLong(off, pending);
                    pending = 0;
                    return 8;
                }
                if (nonBlocking()) throw new SysErr(Errno.EAGAIN);
                deadline = next == 0 ? GuestThread.NO_DEADLINE : next;
            }
            if (w == null) w = sys.waiter();
            int r = w.block(deadline);
            if (r < 0 && r != -Errno.ETIMEDOUT) throw new SysErr(-r);
        }
    }

    @Override
    synchronized int pollReady() {
        advance();
        return pending > 0 ? PollSyscalls.POLLIN : 0;
    }

    @Override synchronized long pollGeneration() { advance(); return total; }

    @Override HostStat stat() { return HostStat.synthetic(0600, uid, gid, 0, 0, ino); }

    static long toNanos(long sec, long nsec) {
        if (sec < 0 || nsec < 0 || nsec >= NS) throw new SysErr(Errno.EINVAL);
        return sec > Long.MAX_VALUE / NS - 1 ? Long.MAX_VALUE / 2 : sec * NS + nsec;
    }
}
