package dynvm.microkernel.linux;

import dynvm.microkernel.linux.net.HostSockets;

/**
 * A guest socket: an open file over one host socket descriptor (see {@link HostSockets} for why the
 * host's own sockets). The host descriptor is always non-blocking; the guest's blocking mode
 * (O_NONBLOCK, MSG_DONTWAIT, SO_RCVTIMEO/SO_SNDTIMEO) is played here: a call the host answers with
 * EAGAIN waits for readiness with the host's poll in short slices, between which a deliverable
 * signal ends it with ERESTARTSYS (restart under SA_RESTART, else EINTR) and a stop request with
 * EINTR, as Linux's sk_wait_data is interruptible. Shared by dup'd and forked descriptors like
 * any open file; the host descriptor is closed with the last of them.
 */
final class SocketFile extends OpenFile {
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_SEQPACKET = 5;
    static final int MSG_PEEK = 0x2, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000;
    /** Host errno values (generic Linux). */
    static final int H_EAGAIN = 11, H_EINPROGRESS = 115;
    /** Longest host poll between checks for a signal or a stop. */
    final int hostFd, domain, type;
    private final LinuxSystem sys;
    private final int uid, gid;
    private final long ino;
    /** SO_RCVTIMEO / SO_SNDTIMEO in nanoseconds; 0 waits forever. */
    volatile long rcvTimeoutNs, sndTimeoutNs;
    /** The guest's sockaddr given to bind (AF_UNIX: the name as the guest wrote it), for getsockname. */
    volatile byte[] boundName;

    SocketFile(LinuxSystem sys, int hostFd, int domain, int type, boolean nonBlocking, int uid, int gid, long ino) {
        super(OpenFlags.O_RDWR | (nonBlocking ? OpenFlags.O_NONBLOCK : 0));
        this.sys = sys;
        this.hostFd = hostFd;
        this.domain = domain;
        this.type = type;
        this.uid = uid;
        this.gid = gid;
        this.ino = ino;
    }

    boolean stream() { return type == SOCK_STREAM; }

    @Override int read(byte[] b, int off, int len) { return recv(b, off, len, 0, null, null); }

    @Override int write(byte[] b, int off, int len) { return send(b, off, len, MSG_NOSIGNAL, null, 0); }

    /**
     * recvfrom into {@code b[off..off+len)}: {@code from}/{@code fromLen} receive the host sockaddr
     * (may be null). A datagram's result is the host's (its full length under MSG_TRUNC).
     */
    int recv(byte[] b, int off, int len, int flags, byte[] from, int[] fromLen) {
        boolean dontWait = nonBlocking() || (flags & MSG_DONTWAIT) != 0;
        boolean all = (flags & MSG_WAITALL) != 0 && stream() && (flags & MSG_PEEK) == 0 && !dontWait;
        int hostFlags = flags | MSG_DONTWAIT;
        long deadline = deadline(rcvTimeoutNs);
        int done = 0;
        for (;;) {
            byte[] into = new byte[len - done];
            long n = HostSockets.recvfrom(hostFd, into, into.length, hostFlags, from, fromLen);
            if (n >= 0) {
                System.arraycopy(into, 0, b, off + done, (int) Math.min(n, into.length));
                if (!stream()) return (int) n;
                done += (int) n;
                if (!all || n == 0 || done >= len) return done;
                continue;
            }
            int e = HostSockets.errno();
            if (e != H_EAGAIN || dontWait) {
                if (done > 0) return done;
                throw new SysErr(e);
            }
            try {
                await(PollSyscalls.POLLIN, deadline);
            } catch (SysErr interrupted) {
                if (done > 0) return done;
                throw interrupted;
            }
        }
    }

    /** sendto; EPIPE is returned as the error (the caller raises SIGPIPE unless MSG_NOSIGNAL). */
    int send(byte[] b, int off, int len, int flags, byte[] to, int toLen) {
        byte[] buf = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
        boolean dontWait = nonBlocking() || (flags & MSG_DONTWAIT) != 0;
        int hostFlags = flags | MSG_DONTWAIT | MSG_NOSIGNAL;
        long deadline = deadline(sndTimeoutNs);
        int done = 0;
        for (;;) {
            byte[] from = done == 0 ? buf : java.util.Arrays.copyOfRange(buf, done, len);
            long n = HostSockets.sendto(hostFd, from, len - done, hostFlags, to, to == null ? 0 : toLen);
            if (n >= 0) {
                done += (int) n;
                if (done >= len || !stream()) return done;
                continue;
            }
            int e = HostSockets.errno();
            if (e != H_EAGAIN || dontWait) {
                if (done > 0) return done;
                throw new SysErr(e);
            }
            try {
                await(PollSyscalls.POLLOUT, deadline);
            } catch (SysErr interrupted) {
                if (done > 0) return done;
                throw interrupted;
            }
        }
    }

    /**
     * Runs a host call that may say EAGAIN (sendmsg, recvmsg, accept4) until it does not: waits for
     * {@code events} between tries unless the guest asked not to wait. Returns the call's result;
     * its errno as a {@link SysErr} otherwise.
     */
    long retry(int events, boolean dontWait, long timeoutNs, java.util.function.LongSupplier call) {
        long deadline = deadline(timeoutNs);
        dontWait |= nonBlocking();
        for (;;) {
            long n = call.getAsLong();
            if (n >= 0) return n;
            int e = HostSockets.errno();
            if (e != H_EAGAIN || dontWait) throw new SysErr(e);
            await(events, deadline);
        }
    }

    /**
     * Waits until the host socket is ready for {@code events} (or has an error or hangup), in
     * slices: EAGAIN when {@code deadline} passes (SO_RCVTIMEO), ERESTARTSYS for a signal, EINTR
     * for a stop request.
     */
    void await(int events, long deadline) { HostFdWait.await(sys, hostFd, events, deadline); }

    private static long deadline(long timeoutNs) {
        if (timeoutNs <= 0) return Long.MAX_VALUE;
        long d = System.nanoTime() + timeoutNs;
        return d == Long.MAX_VALUE ? d - 1 : d;
    }

    /** The host's readiness: POLLIN/POLLPRI/POLLOUT/POLLERR/POLLHUP/POLLRDHUP. */
    @Override int pollReady() {
        return HostFdWait.ready(hostFd, PollSyscalls.POLLIN | PollSyscalls.POLLPRI | PollSyscalls.POLLOUT | POLLRDHUP);
    }

    static final int POLLRDHUP = 0x2000;

    @Override int available() {
        int[] n = new int[1];
        return HostSockets.ioctl(hostFd, 0x541b /* host FIONREAD */, n) < 0 ? 0 : n[0];
    }

    /** The bytes waiting stand in for a write count: more of them is new input for edge-triggered epoll. */
    @Override long pollGeneration() { return available(); }

    @Override HostStat stat() { return HostStat.synthetic(HostStat.S_IFSOCK | 0777, uid, gid, 0, 0, ino); }

    @Override void release() { HostSockets.close(hostFd); }
}
