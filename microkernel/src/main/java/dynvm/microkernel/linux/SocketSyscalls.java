package dynvm.microkernel.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dynvm.microkernel.linux.net.HostSockets;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The BSD socket calls, direct (socket, bind, ... as each ISA's table numbers them) and through
 * the {@code socketcall} multiplexer (PowerPC's only form before Linux 2.6.37, and what its glibc
 * still uses for some calls), whose call numbers (linux/net.h SYS_*) are the same on every
 * architecture. Each guest socket is a {@link SocketFile} over a host socket; this class
 * translates what differs between the guest's ABI and the host's: sa_family's byte order
 * ({@link SockAddr}), AF_UNIX paths (the guest's working directory), option values (guest byte
 * order, PowerPC's SO_* numbers, the 32-bit timeval of SO_RCVTIMEO/SO_SNDTIMEO, which the
 * personality plays itself), and msghdr with its iovecs and control messages (32-bit guest
 * layout against the host's 64-bit one; SCM_RIGHTS carries host descriptors of guest sockets).
 */
final class SocketSyscalls implements Syscall.Group {
    static final int SOCK_NONBLOCK = OpenFlags.O_NONBLOCK, SOCK_CLOEXEC = OpenFlags.O_CLOEXEC;
    static final int SOL_SOCKET = 1, SO_TYPE = 3, SO_LINGER = 13, SO_PEERCRED = 17, SO_RCVTIMEO = 20, SO_SNDTIMEO = 21,
            SO_DOMAIN = 39, SO_COOKIE = 57, SO_RCVTIMEO_NEW = 66, SO_SNDTIMEO_NEW = 67;
    static final int SCM_RIGHTS = 1, SCM_CREDENTIALS = 2, MSG_PEEK = 0x2, MSG_CTRUNC = 0x8, SOCK_DGRAM = 2, MSG_CMSG_CLOEXEC = 0x40000000;
    /** linux/net.h: SYS_SOCKET = 1 .. SYS_SENDMMSG = 20, and how many arguments each takes. */
    static final String[] SOCKETCALL = {null, "socket", "bind", "connect", "listen", "accept", "getsockname",
            "getpeername", "socketpair", "send", "recv", "sendto", "recvfrom", "shutdown", "setsockopt",
            "getsockopt", "sendmsg", "recvmsg", "accept4", "recvmmsg", "sendmmsg"};
    private static final int[] SOCKETCALL_ARGS = {0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4};
    /** UIO_MAXIOV, and a bound on one call's buffer. */
    private static final int MAX_IOV = 1024, MAX_BUF = 1 << 24;
    private static final int SIGPIPE = 13, EDOM = 33, EMSGSIZE = 90, ENOPROTOOPT = 92;

    private final GuestProcess p;
    private final Map<String, Syscall> own = new java.util.HashMap<>();

    SocketSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        own.put("socket", a -> socket(a[0], a[1], a[2]));
        own.put("socketpair", a -> socketpair(a[0], a[1], a[2], a[3]));
        own.put("bind", a -> check(HostSockets.bind(sock(a[0]).hostFd, SockAddr.toHost(p, a[1], a[2]), hostLen(a[1], a[2])), () -> sock(a[0]).boundName = guestUnixName(a[1], a[2])));
        own.put("connect", a -> connect(a[0], a[1], a[2]));
        own.put("listen", a -> check(HostSockets.listen(sock(a[0]).hostFd, a[1]), null));
        own.put("accept", a -> accept(a[0], a[1], a[2], 0));
        own.put("accept4", a -> accept(a[0], a[1], a[2], a[3]));
        own.put("getsockname", a -> name(a[0], a[1], a[2], false));
        own.put("getpeername", a -> name(a[0], a[1], a[2], true));
        own.put("send", a -> sendto(a[0], a[1], a[2], a[3], 0, 0));
        own.put("sendto", a -> sendto(a[0], a[1], a[2], a[3], a[4], a[5]));
        own.put("recv", a -> recvfrom(a[0], a[1], a[2], a[3], 0, 0));
        own.put("recvfrom", a -> recvfrom(a[0], a[1], a[2], a[3], a[4], a[5]));
        own.put("shutdown", a -> check(HostSockets.shutdown(sock(a[0]).hostFd, a[1]), null));
        own.put("setsockopt", a -> setsockopt(a[0], a[1], a[2], a[3], a[4]));
        own.put("getsockopt", a -> getsockopt(a[0], a[1], a[2], a[3], a[4]));
        own.put("sendmsg", a -> sendmsg(a[0], a[1], a[2]));
        own.put("recvmsg", a -> recvmsg(a[0], a[1], a[2]));
        own.put("sendmmsg", a -> sendmmsg(a[0], a[1], a[2], a[3]));
        own.put("recvmmsg", a -> recvmmsg(a[0], a[1], a[2], a[3]));
        own.put("recvmmsg_time64", a -> recvmmsg(a[0], a[1], a[2], a[3]));
        t.putAll(own);
        t.put("socketcall", a -> socketcall(a[0], a[1]));
    }

    /** socketcall(call, args): the call's arguments are an array of words in guest memory. */
    private int socketcall(int call, int args) throws java.io.IOException {
        if (call < 1 || call >= SOCKETCALL.length) return -Errno.EINVAL;
        Syscall s = own.get(SOCKETCALL[call]);
        if (s == null) return -Errno.ENOSYS;
        int n = SOCKETCALL_ARGS[call];
        ByteBuffer b = ByteBuffer.wrap(p.view.read(args, 4 * n)).order(p.view.order);
        int[] a = new int[6];
        for (int i = 0; i < n; i++) a[i] = b.getInt(4 * i);
        return s.call(a);
    }

    /** The guest socket behind {@code fd}: EBADF, or ENOTSOCK for another kind of file. */
    private SocketFile sock(int fd) {
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof SocketFile s)) throw new SysErr(Errno.ENOTSOCK);
        return s;
    }

    /** A bound AF_UNIX name as getsockname gives it back: a path up to its NUL, an abstract name whole. */
    private byte[] guestUnixName(int addr, int len) {
        byte[] g = p.view.read(addr, len);
        if (len <= 2 || g[2] == 0) return g;
        int end = 2;
        while (end < len && g[end] != 0) end++;
        return java.util.Arrays.copyOf(g, Math.min(end + 1, SockAddr.MAX));
    }

    private int hostLen(int addr, int len) { return SockAddr.toHost(p, addr, len).length; }

    /** A host result: 0 (running {@code after}), or its errno. */
    private static int check(int r, Runnable after) {
        if (r < 0) throw new SysErr(HostSockets.errno());
        if (after != null) after.run();
        return r;
    }

    private SocketFile newSocket(int hostFd, int domain, int type, boolean nonBlocking) {
        return new SocketFile(p.sys, hostFd, domain, type, nonBlocking, p.cfg.uid, p.cfg.gid, p.nextSyntheticIno++);
    }

    private int install(SocketFile s, boolean cloexec) {
        try {
            return p.fds.install(s, 0, cloexec);
        } catch (SysErr e) {
            s.release();
            throw e;
        }
    }

    private int socket(int domain, int type, int protocol) {
        int base = checkType(domain, type);
        int h = HostSockets.socket(domain, base | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
        if (h < 0) throw new SysErr(HostSockets.errno());
        return install(newSocket(h, domain, base, (type & SOCK_NONBLOCK) != 0), (type & SOCK_CLOEXEC) != 0);
    }

    /** The socket type without its flags; EAFNOSUPPORT for a family not served, EINVAL for unknown flags. */
    private static int checkType(int domain, int type) {
        if (!HostSockets.AVAILABLE) throw new SysErr(Errno.EAFNOSUPPORT);
        if (domain != SockAddr.AF_UNIX && domain != SockAddr.AF_INET && domain != SockAddr.AF_INET6)
            throw new SysErr(Errno.EAFNOSUPPORT);
        if ((type & ~(0xf | SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) throw new SysErr(Errno.EINVAL);
        return type & 0xf;
    }

    private int socketpair(int domain, int type, int protocol, int sv) {
        int base = checkType(domain, type);
        p.view.requireWritable(sv, 8);
        int[] h = new int[2];
        if (HostSockets.socketpair(domain, base | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol, h) < 0)
            throw new SysErr(HostSockets.errno());
        boolean nb = (type & SOCK_NONBLOCK) != 0, ce = (type & SOCK_CLOEXEC) != 0;
        SocketFile a = newSocket(h[0], domain, base, nb), b = newSocket(h[1], domain, base, nb);
        int fa, fb;
        try {
            fa = install(a, ce);
        } catch (SysErr e) {
            b.release();
            throw e;
        }
        try {
            fb = install(b, ce);
        } catch (SysErr e) {
            try { p.fds.close(fa); } catch (java.io.IOException ignored) { /* the error wins */ }
            throw e;
        }
        p.view.write(sv, p.view.struct(8).putInt(0, fa).putInt(4, fb));
        return 0;
    }

    private int connect(int fd, int addr, int len) {
        SocketFile s = sock(fd);
        byte[] host = SockAddr.toHost(p, addr, len);
        if (HostSockets.connect(s.hostFd, host, host.length) == 0) return 0;
        int e = HostSockets.errno();
        if (e == SocketFile.H_EAGAIN && !s.nonBlocking()) {
            // AF_UNIX: the listener's backlog is full; a blocking connect waits for room
            s.retry(PollSyscalls.POLLOUT, false, s.sndTimeoutNs, () -> HostSockets.connect(s.hostFd, host, host.length));
            return 0;
        }
        if (e != SocketFile.H_EINPROGRESS || s.nonBlocking()) throw new SysErr(e);
        // a blocking connect on the (always non-blocking) host socket: wait, then its outcome
        s.await(PollSyscalls.POLLOUT, s.sndTimeoutNs <= 0 ? Long.MAX_VALUE : System.nanoTime() + s.sndTimeoutNs);
        byte[] v = new byte[4];
        int[] vl = {4};
        HostSockets.getsockopt(s.hostFd, SOL_SOCKET, 4 /* SO_ERROR */, v, vl);
        int err = ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()).getInt();
        if (err != 0) throw new SysErr(err);
        return 0;
    }

    private int accept(int fd, int addr, int lenPtr, int flags) {
        SocketFile s = sock(fd);
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) return -Errno.EINVAL;
        if (addr != 0) p.view.requireWritable(lenPtr, 4);
        byte[] name = new byte[SockAddr.MAX];
        int[] nl = {name.length};
        int h = (int) s.retry(PollSyscalls.POLLIN, false, s.rcvTimeoutNs,
                () -> HostSockets.accept4(s.hostFd, name, nl, SOCK_NONBLOCK | SOCK_CLOEXEC));
        SocketFile c = newSocket(h, s.domain, s.type, (flags & SOCK_NONBLOCK) != 0);
        int nfd = install(c, (flags & SOCK_CLOEXEC) != 0);
        SockAddr.store(p, addr, lenPtr, SockAddr.toGuest(name, nl[0], p.abi.bigEndian()));
        return nfd;
    }

    private int name(int fd, int addr, int lenPtr, boolean peer) {
        SocketFile s = sock(fd);
        p.view.requireWritable(lenPtr, 4);
        if (!peer && s.domain == SockAddr.AF_UNIX && s.boundName != null) {
            SockAddr.store(p, addr, lenPtr, s.boundName);
            return 0;
        }
        byte[] name = new byte[SockAddr.MAX];
        int[] nl = {name.length};
        int r = peer ? HostSockets.getpeername(s.hostFd, name, nl) : HostSockets.getsockname(s.hostFd, name, nl);
        if (r < 0) throw new SysErr(HostSockets.errno());
        SockAddr.store(p, addr, lenPtr, SockAddr.toGuest(name, nl[0], p.abi.bigEndian()));
        return 0;
    }

    private int sendto(int fd, int buf, int len, int flags, int addr, int alen) {
        SocketFile s = sock(fd);
        if (len < 0) return -Errno.EINVAL;
        byte[] data = p.view.read(buf, Math.min(len, MAX_BUF));
        byte[] to = addr == 0 ? null : SockAddr.toHost(p, addr, alen);
        try {
            return s.send(data, 0, data.length, flags, to, to == null ? 0 : to.length);
        } catch (SysErr e) {
            throw sigpipe(e, flags);
        }
    }

    /** EPIPE on a send raises SIGPIPE in the caller unless MSG_NOSIGNAL, as Linux's sk_stream_error does. */
    private SysErr sigpipe(SysErr e, int flags) {
        if (e.errno == Errno.EPIPE && (flags & SocketFile.MSG_NOSIGNAL) == 0) {
            byte[] info = p.view.struct(128).putInt(0, SIGPIPE).putInt(8, 0).putInt(12, p.pid).putInt(16, p.cfg.uid).array();
            p.signals.post(p.thread(), SIGPIPE, info);
        }
        return e;
    }

    private int recvfrom(int fd, int buf, int len, int flags, int addr, int lenPtr) {
        SocketFile s = sock(fd);
        if (len < 0) return -Errno.EINVAL;
        len = Math.min(len, MAX_BUF);
        p.view.requireWritable(buf, len);
        if (addr != 0) p.view.requireWritable(lenPtr, 4);
        byte[] data = new byte[len];
        byte[] from = addr == 0 ? null : new byte[SockAddr.MAX];
        int[] fl = {SockAddr.MAX};
        int n = s.recv(data, 0, len, flags, from, addr == 0 ? null : fl);
        p.view.write(buf, data, 0, Math.min(n, len));
        if (from != null) SockAddr.store(p, addr, lenPtr, SockAddr.toGuest(from, fl[0], p.abi.bigEndian()));
        return n;
    }

    // ---- options

    private int setsockopt(int fd, int level, int name, int val, int len) {
        SocketFile s = sock(fd);
        if (len < 0) return -Errno.EINVAL;
        if (level == SOL_SOCKET) {
            name = p.abi.socketOptions().toGeneric(name);
            if (name < 0) return -ENOPROTOOPT;
            if (name == SO_RCVTIMEO || name == SO_SNDTIMEO || name == SO_RCVTIMEO_NEW || name == SO_SNDTIMEO_NEW) {
                boolean wide = name >= SO_RCVTIMEO_NEW;
                if (len < (wide ? 16 : 8)) return -Errno.EINVAL;
                ByteBuffer b = ByteBuffer.wrap(p.view.read(val, wide ? 16 : 8)).order(p.view.order);
                long sec = wide ? b.getLong(0) : b.getInt(0), usec = wide ? b.getLong(8) : b.getInt(4);
                if (usec < 0 || usec >= 1_000_000) return -EDOM;
                long ns = sec < 0 ? 0 : sec > Long.MAX_VALUE / 2_000_000_000L ? 0 : sec * 1_000_000_000L + usec * 1000;
                if (name == SO_RCVTIMEO || name == SO_RCVTIMEO_NEW) s.rcvTimeoutNs = ns;
                else s.sndTimeoutNs = ns;
                return 0;
            }
        }
        byte[] v = p.view.read(val, Math.min(len, 256));
        byte[] h = toHostWords(v, level, name);
        if (HostSockets.setsockopt(s.hostFd, level, name, h, h.length) < 0) throw new SysErr(HostSockets.errno());
        return 0;
    }

    private int getsockopt(int fd, int level, int name, int val, int lenPtr) {
        SocketFile s = sock(fd);
        int len = p.view.u32(lenPtr);
        if (len < 0) return -Errno.EINVAL;
        if (level == SOL_SOCKET) {
            name = p.abi.socketOptions().toGeneric(name);
            if (name < 0) return -ENOPROTOOPT;
            if (name == SO_RCVTIMEO || name == SO_SNDTIMEO || name == SO_RCVTIMEO_NEW || name == SO_SNDTIMEO_NEW) {
                long ns = name == SO_RCVTIMEO || name == SO_RCVTIMEO_NEW ? s.rcvTimeoutNs : s.sndTimeoutNs;
                boolean wide = name >= SO_RCVTIMEO_NEW;
                ByteBuffer b = p.view.struct(wide ? 16 : 8);
                if (wide) b.putLong(0, ns / 1_000_000_000L).putLong(8, ns % 1_000_000_000L / 1000);
                else b.putInt(0, (int) (ns / 1_000_000_000L)).putInt(4, (int) (ns % 1_000_000_000L / 1000));
                int n = Math.min(len, b.capacity());
                p.view.write(val, b.array(), 0, n);
                p.view.put32(lenPtr, n);
                return 0;
            }
        }
        byte[] h = new byte[Math.min(len, 256)];
        int[] hl = {h.length};
        if (HostSockets.getsockopt(s.hostFd, level, name, h, hl) < 0) throw new SysErr(HostSockets.errno());
        int n = Math.min(hl[0], h.length);
        byte[] g = toGuestWords(java.util.Arrays.copyOf(h, n), level, name);
        p.view.write(val, g, 0, n);
        p.view.put32(lenPtr, n);
        return 0;
    }

    /** Is the option value a sequence of ints (an int, struct linger, struct ucred), byte order to convert? */
    private static boolean words(byte[] v, int level, int name) {
        if (v.length == 4) return true;
        return level == SOL_SOCKET && (name == SO_LINGER || name == SO_PEERCRED) && v.length % 4 == 0;
    }

    private byte[] toHostWords(byte[] v, int level, int name) {
        if (!words(v, level, name)) return v;
        ByteBuffer in = ByteBuffer.wrap(v).order(p.view.order), out = ByteBuffer.allocate(v.length).order(java.nio.ByteOrder.nativeOrder());
        for (int i = 0; i + 4 <= v.length; i += 4) out.putInt(i, in.getInt(i));
        return out.array();
    }

    private byte[] toGuestWords(byte[] v, int level, int name) {
        if (!words(v, level, name)) return v;
        ByteBuffer in = ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()), out = p.view.struct(v.length);
        for (int i = 0; i + 4 <= v.length; i += 4) out.putInt(i, in.getInt(i));
        return out.array();
    }

    // ---- sendmsg / recvmsg

    /** The guest's struct msghdr (32-bit): name, namelen, iov, iovlen, control, controllen, flags. */
    private record MsgHdr(int name, int nameLen, int[] iovBase, int[] iovLen, int control, int controlLen) {
        long total() {
            long t = 0;
            for (int l : iovLen) t += l & 0xffffffffL;
            return t;
        }
    }

    private MsgHdr readMsg(int msg) {
        ByteBuffer m = ByteBuffer.wrap(p.view.read(msg, 28)).order(p.view.order);
        int iov = m.getInt(8), iovlen = m.getInt(12);
        if (iovlen < 0 || iovlen > MAX_IOV) throw new SysErr(EMSGSIZE);
        ByteBuffer v = ByteBuffer.wrap(p.view.read(iov, 8 * iovlen)).order(p.view.order);
        int[] base = new int[iovlen], len = new int[iovlen];
        for (int i = 0; i < iovlen; i++) {
            base[i] = v.getInt(8 * i);
            len[i] = v.getInt(8 * i + 4);
            if (len[i] < 0) throw new SysErr(Errno.EINVAL);
        }
        MsgHdr h = new MsgHdr(m.getInt(0), m.getInt(4), base, len, m.getInt(16), m.getInt(20));
        if (h.total() > MAX_BUF) throw new SysErr(Errno.EINVAL);
        return h;
    }

    /** A host msghdr (x86-64/aarch64 layout, 56 bytes) over one iovec. */
    private static Memory hostMsg(Memory name, int nameLen, Memory data, long dataLen, Memory control, long controlLen) {
        Memory iov = new Memory(16);
        iov.setPointer(0, data);
        iov.setLong(8, dataLen);
        Memory m = new Memory(56);
        m.clear();
        m.setPointer(0, name);
        m.setInt(8, name == null ? 0 : nameLen);
        m.setPointer(16, iov);
        m.setLong(24, 1);
        m.setPointer(32, control);
        m.setLong(40, control == null ? 0 : controlLen);
        return m;
    }

    private int sendmsg(int fd, int msg, int flags) {
        SocketFile s = sock(fd);
        MsgHdr h = readMsg(msg);
        int total = (int) h.total();
        Memory data = new Memory(Math.max(1, total));
        int at = 0;
        for (int i = 0; i < h.iovBase.length; i++) {
            if (h.iovLen[i] == 0) continue;
            byte[] b = p.view.read(h.iovBase[i], h.iovLen[i]);
            data.write(at, b, 0, b.length);
            at += b.length;
        }
        Memory name = null;
        int nameLen = 0;
        if (h.name != 0 && h.nameLen > 0) {
            byte[] a = SockAddr.toHost(p, h.name, h.nameLen);
            name = new Memory(a.length);
            name.write(0, a, 0, a.length);
            nameLen = a.length;
        }
        List<Placeholder> carried = new ArrayList<>();
        byte[] ctl;
        try {
            ctl = h.control != 0 && h.controlLen > 0 ? hostControl(p.view.read(h.control, Math.min(h.controlLen, 65536)), carried) : new byte[0];
        } catch (SysErr e) {
            dropPlaceholders(carried, true);
            throw e;
        }
        Memory control = null;
        if (ctl.length > 0) {
            control = new Memory(ctl.length);
            control.write(0, ctl, 0, ctl.length);
        }
        Memory m = hostMsg(name, nameLen, data, total, control, ctl.length);
        boolean sent = false;
        try {
            int n = (int) s.retry(PollSyscalls.POLLOUT, (flags & SocketFile.MSG_DONTWAIT) != 0, s.sndTimeoutNs,
                    () -> HostSockets.sendmsg(s.hostFd, m, flags | SocketFile.MSG_DONTWAIT | SocketFile.MSG_NOSIGNAL));
            sent = true;
            return n;
        } catch (SysErr e) {
            throw sigpipe(e, flags);
        } finally {
            dropPlaceholders(carried, !sent);
        }
    }

    /**
     * A non-socket file (a pipe, a regular file, an eventfd) sent with SCM_RIGHTS has no host
     * descriptor, so a host socket of its own stands in for it in the message, and the run's
     * registry maps that socket's SO_COOKIE to the guest's open file. The message holds one
     * reference to the file, as a Linux message in flight does; the receiver takes it over. A
     * message never received keeps its file open until the run ends (Linux would drop it with
     * the socket), and a host process receiving one gets the stand-in socket.
     */
    private record Placeholder(int hostFd, long cookie, OpenFile file) {}

    private Placeholder placeholder(OpenFile f) {
        int[] sv = new int[2];
        if (HostSockets.socketpair(SockAddr.AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) < 0) throw new SysErr(HostSockets.errno());
        HostSockets.close(sv[1]);
        byte[] v = new byte[8];
        int[] vl = {8};
        if (HostSockets.getsockopt(sv[0], SOL_SOCKET, SO_COOKIE, v, vl) < 0) {
            int e = HostSockets.errno();
            HostSockets.close(sv[0]);
            throw new SysErr(e == 0 ? Errno.ENOTSUP : e);
        }
        long cookie = ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()).getLong();
        f.retain();
        p.sys.inFlightFiles.put(cookie, f);
        return new Placeholder(sv[0], cookie, f);
    }

    /** After sendmsg: our copies of the stand-ins close; when nothing was sent their files are released too. */
    private void dropPlaceholders(List<Placeholder> carried, boolean unsent) {
        for (Placeholder c : carried) {
            HostSockets.close(c.hostFd);
            if (unsent && p.sys.inFlightFiles.remove(c.cookie, c.file)) {
                try { c.file.close(); } catch (java.io.IOException ignored) { /* as close(2) after a failed send */ }
            }
        }
    }

    /** struct mmsghdr: a msghdr and the length sent or received. */
    private static final int MMSGHDR = 32, MSG_WAITFORONE = 0x10000, UIO_MAXIOV = 1024;

    /**
     * sendmmsg as sendmsg per message: the count sent; an error only when the first fails (as
     * Linux reports a partial batch).
     */
    private int sendmmsg(int fd, int vec, int vlen, int flags) {
        sock(fd);
        vlen = Math.min(vlen, UIO_MAXIOV);
        int i = 0;
        for (; i < vlen; i++) {
            int n;
            try {
                n = sendmsg(fd, vec + MMSGHDR * i, flags);
            } catch (SysErr e) {
                if (i == 0) throw e;
                break;
            }
            p.view.put32(vec + MMSGHDR * i + 28, n);
        }
        return i;
    }

    /**
     * recvmmsg as recvmsg per message: after the first, MSG_WAITFORONE stops waiting, and a batch
     * ends early at EAGAIN or an error after the first message. The timeout is not applied.
     */
    private int recvmmsg(int fd, int vec, int vlen, int flags) {
        sock(fd);
        vlen = Math.min(vlen, UIO_MAXIOV);
        int i = 0;
        for (; i < vlen; i++) {
            int f = i > 0 && (flags & MSG_WAITFORONE) != 0 ? flags | SocketFile.MSG_DONTWAIT : flags;
            int n;
            try {
                n = recvmsg(fd, vec + MMSGHDR * i, f & ~MSG_WAITFORONE);
            } catch (SysErr e) {
                if (i == 0) throw e;
                break;
            }
            p.view.put32(vec + MMSGHDR * i + 28, n);
        }
        return i;
    }

    /** The guest's control messages (12-byte headers, 4-byte alignment) as the host's (16, 8). */
    private byte[] hostControl(byte[] g, List<Placeholder> carried) {
        ByteBuffer in = ByteBuffer.wrap(g).order(p.view.order);
        ByteBuffer out = ByteBuffer.allocate(2 * g.length + 64).order(java.nio.ByteOrder.nativeOrder());
        int at = 0;
        while (at + 12 <= g.length) {
            int len = in.getInt(at), level = in.getInt(at + 4), type = in.getInt(at + 8);
            if (len < 12 || at + len > g.length) throw new SysErr(Errno.EINVAL);
            int n = len - 12;
            int start = out.position();
            out.putLong(0).putInt(level).putInt(type);
            if (level == SOL_SOCKET && type == SCM_RIGHTS) {
                for (int i = 0; i + 4 <= n; i += 4) {
                    OpenFile f = p.fds.get(in.getInt(at + 12 + i));
                    if (f instanceof SocketFile sf) {
                        out.putInt(sf.hostFd);
                    } else {
                        Placeholder c = placeholder(f);
                        carried.add(c);
                        out.putInt(c.hostFd);
                    }
                }
            } else if (level == SOL_SOCKET && type == SCM_CREDENTIALS) {
                for (int i = 0; i + 4 <= n; i += 4) out.putInt(in.getInt(at + 12 + i));
            } else {
                out.put(g, at + 12, n);
            }
            out.putLong(start, out.position() - start);
            while (out.position() % 8 != 0) out.put((byte) 0);
            at += (len + 3) & ~3;
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private int recvmsg(int fd, int msg, int flags) {
        SocketFile s = sock(fd);
        MsgHdr h = readMsg(msg);
        p.view.requireWritable(msg, 28);
        int total = (int) h.total();
        Memory data = new Memory(Math.max(1, total));
        Memory name = h.name != 0 ? new Memory(SockAddr.MAX) : null;
        int ctlRoom = h.control != 0 && h.controlLen > 0 ? Math.min(h.controlLen, 65536) : 0;
        Memory control = ctlRoom > 0 ? new Memory(2L * ctlRoom + 64) : null;
        Memory m = hostMsg(name, SockAddr.MAX, data, total, control, 2L * ctlRoom + 64);
        int n = (int) s.retry(PollSyscalls.POLLIN, (flags & SocketFile.MSG_DONTWAIT) != 0, s.rcvTimeoutNs,
                () -> HostSockets.recvmsg(s.hostFd, m, flags | MSG_CMSG_CLOEXEC | SocketFile.MSG_DONTWAIT));
        // the host always gets MSG_CMSG_CLOEXEC; Linux echoes it in msg_flags only when the caller passed it
        int outFlags = m.getInt(48) & ~MSG_CMSG_CLOEXEC | flags & MSG_CMSG_CLOEXEC;
        // scatter
        int left = Math.min(n, total), at = 0;
        for (int i = 0; i < h.iovBase.length && left > 0; i++) {
            int k = Math.min(left, h.iovLen[i]);
            if (k == 0) continue;
            p.view.write(h.iovBase[i], data.getByteArray(at, k));
            at += k;
            left -= k;
        }
        ByteBuffer back = p.view.struct(28);
        back.put(0, p.view.read(msg, 28));
        if (name != null) {
            int nl = m.getInt(8);
            byte[] g = SockAddr.toGuest(name.getByteArray(0, Math.min(nl, SockAddr.MAX)), nl, p.abi.bigEndian());
            int room = Math.max(0, h.nameLen);
            if (room > 0) p.view.write(h.name, g, 0, Math.min(room, g.length));
            back.putInt(4, g.length);
        }
        int ctlLen = 0;
        if (control != null) {
            long hl = m.getLong(40);
            byte[] hc = control.getByteArray(0, (int) Math.min(hl, 2L * ctlRoom + 64));
            ByteBuffer out = p.view.struct(ctlRoom);
            outFlags |= guestControl(hc, out, ctlRoom, (flags & MSG_CMSG_CLOEXEC) != 0, (flags & MSG_PEEK) != 0);
            ctlLen = out.position();
            p.view.write(h.control, out.array(), 0, ctlLen);
        }
        back.putInt(20, ctlLen).putInt(24, outFlags);
        p.view.write(msg, back);
        return n;
    }

    /**
     * The host's control messages as the guest's, into {@code out}; received descriptors become
     * guest sockets. Returns MSG_CTRUNC when some did not fit (their descriptors are closed).
     */
    private int guestControl(byte[] hc, ByteBuffer out, int room, boolean cloexec, boolean peek) {
        ByteBuffer in = ByteBuffer.wrap(hc).order(java.nio.ByteOrder.nativeOrder());
        int at = 0, trunc = 0;
        while (at + 16 <= hc.length) {
            int len = (int) in.getLong(at), level = in.getInt(at + 8), type = in.getInt(at + 12);
            if (len < 16 || at + len > hc.length) break;
            int n = len - 16;
            boolean rights = level == SOL_SOCKET && type == SCM_RIGHTS;
            int start = out.position();
            if (start + 12 + n > room) {
                trunc = MSG_CTRUNC;
                if (rights) for (int i = 0; i + 4 <= n; i += 4) discard(in.getInt(at + 16 + i), peek);
            } else {
                out.putInt(12 + n).putInt(level).putInt(type);
                for (int i = 0; i < n; i += rights || (level == SOL_SOCKET && type == SCM_CREDENTIALS) ? 4 : 1) {
                    if (rights) out.putInt(adopt(in.getInt(at + 16 + i), cloexec, peek));
                    else if (level == SOL_SOCKET && type == SCM_CREDENTIALS) out.putInt(in.getInt(at + 16 + i));
                    else out.put(hc[at + 16 + i]);
                }
                while (out.position() % 4 != 0 && out.position() < room) out.put((byte) 0);
            }
            at += (len + 7) & ~7;
        }
        return trunc;
    }

    /** A host descriptor received with SCM_RIGHTS as a new guest descriptor (-1 when it is no socket). */
    private int adopt(int hostFd, boolean cloexec, boolean peek) {
        OpenFile carried = carried(hostFd, peek);
        if (carried != null) {
            HostSockets.close(hostFd);
            try {
                return p.fds.install(carried, 0, cloexec);
            } catch (SysErr e) {
                try { carried.close(); } catch (java.io.IOException ignored) { /* EMFILE is the answer */ }
                throw e;
            }
        }
        byte[] v = new byte[4];
        int[] vl = {4};
        if (HostSockets.getsockopt(hostFd, SOL_SOCKET, SO_TYPE, v, vl) < 0) {
            HostSockets.close(hostFd);
            return -1;
        }
        int type = ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()).getInt();
        vl[0] = 4;
        HostSockets.getsockopt(hostFd, SOL_SOCKET, SO_DOMAIN, v, vl);
        int domain = ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()).getInt();
        return install(newSocket(hostFd, domain, type, false), cloexec);
    }

    /**
     * The guest file a received stand-in socket carries (one reference for the caller), or null
     * when it is a real socket. MSG_PEEK leaves the message's own reference in flight.
     */
    private OpenFile carried(int hostFd, boolean peek) {
        if (p.sys.inFlightFiles.isEmpty()) return null;
        byte[] v = new byte[8];
        int[] vl = {8};
        if (HostSockets.getsockopt(hostFd, SOL_SOCKET, SO_COOKIE, v, vl) < 0) return null;
        long cookie = ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()).getLong();
        if (peek) {
            OpenFile f = p.sys.inFlightFiles.get(cookie);
            if (f != null) f.retain();
            return f;
        }
        return p.sys.inFlightFiles.remove(cookie);
    }

    /** A received descriptor with no room in the control buffer (MSG_CTRUNC): closed, as Linux closes it. */
    private void discard(int hostFd, boolean peek) {
        OpenFile f = carried(hostFd, peek);
        HostSockets.close(hostFd);
        if (f != null) {
            try { f.close(); } catch (java.io.IOException ignored) { /* nobody sees it */ }
        }
    }
}
