package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * eventfd(2): a 64-bit counter as a file. A read takes the counter (or 1 in semaphore mode) and
 * waits while it is zero; a write adds and waits while the sum would pass 2^64-2. Values are
 * 8-byte words in the guest's byte order. Blocked readers and writers sleep on their thread's
 * notification in the object's {@link WaitQueue}, as pipes do.
 */
final class EventFd extends OpenFile {
    private static final long MAX = 0xfffffffffffffffeL;

    private final LinuxSystem sys;
    private final ByteOrder order;
    private final boolean semaphore;
    private final WaitQueue waiters = new WaitQueue();
    private final int uid, gid;
    private final long ino;
    private long count;
    /** Counts writes, so edge-triggered epoll sees a write to an already readable eventfd. */
    private long writes;

    EventFd(LinuxSystem sys, ByteOrder order, long initial, boolean semaphore, boolean nonBlocking, int uid, int gid, long ino) {
        super(OpenFlags.O_RDWR | (nonBlocking ? OpenFlags.O_NONBLOCK : 0));
        this.sys = sys;
        this.order = order;
        this.count = initial;
        this.semaphore = semaphore;
        this.uid = uid;
        this.gid = gid;
        this.ino = ino;
    }

    @Override
    int read(byte[] b, int off, int len) {
        if (len < 8) throw new SysErr(Errno.EINVAL);
        Waiter w = null;
        try {
            for (;;) {
                synchronized (this) {
                    if (count != 0) {
                        long v = semaphore ? 1 : count;
                        count -= v;
                        ByteBuffer.wrap(b, off, 8).order(order).putLong(off, v);
                        waiters.wakeAll();
                        return 8;
                    }
                    if (nonBlocking()) throw new SysErr(Errno.EAGAIN);
                    w = waiters.enqueue(w, sys);
                }
                WaitQueue.block(w);
            }
        } finally {
            if (w != null) waiters.remove(w.events);
        }
    }

    @Override
    int write(byte[] b, int off, int len) {
        if (len < 8) throw new SysErr(Errno.EINVAL);
        long v = ByteBuffer.wrap(b, off, 8).order(order).getLong(off);
        if (v == -1L) throw new SysErr(Errno.EINVAL);
        Waiter w = null;
        try {
            for (;;) {
                synchronized (this) {
                    if (Long.compareUnsigned(v, MAX - count) <= 0) {
                        count += v;
                        writes++;
                        waiters.wakeAll();
                        return 8;
                    }
                    if (nonBlocking()) throw new SysErr(Errno.EAGAIN);
                    w = waiters.enqueue(w, sys);
                }
                WaitQueue.block(w);
            }
        } finally {
            if (w != null) waiters.remove(w.events);
        }
    }

    @Override
    synchronized int pollReady() {
        return (count != 0 ? PollSyscalls.POLLIN : 0) | (Long.compareUnsigned(count, MAX) < 0 ? PollSyscalls.POLLOUT : 0);
    }

    @Override synchronized long pollGeneration() { return writes; }

    @Override HostStat stat() { return HostStat.synthetic(0600, uid, gid, 0, 0, ino); }
}
