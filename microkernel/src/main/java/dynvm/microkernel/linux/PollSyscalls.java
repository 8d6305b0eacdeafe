package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * poll and select over the process's own descriptors. Only pipes can be not ready (this process
 * is the only party that could fill or drain them), so a call that would wait forever for one
 * instead sleeps out its timeout, or returns 0 at once when there is none.
 */
final class PollSyscalls implements Syscall.Group {
    static final int POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    /** Linux's fd_set is 1024 bits. */
    static final int FD_SETSIZE = 1024;
    private static final long NS = 1_000_000_000L;

    private final GuestProcess p;

    PollSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("poll", a -> poll(a[0], a[1], a[2] < 0 ? -1 : a[2] * 1_000_000L));
        t.put("ppoll", a -> poll(a[0], a[1], timespec(a[2], false)));
        t.put("ppoll_time64", a -> poll(a[0], a[1], timespec(a[2], true)));
        t.put("_newselect", a -> select(a[0], a[1], a[2], a[3], timeval(a[4])));
        t.put("pselect6", a -> select(a[0], a[1], a[2], a[3], timespec(a[4], false)));
        t.put("pselect6_time64", a -> select(a[0], a[1], a[2], a[3], timespec(a[4], true)));
    }

    /** Readiness of {@code fd} for the requested events, POLLNVAL when it is not open. */
    private int ready(int fd, int events) {
        if (!p.fds.isOpen(fd)) return POLLNVAL;
        return p.fds.get(fd).pollReady() & (events | POLLERR | POLLHUP);
    }

    private int poll(int fds, int nfds, long timeoutNs) {
        if (nfds < 0 || nfds > FdTable.MAX_FDS) return -Errno.EINVAL;
        int n = 0;
        for (int i = 0; i < nfds; i++) {
            int at = fds + 8 * i;
            ByteBuffer pfd = ByteBuffer.wrap(p.view.read(at, 8)).order(p.view.order);
            int fd = pfd.getInt(0);
            int revents = fd < 0 ? 0 : ready(fd, pfd.getShort(4) & 0xffff);
            p.view.write(at + 6, p.view.struct(2).putShort(0, (short) revents));
            if (revents != 0) n++;
        }
        return n != 0 ? n : waitOut(timeoutNs);
    }

    private int select(int nfds, int readSet, int writeSet, int exceptSet, long timeoutNs) {
        if (nfds < 0 || nfds > FD_SETSIZE) return -Errno.EINVAL;
        int words = (nfds + 31) / 32;
        int[] in = bits(readSet, words), out = bits(writeSet, words), ex = bits(exceptSet, words);
        int[] rin = new int[words], rout = new int[words];
        int n = 0;
        for (int fd = 0; fd < nfds; fd++) {
            int w = fd / 32, b = 1 << (fd % 32);
            boolean wantIn = (in[w] & b) != 0, wantOut = (out[w] & b) != 0;
            if (!wantIn && !wantOut && (ex[w] & b) == 0) continue;
            int r = ready(fd, POLLIN | POLLOUT);
            if (r == POLLNVAL) return -Errno.EBADF;
            if (wantIn && (r & (POLLIN | POLLHUP | POLLERR)) != 0) { rin[w] |= b; n++; }
            if (wantOut && (r & (POLLOUT | POLLERR)) != 0) { rout[w] |= b; n++; }
        }
        if (n == 0) {
            int r = waitOut(timeoutNs);
            if (r < 0) return r;
        }
        store(readSet, rin);
        store(writeSet, rout);
        store(exceptSet, new int[words]);
        return n;
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

    /** Nothing is ready and nothing else can make it so: sleep the timeout (none: at once). */
    private static int waitOut(long timeoutNs) {
        if (timeoutNs <= 0) return 0;
        try {
            Thread.sleep(timeoutNs / 1_000_000, (int) (timeoutNs % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -Errno.EINTR;
        }
        return 0;
    }

    /** A timespec as nanoseconds; a null pointer (wait forever) is -1. */
    private long timespec(int addr, boolean time64) {
        if (addr == 0) return -1;
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, time64 ? 16 : 8)).order(p.view.order);
        long sec = time64 ? b.getLong(0) : b.getInt(0), nsec = time64 ? b.getLong(8) : b.getInt(4);
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
