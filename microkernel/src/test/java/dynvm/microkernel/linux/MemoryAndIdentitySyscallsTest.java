package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** memfd_create, mremap, mlock*, mincore, madvise, personality, capget/capset, splice/tee/vmsplice on both ABIs, bad arguments included. */
@Timeout(60)
class MemoryAndIdentitySyscallsTest {
    static final int EBADF = 9, EFAULT = 14, EINVAL = 22, ENOMEM = 12, EPERM = 1, EAGAIN_ = 11, ESPIPE_ = 29;
    static final int PROT_RW = 3, MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_ANON = 0x20;

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void memfdIsAFileThatMaps(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int fd = g.call("memfd_create", g.str("buf"), 1 /* MFD_CLOEXEC */);
        assertTrue(fd >= 0);
        assertEquals(0, g.call("ftruncate", fd, 8192));
        assertEquals(5, g.call("write", fd, g.str("hello"), 5));
        int m = g.call("mmap2", 0, 8192, PROT_RW, MAP_SHARED, fd, 0);
        assertTrue(m > 0 && (m & 0xfff) == 0, "mapped at " + Integer.toHexString(m));
        assertEquals("hello", g.string(m, 5));
        g.mem.write(m + 4096, "page2".getBytes(), 0, 5);
        assertEquals(0, g.call("msync", m, 8192, 4));
        int buf = g.alloc(8);
        assertEquals(4096, g.call("lseek", fd, 4096, 0));
        assertEquals(5, g.call("read", fd, buf, 5));
        assertEquals("page2", g.string(buf, 5), "msync wrote the mapping to the file");
        int st = g.alloc(128);
        assertEquals(0, g.call("fstat64", fd, st));
        assertEquals(0, g.call("munmap", m, 8192));
        assertEquals(0, g.call("close", fd));
        assertEquals(-EINVAL, g.call("memfd_create", g.str("x"), 0x100));
        assertEquals(-EINVAL, g.call("memfd_create", g.str("x"), 4 /* MFD_HUGETLB */));
        assertEquals(-EINVAL, g.call("memfd_create", g.str("x".repeat(250)), 0));
        assertEquals(-EFAULT, g.call("memfd_create", Guest.WILD, 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void mremapShrinksGrowsAndMoves(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int a = g.call("mmap2", 0, 8192, PROT_RW, MAP_PRIVATE | MAP_ANON, -1, 0);
        g.mem.write(a, "data".getBytes(), 0, 4);
        assertEquals(a, g.call("mremap", a, 8192, 4096, 0, 0), "shrink in place");
        assertEquals(a, g.call("mremap", a, 4096, 8192, 0, 0), "grow in place: the page after is free");
        int blocker = g.call("mmap2", a + 8192, 4096, PROT_RW, MAP_PRIVATE | MAP_ANON | 0x10, -1, 0);
        assertEquals(a + 8192, blocker);
        assertEquals(-ENOMEM, g.call("mremap", a, 8192, 16384, 0, 0), "cannot grow in place, may not move");
        int moved = g.call("mremap", a, 8192, 16384, 1 /* MREMAP_MAYMOVE */, 0);
        assertTrue(moved != a && moved > 0);
        assertEquals("data", g.string(moved, 4));
        assertEquals(0, g.read(moved + 12288, 4).getInt(0), "the grown part is zero");
        assertEquals(-ENOMEM, g.call("mincore", a, 4096, g.alloc(4)), "the old range is gone");
        int fixedTo = Guest.BASE + 0x2c0000;
        assertEquals(fixedTo, g.call("mremap", moved, 16384, 4096, 3 /* MAYMOVE|FIXED */, fixedTo));
        assertEquals("data", g.string(fixedTo, 4));
        assertEquals(-EINVAL, g.call("mremap", fixedTo + 1, 4096, 8192, 1, 0));
        assertEquals(-EINVAL, g.call("mremap", fixedTo, 4096, 0, 1, 0));
        assertEquals(-EINVAL, g.call("mremap", fixedTo, 4096, 8192, 2, fixedTo + 0x10000), "FIXED without MAYMOVE");
        assertEquals(-EINVAL, g.call("mremap", fixedTo, 4096, 8192, 0x80, 0));
        assertEquals(-EFAULT, g.call("mremap", Guest.UNMAPPED, 4096, 8192, 1, 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void hintsAndLocks(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int a = g.call("mmap2", 0, 3 * 4096, PROT_RW, MAP_PRIVATE | MAP_ANON, -1, 0);
        int vec = g.alloc(4);
        assertEquals(0, g.call("mincore", a, 3 * 4096, vec));
        assertEquals(0x01010100, g.read(vec, 4).order(java.nio.ByteOrder.BIG_ENDIAN).getInt(0) & 0xffffff00);
        assertEquals(-EINVAL, g.call("mincore", a + 1, 4096, vec));
        assertEquals(-ENOMEM, g.call("mincore", Guest.UNMAPPED, 4096, vec));
        assertEquals(-EFAULT, g.call("mincore", a, 4096, Guest.WILD));
        assertEquals(0, g.call("mlock", a, 4096));
        assertEquals(0, g.call("munlock", a, 4096));
        assertEquals(0, g.call("mlock2", a, 4096, 1));
        assertEquals(-EINVAL, g.call("mlock2", a, 4096, 2));
        assertEquals(-ENOMEM, g.call("mlock", Guest.UNMAPPED, 4096));
        assertEquals(0, g.call("mlockall", 3));
        assertEquals(-EINVAL, g.call("mlockall", 0));
        assertEquals(-EINVAL, g.call("mlockall", 8));
        assertEquals(0, g.call("munlockall"));
        for (int advice : new int[] {0, 1, 2, 3, 4, 8, 10, 14, 16}) assertEquals(0, g.call("madvise", a, 4096, advice), "advice " + advice);
        assertEquals(-EINVAL, g.call("madvise", a, 4096, 77));
        assertEquals(-EINVAL, g.call("madvise", a + 1, 4096, 0));
        assertEquals(-ENOMEM, g.call("madvise", Guest.UNMAPPED, 4096, 0));
        assertEquals(-EPERM, g.call("madvise", a, 4096, 100));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void personalityAndCapabilities(TestArch arch) {
        Guest g = new Guest(arch, dir);
        assertEquals(0, g.call("personality", 0xffffffff), "PER_LINUX");
        assertEquals(0, g.call("personality", 0x0040000 /* ADDR_NO_RANDOMIZE */));
        assertEquals(0x0040000, g.call("personality", 0xffffffff));
        int hdr = g.alloc(8), data = g.alloc(24);
        g.mem.write(hdr, ByteBuffer.allocate(8).order(arch.order).putInt(0, 0x20080522).array(), 0, 8);
        g.mem.write(data, new byte[] {1, 1, 1, 1}, 0, 4);
        assertEquals(0, g.call("capget", hdr, data));
        assertEquals(0, g.read(data, 24).getInt(0) | g.read(data, 24).getInt(4) | g.read(data, 24).getInt(12), "a user has none");
        assertEquals(0, g.call("capset", hdr, data), "keeping none is allowed");
        g.mem.write(data, ByteBuffer.allocate(12).order(arch.order).putInt(0, 1).putInt(4, 1).array(), 0, 12);
        assertEquals(-EPERM, g.call("capset", hdr, data));
        g.mem.write(hdr, ByteBuffer.allocate(8).order(arch.order).putInt(0, 0x1234).array(), 0, 8);
        assertEquals(0, g.call("capget", hdr, 0), "probing the version");
        assertEquals(0x20080522, g.read(hdr, 4).getInt(0));
        g.mem.write(hdr, ByteBuffer.allocate(8).order(arch.order).putInt(0, 0x1234).array(), 0, 8);
        assertEquals(-EINVAL, g.call("capget", hdr, data));
        assertEquals(-EFAULT, g.call("capget", Guest.WILD, data));
        g.mem.write(hdr, ByteBuffer.allocate(8).order(arch.order).putInt(0, 0x20080522).array(), 0, 8);
        assertEquals(-EFAULT, g.call("capget", hdr, Guest.WILD));
        assertEquals(-EFAULT, g.call("capset", hdr, Guest.WILD));
    }

    private int[] pipe(Guest g) {
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe2", fds, 0));
        return new int[] {g.read(fds, 8).getInt(0), g.read(fds, 8).getInt(4)};
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void spliceTeeAndVmsplice(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        java.nio.file.Files.writeString(dir.resolve("in.txt"), "0123456789");
        int file = g.call("openat", -100, g.str("in.txt"), 0, 0);
        int[] a = pipe(g), b = pipe(g);
        int off = g.alloc(8);
        g.mem.write(off, ByteBuffer.allocate(8).order(arch.order).putLong(0, 2).array(), 0, 8);
        assertEquals(5, g.call("splice", file, off, a[1], 0, 5, 0), "file at offset 2 into a pipe");
        assertEquals(7L, g.read(off, 8).getLong(0), "the offset advanced");
        assertEquals(5, g.call("tee", a[0], b[1], 100, 0), "copied, not taken");
        int buf = g.alloc(16);
        assertEquals(5, g.call("read", b[0], buf, 16));
        assertEquals("23456", g.string(buf, 5));
        int outFile = g.call("openat", -100, g.str("out.txt"), 0101 /* O_WRONLY|O_CREAT */, 0644);
        assertEquals(5, g.call("splice", a[0], 0, outFile, 0, 100, 0), "pipe into a file");
        assertEquals("23456", java.nio.file.Files.readString(dir.resolve("out.txt")));
        assertEquals(-EAGAIN_, g.call("splice", a[0], 0, outFile, 0, 100, 2 /* SPLICE_F_NONBLOCK */));
        assertEquals(-EAGAIN_, g.call("tee", a[0], b[1], 100, 2));
        // vmsplice both ways
        int iov = g.alloc(16);
        int s1 = g.str("ab"), s2 = g.str("cd");
        g.mem.write(iov, ByteBuffer.allocate(16).order(arch.order).putInt(0, s1).putInt(4, 2).putInt(8, s2).putInt(12, 2).array(), 0, 16);
        assertEquals(4, g.call("vmsplice", a[1], iov, 2, 0));
        int dst = g.alloc(8);
        g.mem.write(iov, ByteBuffer.allocate(8).order(arch.order).putInt(0, dst).putInt(4, 8).array(), 0, 8);
        assertEquals(4, g.call("vmsplice", a[0], iov, 1, 0));
        assertEquals("abcd", g.string(dst, 4));
        // Linux's errors
        assertEquals(-EINVAL, g.call("splice", file, 0, outFile, 0, 5, 0), "neither end a pipe");
        assertEquals(-ESPIPE_, g.call("splice", a[0], off, outFile, 0, 5, 0), "an offset on a pipe");
        assertEquals(-EINVAL, g.call("splice", a[0], 0, a[1], 0, 5, 0), "the same pipe");
        assertEquals(-EINVAL, g.call("splice", file, 0, a[1], 0, 5, 0x40), "unknown flag");
        assertEquals(-EBADF, g.call("splice", 99, 0, a[1], 0, 5, 0));
        assertEquals(-EBADF, g.call("splice", a[1], 0, b[1], 0, 5, 0), "reading a write end");
        assertEquals(-EINVAL, g.call("tee", file, b[1], 5, 0));
        assertEquals(-EBADF, g.call("vmsplice", file, iov, 1, 0));
        assertEquals(-EFAULT, g.call("vmsplice", a[1], Guest.WILD, 1, 0));
        assertEquals(-EFAULT, g.call("splice", file, Guest.WILD, a[1], 0, 5, 0));
        assertEquals(-EINVAL, g.call("vmsplice", a[1], iov, 2000, 0));
    }
}
