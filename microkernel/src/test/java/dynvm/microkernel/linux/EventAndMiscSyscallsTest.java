package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** eventfd, epoll, timerfd, the xattr calls, prctl, membarrier and getcpu on both ABIs, bad arguments included. */
@Timeout(60)
class EventAndMiscSyscallsTest {
    static final int EBADF = 9, EFAULT = 14, EINVAL = 22, EAGAIN = 11, EEXIST = 17, ENOENT = 2, EPERM = 1, ENODATA = 61,
            ERANGE = 34;
    static final int EPOLLIN = 1, EPOLLET = 1 << 31, EPOLLONESHOT = 1 << 30;

    @TempDir Path dir;

    private static void put(Guest g, int at, ByteBuffer b) { g.mem.write(at, b.array(), 0, b.capacity()); }

    private static int event(Guest g, int events, long data) {
        int ev = g.alloc(16);
        put(g, ev, ByteBuffer.allocate(16).order(g.arch.order).putInt(0, events).putLong(8, data));
        return ev;
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void eventfdCountsInTheGuestsByteOrder(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int e = g.call("eventfd2", 7, 04000 /* EFD_NONBLOCK */);
        int buf = g.alloc(8);
        assertEquals(8, g.call("read", e, buf, 8));
        assertEquals(7L, g.read(buf, 8).getLong(0));
        assertEquals(-EAGAIN, g.call("read", e, buf, 8));
        assertEquals(-EINVAL, g.call("read", e, buf, 4));
        assertEquals(-EFAULT, g.call("write", e, Guest.WILD, 8));
        assertEquals(-EINVAL, g.call("eventfd2", 0, 0x10));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void epollLevelEdgeAndOneShot(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe2", fds, 0));
        int r = g.read(fds, 8).getInt(0), w = g.read(fds, 8).getInt(4);
        int ep = g.call("epoll_create1", 0);
        assertEquals(0, g.call("epoll_ctl", ep, 1, r, event(g, EPOLLIN | EPOLLET, 0x0102030405060708L)));
        assertEquals(-EEXIST, g.call("epoll_ctl", ep, 1, r, event(g, EPOLLIN, 0)));
        int out = g.alloc(32);
        assertEquals(0, g.call("epoll_wait", ep, out, 2, 0));
        g.call("write", w, g.str("x"), 1);
        assertEquals(1, g.call("epoll_wait", ep, out, 2, 0));
        ByteBuffer o = g.read(out, 16);
        assertEquals(EPOLLIN, o.getInt(0));
        assertEquals(0x0102030405060708L, o.getLong(8), "data is 64-bit at offset 8 on both ABIs");
        assertEquals(0, g.call("epoll_wait", ep, out, 2, 0), "edge-triggered: reported once");
        g.call("write", w, g.str("y"), 1);
        assertEquals(1, g.call("epoll_wait", ep, out, 2, 0), "new input is a new edge");
        assertEquals(0, g.call("epoll_ctl", ep, 3, r, event(g, EPOLLIN | EPOLLONESHOT, 1)));
        assertEquals(1, g.call("epoll_wait", ep, out, 2, 0));
        assertEquals(0, g.call("epoll_wait", ep, out, 2, 0), "one-shot: disarmed");
        long t0 = System.nanoTime();
        assertEquals(0, g.call("epoll_wait", ep, out, 2, 30));
        assertTrue(System.nanoTime() - t0 >= 25_000_000L, "waited for the timeout");
        assertEquals(-EINVAL, g.call("epoll_wait", ep, out, 0, 0));
        assertEquals(-EFAULT, g.call("epoll_wait", ep, Guest.WILD, 2, 0));
        assertEquals(-EBADF, g.call("epoll_ctl", ep, 1, 999, event(g, EPOLLIN, 0)));
        assertEquals(-EINVAL, g.call("epoll_ctl", ep, 1, ep, event(g, EPOLLIN, 0)));
        assertEquals(-EINVAL, g.call("epoll_ctl", r, 1, w, event(g, EPOLLIN, 0)));
        assertEquals(-EFAULT, g.call("epoll_ctl", ep, 1, w, Guest.WILD));
        assertEquals(-ENOENT, g.call("epoll_ctl", ep, 2, w, 0));
        assertEquals(-EINVAL, g.call("epoll_create", 0));
    }

    /**
     * Ready entries come in Linux's ready-list order: the one ready first comes first whatever the
     * interest list's order, and a level-triggered entry goes to the back after it is reported, so
     * maxevents 1 takes turns.
     */
    @ParameterizedTest
    @EnumSource(TestArch.class)
    void epollReportsInReadyListOrder(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe2", fds, 0));
        int r1 = g.read(fds, 8).getInt(0), w1 = g.read(fds, 8).getInt(4);
        assertEquals(0, g.call("pipe2", fds, 0));
        int r2 = g.read(fds, 8).getInt(0), w2 = g.read(fds, 8).getInt(4);
        int ep = g.call("epoll_create1", 0);
        assertEquals(0, g.call("epoll_ctl", ep, 1, r1, event(g, EPOLLIN, 1)));
        assertEquals(0, g.call("epoll_ctl", ep, 1, r2, event(g, EPOLLIN, 2)));
        int out = g.alloc(32);
        g.call("write", w2, g.str("x"), 1);
        assertEquals(1, g.call("epoll_wait", ep, out, 2, 0));
        g.call("write", w1, g.str("y"), 1);
        assertEquals(2, g.call("epoll_wait", ep, out, 2, 0));
        assertEquals(2L, g.read(out, 32).getLong(8), "the second pipe was ready first");
        assertEquals(1L, g.read(out, 32).getLong(24));
        long[] turns = new long[4];
        for (int i = 0; i < 4; i++) {
            assertEquals(1, g.call("epoll_wait", ep, out, 1, 0));
            turns[i] = g.read(out, 16).getLong(8);
        }
        assertEquals("[2, 1, 2, 1]", java.util.Arrays.toString(turns), "maxevents 1 takes turns");
        assertEquals(0, g.call("epoll_ctl", ep, 2, r2, 0));
        assertEquals(1, g.call("epoll_wait", ep, out, 2, 0), "a removed entry leaves the ready list");
        assertEquals(1L, g.read(out, 16).getLong(8));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void timerfdExpiresAndCounts(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int t = g.call("timerfd_create", 1, 04000);
        int its = g.alloc(16);
        put(g, its, ByteBuffer.allocate(16).order(arch.order).putInt(0, 0).putInt(4, 5_000_000).putInt(8, 0).putInt(12, 10_000_000));
        assertEquals(0, g.call("timerfd_settime", t, 0, its, 0));
        int buf = g.alloc(8);
        assertEquals(-EAGAIN, g.call("read", t, buf, 8));
        try { Thread.sleep(30); } catch (InterruptedException e) { throw new AssertionError(e); }
        assertEquals(8, g.call("read", t, buf, 8));
        assertTrue(g.read(buf, 8).getLong(0) >= 2, "periods counted: " + g.read(buf, 8).getLong(0));
        assertEquals(-EINVAL, g.call("timerfd_create", 99, 0));
        assertEquals(-EFAULT, g.call("timerfd_settime", t, 0, Guest.WILD, 0));
        assertEquals(-EINVAL, g.call("timerfd_gettime", 1, its));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void xattrsOfHostFiles(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        Files.writeString(dir.resolve("f"), "x");
        int path = g.str("f"), buf = g.alloc(64);
        assertEquals(-ENODATA, g.call("lgetxattr", path, g.str("security.selinux"), buf, 64), "ls -l's question");
        assertEquals(-ENODATA, g.call("getxattr", path, g.str("system.posix_acl_access"), buf, 64));
        assertEquals(-ENOENT, g.call("getxattr", g.str("missing"), g.str("user.a"), buf, 64));
        assertEquals(-EFAULT, g.call("getxattr", Guest.WILD, g.str("user.a"), buf, 64));
        int set = g.call("setxattr", path, g.str("user.dynvm"), g.str("value"), 5, 0);
        if (set == -95) return; // the host file system has no user xattrs (tmpfs without them): nothing more to see
        assertEquals(0, set);
        assertEquals(5, g.call("getxattr", path, g.str("user.dynvm"), 0, 0), "size query");
        assertEquals(-ERANGE, g.call("getxattr", path, g.str("user.dynvm"), buf, 2));
        assertEquals(5, g.call("getxattr", path, g.str("user.dynvm"), buf, 64));
        assertEquals("value", g.string(buf, 5));
        assertEquals("user.dynvm\0".length(), g.call("listxattr", path, buf, 64));
        assertEquals(-EEXIST, g.call("setxattr", path, g.str("user.dynvm"), g.str("v"), 1, 1));
        assertEquals(0, g.call("removexattr", path, g.str("user.dynvm")));
        assertEquals(-ENODATA, g.call("removexattr", path, g.str("user.dynvm")));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void prctlMembarrierGetcpu(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int buf = g.alloc(16);
        assertEquals(0, g.call("prctl", 16, buf));
        assertEquals("hello", g.string(buf, 5), "the program's name by default");
        assertEquals(0, g.call("prctl", 15, g.str("a-very-long-thread-name")));
        assertEquals(0, g.call("prctl", 16, buf));
        assertEquals("a-very-long-thr\0", g.string(buf, 16), "cut to 15 bytes and a NUL");
        assertEquals(-EFAULT, g.call("prctl", 16, Guest.WILD));
        assertEquals(-EINVAL, g.call("prctl", 9999, 0));
        assertTrue(g.call("membarrier", 0, 0) > 0);
        assertEquals(0, g.call("membarrier", 8, 0));
        assertEquals(-EINVAL, g.call("membarrier", 3, 0));
        assertEquals(0, g.call("getcpu", buf, 0, 0));
        assertEquals(-EFAULT, g.call("getcpu", Guest.WILD, 0, 0));
    }
}
