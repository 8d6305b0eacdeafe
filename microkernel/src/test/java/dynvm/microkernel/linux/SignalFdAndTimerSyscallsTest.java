package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** signalfd, rt_sigtimedwait and the POSIX timers on both ABIs, bad arguments included. */
@Timeout(60)
class SignalFdAndTimerSyscallsTest {
    static final int EBADF = 9, EFAULT = 14, EINVAL = 22, EAGAIN = 11, EPERM = 1;
    static final int SIGUSR1 = 10, SIGUSR2 = 12, SIGALRM = 14, SIGRTMIN = 34, POLLIN = 1, SI_TIMER = -2, SI_USER = 0;
    static final int SFD_NONBLOCK = 04000;

    @TempDir Path dir;

    private static int set(Guest g, int... sigs) {
        long m = 0;
        for (int s : sigs) m |= 1L << (s - 1);
        int a = g.alloc(8);
        ByteBuffer b = ByteBuffer.allocate(8).order(g.arch.order).putInt(0, (int) m).putInt(4, (int) (m >>> 32));
        g.mem.write(a, b.array(), 0, 8);
        return a;
    }

    private static void block(Guest g, int... sigs) { assertEquals(0, g.call("rt_sigprocmask", 0, set(g, sigs), 0, 8)); }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void signalfdReadsBlockedPendingSignals(TestArch arch) {
        Guest g = new Guest(arch, dir);
        block(g, SIGUSR1, SIGUSR2);
        int fd = g.call("signalfd4", -1, set(g, SIGUSR1), 8, SFD_NONBLOCK);
        assertTrue(fd >= 0);
        int buf = g.alloc(256);
        assertEquals(-EAGAIN, g.call("read", fd, buf, 128));
        int pfd = g.alloc(8);
        g.mem.write(pfd, ByteBuffer.allocate(8).order(arch.order).putInt(0, fd).putShort(4, (short) POLLIN).array(), 0, 8);
        assertEquals(0, g.call("poll", pfd, 1, 0));
        assertEquals(0, g.call("kill", 4242, SIGUSR2));
        assertEquals(0, g.call("poll", pfd, 1, 0), "SIGUSR2 is not in the mask");
        assertEquals(0, g.call("kill", 4242, SIGUSR1));
        assertEquals(1, g.call("poll", pfd, 1, 0));
        assertEquals(-EINVAL, g.call("read", fd, buf, 64), "shorter than one signalfd_siginfo");
        assertEquals(128, g.call("read", fd, buf, 256));
        ByteBuffer si = g.read(buf, 128);
        assertEquals(SIGUSR1, si.getInt(0));
        assertEquals(SI_USER, si.getInt(8));
        assertEquals(4242, si.getInt(12), "ssi_pid");
        assertEquals(1000, si.getInt(16), "ssi_uid");
        assertEquals(-EAGAIN, g.call("read", fd, buf, 128), "consumed");
        // the mask can change; SIGUSR2 is still pending
        assertEquals(fd, g.call("signalfd4", fd, set(g, SIGUSR1, SIGUSR2), 8, 0));
        assertEquals(128, g.call("read", fd, buf, 128));
        assertEquals(SIGUSR2, g.read(buf, 4).getInt(0));
        // epoll sees it too
        int ep = g.call("epoll_create1", 0);
        int ev = g.alloc(16);
        g.mem.write(ev, ByteBuffer.allocate(16).order(arch.order).putInt(0, 1).putLong(8, 77).array(), 0, 16);
        assertEquals(0, g.call("epoll_ctl", ep, 1, fd, ev));
        int out = g.alloc(16);
        assertEquals(0, g.call("epoll_wait", ep, out, 1, 0));
        g.call("kill", 4242, SIGUSR1);
        assertEquals(1, g.call("epoll_wait", ep, out, 1, 0));
        assertEquals(77, g.read(out, 16).getLong(8));
        // bad arguments
        assertEquals(-EINVAL, g.call("signalfd4", -1, set(g, SIGUSR1), 4, 0));
        assertEquals(-EINVAL, g.call("signalfd4", -1, set(g, SIGUSR1), 8, 1));
        assertEquals(-EFAULT, g.call("signalfd4", -1, Guest.WILD, 8, 0));
        assertEquals(-EBADF, g.call("signalfd4", 999, set(g, SIGUSR1), 8, 0));
        assertEquals(-EINVAL, g.call("signalfd4", ep, set(g, SIGUSR1), 8, 0), "not a signalfd");
        g.call("kill", 4242, SIGUSR1);
        assertEquals(-EFAULT, g.call("read", fd, Guest.WILD, 128));
        assertTrue(g.call("signalfd", -1, set(g, SIGUSR1), 8) >= 0);
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void blockingSignalfdReadWakesForAPost(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        block(g, SIGUSR1);
        int fd = g.call("signalfd4", -1, set(g, SIGUSR1), 8, 0);
        int buf = g.alloc(128);
        Thread poster = new Thread(() -> {
            try { Thread.sleep(50); } catch (InterruptedException e) { return; }
            g.call("kill", 4242, SIGUSR1);
        });
        poster.start();
        long t0 = System.nanoTime();
        assertEquals(128, g.call("read", fd, buf, 128));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
        assertEquals(SIGUSR1, g.read(buf, 4).getInt(0));
        poster.join();
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void sigtimedwaitTakesOrTimesOut(TestArch arch) {
        Guest g = new Guest(arch, dir);
        block(g, SIGUSR1);
        int ts = g.alloc(8);
        g.mem.write(ts, ByteBuffer.allocate(8).order(arch.order).putInt(0, 0).putInt(4, 20_000_000).array(), 0, 8);
        int info = g.alloc(128);
        assertEquals(-EAGAIN, g.call("rt_sigtimedwait", set(g, SIGUSR1), info, ts, 8));
        g.call("kill", 4242, SIGUSR1);
        assertEquals(SIGUSR1, g.call("rt_sigtimedwait", set(g, SIGUSR1), info, ts, 8));
        assertEquals(SIGUSR1, g.read(info, 4).getInt(0));
        assertEquals(-EINVAL, g.call("rt_sigtimedwait", set(g, SIGUSR1), info, ts, 4));
        assertEquals(-EFAULT, g.call("rt_sigtimedwait", Guest.WILD, info, ts, 8));
        assertEquals(-EFAULT, g.call("rt_sigtimedwait", set(g, SIGUSR1), info, Guest.WILD, 8));
    }

    private static int sigevent(Guest g, int notify, int signo, int value, int tid) {
        int a = g.alloc(64);
        g.mem.write(a, ByteBuffer.allocate(16).order(g.arch.order).putInt(0, value).putInt(4, signo)
                .putInt(8, notify).putInt(12, tid).array(), 0, 16);
        return a;
    }

    private static int itimerspec(Guest g, long intervalNs, long valueNs) {
        int a = g.alloc(16);
        long ns = 1_000_000_000L;
        g.mem.write(a, ByteBuffer.allocate(16).order(g.arch.order).putInt(0, (int) (intervalNs / ns)).putInt(4, (int) (intervalNs % ns))
                .putInt(8, (int) (valueNs / ns)).putInt(12, (int) (valueNs % ns)).array(), 0, 16);
        return a;
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void posixTimerSignalsThroughASignalfd(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        block(g, SIGRTMIN);
        int fd = g.call("signalfd4", -1, set(g, SIGRTMIN), 8, 0);
        int idp = g.alloc(4);
        assertEquals(0, g.call("timer_create", 1, sigevent(g, 0, SIGRTMIN, 0x1234, 0), idp));
        int id = g.read(idp, 4).getInt(0);
        assertEquals(0, id, "ids count from 0 per process");
        assertEquals(0, g.call("timer_settime", id, 0, itimerspec(g, 0, 20_000_000), 0));
        int buf = g.alloc(128);
        assertEquals(128, g.call("read", fd, buf, 128));
        ByteBuffer si = g.read(buf, 128);
        assertEquals(SIGRTMIN, si.getInt(0));
        assertEquals(SI_TIMER, si.getInt(8));
        assertEquals(id, si.getInt(24), "ssi_tid is the timer id");
        assertEquals(0x1234, si.getInt(44), "ssi_int");
        int cur = g.alloc(16);
        assertEquals(0, g.call("timer_gettime", id, cur));
        assertEquals(0, g.read(cur, 16).getInt(8) | g.read(cur, 16).getInt(12), "one-shot: disarmed");
        // periodic: a pending signal accumulates overruns
        assertEquals(0, g.call("timer_settime", id, 0, itimerspec(g, 5_000_000, 5_000_000), 0));
        Thread.sleep(60);
        assertEquals(128, g.call("read", fd, buf, 128));
        assertTrue(g.read(buf, 128).getInt(32) >= 3, "ssi_overrun counts the expiries while pending");
        assertTrue(g.call("timer_getoverrun", id) >= 3);
        assertEquals(0, g.call("timer_gettime", id, cur));
        assertEquals(5_000_000, g.read(cur, 16).getInt(4), "interval");
        assertEquals(0, g.call("timer_delete", id));
        assertEquals(-EINVAL, g.call("timer_delete", id));
        assertEquals(-EINVAL, g.call("timer_settime", id, 0, itimerspec(g, 0, 1), 0));
        assertEquals(-EINVAL, g.call("timer_getoverrun", 77));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void posixTimerVariantsAndBadArguments(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        int idp = g.alloc(4);
        // no sigevent: SIGALRM with the id as value; SIGEV_NONE: never a signal
        assertEquals(0, g.call("timer_create", 0, 0, idp));
        int none = g.alloc(4);
        assertEquals(0, g.call("timer_create", 1, sigevent(g, 1, 0, 0, 0), none));
        int nid = g.read(none, 4).getInt(0);
        assertEquals(0, g.call("timer_settime", nid, 0, itimerspec(g, 0, 1_000_000_000L), 0));
        int cur = g.alloc(16);
        assertEquals(0, g.call("timer_gettime", nid, cur));
        assertTrue(g.read(cur, 16).getInt(8) == 0 && g.read(cur, 16).getInt(12) > 0, "armed, under a second left");
        // SIGEV_THREAD_ID to the main thread (tid = pid), via the time64 form
        block(g, SIGUSR2);
        int tidp = g.alloc(4);
        assertEquals(0, g.call("timer_create", 1, sigevent(g, 4, SIGUSR2, 5, 4242), tidp));
        int t64 = g.alloc(32);
        g.mem.write(t64, ByteBuffer.allocate(32).order(arch.order).putLong(24, 10_000_000).array(), 0, 32);
        assertEquals(0, g.call("timer_settime64", g.read(tidp, 4).getInt(0), 0, t64, 0));
        int info = g.alloc(128);
        assertEquals(SIGUSR2, g.call("rt_sigtimedwait", set(g, SIGUSR2), info, 0, 8));
        assertEquals(SI_TIMER, g.read(info, 128).getInt(8));
        assertEquals(5, g.read(info, 128).getInt(20), "si_value");
        // bad arguments
        assertEquals(-EINVAL, g.call("timer_create", 99, 0, idp));
        assertEquals(-EPERM, g.call("timer_create", 8, 0, idp));
        assertEquals(-EINVAL, g.call("timer_create", 1, sigevent(g, 4, SIGUSR2, 0, 999), idp), "no such thread");
        assertEquals(-EINVAL, g.call("timer_create", 1, sigevent(g, 0, 65, 0, 0), idp));
        assertEquals(-EINVAL, g.call("timer_create", 1, sigevent(g, 7, SIGUSR2, 0, 0), idp));
        assertEquals(-EFAULT, g.call("timer_create", 1, Guest.WILD, idp));
        assertEquals(-EFAULT, g.call("timer_create", 1, 0, Guest.WILD));
        assertEquals(-EFAULT, g.call("timer_settime", nid, 0, Guest.WILD, 0));
        assertEquals(-EFAULT, g.call("timer_gettime", nid, Guest.WILD));
        int bad = g.alloc(16);
        g.mem.write(bad, ByteBuffer.allocate(16).order(arch.order).putInt(12, 1_000_000_000).array(), 0, 16);
        assertEquals(-EINVAL, g.call("timer_settime", nid, 0, bad, 0), "tv_nsec out of range");
    }
}
