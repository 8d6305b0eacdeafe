package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.microkernel.linux.net.HostSockets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The socket calls on both ABIs, direct and through socketcall, loopback only; bad arguments give Linux's errno. */
@org.junit.jupiter.api.Timeout(60)
class SocketSyscallsTest {
    static final int AF_UNIX = 1, AF_INET = 2, SOCK_STREAM = 1, SOCK_DGRAM = 2, SOL_SOCKET = 1;
    static final int EBADF = 9, EFAULT = 14, EINVAL = 22, ENOTSOCK = 88, EAFNOSUPPORT = 97, ENOPROTOOPT = 92, EAGAIN = 11;

    @TempDir Path dir;

    @BeforeEach
    void host() { assumeTrue(HostSockets.AVAILABLE, "the host's socket calls are not available (not a 64-bit little-endian Linux)"); }

    private static int[] pair(Guest g, int type) {
        int sv = g.alloc(8);
        assertEquals(0, g.call("socketpair", AF_UNIX, type, 0, sv));
        ByteBuffer b = g.read(sv, 8);
        return new int[] {b.getInt(0), b.getInt(4)};
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void socketpairCarriesBytesBothWays(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int[] s = pair(g, SOCK_STREAM);
        assertEquals(5, g.call("write", s[0], g.str("hello"), 5));
        int buf = g.alloc(16);
        assertEquals(5, g.call("read", s[1], buf, 16));
        assertEquals("hello", g.string(buf, 5));
        assertEquals(2, g.call("sendto", s[1], g.str("ok"), 2, 0, 0, 0));
        assertEquals(2, g.call("recvfrom", s[0], buf, 16, 0, 0, 0));
        assertEquals(-EAGAIN, g.call("recv", s[0], buf, 16, 0x40 /* MSG_DONTWAIT */));
        assertEquals(0, g.call("close", s[0]));
        assertEquals(0, g.call("read", s[1], buf, 16), "end of file once the peer is gone");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void socketcallMultiplexesTheSameCalls(TestArch arch) {
        Guest g = new Guest(arch, dir, fd -> false, "", true);
        int sv = g.alloc(8), args = g.alloc(24);
        write(g, args, AF_UNIX, SOCK_DGRAM, 0, sv);
        assertEquals(0, g.call("socketcall", 8 /* SYS_SOCKETPAIR */, args));
        ByteBuffer fds = g.read(sv, 8);
        write(g, args, fds.getInt(0), g.str("dgram"), 5, 0);
        assertEquals(5, g.call("socketcall", 9 /* SYS_SEND */, args));
        int buf = g.alloc(16);
        write(g, args, fds.getInt(4), buf, 16, 0);
        assertEquals(5, g.call("socketcall", 10 /* SYS_RECV */, args), g.trace.toString());
        assertEquals("dgram", g.string(buf, 5));
        assertEquals(-EINVAL, g.call("socketcall", 0, args));
        assertEquals(-EINVAL, g.call("socketcall", 21, args));
        assertEquals(-EFAULT, g.call("socketcall", 1, Guest.WILD));
    }

    private static void write(Guest g, int at, int... words) {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(g.arch.order);
        for (int i = 0; i < words.length; i++) b.putInt(4 * i, words[i]);
        g.mem.write(at, b.array(), 0, b.capacity());
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void tcpLoopbackConnectAcceptAndNames(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int l = g.call("socket", AF_INET, SOCK_STREAM, 0);
        int sin = g.alloc(16);
        ByteBuffer a = ByteBuffer.allocate(16).order(arch.order).putShort(0, (short) AF_INET);
        a.put(4, (byte) 127).put(7, (byte) 1);
        g.mem.write(sin, a.array(), 0, 16);
        assertEquals(0, g.call("bind", l, sin, 16));
        assertEquals(0, g.call("listen", l, 4));
        int len = g.alloc(4);
        write(g, len, 16);
        assertEquals(0, g.call("getsockname", l, sin, len));
        ByteBuffer bound = g.read(sin, 16);
        assertEquals(AF_INET, bound.getShort(0), "sa_family in the guest's byte order");
        assertTrue((bound.getShort(2) & 0xffff) != 0, "a port was given");
        int c = g.call("socket", AF_INET, SOCK_STREAM, 0);
        assertEquals(0, g.call("connect", c, sin, 16));
        int acc = g.call("accept4", l, 0, 0, 0);
        assertTrue(acc > c, "accepted " + acc);
        assertEquals(3, g.call("send", c, g.str("abc"), 3, 0));
        int buf = g.alloc(8);
        assertEquals(3, g.call("recv", acc, buf, 3, 0x100 /* MSG_WAITALL */));
        int st = g.alloc(96);
        assertEquals(0, g.call("fstat64", acc, st));
        assertEquals(HostStat.S_IFSOCK, g.read(st, 96).getInt(16) & HostStat.S_IFMT, "st_mode says socket");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void receiveTimeoutUsesTheAbisOptionNumber(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int[] s = pair(g, SOCK_STREAM);
        int so = arch == TestArch.PPC32 ? 18 : 20; // SO_RCVTIMEO: asm/socket.h of each architecture
        int tv = g.alloc(8), len = g.alloc(4);
        write(g, tv, 0, 50_000);
        assertEquals(0, g.call("setsockopt", s[0], SOL_SOCKET, so, tv, 8));
        write(g, tv, 0, 0);
        write(g, len, 8);
        assertEquals(0, g.call("getsockopt", s[0], SOL_SOCKET, so, tv, len));
        assertEquals(50_000, g.read(tv, 8).getInt(4));
        long t0 = System.nanoTime();
        assertEquals(-EAGAIN, g.call("recv", s[0], g.alloc(4), 4, 0));
        assertTrue(System.nanoTime() - t0 >= 40_000_000L, "waited for the timeout");
        write(g, len, 4);
        assertEquals(-ENOPROTOOPT, g.call("getsockopt", s[0], SOL_SOCKET, 9999, tv, len));
    }

    /**
     * SCM_RIGHTS with a pipe's write end: the receiver gets the same open file (writes reach the
     * sender's read end, and the read end sees end of file only when every copy is closed), and
     * msg_flags echoes MSG_CMSG_CLOEXEC only when it was asked for.
     */
    @ParameterizedTest
    @EnumSource(TestArch.class)
    void scmRightsCarriesAPipe(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int[] s = pair(g, SOCK_STREAM);
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe2", fds, 0));
        int r = g.read(fds, 8).getInt(0), w = g.read(fds, 8).getInt(4);
        int iov = g.alloc(8), ctl = g.alloc(16), msg = g.alloc(28);
        write(g, iov, g.str("p"), 1);
        write(g, ctl, 16, SOL_SOCKET, 1 /* SCM_RIGHTS */, w);
        write(g, msg, 0, 0, iov, 1, ctl, 16, 0);
        assertEquals(1, g.call("sendmsg", s[0], msg, 0));
        assertEquals(0, g.call("close", w), "the message holds the write end now");
        int buf = g.alloc(16), rctl = g.alloc(16), rmsg = g.alloc(28), riov = g.alloc(8);
        write(g, riov, buf, 16);
        write(g, rmsg, 0, 0, riov, 1, rctl, 16, 0);
        assertEquals(1, g.call("recvmsg", s[1], rmsg, 0));
        assertEquals(0, g.read(rmsg + 24, 4).getInt(0), "msg_flags: no MSG_CMSG_CLOEXEC unless passed");
        ByteBuffer c = g.read(rctl, 16);
        assertEquals(16, c.getInt(0));
        assertEquals(1, c.getInt(8));
        int w2 = c.getInt(12);
        assertTrue(w2 >= 0, "a descriptor: " + w2);
        assertEquals(3, g.call("write", w2, g.str("abc"), 3));
        assertEquals(3, g.call("read", r, buf, 16));
        assertEquals("abc", g.string(buf, 3));
        assertEquals(0, g.call("close", w2));
        assertEquals(0, g.call("read", r, buf, 16), "end of file: the last write end is closed");
        // a second one with MSG_CMSG_CLOEXEC, which comes back in msg_flags
        assertEquals(0, g.call("pipe2", fds, 0));
        write(g, ctl, 16, SOL_SOCKET, 1, g.read(fds, 8).getInt(4));
        assertEquals(1, g.call("sendmsg", s[0], msg, 0));
        write(g, rmsg, 0, 0, riov, 1, rctl, 16, 0);
        assertEquals(1, g.call("recvmsg", s[1], rmsg, 0x40000000));
        assertEquals(0x40000000, g.read(rmsg + 24, 4).getInt(0));
        assertEquals(1, g.call("fcntl", g.read(rctl, 16).getInt(12), 1 /* F_GETFD */), "close-on-exec");
    }

    /** A struct mmsghdr (32 bytes) over one iovec of {@code len} bytes at {@code buf}. */
    private static int mmsg(Guest g, int vec, int i, int buf, int len) {
        int iov = g.alloc(8);
        write(g, iov, buf, len);
        write(g, vec + 32 * i, 0, 0, iov, 1, 0, 0, 0, 0);
        return vec;
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void sendmmsgAndRecvmmsgBatchDatagrams(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int[] s = pair(g, SOCK_DGRAM);
        int out = g.alloc(64), in = g.alloc(96);
        mmsg(g, out, 0, g.str("first"), 5);
        mmsg(g, out, 1, g.str("second!"), 7);
        assertEquals(2, g.call("sendmmsg", s[0], out, 2, 0));
        assertEquals(7, g.read(out + 32 + 28, 4).getInt(0), "msg_len of the second");
        int b0 = g.alloc(16), b1 = g.alloc(16), b2 = g.alloc(16);
        mmsg(g, in, 0, b0, 16);
        mmsg(g, in, 1, b1, 16);
        mmsg(g, in, 2, b2, 16);
        assertEquals(2, g.call("recvmmsg", s[1], in, 3, 0x10000 /* MSG_WAITFORONE */, 0), "two waiting, the third not waited for");
        assertEquals("first", g.string(b0, 5));
        assertEquals("second!", g.string(b1, 7));
        assertEquals(5, g.read(in + 28, 4).getInt(0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void badArgumentsGiveLinuxErrno(TestArch arch) {
        Guest g = new Guest(arch, dir);
        assertEquals(-EAFNOSUPPORT, g.call("socket", 12345, SOCK_STREAM, 0));
        assertEquals(-EINVAL, g.call("socket", AF_UNIX, SOCK_STREAM | 0x100, 0));
        assertEquals(-EBADF, g.call("recv", 77, g.alloc(4), 4, 0));
        assertEquals(-ENOTSOCK, g.call("recv", 1, g.alloc(4), 4, 0));
        assertEquals(-EFAULT, g.call("socketpair", AF_UNIX, SOCK_STREAM, 0, Guest.WILD));
        assertEquals(3, g.call("socket", AF_UNIX, SOCK_STREAM, 0), "the failed socketpair left no descriptor behind");
        assertEquals(-EFAULT, g.call("connect", 3, Guest.UNMAPPED, 16));
        assertEquals(-EINVAL, g.call("connect", 3, g.alloc(16), 1));
        int[] s = pair(g, SOCK_STREAM);
        assertEquals(-EFAULT, g.call("send", s[0], Guest.WILD, 4, 0));
        assertEquals(1, g.call("send", s[0], g.str("x"), 1, 0));
        assertEquals(-EFAULT, g.call("recv", s[1], Guest.UNMAPPED, 4, 0));
        assertEquals(-EFAULT, g.call("sendmsg", s[0], Guest.WILD, 0));
        assertEquals(-EFAULT, g.call("getsockname", s[0], g.alloc(16), Guest.WILD));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void straceDecodesAddresses(TestArch arch) {
        Guest g = new Guest(arch, dir, fd -> false, "", true);
        int s = g.call("socket", AF_INET, SOCK_DGRAM | 04000, 0);
        int sin = g.alloc(16);
        ByteBuffer a = ByteBuffer.allocate(16).order(arch.order).putShort(0, (short) AF_INET);
        a.put(4, (byte) 127).put(7, (byte) 1);
        g.mem.write(sin, a.array(), 0, 16);
        g.call("bind", s, sin, 16);
        String t = g.trace.toString();
        assertTrue(t.contains("socket(AF_INET,SOCK_DGRAM|SOCK_NONBLOCK,0) = 3"), t);
        assertTrue(t.contains("bind(3,{sa_family=AF_INET,sin_port=htons(0),sin_addr=inet_addr(\"127.0.0.1\")},16) = 0"), t);
    }
}
