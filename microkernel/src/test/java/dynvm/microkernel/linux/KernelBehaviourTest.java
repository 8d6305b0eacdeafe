package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Faults, unknown calls, strace, ioctl, memory, time, process and signal syscalls. */
class KernelBehaviourTest {
    @TempDir Path dir;

    @Test
    void wildPointersGiveEfault() throws Exception {
        Files.writeString(dir.resolve("f"), "content");
        Guest g = new Guest(TestArch.PPC32, dir);
        assertEquals(-Errno.EFAULT, g.call("write", 1, Guest.WILD, 5));
        assertEquals(-Errno.EFAULT, g.call("write", 1, Guest.UNMAPPED, 5));
        assertEquals(-Errno.EFAULT, g.call("open", Guest.WILD, 0, 0));
        assertEquals(-Errno.EFAULT, g.call("stat64", g.str("f"), Guest.UNMAPPED));
        assertEquals(-Errno.EFAULT, g.call("statx", PathResolver.AT_FDCWD, g.str("f"), 0, 0x7ff, Guest.WILD));
        int fd = g.call("open", g.str("f"), 0, 0);
        assertEquals(-Errno.EFAULT, g.call("read", fd, Guest.UNMAPPED, 4));
        int buf = g.alloc(8);
        assertEquals(4, g.call("read", fd, buf, 4), "the failed read consumed nothing");
        assertEquals("cont", g.string(buf, 4));
        assertEquals(-Errno.EFAULT, g.call("clock_gettime", 0, Guest.WILD));
        assertEquals(-Errno.EFAULT, g.call("uname", Guest.UNMAPPED));
        assertEquals(-Errno.EFAULT, g.call("pipe", Guest.WILD));
        assertEquals(-Errno.EFAULT, g.call("getdents64", g.call("open", g.str("."), 0, 0), Guest.WILD, 4096));
        assertEquals("", g.out.toString());
        // a read-only page is not writable by the kernel either
        g.as.mprotect(Guest.SCRATCH, 0x1000, AddressSpace.PROT_READ);
        assertEquals(-Errno.EFAULT, g.call("clock_gettime", 0, Guest.SCRATCH));
    }

    @Test
    void setTlsReachesTheCpuAndCacheflushDropsTranslations() {
        Guest g = new Guest(TestArch.ARM, dir);
        int[] tp = {0};
        g.sys.connectThreadPointer(v -> tp[0] = v, () -> tp[0]);
        assertEquals(0, g.call("set_tls", 0x4000_1234));
        assertEquals(0x4000_1234, tp[0]);
        assertEquals(0x4000_1234, g.call("get_tls"));

        java.util.List<int[]> dropped = new java.util.ArrayList<>();
        g.mem.setCodeWriteListener((addr, len) -> dropped.add(new int[]{addr, len}));
        g.mem.markCode(Guest.SCRATCH + 0x100, 16);
        assertEquals(0, g.call("cacheflush", Guest.SCRATCH, Guest.SCRATCH + 0x2000, 0));
        assertEquals(1, dropped.size());
        assertArrayEquals(new int[]{Guest.SCRATCH, 0x2000}, dropped.get(0));
        assertEquals(0, g.call("cacheflush", Guest.SCRATCH + 0x4000, Guest.SCRATCH + 0x5000, 0));
        assertEquals(1, dropped.size(), "no translated code there: nothing to drop");
        assertEquals(-Errno.EINVAL, g.call("cacheflush", Guest.SCRATCH + 8, Guest.SCRATCH, 0));
    }

    @Test
    void unknownAndUnsupportedCallsGiveEnosys() {
        Guest g = new Guest(TestArch.ARM, dir);
        assertEquals(-Errno.ENOSYS, g.sys.call(null, 9999, new int[6]));
        assertEquals(-Errno.ENOSYS, g.call("no_such_call"));
        assertEquals(-Errno.ENOSYS, g.call("rseq", 0, 32, 0, 0));
        assertFalse(g.sys.exited());
    }

    @Test
    void straceLinesLookLikeQemu() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir, fd -> false, "", true);
        int buf = g.str("hi\n");
        g.call("write", 1, buf, 3);
        g.call("open", g.str("/no/such/file"), OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0);
        g.call("brk", 0);
        g.sys.call(null, 4321, new int[]{1, 2, 3, 4, 5, 6});
        g.call("exit_group", 3);
        String[] lines = g.trace.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(5, lines.length);
        assertEquals("4242 write(1,\"hi\\12\",3) = 3", lines[0]);
        assertEquals("4242 open(\"/no/such/file\",O_RDONLY|O_CLOEXEC) = -1 errno=2 (No such file or directory)", lines[1]);
        assertEquals(String.format("4242 brk(NULL) = 0x%08x", Guest.BASE + 0x10000), lines[2]);
        assertEquals("4242 Unknown syscall 4321 = -1 errno=38 (Function not implemented)", lines[3]);
        assertEquals("4242 exit_group(3)", lines[4]);
        assertEquals("hi\n", g.out.toString());
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void ttyIoctlsAnswerTruthfully(TestArch arch) {
        Guest notTty = new Guest(arch, dir);
        int buf = notTty.alloc(64);
        assertEquals(-Errno.ENOTTY, notTty.call("ioctl", 1, arch.tcgets, buf));
        assertEquals(-Errno.ENOTTY, notTty.call("ioctl", 1, arch.tiocgwinsz, buf));
        assertEquals(-Errno.EBADF, notTty.call("ioctl", 9, arch.tcgets, buf));

        Guest tty = new Guest(arch, dir, fd -> fd <= 2, "", false);
        buf = tty.alloc(64);
        assertEquals(0, tty.call("ioctl", 1, arch.tcgets, buf));
        ByteBuffer t = tty.read(buf, 44);
        int cs8 = arch == TestArch.PPC32 ? 0x300 : 0x30;
        assertEquals(cs8, t.getInt(8) & cs8, "c_cflag has CS8 in the arch's encoding");
        assertEquals(0, tty.call("ioctl", 0, arch.tiocgwinsz, buf));
        ByteBuffer w = tty.read(buf, 8);
        assertTrue(w.getShort(0) > 0 && w.getShort(2) > 0, "rows and columns");
        assertEquals(0, tty.call("ioctl", 1, arch.tcsets, buf));
    }

    @Test
    void ioctlNumbersAndArchNames() {
        assertEquals(0x402c7413, TestArch.PPC32.tcgets);
        assertEquals(0x40087468, TestArch.PPC32.tiocgwinsz);
        assertEquals(0x5401, TestArch.ARM.tcgets);
        assertEquals(0x5413, TestArch.ARM.tiocgwinsz);
        assertThrows(IllegalArgumentException.class, () -> LinuxAbiProvider.forArch("mips", getClass().getClassLoader()),
                "no front-end on this module's classpath provides an ABI");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void unameReportsTheMachine(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int buf = g.alloc(390);
        assertEquals(0, g.call("uname", buf));
        assertEquals("Linux", g.string(buf, 5));
        String machine = g.string(buf + 4 * 65, 65).replace("\0", "");
        assertEquals(arch == TestArch.PPC32 ? "ppc" : "armv7l", machine);
    }

    @Test
    void memorySyscallsGoToTheAddressSpace() throws Exception {
        byte[] content = new byte[0x3000];
        content[0x2000] = 0x5a;
        Files.write(dir.resolve("blob"), content);
        Guest g = new Guest(TestArch.ARM, dir);
        int brk0 = g.call("brk", 0);
        assertEquals(brk0 + 0x2000, g.call("brk", brk0 + 0x2000));
        g.mem.store32le(brk0 + 0x1000, 1);
        int rw = AddressSpace.PROT_READ | AddressSpace.PROT_WRITE;
        int anon = g.call("mmap2", 0, 0x1000, rw, AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, -1, 0);
        assertFalse(AddressSpace.isError(anon));
        int fd = g.call("open", g.str("blob"), 0, 0);
        int mapped = g.call("mmap2", 0, 0x1000, AddressSpace.PROT_READ, AddressSpace.MAP_PRIVATE, fd, 2);
        assertEquals(0x5a, g.mem.load8(mapped), "mmap2 offsets count 4096-byte units");
        int old = g.call("mmap", 0, 0x1000, AddressSpace.PROT_READ, AddressSpace.MAP_PRIVATE, fd, 0x2000);
        assertEquals(0x5a, g.mem.load8(old), "old mmap offsets are bytes");
        assertEquals(-Errno.EINVAL, g.call("mmap", 0, 0x1000, AddressSpace.PROT_READ, AddressSpace.MAP_PRIVATE, fd, 0x10));
        assertEquals(-Errno.EBADF, g.call("mmap2", 0, 0x1000, AddressSpace.PROT_READ, AddressSpace.MAP_PRIVATE, 77, 0));
        assertEquals(-Errno.ENODEV, g.call("mmap2", 0, 0x1000, AddressSpace.PROT_READ, AddressSpace.MAP_PRIVATE, 1, 0));
        assertEquals(-Errno.ENOMEM, g.call("mmap2", 0, 0x800000, rw, AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, -1, 0));
        assertEquals(0, g.call("mprotect", anon, 0x1000, AddressSpace.PROT_READ));
        assertEquals(0, g.call("madvise", anon, 0x1000, 4));
        assertEquals(0, g.call("munmap", anon, 0x1000));
        assertEquals(-Errno.EFAULT, g.call("clock_gettime", 0, anon), "unmapped memory is gone for the kernel too");
    }

    @Test
    void clocksTickAndSleep() {
        Guest g = new Guest(TestArch.PPC32, dir);
        int ts = g.alloc(16);
        assertEquals(0, g.call("clock_gettime", TimeSyscalls.CLOCK_REALTIME, ts));
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(g.read(ts, 8).getInt(0) - now) <= 2);
        assertEquals(0, g.call("clock_gettime64", TimeSyscalls.CLOCK_MONOTONIC, ts));
        long m1 = g.read(ts, 16).getLong(0) * 1_000_000_000L + g.read(ts, 16).getLong(8);
        int req = g.alloc(8);
        g.mem.write(req, g.read(req, 8).putInt(0, 0).putInt(4, 20_000_000).array(), 0, 8);
        assertEquals(0, g.call("nanosleep", req, 0));
        assertEquals(0, g.call("clock_gettime64", TimeSyscalls.CLOCK_MONOTONIC, ts));
        long m2 = g.read(ts, 16).getLong(0) * 1_000_000_000L + g.read(ts, 16).getLong(8);
        assertTrue(m2 - m1 >= 20_000_000L, "monotonic clock advanced across a 20 ms sleep");
        g.mem.write(req, g.read(req, 8).putInt(4, 1_000_000_000).array(), 0, 8);
        assertEquals(-Errno.EINVAL, g.call("nanosleep", req, 0));
        assertEquals(-Errno.EINVAL, g.call("clock_gettime", 99, ts));
        assertEquals(0, g.call("clock_getres", TimeSyscalls.CLOCK_MONOTONIC, ts));
        assertEquals(1, g.read(ts, 8).getInt(4));
        int tv = g.alloc(8);
        assertEquals(0, g.call("gettimeofday", tv, 0));
        assertTrue(Math.abs(g.read(tv, 8).getInt(0) - now) <= 2);
        int t = g.call("time", 0);
        assertTrue(Math.abs(t - now) <= 2);
    }

    @Test
    void processIdentityAndLimits() {
        Guest g = new Guest(TestArch.ARM, dir);
        assertEquals(4242, g.call("getpid"));
        assertEquals(4242, g.call("gettid"));
        assertEquals(4242, g.call("set_tid_address", Guest.SCRATCH));
        assertEquals(1000, g.call("getuid32"));
        assertEquals(100, g.call("getegid"));
        assertEquals(0, g.call("set_robust_list", Guest.SCRATCH, 12));
        int rl = g.alloc(16);
        assertEquals(0, g.call("prlimit64", 0, ProcessSyscalls.RLIMIT_STACK, 0, rl));
        assertEquals(8L << 20, g.read(rl, 16).getLong(0));
        assertEquals(-1L, g.read(rl, 16).getLong(8), "hard limit unlimited");
        assertEquals(0, g.call("ugetrlimit", ProcessSyscalls.RLIMIT_STACK, rl));
        assertEquals(8 << 20, g.read(rl, 8).getInt(0));
        assertEquals(-1, g.read(rl, 8).getInt(4));
        assertEquals(-Errno.EINVAL, g.call("ugetrlimit", 99, rl));
        int mask = g.alloc(128);
        assertEquals(4, g.call("sched_getaffinity", 0, 128, mask));
        assertEquals(1, g.read(mask, 4).getInt(0));
        int rnd = g.alloc(32);
        assertEquals(32, g.call("getrandom", rnd, 32, 0));
        assertNotEquals(0L, g.read(rnd, 32).getLong(0) | g.read(rnd, 32).getLong(8));
        assertEquals(0, g.call("sigaltstack", 0, 0));
    }

    @Test
    void exitGroupEndsTheProcess() {
        Guest g = new Guest(TestArch.PPC32, dir);
        assertFalse(g.sys.exited());
        g.call("exit_group", 0x1ff);
        assertTrue(g.sys.exited());
        assertEquals(0xff, g.sys.exitStatus());
        assertEquals(0, g.sys.killedBySignal());
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void sigactionAndMaskAreRecorded(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int act = g.alloc(20), old = g.alloc(20);
        g.mem.write(act, g.read(act, 20).putInt(0, 0x10001234).putInt(4, 0x04000000).putInt(8, 0x10005678).putInt(12, 0x4000).array(), 0, 20);
        assertEquals(0, g.call("rt_sigaction", 10, act, old, 8));
        assertEquals(0, g.read(old, 20).getInt(0), "initially SIG_DFL");
        assertEquals(0, g.call("rt_sigaction", 10, 0, old, 8));
        assertEquals(0x10001234, g.read(old, 20).getInt(0));
        assertEquals(0x10005678, g.read(old, 20).getInt(8));
        assertEquals(0x4000, g.read(old, 20).getInt(12));
        assertEquals(-Errno.EINVAL, g.call("rt_sigaction", 9, act, 0, 8), "SIGKILL cannot be caught");
        assertEquals(-Errno.EINVAL, g.call("rt_sigaction", 10, act, 0, 4), "bad sigset size");

        int set = g.alloc(8), oset = g.alloc(8);
        g.mem.write(set, g.read(set, 8).putInt(0, (1 << 5) | (1 << 8)).putInt(4, 1).array(), 0, 8); // SIGABRT, SIGKILL, sig 33
        assertEquals(0, g.call("rt_sigprocmask", SignalSyscalls.SIG_BLOCK, set, 0, 8));
        assertEquals(0, g.call("rt_sigprocmask", SignalSyscalls.SIG_SETMASK, 0, oset, 8));
        assertEquals(1 << 5, g.read(oset, 8).getInt(0), "SIGKILL is never blocked");
        assertEquals(1, g.read(oset, 8).getInt(4));

        // SIGABRT to ourselves while blocked stays pending; once unblocked, the engine's delivery
        // hook applies the default action: the process dies
        assertEquals(0, g.call("tgkill", 4242, 4242, 6));
        assertFalse(g.sys.mainThread().signals().hint());
        assertNull(g.sys.takeSignal(g.sys.mainThread().signals(), 0));
        assertFalse(g.sys.exited());
        assertEquals(0, g.call("rt_sigprocmask", SignalSyscalls.SIG_UNBLOCK, set, 0, 8));
        assertTrue(g.sys.mainThread().signals().hint());
        assertNull(g.sys.takeSignal(g.sys.mainThread().signals(), 0));
        assertTrue(g.sys.exited());
        assertEquals(6, g.sys.killedBySignal());
        assertEquals(134, g.sys.exitStatus());
    }

    @Test
    void ignoredSignalsAndOtherProcesses() {
        Guest g = new Guest(TestArch.ARM, dir);
        assertEquals(0, g.call("kill", 4242, 17), "SIGCHLD is ignored by default");
        assertEquals(0, g.call("kill", 4242, 0), "signal 0 only probes");
        assertEquals(-Errno.ESRCH, g.call("kill", 1, 15));
        int act = g.alloc(20);
        g.mem.write(act, g.read(act, 20).putInt(0, 1).array(), 0, 20);   // SIG_IGN
        assertEquals(0, g.call("rt_sigaction", 15, act, 0, 8));
        assertEquals(0, g.call("kill", 4242, 15));
        assertFalse(g.sys.mainThread().signals().hint(), "an ignored signal is discarded when sent");
        assertEquals(0, g.call("tkill", 4242, 11));
        assertNull(g.sys.takeSignal(g.sys.mainThread().signals(), 0));
        assertTrue(g.sys.exited());
        assertEquals(11, g.sys.killedBySignal());
        assertEquals(139, g.sys.exitStatus());
    }
}
