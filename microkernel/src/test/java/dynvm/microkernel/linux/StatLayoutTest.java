package dynvm.microkernel.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class StatLayoutTest {
    @TempDir Path dir;

    private Path fileOf(int size) throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[size]);
        Files.setLastModifiedTime(f, FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 123_456_789)));
        return f;
    }

    private static long ino(Path p) throws Exception { return (Long) Files.getAttribute(p, "unix:ino"); }

    /** What the host's stat(1) says the file occupies, in 512-byte units (ls -s, du); the size estimate without it. */
    private static long hostBlocks(Path p) throws Exception {
        try {
            Process pr = new ProcessBuilder("stat", "-c", "%b", p.toString()).start();
            String out = new String(pr.getInputStream().readAllBytes()).trim();
            if (pr.waitFor() == 0) return Long.parseLong(out);
        } catch (java.io.IOException | NumberFormatException ignored) { /* no stat(1) on this host */ }
        return (Files.size(p) + 511) / 512;
    }

    @Test
    void ppc32Stat64Layout() throws Exception {
        Path f = fileOf(5000);
        Guest g = new Guest(TestArch.PPC32, dir);
        int fd = g.call("open", g.str("f"), 0, 0);
        int st = g.alloc(StructWriter.STAT64_SIZE);
        assertEquals(0, g.call("fstat64", fd, st));
        ByteBuffer b = g.read(st, StructWriter.STAT64_SIZE);
        assertEquals(ByteOrder.BIG_ENDIAN, b.order());
        assertEquals(ino(f), b.getLong(8), "st_ino is 64-bit at 8 on ppc32");
        assertEquals(HostStat.S_IFREG, b.getInt(16) & HostStat.S_IFMT);
        assertEquals(1, b.getInt(20), "st_nlink");
        assertEquals(Files.getAttribute(f, "unix:uid"), b.getInt(24));
        assertEquals(5000L, b.getLong(48), "st_size");
        assertEquals(4096, b.getInt(56), "st_blksize");
        assertEquals(hostBlocks(f), b.getLong(64), "st_blocks: the host's count of 512-byte units (stat -c %b)");
        assertEquals(1_600_000_000, b.getInt(80), "st_mtime");
        assertEquals(123_456_789, b.getInt(84), "st_mtime_nsec");
        assertEquals(0, b.getInt(96), "__unused4");
    }

    @Test
    void armEabiStat64Layout() throws Exception {
        Path f = fileOf(70000);
        Guest g = new Guest(TestArch.ARM, dir);
        int st = g.alloc(StructWriter.STAT64_SIZE);
        assertEquals(0, g.call("stat64", g.str("f"), st));
        ByteBuffer b = g.read(st, StructWriter.STAT64_SIZE);
        assertEquals(ByteOrder.LITTLE_ENDIAN, b.order());
        assertEquals(0, b.getInt(8), "__pad0");
        assertEquals((int) ino(f), b.getInt(12), "__st_ino");
        assertEquals(HostStat.S_IFREG, b.getInt(16) & HostStat.S_IFMT);
        assertEquals(70000L, b.getLong(48));
        assertEquals(1_600_000_000, b.getInt(80));
        assertEquals(123_456_789, b.getInt(84));
        assertEquals(ino(f), b.getLong(96), "full st_ino at the end on ARM");
        // lstat64 of a symlink sees the link, stat64 the target
        Files.createSymbolicLink(dir.resolve("ln"), Path.of("f"));
        assertEquals(0, g.call("lstat64", g.str("ln"), st));
        assertEquals(HostStat.S_IFLNK, g.read(st, 104).getInt(16) & HostStat.S_IFMT);
        assertEquals(0, g.call("fstatat64", PathResolver.AT_FDCWD, g.str("ln"), st, 0));
        assertEquals(70000L, g.read(st, 104).getLong(48));
        assertEquals(-Errno.ENOENT, g.call("stat64", g.str("missing"), st));
        assertEquals(-Errno.ENOTDIR, g.call("stat64", g.str("f/"), st));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void statxLayoutIsArchIndependent(TestArch arch) throws Exception {
        Path f = fileOf(12345);
        Guest g = new Guest(arch, dir);
        int buf = g.alloc(StructWriter.STATX_SIZE);
        assertEquals(0, g.call("statx", PathResolver.AT_FDCWD, g.str("f"), 0, 0x7ff, buf));
        ByteBuffer b = g.read(buf, StructWriter.STATX_SIZE);
        assertEquals(arch.order, b.order());
        assertEquals(0x7ff, b.getInt(0), "stx_mask = STATX_BASIC_STATS");
        assertEquals(4096, b.getInt(4), "stx_blksize");
        assertEquals(1, b.getInt(16), "stx_nlink");
        assertEquals(HostStat.S_IFREG, b.getShort(28) & HostStat.S_IFMT);
        assertEquals(ino(f), b.getLong(32), "stx_ino");
        assertEquals(12345L, b.getLong(40), "stx_size");
        assertEquals(1_600_000_000L, b.getLong(112), "stx_mtime.tv_sec");
        assertEquals(123_456_789, b.getInt(120), "stx_mtime.tv_nsec");
        long dev = (Long) Files.getAttribute(f, "unix:dev");
        assertEquals(HostStat.major(dev), b.getInt(136), "stx_dev_major");
        assertEquals(HostStat.minor(dev), b.getInt(140), "stx_dev_minor");

        // AT_EMPTY_PATH on a descriptor, as glibc's fstat does
        int fd = g.call("open", g.str("f"), 0, 0);
        int buf2 = g.alloc(StructWriter.STATX_SIZE);
        assertEquals(0, g.call("statx", fd, g.str(""), StatSyscalls.AT_EMPTY_PATH, 0x7ff, buf2));
        assertEquals(12345L, g.read(buf2, 256).getLong(40));
        assertEquals(-Errno.ENOENT, g.call("statx", fd, g.str(""), 0, 0x7ff, buf2), "empty path without AT_EMPTY_PATH");
    }

    @Test
    void stdoutStatsAsTtyOrPipe() {
        Guest tty = new Guest(TestArch.ARM, dir, fd -> fd == 1, "", false);
        int st = tty.alloc(104);
        assertEquals(0, tty.call("fstat64", 1, st));
        assertEquals(HostStat.S_IFCHR, tty.read(st, 104).getInt(16) & HostStat.S_IFMT);
        assertEquals(0, tty.call("fstat64", 2, st));
        assertEquals(HostStat.S_IFIFO, tty.read(st, 104).getInt(16) & HostStat.S_IFMT);
    }
}
