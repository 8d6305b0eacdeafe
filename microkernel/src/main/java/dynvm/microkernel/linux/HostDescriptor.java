package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of the host's standard descriptors (0, 1, 2) passed through as itself: reads and writes go
 * to the host descriptor through {@link HostStdio}, so errors are the host's (EPIPE, ENOSPC,
 * EBADF, EAGAIN), nothing is buffered, and a terminal is the real terminal.
 *
 * <p>Blocking: a read (or a write that cannot proceed) waits in {@link #SLICE_MILLIS} polls of the
 * host descriptor, checking between them whether the calling guest thread has a signal to handle
 * or is asked to stop, so a guest blocked on its terminal is interruptible (Ctrl-C reaches the
 * shell's handler and the read returns EINTR or restarts, as on Linux). O_NONBLOCK set by the guest
 * is the guest's own (its open file's flag): the host descriptor's flags are left alone.
 */
final class HostDescriptor extends OpenFile {
    static final int SLICE_MILLIS = 20;
    private final LinuxSystem sys;
    private final HostStdio host;
    private final int fd;
    private final boolean tty;
    private final int uid, gid;

    HostDescriptor(LinuxSystem sys, HostStdio host, int fd, int hostFlags, int uid, int gid) {
        super(hostFlags & (OpenFlags.O_ACCMODE | OpenFlags.O_APPEND | OpenFlags.O_NONBLOCK));
        this.sys = sys;
        this.host = host;
        this.fd = fd;
        this.tty = host.isatty(fd);
        this.uid = uid;
        this.gid = gid;
    }

    /** A terminal device the guest opened by name (/dev/tty, /dev/pts/N), or null when the host refuses it. */
    static HostDescriptor openTerminal(LinuxSystem sys, HostStdio host, String path, int genericFlags, int uid, int gid) {
        int fd = host.openTerminal(path, genericFlags & OpenFlags.O_ACCMODE);
        if (fd < 0) throw new SysErr(-fd);
        HostDescriptor d = new HostDescriptor(sys, host, fd, genericFlags & OpenFlags.O_ACCMODE, uid, gid);
        d.flags |= genericFlags & (OpenFlags.O_NONBLOCK | OpenFlags.O_APPEND);
        return d;
    }

    /** The host descriptor number, for terminal control. */
    int hostFd() { return fd; }

    HostStdio host() { return host; }

    @Override int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        await(HostStdio.POLLIN);
        return check(host.read(fd, b, off, len));
    }

    @Override int write(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        await(HostStdio.POLLOUT);
        return check(host.write(fd, b, off, len));
    }

    /**
     * Returns once the host descriptor is ready for {@code event} (or in error, which the
     * following call reports); EAGAIN for a non-blocking guest descriptor that is not ready; the
     * kernel's restart code when a signal arrives first; EINTR when the thread must stop.
     */
    private void await(int event) {
        Waiter w = sys.waiter();
        for (;;) {
            int r = host.poll(fd, event, nonBlocking() ? 0 : SLICE_MILLIS);
            if (r > 0) return;
            if (r < 0 && r != -Errno.EINTR) return; // the call itself will report the error
            if (nonBlocking()) throw new SysErr(Errno.EAGAIN);
            if (w.thread != null) {
                if (w.thread.stopRequested()) throw new SysErr(Errno.EINTR);
                if (w.thread.signals.hint()) throw new SysErr(-GuestProcess.RESTART_SYS);
            }
        }
    }

    private static int check(int r) {
        if (r < 0) throw new SysErr(-r);
        return r;
    }

    /** A redirected regular file is seekable, as the host descriptor is (the offset is shared with the host, as Linux shares it). */
    @Override long seek(long offset, int whence) {
        long r = host.seek(fd, offset, whence);
        if (r < 0) throw new SysErr((int) -r);
        return r;
    }

    @Override int available() {
        int n = host.available(fd);
        return Math.max(n, 0);
    }

    @Override int pollReady() {
        int want = (readable() ? HostStdio.POLLIN : 0) | (writable() ? HostStdio.POLLOUT : 0);
        int r = host.poll(fd, want, 0);
        if (r < 0) return PollSyscalls.POLLERR;
        int ready = 0;
        if ((r & HostStdio.POLLIN) != 0) ready |= PollSyscalls.POLLIN;
        if ((r & HostStdio.POLLOUT) != 0) ready |= PollSyscalls.POLLOUT;
        if ((r & HostStdio.POLLERR) != 0) ready |= PollSyscalls.POLLERR;
        if ((r & HostStdio.POLLHUP) != 0) ready |= PollSyscalls.POLLHUP;
        return ready;
    }

    /**
     * The host file's own metadata when /proc names it (a redirected file, /dev/null, the terminal:
     * ttyname compares it with the stat of the name it finds); a pipe is described as one.
     */
    @Override HostStat stat() {
        try {
            Path target = Path.of("/proc/self/fd/" + fd);
            if (Files.isRegularFile(target) || target.toRealPath().startsWith("/dev/")) return HostStat.of(target, true);
        } catch (IOException | RuntimeException notAFile) {
            // a pipe or socket: described below
        }
        return StreamOutput.streamStat(tty, uid, gid, fd);
    }

    @Override boolean isTty() { return tty; }

    /** What the host's /proc/self/fd link of this descriptor says (the file, terminal or "pipe:[N]"), or null. */
    String hostLink() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A standard descriptor stays open (the guest's close ends only its own reference); a terminal the guest opened is closed. */
    @Override void release() { if (fd > 2) host.close(fd); }
}
