package dynvm.microkernel.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dynvm.microkernel.linux.OpenFlags.*;
import static org.junit.jupiter.api.Assertions.*;

class FileSyscallsTest {
    @TempDir Path dir;

    @Test
    void writeToStdoutAndStderrPassesThrough() {
        Guest g = new Guest(TestArch.PPC32, dir);
        int buf = g.str("hello\n");
        assertEquals(6, g.call("write", 1, buf, 6));
        assertEquals(3, g.call("write", 2, buf, 3));
        assertEquals("hello\n", g.out.toString());
        assertEquals("hel", g.err.toString());
        assertEquals(-Errno.EBADF, g.call("write", 0, buf, 1), "stdin is read-only");
        assertEquals(-Errno.EBADF, g.call("write", 7, buf, 1));
    }

    @Test
    void writevGathersAndReadsStdin() {
        Guest g = new Guest(TestArch.ARM, dir, fd -> false, "typed", false);
        int a = g.str("ab"), b = g.str("cde");
        int iov = g.alloc(16);
        g.mem.write(iov, ByteBuffer.allocate(16).order(g.arch.order).putInt(a).putInt(2).putInt(b).putInt(3).array(), 0, 16);
        assertEquals(5, g.call("writev", 1, iov, 2));
        assertEquals("abcde", g.out.toString());
        int in = g.alloc(16);
        assertEquals(5, g.call("read", 0, in, 16));
        assertEquals("typed", g.string(in, 5));
        assertEquals(0, g.call("read", 0, in, 16), "end of input");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void openWriteReadSeekUnlink(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        int path = g.str("data.txt");
        int fd = g.call("open", path, g.oflags(O_CREAT | O_WRONLY | O_TRUNC | O_LARGEFILE), 0644);
        assertEquals(3, fd);
        int msg = g.str("0123456789");
        assertEquals(10, g.call("write", fd, msg, 10));
        assertEquals(-Errno.EBADF, g.call("read", fd, g.alloc(4), 4), "write-only descriptor");
        assertEquals(0, g.call("close", fd));
        assertEquals("0123456789", Files.readString(dir.resolve("data.txt")));

        fd = g.call("openat", PathResolver.AT_FDCWD, path, g.oflags(O_RDWR | O_APPEND), 0);
        assertEquals(3, fd, "lowest free descriptor is reused");
        assertEquals(10, g.call("lseek", fd, 0, HostFile.SEEK_END));
        assertEquals(4, g.call("lseek", fd, 4, HostFile.SEEK_SET));
        int buf = g.alloc(16);
        assertEquals(3, g.call("read", fd, buf, 3));
        assertEquals("456", g.string(buf, 3));
        assertEquals(2, g.call("write", fd, g.str("XY"), 2));
        assertEquals("0123456789XY", Files.readString(dir.resolve("data.txt")), "O_APPEND writes at the end");

        int result = g.alloc(8);
        assertEquals(0, g.call("_llseek", fd, 0, 2, result, HostFile.SEEK_SET));
        assertEquals(2L, g.read(result, 8).getLong(0));
        assertEquals(2, g.call("read", fd, buf, 2));
        assertEquals("23", g.string(buf, 2));
        assertEquals(-Errno.EINVAL, g.call("lseek", fd, -100, HostFile.SEEK_CUR));

        assertEquals(0, g.call("close", fd));
        assertEquals(-Errno.EBADF, g.call("close", fd));
        assertEquals(0, g.call("unlink", path));
        assertFalse(Files.exists(dir.resolve("data.txt")));
        assertEquals(-Errno.ENOENT, g.call("open", path, O_RDONLY, 0));
        assertEquals(-Errno.ENOENT, g.call("unlink", path));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void openErrorsMapToLinuxErrnos(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        Files.writeString(dir.resolve("f"), "x");
        Files.createDirectory(dir.resolve("d"));
        assertEquals(-Errno.EEXIST, g.call("open", g.str("f"), g.oflags(O_CREAT | O_EXCL | O_WRONLY), 0644));
        assertEquals(-Errno.ENOTDIR, g.call("open", g.str("f"), g.oflags(O_DIRECTORY), 0));
        assertEquals(-Errno.EISDIR, g.call("open", g.str("d"), g.oflags(O_WRONLY), 0));
        assertEquals(-Errno.ENOTDIR, g.call("open", g.str("f/x"), O_RDONLY, 0));
        assertEquals(-Errno.ENOENT, g.call("open", g.str("nope/x"), g.oflags(O_CREAT | O_WRONLY), 0644));
        int fd = g.call("open", g.str("d"), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertTrue(fd >= 3);
        assertEquals(-Errno.EISDIR, g.call("read", fd, g.alloc(8), 8));
        // directory-relative open
        Files.writeString(dir.resolve("d/inner"), "in");
        int inner = g.call("openat", fd, g.str("inner"), O_RDONLY, 0);
        assertTrue(inner > fd);
        int buf = g.alloc(4);
        assertEquals(2, g.call("read", inner, buf, 4));
        assertEquals("in", g.string(buf, 2));
        assertEquals(-Errno.ENOTDIR, g.call("openat", inner, g.str("x"), O_RDONLY, 0));
    }

    @Test
    void archSpecificOpenFlagsAreTranslated() {
        Guest ppc = new Guest(TestArch.PPC32, dir), arm = new Guest(TestArch.ARM, dir);
        assertEquals(0200000, ppc.oflags(O_LARGEFILE));
        assertEquals(0400000, arm.oflags(O_LARGEFILE));
        assertEquals(040000, arm.oflags(O_DIRECTORY));
        // F_GETFL answers in the guest's own encoding
        for (Guest g : new Guest[]{ppc, arm}) {
            int fd = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY | O_LARGEFILE), 0);
            assertEquals(g.oflags(O_DIRECTORY | O_LARGEFILE), g.call("fcntl64", fd, FdSyscalls.F_GETFL, 0));
        }
    }

    @Test
    void dupAndFcntl() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        int fd = g.call("open", g.str("f"), g.oflags(O_CREAT | O_RDWR | O_CLOEXEC), 0600);
        assertEquals(1, g.call("fcntl64", fd, FdSyscalls.F_GETFD, 0));
        int d = g.call("dup", fd);
        assertEquals(0, g.call("fcntl64", d, FdSyscalls.F_GETFD, 0), "dup clears close-on-exec");
        assertEquals(10, g.call("fcntl64", fd, FdSyscalls.F_DUPFD_CLOEXEC, 10));
        assertEquals(1, g.call("fcntl64", 10, FdSyscalls.F_GETFD, 0));
        assertEquals(O_RDWR, g.call("fcntl64", d, FdSyscalls.F_GETFL, 0));
        assertEquals(0, g.call("fcntl64", d, FdSyscalls.F_SETFL, O_APPEND | O_NONBLOCK));
        assertEquals(O_RDWR | O_APPEND | O_NONBLOCK, g.call("fcntl64", fd, FdSyscalls.F_GETFL, 0), "status flags are shared");
        // shared offset, and dup2 onto stdout redirects it
        assertEquals(1, g.call("dup2", fd, 1));
        assertEquals(3, g.call("write", 1, g.str("abc"), 3));
        assertEquals(0, g.call("close", fd));
        assertEquals(3, g.call("lseek", d, 0, HostFile.SEEK_CUR), "the description lives on while a dup is open");
        assertEquals("abc", Files.readString(dir.resolve("f")));
        assertEquals("", g.out.toString());
        assertEquals(-Errno.EINVAL, g.call("dup3", d, d, 0));
        assertEquals(-Errno.EBADF, g.call("dup2", 99, 5));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void pipeCarriesBytesAndSignalsEof(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe2", fds, g.oflags(O_CLOEXEC)));
        ByteBuffer b = g.read(fds, 8);
        int r = b.getInt(0), w = b.getInt(4);
        assertEquals(3, r);
        assertEquals(4, w);
        assertEquals(4, g.call("write", w, g.str("ping"), 4));
        int buf = g.alloc(8);
        assertEquals(4, g.call("read", r, buf, 8));
        assertEquals("ping", g.string(buf, 4));
        int st = g.alloc(StructWriter.STAT64_SIZE);
        assertEquals(0, g.call("fstat64", r, st));
        assertEquals(HostStat.S_IFIFO, g.read(st, 104).getInt(16) & HostStat.S_IFMT);
        assertEquals(0, g.call("fcntl", r, FdSyscalls.F_SETFL, O_NONBLOCK));
        assertEquals(-Errno.EAGAIN, g.call("read", r, buf, 8));
        assertEquals(0, g.call("close", w));
        assertEquals(0, g.call("read", r, buf, 8), "EOF once the writer is gone");
        assertEquals(0, g.call("pipe", fds));
        b = g.read(fds, 8);
        assertEquals(0, g.call("close", b.getInt(0)));
        assertEquals(-Errno.EPIPE, g.call("write", b.getInt(4), buf, 1));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void getdents64ListsTheDirectory(TestArch arch) throws Exception {
        Files.writeString(dir.resolve("a"), "1");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("long-name-" + "x".repeat(40)), "");
        Guest g = new Guest(arch, dir);
        int fd = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertEquals(-Errno.EINVAL, g.call("getdents64", fd, g.alloc(16), 16), "buffer too small for one record");
        int buf = g.alloc(4096);
        int n = g.call("getdents64", fd, buf, 4096);
        assertTrue(n > 0);
        Map<String, Integer> types = new HashMap<>();
        ByteBuffer b = g.read(buf, n);
        for (int at = 0; at < n; ) {
            int reclen = b.getShort(at + 16) & 0xffff;
            assertEquals(0, reclen % 8, "records are 8-byte aligned");
            assertTrue(b.getLong(at) != 0, "d_ino set");
            int end = at + 19;
            while (b.get(end) != 0) end++;
            String name = new String(b.array(), at + 19, end - at - 19, StandardCharsets.UTF_8);
            types.put(name, (int) b.get(at + 18));
            at += reclen;
        }
        assertEquals(5, types.size(), types.toString());
        assertEquals(HostDirectory.DT_DIR, types.get("."));
        assertEquals(HostDirectory.DT_DIR, types.get(".."));
        assertEquals(HostDirectory.DT_REG, types.get("a"));
        assertEquals(HostDirectory.DT_DIR, types.get("sub"));
        assertEquals(0, g.call("getdents64", fd, buf, 4096), "end of directory");
        assertEquals(0, g.call("lseek", fd, 0, HostFile.SEEK_SET));
        assertEquals(n, g.call("getdents64", fd, buf, 4096), "rewound");
        int file = g.call("open", g.str("a"), O_RDONLY, 0);
        assertEquals(-Errno.ENOTDIR, g.call("getdents64", file, buf, 4096));
    }

    @Test
    void namespaceOperations() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        assertEquals(0, g.call("mkdir", g.str("m"), 0755));
        assertTrue(Files.isDirectory(dir.resolve("m")));
        assertEquals(-Errno.EEXIST, g.call("mkdir", g.str("m"), 0755));
        Files.writeString(dir.resolve("m/f"), "z");
        assertEquals(-Errno.ENOTEMPTY, g.call("rmdir", g.str("m")));
        assertEquals(-Errno.EISDIR, g.call("unlink", g.str("m")));
        assertEquals(-Errno.ENOTDIR, g.call("rmdir", g.str("m/f")));
        assertEquals(0, g.call("rename", g.str("m/f"), g.str("g")));
        assertEquals("z", Files.readString(dir.resolve("g")));
        assertEquals(0, g.call("rmdir", g.str("m")));
        assertEquals(0, g.call("mkdirat", PathResolver.AT_FDCWD, g.str("n"), 0700));
        assertEquals(0, g.call("renameat", PathResolver.AT_FDCWD, g.str("g"), PathResolver.AT_FDCWD, g.str("n/h")));
        assertEquals(0, g.call("unlinkat", PathResolver.AT_FDCWD, g.str("n/h"), 0));
        assertEquals(0, g.call("unlinkat", PathResolver.AT_FDCWD, g.str("n"), DirSyscalls.AT_REMOVEDIR));
        assertFalse(Files.exists(dir.resolve("n")));

        int buf = g.alloc(4096);
        int len = g.call("getcwd", buf, 4096);
        String cwd = dir.toAbsolutePath().normalize().toString();
        assertEquals(cwd.length() + 1, len);
        assertEquals(cwd, g.string(buf, len - 1));
        assertEquals(-Errno.ERANGE, g.call("getcwd", buf, 2));
        assertEquals(0, g.call("access", g.str("."), StatSyscalls.R_OK | StatSyscalls.W_OK));
        assertEquals(-Errno.ENOENT, g.call("access", g.str("missing"), StatSyscalls.F_OK));
        assertEquals(-Errno.ENOENT, g.call("faccessat", PathResolver.AT_FDCWD, g.str("missing"), 0));
    }

    @Test
    void symlinkAndHardLink() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        Files.writeString(dir.resolve("t"), "data");
        assertEquals(0, g.call("symlink", g.str("t"), g.str("sl")));
        assertEquals(Path.of("t"), Files.readSymbolicLink(dir.resolve("sl")), "target kept relative, as written");
        assertEquals(-Errno.EEXIST, g.call("symlink", g.str("t"), g.str("sl")));
        assertEquals(0, g.call("symlinkat", g.str("dangling"), PathResolver.AT_FDCWD, g.str("sl2")));
        assertTrue(Files.isSymbolicLink(dir.resolve("sl2")));
        assertEquals(0, g.call("link", g.str("t"), g.str("hard")));
        assertEquals("data", Files.readString(dir.resolve("hard")));
        assertEquals(2, Files.getAttribute(dir.resolve("t"), "unix:nlink"));
        assertEquals(0, g.call("linkat", PathResolver.AT_FDCWD, g.str("sl"), PathResolver.AT_FDCWD, g.str("hard2"), 0));
        assertTrue(Files.isSymbolicLink(dir.resolve("hard2")), "without AT_SYMLINK_FOLLOW the link itself is linked");
        assertEquals(-Errno.ENOENT, g.call("link", g.str("missing"), g.str("x")));
        Files.createDirectory(dir.resolve("d"));
        assertEquals(-Errno.EPERM, g.call("link", g.str("d"), g.str("d2")));
    }

    @Test
    void readlinkOfProcSelfExeIsTheGuestProgram() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        int buf = g.alloc(256);
        int n = g.call("readlink", g.str("/proc/self/exe"), buf, 256);
        assertEquals("/opt/guest/bin/hello", g.string(buf, n));
        assertEquals(5, g.call("readlinkat", PathResolver.AT_FDCWD, g.str("/proc/self/exe"), buf, 5), "truncated, no NUL");
        Files.createSymbolicLink(dir.resolve("ln"), Path.of("target"));
        assertEquals(6, g.call("readlink", g.str("ln"), buf, 256));
        assertEquals("target", g.string(buf, 6));
        Files.writeString(dir.resolve("plain"), "");
        assertEquals(-Errno.EINVAL, g.call("readlink", g.str("plain"), buf, 256));
    }
}
