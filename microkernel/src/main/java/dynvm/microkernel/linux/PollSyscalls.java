package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * poll and select over the process's own descriptors. Regular files, directories and devices are
 * always ready (Linux's DEFAULT_POLLMASK); pipes and the host's standard input are ready when
 * there is data or the other side is gone. A call with nothing ready waits, rechecking every
 * {@link #SLICE_NS} at most (a pipe may be filled by another thread, stdin by the host), and
 * returns as soon as something is ready or the timeout ends.
 *
 * <p>This is the one blocking call left in slices rather than on the thread's kernel
 * notification: a regular file, a device and the host's standard input before its pump starts
 * ({@link java.io.InputStream#available}) have no event to wait for, so readiness is polled. (As
 * before, a pending signal does not end the wait either.)
 */
final class PollSyscalls implements Syscall.Group {
    static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20,
            POLLRDNORM = 0x40, POLLWRNORM = 0x100;
    /** What Linux reports for a file without a poll method: readable and writable. */
    static final int DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
    /** Linux's fd_set is 1024 bits. */
    static final int FD_SETSIZE = 1024;
    private static final long NS = 1_000_000_000L;
    /** Longest sleep between readiness checks. */
    static final long SLICE_NS = 20_000_000L;

    private final GuestProcess p;

    PollSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("poll", a -> poll(a[0], a[1], a[2] < 0 ? -1 : a[2] * 1_000_000L));
        t.put("ppoll", a -> poll(a[0], a[1], timespec(a[2], false)));
        t.put("ppoll_time64", a -> poll(a[0], a[1], timespec(a[2], true)));
        t.put("_newselect", a -> select(a[0], a[1], a[2], a[3], timeval(a[4]), a[4], 'v'));
        // PowerPC's old select: a pointer (>= 4096) to the five arguments, else the new form
        t.put("select", a -> {
            if ((a[0] & 0xffffffffL) < 4096) return select(a[0], a[1], a[2], a[3], timeval(a[4]), a[4], 'v');
            ByteBuffer b = ByteBuffer.wrap(p.view.read(a[0], 20)).order(p.view.order);
            int tv = b.getInt(16);
            return select(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), timeval(tv), tv, 'v');
        });
        t.put("pselect6", a -> select(a[0], a[1], a[2], a[3], timespec(a[4], false), a[4], 's'));
        t.put("pselect6_time64", a -> select(a[0], a[1], a[2], a[3], timespec(a[4], true), a[4], 'S'));
    }

    /** Readiness of {@code fd} for the requested events (POLLERR and POLLHUP always), POLLNVAL when it is not open. */
    private int ready(int fd, int events) {
        if (!p.fds.isOpen(fd)) return POLLNVAL;
        int r = p.fds.get(fd).pollReady();
        if ((r & POLLIN) != 0) r |= POLLRDNORM;
        if ((r & POLLOUT) != 0) r |= POLLWRNORM;
        return r & (events | POLLERR | POLLHUP);
    }

    private int poll(int fds, int nfds, long timeoutNs) {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) return -Errno.EINVAL;
        // poll(NULL, 0, ms) is a sleep
        ByteBuffer in = ByteBuffer.wrap(nfds == 0 ? new byte[0] : p.view.read(fds, 8 * nfds)).order(p.view.order);
        if (nfds > 0) p.view.requireWritable(fds, 8 * nfds);
        long deadline = deadline(timeoutNs);
        while (true) {
            ByteBuffer out = p.view.struct(8 * nfds);
            int n = 0;
            for (int i = 0; i < nfds; i++) {
                int fd = in.getInt(8 * i);
                int events = in.getShort(8 * i + 4) & 0xffff;
                int revents = fd < 0 ? 0 : ready(fd, events);
                out.putInt(8 * i, fd).putShort(8 * i + 4, (short) events).putShort(8 * i + 6, (short) revents);
                if (revents != 0) n++;
            }
            if (n != 0 || !pause(deadline)) {
                if (nfds > 0) p.view.write(fds, out);
                return n;
            }
        }
    }

    /**
     * select over the bit sets; the remaining time is written back to the timeout (a timeval for
     * select, a 32- or 64-bit timespec for pselect6), as Linux does.
     */
    private int select(int nfds, int readSet, int writeSet, int exceptSet, long timeoutNs, int timeoutPtr, char tform) {
        if (nfds < 0) return -Errno.EINVAL;
        nfds = Math.min(nfds, FD_SETSIZE);
        int words = (nfds + 31) / 32;
        int[] in = bits(readSet, words), out = bits(writeSet, words), ex = bits(exceptSet, words);
        long deadline = deadline(timeoutNs);
        int n;
        int[] rin, rout;
        while (true) {
            rin = new int[words];
            rout = new int[words];
            n = 0;
            for (int fd = 0; fd < nfds; fd++) {
                int w = fd / 32, b = 1 << (fd % 32);
                boolean wantIn = (in[w] & b) != 0, wantOut = (out[w] & b) != 0;
                if (!wantIn && !wantOut && (ex[w] & b) == 0) continue;
                int r = ready(fd, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
                if (r == POLLNVAL) return -Errno.EBADF;
                if (wantIn && (r & (POLLIN | POLLRDNORM | POLLHUP | POLLERR)) != 0) { rin[w] |= b; n++; }
                if (wantOut && (r & (POLLOUT | POLLWRNORM | POLLERR)) != 0) { rout[w] |= b; n++; }
            }
            if (n != 0 || !pause(deadline)) break;
        }
        store(readSet, rin);
        store(writeSet, rout);
        store(exceptSet, new int[words]);
        if (timeoutPtr != 0 && timeoutNs > 0) {
            long left = Math.max(0, deadline - System.nanoTime());
            ByteBuffer b;
            if (tform == 'S') b = p.view.struct(16).putLong(0, left / NS).putLong(8, left % NS);
            else if (tform == 's') b = p.view.struct(8).putInt(0, (int) (left / NS)).putInt(4, (int) (left % NS));
            else b = p.view.struct(8).putInt(0, (int) (left / NS)).putInt(4, (int) (left % NS / 1000));
            p.view.write(timeoutPtr, b);
        }
        return n;
    }

    /** The System.nanoTime at which a wait of {@code timeoutNs} ends; Long.MAX_VALUE for none (-1), now for 0. */
    private static long deadline(long timeoutNs) {
        long now = System.nanoTime();
        if (timeoutNs < 0) return Long.MAX_VALUE;
        long d = now + timeoutNs;
        return d < now ? Long.MAX_VALUE : d;
    }

    /** Sleeps one slice (or what is left); false once the deadline has passed. EINTR when the thread is interrupted. */
    private static boolean pause(long deadline) {
        long left = deadline == Long.MAX_VALUE ? SLICE_NS : deadline - System.nanoTime();
        if (left <= 0) return false;
        long nap = Math.min(left, SLICE_NS);
        try {
            Thread.sleep(nap / 1_000_000, (int) (nap % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SysErr(Errno.EINTR);
        }
        return true;
    }

    private int[] bits(int set, int words) {
        int[] w = new int[words];
        if (set == 0) return w;
        ByteBuffer b = ByteBuffer.wrap(p.view.read(set, 4 * words)).order(p.view.order);
        for (int i = 0; i < words; i++) w[i] = b.getInt(4 * i);
        return w;
    }

    private void store(int set, int[] words) {
        if (set == 0) return;
        ByteBuffer b = p.view.struct(4 * words.length);
        for (int i = 0; i < words.length; i++) b.putInt(4 * i, words[i]);
        p.view.write(set, b);
    }

    /** A timespec as nanoseconds; a null pointer (wait forever) is -1. */
    private long timespec(int addr, boolean time64) {
        if (addr == 0) return -1;
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, time64 ? 16 : 8)).order(p.view.order);
        long sec = time64 ? b.getLong(0) : b.getInt(0), nsec = time64 ? (int) b.getLong(8) : b.getInt(4);
        if (sec < 0 || nsec < 0 || nsec >= NS) throw new SysErr(Errno.EINVAL);
        return sec * NS + nsec;
    }

    private long timeval(int addr) {
        if (addr == 0) return -1;
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, 8)).order(p.view.order);
        long sec = b.getInt(0), usec = b.getInt(4);
        if (sec < 0 || usec < 0 || usec >= 1_000_000) throw new SysErr(Errno.EINVAL);
        return sec * NS + usec * 1000;
    }
}
