package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An inotify instance: an open file over one host inotify descriptor ({@link HostInotify}). The
 * host descriptor is non-blocking; a guest read that finds no event waits with the host's poll in
 * short slices, between which a deliverable signal ends it with ERESTARTSYS and a stop request
 * with EINTR (Linux's inotify read is interruptible). Events are copied whole, as the host gives
 * them, with the four words of each {@code struct inotify_event} (wd, mask, cookie, len) in the
 * guest's byte order; a buffer too small for the next event is the host's EINVAL. Shared by dup'd
 * and forked descriptors like any open file.
 */
final class InotifyFile extends OpenFile {
    static final int SLICE_MS = 20, H_EAGAIN = 11;

    final int hostFd;
    private final LinuxSystem sys;
    private final ByteOrder order;
    private final int uid, gid;
    private final long ino;

    InotifyFile(LinuxSystem sys, int hostFd, ByteOrder order, boolean nonBlocking, int uid, int gid, long ino) {
        super(OpenFlags.O_RDONLY | (nonBlocking ? OpenFlags.O_NONBLOCK : 0));
        this.sys = sys;
        this.hostFd = hostFd;
        this.order = order;
        this.uid = uid;
        this.gid = gid;
        this.ino = ino;
    }

    /** Events are at most 16 + NAME_MAX + 1 bytes: a bigger guest buffer gets what this much holds (a short read). */
    static final int MAX_READ = 64 * 1024;

    @Override
    int read(byte[] b, int off, int len) {
        len = Math.min(len, MAX_READ);
        byte[] buf = new byte[len];
        for (;;) {
            long n = HostInotify.read(hostFd, buf, len);
            if (n >= 0) {
                toGuest(buf, (int) n);
                System.arraycopy(buf, 0, b, off, (int) n);
                return (int) n;
            }
            int e = HostInotify.errno();
            if (e != H_EAGAIN || nonBlocking()) throw new SysErr(e);
            await();
        }
    }

    /** The host's events (its own byte order) with their header words in the guest's. */
    private void toGuest(byte[] buf, int n) {
        ByteOrder host = ByteOrder.nativeOrder();
        if (host == order) return;
        ByteBuffer h = ByteBuffer.wrap(buf).order(host), g = ByteBuffer.wrap(buf).order(order);
        for (int at = 0; at + 16 <= n; ) {
            int nameLen = h.getInt(at + 12);
            for (int i = 0; i < 16; i += 4) g.putInt(at + i, h.getInt(at + i));
            at += 16 + nameLen;
        }
    }

    /** Waits until an event is queued, in slices: ERESTARTSYS for a signal, EINTR for a stop request. */
    private void await() {
        GuestThread t = sys.current();
        int[] pfd = new int[2];
        for (;;) {
            if (t != null) {
                if (t.stopRequested()) throw new SysErr(Errno.EINTR);
                if (t.signals.hint()) throw new SysErr(-GuestProcess.RESTART_SYS);
            }
            pfd[0] = hostFd;
            pfd[1] = HostInotify.POLLIN;
            if (HostInotify.poll(pfd, 1, SLICE_MS) > 0) return;
        }
    }

    @Override
    int pollReady() {
        int[] pfd = {hostFd, HostInotify.POLLIN};
        if (HostInotify.poll(pfd, 1, 0) <= 0) return 0;
        return (pfd[1] >>> 16) & 0xffff;
    }

    @Override
    int available() {
        int[] n = new int[1];
        return HostInotify.ioctl(hostFd, HostInotify.FIONREAD, n) < 0 ? 0 : n[0];
    }

    /** The bytes queued stand in for an event count: more is new input for edge-triggered epoll. */
    @Override long pollGeneration() { return available(); }

    /** An anonymous inode, as Linux's: no file type bits, mode 0600. */
    @Override HostStat stat() { return HostStat.synthetic(0600, uid, gid, 0, 0, ino); }

    @Override void release() { HostInotify.close(hostFd); }
}
