package dynvm.microkernel.linux;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dynvm.microkernel.linux.OpenFlags.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The emulated /proc ({@link ProcFs}) on both ABIs: never the host's (JVM's) files. */
class ProcFsTest {
    @TempDir Path dir;
    static final int CWD = PathResolver.AT_FDCWD;
    static final String CPUINFO = "processor\t: 0\nmodel name\t: Test CPU rev 1 (v7l)\nFeatures\t: half thumb\n\n";

    private Guest guest(TestArch arch) {
        byte[] auxv = ByteBuffer.allocate(24).order(arch.order).putInt(16).putInt(0xe0d7).putInt(6).putInt(4096).putInt(0).putInt(0).array();
        return new Guest(arch, dir, arch.abi.withCpuinfo(CPUINFO),
                b -> b.argv(List.of("hello", "-x")).envp(List.of("A=1", "B=2")).auxv(auxv));
    }

    /** The whole file through open/read/close. */
    private static String slurp(Guest g, String path) {
        int fd = g.call("open", g.str(path), g.oflags(O_RDONLY), 0);
        assertTrue(fd >= 0, path + ": " + fd);
        StringBuilder sb = new StringBuilder();
        int buf = g.alloc(64);
        int n;
        while ((n = g.call("read", fd, buf, 64)) > 0) sb.append(new String(g.read(buf, n).array(), StandardCharsets.ISO_8859_1));
        assertEquals(0, n);
        assertEquals(0, g.call("close", fd));
        return sb.toString();
    }

    private static String readlink(Guest g, String path) {
        int buf = g.alloc(256);
        int n = g.call("readlink", g.str(path), buf, 256);
        return n < 0 ? "errno " + -n : g.string(buf, n);
    }

    private static List<String> list(Guest g, String path) {
        int fd = g.call("open", g.str(path), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        assertTrue(fd >= 0, path + ": " + fd);
        List<String> names = new ArrayList<>();
        int buf = g.alloc(512);
        int n;
        while ((n = g.call("getdents64", fd, buf, 512)) > 0) {
            ByteBuffer b = g.read(buf, n);
            for (int at = 0; at < n; at += b.getShort(at + 16) & 0xffff) {
                int end = at + 19;
                while (b.get(end) != 0) end++;
                names.add(new String(b.array(), at + 19, end - at - 19, StandardCharsets.UTF_8));
            }
        }
        assertEquals(0, n);
        g.call("close", fd);
        return names;
    }

    private static int mode(Guest g, String path, boolean follow) {
        int buf = g.alloc(144);
        int r = g.call(follow ? "stat64" : "lstat64", g.str(path), buf);
        return r < 0 ? r : g.read(buf, 144).getInt(16);
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void cpuinfoIsTheModelsNeverTheHosts(TestArch arch) {
        Guest g = guest(arch);
        assertEquals(CPUINFO, slurp(g, "/proc/cpuinfo"));
        assertEquals(HostStat.S_IFREG | 0444, mode(g, "/proc/cpuinfo", true));
        assertEquals(-Errno.EACCES, g.call("open", g.str("/proc/cpuinfo"), g.oflags(O_WRONLY), 0));
        assertEquals(-Errno.EACCES, g.call("access", g.str("/proc/cpuinfo"), StatSyscalls.W_OK));
        assertEquals(0, g.call("access", g.str("/proc/cpuinfo"), StatSyscalls.R_OK));
        assertEquals(-Errno.ENOTDIR, g.call("open", g.str("/proc/cpuinfo"), g.oflags(O_RDONLY | O_DIRECTORY), 0));
        // an ABI without a model's text: one bare processor, still not the host's
        Guest bare = new Guest(arch, dir);
        assertEquals("processor\t: 0\n\n", slurp(bare, "/proc/cpuinfo"));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void selfIsTheGuestPidWithItsStartingFacts(TestArch arch) {
        Guest g = guest(arch);
        assertEquals("4242", readlink(g, "/proc/self"));
        assertEquals(HostStat.S_IFLNK | 0777, mode(g, "/proc/self", false));
        assertEquals(HostStat.S_IFDIR | 0555, mode(g, "/proc/self", true));
        assertEquals("/opt/guest/bin/hello", readlink(g, "/proc/self/exe"));
        assertEquals("/opt/guest/bin/hello", readlink(g, "/proc/4242/exe"));
        assertEquals(dir.toAbsolutePath().normalize().toString(), readlink(g, "/proc/self/cwd"));
        assertEquals("hello\0-x\0", slurp(g, "/proc/self/cmdline"));
        assertEquals("A=1\0B=2\0", slurp(g, "/proc/4242/environ"));
        assertEquals("hello\n", slurp(g, "/proc/self/comm"));
        String auxv = slurp(g, "/proc/self/auxv");
        assertEquals(24, auxv.length());
        ByteBuffer a = ByteBuffer.wrap(auxv.getBytes(StandardCharsets.ISO_8859_1)).order(arch.order);
        assertEquals(16, a.getInt(0), "AT_HWCAP in the guest's byte order");
        assertEquals(0xe0d7, a.getInt(4));
        String stat = slurp(g, "/proc/self/stat");
        assertTrue(stat.startsWith("4242 (hello) R "), stat);
        assertEquals(52, stat.trim().split(" ").length, "do_task_stat's 52 fields");
        String status = slurp(g, "/proc/self/status");
        assertTrue(status.contains("\nPid:\t4242\n") && status.contains("\nUid:\t1000\t1000\t1000\t1000\n"), status);
        assertTrue(status.startsWith("Name:\thello\n"), status);
        String maps = slurp(g, "/proc/self/maps");
        assertTrue(maps.contains(String.format("%08x-%08x rw-p 00000000 00:00 0 \n", Guest.SCRATCH, Guest.SCRATCH + 0x100000)), maps);
        assertFalse(maps.contains("7f"), "no host (64-bit) addresses: " + maps);
        assertTrue(list(g, "/proc/self").containsAll(List.of("auxv", "cmdline", "exe", "fd", "fdinfo", "maps", "stat", "status")));
        // pids that are no process of this run do not exist, nor do unknown names
        assertEquals(-Errno.ENOENT, g.call("open", g.str("/proc/1/status"), g.oflags(O_RDONLY), 0));
        assertEquals(-Errno.ENOENT, g.call("open", g.str("/proc/self/nonesuch"), g.oflags(O_RDONLY), 0));
        assertEquals(-Errno.ENOTDIR, g.call("open", g.str("/proc/self/stat/x"), g.oflags(O_RDONLY), 0));
        assertEquals(-Errno.EINVAL, g.call("readlink", g.str("/proc/self/stat"), g.alloc(16), 16));
        List<String> root = list(g, "/proc");
        assertTrue(root.contains("4242") && root.contains("self") && root.contains("cpuinfo"), root.toString());
        long hostPid = ProcessHandle.current().pid();
        if (hostPid != 4242) assertFalse(root.contains(Long.toString(hostPid)), "the JVM's own pid is not listed");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void taskListsTheThreadsAndSysSaysOneCpu(TestArch arch) {
        Guest g = guest(arch);
        assertTrue(list(g, "/proc/self").contains("task"));
        assertEquals(HostStat.S_IFDIR | 0555, mode(g, "/proc/self/task", true));
        List<String> tasks = list(g, "/proc/self/task");
        assertEquals(List.of(".", "..", "4242"), tasks, "one task: the main thread, tid = pid");
        assertTrue(list(g, "/proc/4242/task/4242").containsAll(List.of("comm", "stat", "status")));
        assertEquals("hello\n", slurp(g, "/proc/self/task/4242/comm"));
        assertTrue(slurp(g, "/proc/self/task/4242/status").contains("\nPid:\t4242\n"));
        assertEquals(-Errno.ENOENT, g.call("open", g.str("/proc/self/task/4243/comm"), g.oflags(O_RDONLY), 0));
        assertEquals(-Errno.ENOENT, g.call("open", g.str("/proc/self/task/4242/task"), g.oflags(O_RDONLY), 0));
        assertEquals("4242/task/4242", readlink(g, "/proc/thread-self"));
        assertEquals("hello\n", slurp(g, "/proc/thread-self/comm"));
        assertTrue(list(g, "/proc").contains("thread-self"));
        // sysfs's CPU lists agree with sched_getaffinity's one CPU; the rest of /sys is the host's
        for (String f : List.of("online", "possible", "present")) {
            assertEquals("0\n", slurp(g, "/sys/devices/system/cpu/" + f), f);
            assertEquals(HostStat.S_IFREG | 0444, mode(g, "/sys/devices/system/cpu/" + f, true));
        }
        assertEquals(-Errno.EACCES, g.call("open", g.str("/sys/devices/system/cpu/online"), g.oflags(O_WRONLY), 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void fdDirectoryListsAndReopensTheGuestsDescriptors(TestArch arch) throws Exception {
        Guest g = guest(arch);
        Files.writeString(dir.resolve("data"), "0123456789");
        int pipe = g.alloc(8);
        assertEquals(0, g.call("pipe", pipe));
        int rd = g.read(pipe, 8).getInt(0), wr = g.read(pipe, 8).getInt(4);
        int file = g.call("open", g.str("data"), g.oflags(O_RDONLY), 0);
        assertEquals(5, g.call("lseek", file, 5, HostFile.SEEK_SET));

        List<String> fds = list(g, "/proc/self/fd");
        int dirFd = file + 1;   // the listing's own descriptor, as Linux shows it
        assertEquals(List.of(".", "..", "0", "1", "2", "" + rd, "" + wr, "" + file, "" + dirFd), fds);
        int st = g.alloc(144);
        assertEquals(0, g.call("fstat64", rd, st));
        long pipeIno = g.read(st, 144).getLong(arch.abi.stat64().inoAt());
        assertEquals("pipe:[" + pipeIno + "]", readlink(g, "/proc/self/fd/" + rd));
        assertEquals(dir.resolve("data").toAbsolutePath().normalize().toString(), readlink(g, "/proc/self/fd/" + file));
        assertEquals("errno " + Errno.ENOENT, readlink(g, "/proc/self/fd/99"));
        assertEquals(HostStat.S_IFLNK | 0500, mode(g, "/proc/self/fd/" + rd, false));
        assertEquals(HostStat.S_IFLNK | 0300, mode(g, "/proc/self/fd/" + wr, false));
        assertEquals(HostStat.S_IFIFO, mode(g, "/proc/self/fd/" + rd, true) & HostStat.S_IFMT);

        // a file opens again with its own offset; a pipe end is the same pipe
        int again = g.call("open", g.str("/proc/self/fd/" + file), g.oflags(O_RDONLY), 0);
        int buf = g.alloc(16);
        assertEquals(3, g.call("read", again, buf, 3));
        assertEquals("012", g.string(buf, 3));
        int w2 = g.call("open", g.str("/proc/" + 4242 + "/fd/" + wr), g.oflags(O_WRONLY), 0);
        assertTrue(w2 >= 0);
        assertEquals(2, g.call("write", w2, g.str("hi"), 2));
        assertEquals(2, g.call("read", rd, buf, 16));
        assertEquals("hi", g.string(buf, 2));

        // fdinfo: the offset, and relative lookups from an open /proc directory
        assertTrue(slurp(g, "/proc/self/fdinfo/" + file).startsWith("pos:\t5\n"));
        int fdDir = g.call("open", g.str("/proc/self/fd"), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        int lb = g.alloc(64);
        int n = g.call("readlinkat", fdDir, g.str("" + rd), lb, 64);
        assertEquals("pipe:[" + pipeIno + "]", g.string(lb, n));
        assertEquals(-Errno.ELOOP, g.call("open", g.str("/proc/self/fd/" + file), g.oflags(O_RDONLY | O_NOFOLLOW), 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void devFdAndStdioNamesAreTheGuestsDescriptors(TestArch arch) throws Exception {
        Guest g = guest(arch);
        assertEquals("/proc/self/fd/1", readlink(g, "/dev/stdout"));
        assertEquals("/proc/self/fd", readlink(g, "/dev/fd"));
        int fd = g.call("open", g.str("/dev/stdout"), g.oflags(O_WRONLY), 0);
        assertTrue(fd > 2, "" + fd);
        assertEquals(3, g.call("write", fd, g.str("out"), 3));
        int e = g.call("open", g.str("/dev/fd/2"), g.oflags(O_WRONLY), 0);
        assertEquals(3, g.call("write", e, g.str("err"), 3));
        assertEquals("out", g.out.toString(StandardCharsets.UTF_8), "the guest's stdout, not the JVM's");
        assertEquals("err", g.err.toString(StandardCharsets.UTF_8));
        assertEquals(list(g, "/proc/self/fd").size(), list(g, "/dev/fd/").size());
        assertEquals(HostStat.S_IFDIR | 0555, mode(g, "/dev/fd/", false), "a trailing slash follows the link");
        assertEquals(HostStat.S_IFLNK | 0777, mode(g, "/dev/fd", false));
        assertEquals(-Errno.ENOENT, g.call("open", g.str("/dev/fd/77"), g.oflags(O_RDONLY), 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void badPointersAndOtherProcFilesPassThrough(TestArch arch) {
        Guest g = guest(arch);
        assertEquals(-Errno.EFAULT, g.call("readlink", g.str("/proc/self/exe"), Guest.UNMAPPED, 64));
        assertEquals(-Errno.EFAULT, g.call("open", Guest.WILD, g.oflags(O_RDONLY), 0));
        int fd = g.call("open", g.str("/proc/self/auxv"), g.oflags(O_RDONLY), 0);
        assertEquals(-Errno.EFAULT, g.call("read", fd, Guest.UNMAPPED, 8));
        assertEquals(-Errno.EBADF, g.call("write", fd, g.str("x"), 1));
        assumeTrue(Files.isReadable(Path.of("/proc/meminfo")), "no host /proc");
        assertTrue(slurp(g, "/proc/meminfo").startsWith("MemTotal:"), "meminfo is the host's");
    }
}
