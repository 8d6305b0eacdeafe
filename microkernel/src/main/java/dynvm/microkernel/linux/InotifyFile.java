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
    static final int H_EAGAIN = 11;

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
            HostFdWait.await(sys, hostFd, PollSyscalls.POLLIN, Long.MAX_VALUE);
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

    @Override
    int pollReady() {
        return HostFdWait.ready(hostFd, PollSyscalls.POLLIN);
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
