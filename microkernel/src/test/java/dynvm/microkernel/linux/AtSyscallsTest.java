package dynvm.microkernel.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static dynvm.microkernel.linux.OpenFlags.*;
import static org.junit.jupiter.api.Assertions.*;

/** The *at calls, directory listing across calls, namespace errors, timestamps, owners and umask. */
class AtSyscallsTest {
    @TempDir Path dir;
    static final int CWD = PathResolver.AT_FDCWD;

    /** Two 32-bit timespecs (or timevals). */
    private static int times(Guest g, long s0, long n0, long s1, long n1) {
        int a = g.alloc(16);
        g.mem.write(a, ByteBuffer.allocate(16).order(g.arch.order).putInt((int) s0).putInt((int) n0).putInt((int) s1).putInt((int) n1).array(), 0, 16);
        return a;
    }

    private static long mtime(Path p, boolean follow) throws Exception {
        return Files.getLastModifiedTime(p, follow ? new LinkOption[0] : new LinkOption[]{LinkOption.NOFOLLOW_LINKS}).toMillis();
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void utimensatSetsOmitsAndNows(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        Path f = dir.resolve("f");
        Files.writeString(f, "x");
        assertEquals(0, g.call("utimensat", CWD, g.str("f"), times(g, 1000, 5, 2000, 500_000_000), 0));
        assertEquals(2000_500L, mtime(f, true));
        assertEquals(FileTime.from(java.time.Instant.ofEpochSecond(1000, 5)), Files.getAttribute(f, "lastAccessTime"), "nanoseconds kept");
        // UTIME_OMIT for mtime keeps it; UTIME_NOW for atime is now
        assertEquals(0, g.call("utimensat", CWD, g.str("f"), times(g, 0, FsSyscalls.UTIME_NOW, 0, FsSyscalls.UTIME_OMIT), 0));
        assertEquals(2000_500L, mtime(f, true));
        assertTrue(((FileTime) Files.getAttribute(f, "lastAccessTime")).toMillis() > 1_000_000_000_000L);
        // a NULL path with a descriptor: futimens
        int fd = g.call("open", g.str("f"), O_RDONLY, 0);
        assertEquals(0, g.call("utimensat", fd, 0, times(g, 7, 0, 8, 0), 0));
        assertEquals(8000L, mtime(f, true));
        assertEquals(-Errno.EINVAL, g.call("utimensat", fd, 0, 0, StatSyscalls.AT_SYMLINK_NOFOLLOW));
        assertEquals(-Errno.EFAULT, g.call("utimensat", CWD, 0, 0, 0));
        assertEquals(0, g.call("utimensat", fd, 0, 0, 0), "NULL times: now");
        assertTrue(mtime(f, true) > 1_000_000_000_000L);
        // AT_SYMLINK_NOFOLLOW changes the link, not the target
        Files.createSymbolicLink(dir.resolve("ln"), Path.of("f"));
        long before = mtime(f, true);
        assertEquals(0, g.call("utimensat", CWD, g.str("ln"), times(g, 3, 0, 4, 0), StatSyscalls.AT_SYMLINK_NOFOLLOW));
        assertEquals(4000L, mtime(dir.resolve("ln"), false));
        assertEquals(before, mtime(f, true));
        // errors
        assertEquals(-Errno.EINVAL, g.call("utimensat", CWD, g.str("f"), times(g, 1, 1_000_000_000, 1, 0), 0));
        assertEquals(-Errno.EINVAL, g.call("utimensat", CWD, g.str("f"), 0, 0x8));
        assertEquals(-Errno.ENOENT, g.call("utimensat", CWD, g.str("missing"), 0, 0));
        assertEquals(0, g.call("utimensat", CWD, g.str("missing"),
                times(g, 0, FsSyscalls.UTIME_OMIT, 0, FsSyscalls.UTIME_OMIT), 0), "both omitted: the path is not even looked at");
        assertEquals(-Errno.ENOTDIR, g.call("utimensat", CWD, g.str("f/"), 0, 0));
        assertEquals(-Errno.EFAULT, g.call("utimensat", CWD, g.str("f"), Guest.UNMAPPED, 0));
    }

    @Test
    void utimesFutimesatAndUtime() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        Path f = dir.resolve("f");
        Files.writeString(f, "x");
        assertEquals(0, g.call("utimes", g.str("f"), times(g, 10, 0, 20, 250_000)));
        assertEquals(20_250L, mtime(f, true));
        assertEquals(-Errno.EINVAL, g.call("utimes", g.str("f"), times(g, 10, 0, 20, 1_000_000)));
        int d = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertEquals(0, g.call("futimesat", d, g.str("f"), times(g, 1, 0, 30, 0)));
        assertEquals(30_000L, mtime(f, true));
        int ub = g.alloc(8);
        g.mem.write(ub, ByteBuffer.allocate(8).order(g.arch.order).putInt(5).putInt(40).array(), 0, 8);
        assertEquals(0, g.call("utime", g.str("f"), ub));
        assertEquals(40_000L, mtime(f, true));
        assertEquals(-Errno.ENOENT, g.call("utime", g.str("nope"), 0));
    }

    @Test
    void chownSucceedsOnlyWhenItChangesNothing() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        int owner = (Integer) Files.getAttribute(dir.resolve("f"), "unix:uid");
        int group = (Integer) Files.getAttribute(dir.resolve("f"), "unix:gid");
        Guest ppc = new Guest(TestArch.PPC32, dir), arm = new Guest(TestArch.ARM, dir);
        assertEquals(0, ppc.call("chown", ppc.str("f"), -1, -1));
        assertEquals(0, ppc.call("chown", ppc.str("f"), owner, group));
        assertEquals(-Errno.EPERM, ppc.call("chown", ppc.str("f"), owner + 1, -1));
        assertEquals(-Errno.ENOENT, ppc.call("chown", ppc.str("nope"), -1, -1));
        // ARM's plain chown has 16-bit ids: 0xffff is "unchanged"
        assertEquals(0, arm.call("chown", arm.str("f"), 0xffff, 0xffff));
        assertEquals(0, arm.call("chown32", arm.str("f"), -1, group));
        assertEquals(-Errno.EPERM, arm.call("fchownat", CWD, arm.str("f"), -1, group + 1, 0));
        assertEquals(-Errno.EINVAL, arm.call("fchownat", CWD, arm.str("f"), -1, -1, 0x4));
        int fd = arm.call("open", arm.str("f"), O_RDONLY, 0);
        assertEquals(0, arm.call("fchown32", fd, owner, -1));
        assertEquals(-Errno.EBADF, arm.call("fchown32", 55, owner, -1));
    }

    @Test
    void umaskAppliesToEveryCreation() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        assertEquals(022, g.call("umask", 0));
        assertEquals(0, g.call("mkdir", g.str("wide"), 0777));
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("wide"))));
        int fd = g.call("open", g.str("f0"), g.oflags(O_CREAT | O_WRONLY), 0666);
        assertTrue(fd >= 3);
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f0"))));
        assertEquals(0, g.call("umask", 077));
        assertEquals(0, g.call("mkdirat", CWD, g.str("narrow"), 0777));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("narrow"))));
        assertEquals(0, g.call("mknod", g.str("node"), HostStat.S_IFREG | 0644, 0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node"))));
        assertEquals(-Errno.EEXIST, g.call("mknodat", CWD, g.str("node"), 0644, 0));
        assertEquals(-Errno.EPERM, g.call("mknod", g.str("fifo"), HostStat.S_IFIFO | 0644, 0));
        assertEquals(-Errno.EPERM, g.call("mknod", g.str("dev"), HostStat.S_IFCHR | 0644, 0x0103));
        assertEquals(-Errno.EINVAL, g.call("mknod", g.str("bad"), 0170000 | 0644, 0));
        assertEquals(0, g.call("chmod", g.str("node"), 0604));
        assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node"))));
        assertEquals(0, g.call("fchmodat", CWD, g.str("node"), 0640));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("node"))));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void getdents64ResumesAcrossCallsAndFromItsOffsets(TestArch arch) throws Exception {
        for (int i = 0; i < 30; i++) Files.writeString(dir.resolve("file-" + i), "");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("file-0"));
        Guest g = new Guest(arch, dir);
        int fd = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        List<String> names = new ArrayList<>();
        List<Long> offs = new ArrayList<>();
        int buf = g.alloc(100);
        int calls = 0;
        while (true) {
            int n = g.call("getdents64", fd, buf, 100);
            assertTrue(n >= 0);
            if (n == 0) break;
            calls++;
            ByteBuffer b = g.read(buf, n);
            for (int at = 0; at < n; ) {
                int reclen = b.getShort(at + 16) & 0xffff;
                assertEquals(0, reclen % 8);
                int end = at + 19;
                while (b.get(end) != 0) end++;
                String name = new String(b.array(), at + 19, end - at - 19, StandardCharsets.UTF_8);
                names.add(name);
                offs.add(b.getLong(at + 8));
                if (name.equals("link")) assertEquals(HostDirectory.DT_LNK, b.get(at + 18));
                at += reclen;
            }
        }
        assertTrue(calls > 5, "a 100-byte buffer holds few records");
        assertEquals(33, names.size());
        assertEquals(33, names.stream().distinct().count());
        // seeking to an entry's d_off resumes right after it
        int k = 10;
        assertEquals((int) (long) offs.get(k), g.call("lseek", fd, (int) (long) offs.get(k), HostFile.SEEK_SET));
        int n = g.call("getdents64", fd, buf, 100);
        assertTrue(n > 0);
        ByteBuffer b = g.read(buf, n);
        int end = 19;
        while (b.get(end) != 0) end++;
        assertEquals(names.get(k + 1), new String(b.array(), 19, end - 19, StandardCharsets.UTF_8));
        assertEquals(-Errno.EBADF, g.call("getdents64", 99, buf, 100));
        assertEquals(-Errno.EFAULT, g.call("getdents64", fd, Guest.UNMAPPED, 100));
    }

    @Test
    void oldGetdentsPutsTheTypeInTheLastByte() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("reg"), "");
        Guest g = new Guest(TestArch.PPC32, dir);
        int fd = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        int buf = g.alloc(4096);
        int n = g.call("getdents", fd, buf, 4096);
        if (n == -Errno.EOVERFLOW) return;   // host inode numbers beyond 32 bits: Linux says the same
        ByteBuffer b = g.read(buf, n);
        int seen = 0;
        for (int at = 0; at < n; ) {
            int reclen = b.getShort(at + 8) & 0xffff;
            assertEquals(0, reclen % 4);
            int end = at + 10;
            while (b.get(end) != 0) end++;
            String name = new String(b.array(), at + 10, end - at - 10, StandardCharsets.UTF_8);
            int type = b.get(at + reclen - 1);
            if (name.equals("sub")) { assertEquals(HostDirectory.DT_DIR, type); seen++; }
            if (name.equals("reg")) { assertEquals(HostDirectory.DT_REG, type); seen++; }
            at += reclen;
        }
        assertEquals(2, seen);
    }

    @Test
    void renameFollowsLinuxRules() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        Files.writeString(dir.resolve("a"), "A");
        Files.writeString(dir.resolve("b"), "B");
        Files.createDirectories(dir.resolve("full/x"));
        Files.createDirectory(dir.resolve("empty"));
        assertEquals(-Errno.EEXIST, g.call("renameat2", CWD, g.str("a"), CWD, g.str("b"), DirSyscalls.RENAME_NOREPLACE));
        assertEquals(-Errno.EINVAL, g.call("renameat2", CWD, g.str("a"), CWD, g.str("b"), 2), "RENAME_EXCHANGE");
        assertEquals(0, g.call("renameat2", CWD, g.str("a"), CWD, g.str("c"), DirSyscalls.RENAME_NOREPLACE));
        assertEquals(0, g.call("renameat2", CWD, g.str("c"), CWD, g.str("b"), 0), "replaces");
        assertEquals("A", Files.readString(dir.resolve("b")));
        assertEquals(-Errno.ENOTEMPTY, g.call("rename", g.str("empty"), g.str("full")));
        assertEquals(-Errno.EISDIR, g.call("rename", g.str("b"), g.str("empty")));
        assertEquals(-Errno.ENOTDIR, g.call("rename", g.str("empty"), g.str("b")));
        assertEquals(-Errno.ENOTDIR, g.call("rename", g.str("b/"), g.str("z")));
        assertEquals(-Errno.EINVAL, g.call("rename", g.str("full"), g.str("full/x/inside")));
        assertEquals(0, g.call("rename", g.str("b"), g.str("b")));
        assertEquals(-Errno.ENOENT, g.call("rename", g.str("none"), g.str("z")));
        int d = g.call("open", g.str("full"), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertEquals(0, g.call("renameat", CWD, g.str("b"), d, g.str("moved")));
        assertTrue(Files.exists(dir.resolve("full/moved")));
    }

    @Test
    void unlinkAndRmdirErrors() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        Files.writeString(dir.resolve("f"), "");
        Files.createDirectory(dir.resolve("d"));
        assertEquals(-Errno.ENOTDIR, g.call("unlink", g.str("f/")));
        assertEquals(-Errno.EINVAL, g.call("rmdir", g.str("d/.")));
        assertEquals(-Errno.ENOTEMPTY, g.call("rmdir", g.str("d/..")));
        assertEquals(-Errno.EINVAL, g.call("unlinkat", CWD, g.str("f"), 0x100));
        assertEquals(-Errno.ENOTDIR, g.call("unlinkat", CWD, g.str("f"), DirSyscalls.AT_REMOVEDIR));
        assertEquals(-Errno.EISDIR, g.call("unlinkat", CWD, g.str("d"), 0));
        int d = g.call("open", g.str("d"), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        Files.writeString(dir.resolve("d/in"), "");
        assertEquals(0, g.call("unlinkat", d, g.str("in"), 0));
        assertEquals(0, g.call("unlinkat", CWD, g.str("d"), DirSyscalls.AT_REMOVEDIR));
        assertEquals(-Errno.ENOENT, g.call("rmdir", g.str("d")));
    }

    @Test
    void pathErrorsAreLinuxErrnos() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        Files.createSymbolicLink(dir.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), Path.of("loop1"));
        int st = g.alloc(StructWriter.STAT64_SIZE);
        assertEquals(-Errno.ELOOP, g.call("stat64", g.str("loop1"), st));
        assertEquals(-Errno.ELOOP, g.call("open", g.str("loop1"), O_RDONLY, 0));
        assertEquals(0, g.call("lstat64", g.str("loop1"), st));
        Files.writeString(dir.resolve("t"), "");
        Files.createSymbolicLink(dir.resolve("lt"), Path.of("t"));
        assertEquals(-Errno.ELOOP, g.call("open", g.str("lt"), g.oflags(O_RDONLY | O_NOFOLLOW), 0));
        assertEquals(-Errno.ENAMETOOLONG, g.call("open", g.str("n".repeat(300)), O_RDONLY, 0));
        assertEquals(-Errno.ENAMETOOLONG, g.call("mkdir", g.str("a/".repeat(2100)), 0755));
        assertEquals(-Errno.EFAULT, g.call("mkdir", Guest.UNMAPPED, 0755));
        assertEquals(-Errno.EFAULT, g.call("stat64", g.str("t"), Guest.WILD));
        assertEquals(-Errno.ENOTDIR, g.call("mkdir", g.str("t/x"), 0755));
        assertEquals(-Errno.EBADF, g.call("mkdirat", 42, g.str("x"), 0755));
        assertEquals(-Errno.ENOTDIR, g.call("mkdirat", g.call("open", g.str("t"), O_RDONLY, 0), g.str("x"), 0755));
        assertEquals(-Errno.EINVAL, g.call("faccessat2", CWD, g.str("t"), 0, 0x4));
        assertEquals(-Errno.EINVAL, g.call("access", g.str("t"), 8));
        int fd = g.call("open", g.str("t"), O_RDONLY, 0);
        assertEquals(0, g.call("faccessat2", fd, g.str(""), StatSyscalls.R_OK, StatSyscalls.AT_EMPTY_PATH));
        assertEquals(-Errno.ENOTDIR, g.call("access", g.str("t/"), 0));
        assertEquals(-Errno.EINVAL, g.call("fstatat64", CWD, g.str("t"), st, 0x4));
    }

    @Test
    void symlinkatReadlinkatAndLinkatRelativeToADirectory() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        Files.createDirectory(dir.resolve("d"));
        int d = g.call("open", g.str("d"), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertEquals(0, g.call("symlinkat", g.str("../target"), d, g.str("ln")));
        int buf = g.alloc(64);
        assertEquals(9, g.call("readlinkat", d, g.str("ln"), buf, 64));
        assertEquals("../target", g.string(buf, 9));
        assertEquals(-Errno.EINVAL, g.call("readlinkat", d, g.str("ln"), buf, 0));
        Files.writeString(dir.resolve("target"), "T");
        assertEquals(0, g.call("linkat", d, g.str("ln"), CWD, g.str("hard"), DirSyscalls.AT_SYMLINK_FOLLOW));
        assertFalse(Files.isSymbolicLink(dir.resolve("hard")), "AT_SYMLINK_FOLLOW links the target");
        assertEquals("T", Files.readString(dir.resolve("hard")));
        assertEquals(-Errno.EINVAL, g.call("linkat", d, g.str("ln"), CWD, g.str("h2"), 0x1));
        assertEquals(-Errno.ENOENT, g.call("symlink", g.str(""), g.str("empty")));
        assertEquals(-Errno.EEXIST, g.call("linkat", CWD, g.str("target"), CWD, g.str("hard"), 0));
    }
}
