package dynvm.microkernel.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import static dynvm.microkernel.linux.OpenFlags.*;
import static org.junit.jupiter.api.Assertions.*;

/** Positioned and vectored I/O, sendfile, copy_file_range, truncate, statfs, sync, locks and ioctls. */
class IoAndFsSyscallsTest {
    @TempDir Path dir;

    /** The two registers of a 64-bit argument in the guest's memory order (what each ABI puts in its register pair). */
    private static int[] pair(TestArch arch, long v) {
        int hi = (int) (v >>> 32), lo = (int) v;
        return arch.bigEndian() ? new int[]{hi, lo} : new int[]{lo, hi};
    }

    private static int iov(Guest g, int... baseLen) {
        int a = g.alloc(4 * baseLen.length);
        ByteBuffer b = ByteBuffer.allocate(4 * baseLen.length).order(g.arch.order);
        for (int v : baseLen) b.putInt(v);
        g.mem.write(a, b.array(), 0, b.capacity());
        return a;
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void truncateForms64BitOffsetsInRegisterPairs(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        Files.writeString(dir.resolve("f"), "0123456789");
        int[] p = pair(arch, 4);
        assertEquals(0, g.call("truncate64", g.str("f"), 0, p[0], p[1]));
        assertEquals("0123", Files.readString(dir.resolve("f")));
        assertEquals(0, g.call("truncate", g.str("f"), 6));
        assertEquals(6, Files.size(dir.resolve("f")), "extended with zeros");
        int fd = g.call("open", g.str("f"), O_RDWR, 0);
        p = pair(arch, 3L << 32);
        assertEquals(0, g.call("ftruncate64", fd, 0, pair(arch, 2)[0], pair(arch, 2)[1]));
        assertEquals(2, Files.size(dir.resolve("f")));
        assertEquals(-Errno.EINVAL, g.call("truncate64", g.str("f"), 0, pair(arch, -1)[0], pair(arch, -1)[1]));
        assertEquals(-Errno.EISDIR, g.call("truncate", g.str("."), 0));
        assertEquals(-Errno.ENOENT, g.call("truncate", g.str("nope"), 0));
        assertEquals(-Errno.EINVAL, g.call("ftruncate", fd, -1));
        int ro = g.call("open", g.str("f"), O_RDONLY, 0);
        assertEquals(-Errno.EINVAL, g.call("ftruncate", ro, 0), "not open for writing");
        assertEquals(-Errno.EBADF, g.call("ftruncate", 77, 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void preadPwriteAndTheirVectoredFormsLeaveTheOffsetAlone(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        Files.writeString(dir.resolve("f"), "abcdefghij");
        int fd = g.call("open", g.str("f"), O_RDWR, 0);
        int buf = g.alloc(16);
        int[] p = pair(arch, 3);
        assertEquals(4, g.call("pread64", fd, buf, 4, 0, p[0], p[1]));
        assertEquals("defg", g.string(buf, 4));
        p = pair(arch, 8);
        assertEquals(2, g.call("pwrite64", fd, g.str("XY"), 2, 0, p[0], p[1]));
        // preadv/pwritev: low word, high word, whatever the byte order
        int a = g.alloc(8), b = g.alloc(8);
        assertEquals(5, g.call("preadv", fd, iov(g, a, 2, b, 3), 2, 5, 0));
        assertEquals("fg", g.string(a, 2));
        assertEquals("hXY", g.string(b, 3));
        assertEquals(3, g.call("pwritev", fd, iov(g, g.str("12"), 2, g.str("3"), 1), 2, 0, 0));
        assertEquals("123defghXY", Files.readString(dir.resolve("f")));
        assertEquals(0, g.call("lseek", fd, 0, HostFile.SEEK_CUR), "file offset untouched");
        assertEquals(-Errno.EINVAL, g.call("preadv", fd, iov(g, a, 2), 1, -1, -1));
        assertEquals(2, g.call("preadv2", fd, iov(g, a, 2), 1, -1, -1, 0), "-1: at the file offset");
        assertEquals(2, g.call("lseek", fd, 0, HostFile.SEEK_CUR));
        // O_APPEND: pwrite goes to the end, as on Linux
        int ap = g.call("open", g.str("f"), g.oflags(O_WRONLY | O_APPEND), 0);
        p = pair(arch, 0);
        assertEquals(1, g.call("pwrite64", ap, g.str("!"), 1, 0, p[0], p[1]));
        assertEquals("123defghXY!", Files.readString(dir.resolve("f")));
        int fds = g.alloc(8);
        g.call("pipe", fds);
        assertEquals(-Errno.ESPIPE, g.call("pread64", g.read(fds, 8).getInt(0), buf, 1, 0, 0, 0));
        int d = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertEquals(-Errno.EISDIR, g.call("pread64", d, buf, 1, 0, 0, 0));
    }

    @Test
    void lseekDataAndHole() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        Files.writeString(dir.resolve("f"), "abcdef");
        int fd = g.call("open", g.str("f"), O_RDONLY, 0);
        assertEquals(2, g.call("lseek", fd, 2, HostFile.SEEK_DATA));
        assertEquals(6, g.call("lseek", fd, 2, HostFile.SEEK_HOLE));
        assertEquals(-Errno.ENXIO, g.call("lseek", fd, 6, HostFile.SEEK_DATA));
        assertEquals(-Errno.EINVAL, g.call("lseek", fd, 0, 9));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void sendfileAndCopyFileRange(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        Files.writeString(dir.resolve("src"), "hello, sendfile");
        int in = g.call("open", g.str("src"), O_RDONLY, 0);
        int out = g.call("open", g.str("dst"), g.oflags(O_CREAT | O_WRONLY), 0644);
        assertEquals(5, g.call("sendfile", out, in, 0, 5));
        assertEquals(5, g.call("lseek", in, 0, HostFile.SEEK_CUR), "no offset pointer: the file offset moves");
        int off = g.alloc(8);
        g.mem.write(off, ByteBuffer.allocate(8).order(g.arch.order).putLong(7).array(), 0, 8);
        assertEquals(8, g.call("sendfile64", out, in, off, 100), "stops at end of input");
        assertEquals(15L, g.read(off, 8).getLong(0));
        assertEquals(5, g.call("lseek", in, 0, HostFile.SEEK_CUR), "with a pointer it does not");
        assertEquals("hellosendfile", Files.readString(dir.resolve("dst")));
        assertEquals(5, g.call("sendfile", 1, in, 0, 5), "to stdout");
        assertEquals(", sen", g.out.toString());
        assertEquals(-Errno.EBADF, g.call("sendfile", in, out, 0, 5));
        int ap = g.call("open", g.str("dst"), g.oflags(O_WRONLY | O_APPEND), 0);
        assertEquals(-Errno.EINVAL, g.call("sendfile", ap, in, 0, 5));
        // copy_file_range with and without offsets
        int cin = g.alloc(8), cout = g.alloc(8);
        g.mem.write(cin, ByteBuffer.allocate(8).order(g.arch.order).putLong(0).array(), 0, 8);
        g.mem.write(cout, ByteBuffer.allocate(8).order(g.arch.order).putLong(2).array(), 0, 8);
        assertEquals(5, g.call("copy_file_range", in, cin, out, cout, 5, 0));
        assertEquals("hehello", Files.readString(dir.resolve("dst")).substring(0, 7));
        assertEquals(5L, g.read(cin, 8).getLong(0));
        assertEquals(7L, g.read(cout, 8).getLong(0));
        assertEquals(-Errno.EINVAL, g.call("copy_file_range", in, 0, out, 0, 5, 1));
        int fds = g.alloc(8);
        g.call("pipe", fds);
        assertEquals(-Errno.EINVAL, g.call("copy_file_range", in, 0, g.read(fds, 8).getInt(4), 0, 5, 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void statfsReportsTheHostFileSystem(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        FileStore fs = Files.getFileStore(dir);
        int buf = g.alloc(96);
        assertEquals(0, g.call("statfs64", g.str("."), 88, buf));
        ByteBuffer b = g.read(buf, 88);
        long bsize = b.getInt(4) & 0xffffffffL;
        assertEquals(fs.getBlockSize(), bsize);
        assertEquals(fs.getTotalSpace() / bsize, b.getLong(8));
        assertEquals(255, b.getInt(56));
        assertEquals(bsize, b.getInt(60) & 0xffffffffL, "f_frsize");
        assertEquals(FsSyscalls.ST_VALID, b.getInt(64) & FsSyscalls.ST_VALID);
        if (arch == TestArch.ARM) {
            assertEquals(0, g.call("statfs64", g.str("."), 84, buf), "ARM's packed struct");
        } else {
            assertEquals(-Errno.EINVAL, g.call("statfs64", g.str("."), 84, buf));
        }
        int fd = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        int buf2 = g.alloc(96);
        assertEquals(0, g.call("fstatfs64", fd, 88, buf2));
        assertEquals(g.read(buf, 8).getInt(0), g.read(buf2, 8).getInt(0), "same f_type");
        int r = g.call("statfs", g.str("."), buf);
        assertTrue(r == 0 || r == -Errno.EOVERFLOW, "32-bit counts may overflow on a large disk");
        int fds = g.alloc(8);
        g.call("pipe", fds);
        assertEquals(0, g.call("fstatfs", g.read(fds, 8).getInt(0), buf));
        assertEquals(0x50495045, g.read(buf, 4).getInt(0), "PIPEFS_MAGIC");
        assertEquals(-Errno.ENOENT, g.call("statfs64", g.str("nope"), 88, buf));
        assertEquals(-Errno.EFAULT, g.call("statfs64", g.str("."), 88, Guest.UNMAPPED));
        assertEquals(-Errno.EBADF, g.call("fstatfs64", 99, 88, buf));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void syncAdviceAndAllocation(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        int fd = g.call("open", g.str("f"), g.oflags(O_CREAT | O_RDWR), 0644);
        assertEquals(0, g.call("sync"));
        assertEquals(0, g.call("syncfs", fd));
        assertEquals(-Errno.EBADF, g.call("syncfs", 50));
        assertEquals(0, g.call("fsync", fd));
        assertEquals(0, g.call("fdatasync", fd));
        assertEquals(-Errno.EBADF, g.call("fsync", 50));
        assertEquals(0, g.call("flock", fd, FsSyscalls.LOCK_EX | FsSyscalls.LOCK_NB));
        assertEquals(0, g.call("flock", fd, FsSyscalls.LOCK_UN));
        assertEquals(-Errno.EINVAL, g.call("flock", fd, 0));
        String fadvise = arch == TestArch.ARM ? "arm_fadvise64_64" : "fadvise64_64";
        assertEquals(0, g.call(fadvise, fd, 4, 0, 0, 0, 0));
        assertEquals(-Errno.EINVAL, g.call(fadvise, fd, 9, 0, 0, 0, 0));
        int fds = g.alloc(8);
        g.call("pipe", fds);
        assertEquals(-Errno.ESPIPE, g.call(fadvise, g.read(fds, 8).getInt(0), 0, 0, 0, 0, 0));
        assertEquals(0, g.call("sync_file_range2", fd, 7, 0, 0, 0, 0));
        assertEquals(-Errno.EINVAL, g.call("sync_file_range2", fd, 8, 0, 0, 0, 0));
        int[] len = pair(arch, 100);
        assertEquals(0, g.call("fallocate", fd, 0, 0, 0, len[0], len[1]));
        assertEquals(100, Files.size(dir.resolve("f")));
        assertEquals(-Errno.ENOTSUP, g.call("fallocate", fd, 3, 0, 0, len[0], len[1]));
        assertEquals(-Errno.EINVAL, g.call("fallocate", fd, 0, 0, 0, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void fcntlLocksAndIoctls(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        Files.writeString(dir.resolve("f"), "12345");
        int fd = g.call("open", g.str("f"), O_RDONLY, 0);
        int lk = g.alloc(32);
        ByteBuffer b = ByteBuffer.allocate(32).order(g.arch.order).putShort(0, FdSyscalls.F_WRLCK).putLong(8, 0).putLong(16, 10);
        g.mem.write(lk, b.array(), 0, 32);
        assertEquals(0, g.call("fcntl64", fd, FdSyscalls.F_GETLK64, lk));
        assertEquals(FdSyscalls.F_UNLCK, g.read(lk, 2).getShort(0));
        assertEquals(10L, g.read(lk, 32).getLong(16), "rest left as given");
        assertEquals(-Errno.EINVAL, g.call("fcntl64", fd, FdSyscalls.F_GETLK64, lk), "F_UNLCK is not a lock to test");
        g.mem.write(lk, b.array(), 0, 32);
        assertEquals(-Errno.EBADF, g.call("fcntl64", fd, FdSyscalls.F_SETLK64, lk), "write lock on a read-only descriptor");
        g.mem.write(lk, ByteBuffer.allocate(2).order(g.arch.order).putShort(0, FdSyscalls.F_RDLCK).array(), 0, 2);
        assertEquals(0, g.call("fcntl64", fd, FdSyscalls.F_SETLKW64, lk));
        g.mem.write(lk, ByteBuffer.allocate(2).order(g.arch.order).putShort(0, (short) 7).array(), 0, 2);
        assertEquals(-Errno.EINVAL, g.call("fcntl64", fd, FdSyscalls.F_SETLK, lk));
        assertEquals(-Errno.EFAULT, g.call("fcntl64", fd, FdSyscalls.F_SETLK, Guest.UNMAPPED));
        int n = g.alloc(4);
        assertEquals(0, g.call("ioctl", fd, arch.fionread, n));
        assertEquals(5, g.read(n, 4).getInt(0));
        int d = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertEquals(-Errno.ENOTTY, g.call("ioctl", d, arch.fionread, n));
        assertEquals(-Errno.ENOTTY, g.call("ioctl", fd, arch.tcgets, g.alloc(64)), "TCGETS on a regular file");
        g.mem.write(n, ByteBuffer.allocate(4).order(g.arch.order).putInt(1).array(), 0, 4);
        int fionbio = arch.abi.ioctls().fionbio();
        assertEquals(0, g.call("ioctl", fd, fionbio, n));
        assertEquals(O_NONBLOCK, g.call("fcntl64", fd, FdSyscalls.F_GETFL, 0) & O_NONBLOCK);
        int fioclex = arch.abi.ioctls().fioclex();
        assertEquals(0, g.call("ioctl", fd, fioclex, 0));
        assertEquals(1, g.call("fcntl64", fd, FdSyscalls.F_GETFD, 0));
        assertEquals(-Errno.EINVAL, g.call("dup3", fd, 9, 1));
        assertEquals(9, g.call("dup3", fd, 9, O_CLOEXEC));
        assertEquals(1, g.call("fcntl64", 9, FdSyscalls.F_GETFD, 0));
    }
}
