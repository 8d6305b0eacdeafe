package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** inotify on the host's, on both ABIs: events in the guest's byte order, poll/epoll, blocking reads, sysroot paths, bad arguments. */
@Timeout(60)
class InotifySyscallsTest {
    static final int EBADF = 9, EFAULT = 14, EINVAL = 22, ENOENT = 2, EAGAIN = 11, EEXIST = 17;
    static final int IN_MODIFY = 0x2, IN_CREATE = 0x100, IN_DELETE = 0x200, IN_IGNORED = 0x8000, IN_ISDIR = 0x40000000,
            IN_MASK_CREATE = 0x10000000, IN_MASK_ADD = 0x20000000;
    static final int IN_NONBLOCK = 04000, IN_CLOEXEC = 02000000, O_WRONLY = 1, O_CREAT = 0100;

    @TempDir Path dir;

    @BeforeEach
    void hostHasInotify() {
        assumeTrue(HostInotify.AVAILABLE, "no host inotify (a 64-bit Linux host with JNA): skipped");
    }

    /** The events in {@code [buf, buf+n)}: "wd mask cookie-is-0 name" each. */
    private static String events(Guest g, int buf, int n) {
        ByteBuffer b = g.read(buf, n);
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at < n; ) {
            int wd = b.getInt(at), mask = b.getInt(at + 4), len = b.getInt(at + 12);
            byte[] name = new byte[len];
            b.get(at + 16, name);
            String s = new String(name, StandardCharsets.UTF_8).replace("\0", "");
            sb.append(wd).append(' ').append(Integer.toHexString(mask)).append(' ').append(s).append(';');
            at += 16 + len;
        }
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void eventsPollAndEpoll(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        int fd = g.call("inotify_init1", IN_NONBLOCK | IN_CLOEXEC);
        assertTrue(fd >= 3, "fd " + fd);
        int wd = g.call("inotify_add_watch", fd, g.str("."), IN_CREATE | IN_DELETE | IN_MODIFY);
        assertTrue(wd >= 1);
        int buf = g.alloc(4096);
        assertEquals(-EAGAIN, g.call("read", fd, buf, 4096));
        int pfd = g.alloc(8);
        g.mem.write(pfd, ByteBuffer.allocate(8).order(arch.order).putInt(0, fd).putShort(4, (short) 1).array(), 0, 8);
        assertEquals(0, g.call("poll", pfd, 1, 0));
        int ep = g.call("epoll_create1", 0);
        int ev = g.alloc(16);
        g.mem.write(ev, ByteBuffer.allocate(16).order(arch.order).putInt(0, 1 /* EPOLLIN */).putLong(8, 77).array(), 0, 16);
        assertEquals(0, g.call("epoll_ctl", ep, 1, fd, ev));
        int out = g.alloc(32);
        assertEquals(0, g.call("epoll_wait", ep, out, 2, 0));

        int f = g.call("openat", PathResolver.AT_FDCWD, g.str("a.txt"), g.oflags(O_WRONLY | O_CREAT), 0644);
        assertEquals(2, g.call("write", f, g.str("hi"), 2));
        g.call("close", f);
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(1, g.call("poll", pfd, 1, 1000));
        assertEquals(1, g.read(pfd, 8).getShort(6) & 1, "POLLIN");
        assertEquals(1, g.call("epoll_wait", ep, out, 2, 1000));
        assertEquals(77, g.read(out, 16).getLong(8));
        int avail = g.alloc(4);
        assertEquals(0, g.call("ioctl", fd, arch.fionread, avail));
        assertTrue(g.read(avail, 4).getInt(0) >= 3 * 16, "FIONREAD");

        assertEquals(-EINVAL, g.call("read", fd, buf, 8), "smaller than one event");
        assertEquals(-EFAULT, g.call("read", fd, Guest.WILD, 4096));
        int n = g.call("read", fd, buf, 4096);
        assertEquals(wd + " 100 a.txt;" + wd + " 2 a.txt;" + wd + " " + Integer.toHexString(IN_CREATE | IN_ISDIR) + " sub;",
                events(g, buf, n));

        assertEquals(0, g.call("inotify_rm_watch", fd, wd));
        n = g.call("read", fd, buf, 4096);
        assertEquals(wd + " 8000 ;", events(g, buf, n), "IN_IGNORED");
        assertEquals(-EINVAL, g.call("inotify_rm_watch", fd, wd));
        int stat = g.alloc(144);
        assertEquals(0, g.call("fstat64", fd, stat));
        assertEquals(0, g.call("close", fd));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void aBlockingReadWaitsForAnEvent(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        int fd = g.call("inotify_init");
        int wd = g.call("inotify_add_watch", fd, g.str(dir.toString()), IN_CREATE);
        assertTrue(wd >= 1);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
                Files.createFile(dir.resolve("late"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        int buf = g.alloc(256);
        int n = g.call("read", fd, buf, 256);
        t.join();
        assertEquals(wd + " 100 late;", events(g, buf, n));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void anAbsolutePathIsLookedUpInTheSysroot(TestArch arch) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc/conf.d"));
        Guest g = new Guest(arch, dir, root);
        int fd = g.call("inotify_init1", IN_NONBLOCK);
        int wd = g.call("inotify_add_watch", fd, g.str("/etc/conf.d"), IN_CREATE);
        assertTrue(wd >= 1, "watch " + wd);
        Files.createFile(root.resolve("etc/conf.d/x"));
        int buf = g.alloc(256);
        assertEquals(wd + " 100 x;", events(g, buf, g.call("read", fd, buf, 256)));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void badArguments(TestArch arch) {
        Guest g = new Guest(arch, dir);
        assertEquals(-EINVAL, g.call("inotify_init1", 1));
        int fd = g.call("inotify_init1", 0);
        int dot = g.str(".");
        assertEquals(-EBADF, g.call("inotify_add_watch", 99, dot, IN_CREATE));
        assertEquals(-EINVAL, g.call("inotify_add_watch", 0, dot, IN_CREATE), "not an inotify descriptor");
        assertEquals(-EINVAL, g.call("inotify_add_watch", 99, dot, 0), "the mask first");
        assertEquals(-EINVAL, g.call("inotify_add_watch", fd, dot, IN_CREATE | IN_MASK_ADD | IN_MASK_CREATE));
        assertEquals(-EFAULT, g.call("inotify_add_watch", fd, Guest.WILD, IN_CREATE));
        assertEquals(-ENOENT, g.call("inotify_add_watch", fd, g.str("missing"), IN_CREATE));
        int wd = g.call("inotify_add_watch", fd, dot, IN_CREATE);
        assertEquals(-EEXIST, g.call("inotify_add_watch", fd, dot, IN_CREATE | IN_MASK_CREATE));
        assertEquals(wd, g.call("inotify_add_watch", fd, dot, IN_DELETE | IN_MASK_ADD), "same inode, same watch");
        assertEquals(-EBADF, g.call("inotify_rm_watch", 99, wd));
        assertEquals(-EINVAL, g.call("inotify_rm_watch", 1, wd));
        assertEquals(-EINVAL, g.call("inotify_rm_watch", fd, 12345));
        assertEquals(-EBADF, g.call("read", 99, g.alloc(64), 64));
        assertEquals(-EBADF, g.call("write", fd, g.alloc(64), 64), "read-only");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void straceDecodes(TestArch arch) {
        Guest g = new Guest(arch, dir, fd -> false, "", true);
        int fd = g.call("inotify_init1", IN_NONBLOCK);
        int wd = g.call("inotify_add_watch", fd, g.str("."), IN_CREATE | IN_DELETE);
        g.call("inotify_rm_watch", fd, wd);
        String[] l = g.trace.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("4242 inotify_init1(2048) = " + fd, l[0]);
        assertEquals("4242 inotify_add_watch(" + fd + ",\".\",0x300) = " + wd, l[1]);
        assertEquals("4242 inotify_rm_watch(" + fd + "," + wd + ") = 0", l[2]);
    }
}
