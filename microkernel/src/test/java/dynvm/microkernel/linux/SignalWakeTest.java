package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals arrive as kernel notifications: a guest thread blocked in a system call sleeps on its
 * thread's {@link dynvm.microkernel.kernel.Notification} with no time slice (it is the registered
 * host thread of its guest thread), so nothing but the notification can wake it. A signal posted
 * by another thread wakes it at once, with the result the engine turns into a restart or EINTR,
 * and runs the engine's bound upcall; a stop request wakes it the same way.
 */
class SignalWakeTest {
    private static final long NS = 1_000_000_000L;
    @TempDir Path dir;

    /** Runs {@code call} on a host thread registered as the process's main thread; waits until it sleeps. */
    private static Thread blockedIn(Guest g, IntSupplier call, AtomicInteger result) throws InterruptedException {
        GuestThread main = g.sys.mainThread();
        Thread h = new Thread(() -> result.set(call.getAsInt()), "blocked-guest-thread");
        g.sys.system().attach(main, h);
        h.setDaemon(true);
        h.start();
        long until = System.nanoTime() + 5 * NS;
        while (h.getState() != Thread.State.WAITING && h.getState() != Thread.State.TIMED_WAITING
                && h.isAlive() && System.nanoTime() < until) Thread.sleep(1);
        Thread.sleep(20); // and still sleeping: nothing else wakes it
        assertTrue(h.isAlive(), "the call blocks");
        return h;
    }

    private static void ends(Thread h) throws InterruptedException {
        h.join(5_000);
        assertFalse(h.isAlive(), "woken by the notification (a sleeping thread has no time slice to notice it otherwise)");
    }

    @Test
    void aSignalWakesAPipeReadThroughTheThreadsNotification() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        int fds = g.alloc(8), buf = g.alloc(4);
        assertEquals(0, g.call("pipe", fds));
        int rfd = g.read(fds, 8).getInt(0);
        AtomicBoolean upcall = new AtomicBoolean();
        g.sys.mainThread().signals().setWakeup(() -> upcall.set(true));
        AtomicInteger r = new AtomicInteger(1);
        Thread h = blockedIn(g, () -> g.call("read", rfd, buf, 1), r);
        assertFalse(upcall.get());
        assertEquals(0, g.call("kill", 4242, SignalState.SIGUSR1));
        ends(h);
        assertEquals(GuestProcess.RESTART_SYS, r.get(), "ERESTARTSYS: restart under SA_RESTART, else EINTR");
        assertTrue(upcall.get(), "the engine's upcall, bound to the SIGNALS bit, ran");
        assertTrue(g.sys.mainThread().signals().hint());
    }

    @Test
    void aSignalWakesAFutexWaitAndNanosleep() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        int word = g.alloc(4);
        g.mem.store32le(word, 1);
        AtomicInteger r = new AtomicInteger(1);
        Thread h = blockedIn(g, () -> g.call("futex", word, FutexSyscalls.FUTEX_WAIT, 1, 0, 0, 0), r);
        assertEquals(0, g.call("tkill", 4242, SignalState.SIGUSR2));
        ends(h);
        assertEquals(GuestProcess.RESTART_SYS, r.get());

        Guest g2 = new Guest(TestArch.ARM, dir);
        int ts = g2.alloc(8), rem = g2.alloc(8);
        g2.mem.store32le(ts, 30); // 30 s
        g2.mem.store32le(ts + 4, 0);
        Thread s = blockedIn(g2, () -> g2.call("nanosleep", ts, rem), r);
        assertEquals(0, g2.call("kill", 4242, SignalState.SIGUSR1));
        ends(s);
        assertEquals(-Errno.EINTR, r.get());
        assertTrue(g2.read(rem, 8).getInt(0) >= 25, "most of the 30 s left");
    }

    @Test
    void aFutexWakeAndAPipeWriteWakeTheirWaiters() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        int word = g.alloc(4);
        g.mem.store32le(word, 1);
        AtomicInteger r = new AtomicInteger(-1);
        Thread h = blockedIn(g, () -> g.call("futex", word, FutexSyscalls.FUTEX_WAIT, 1, 0, 0, 0), r);
        assertEquals(1, g.call("futex", word, FutexSyscalls.FUTEX_WAKE, 1, 0, 0, 0));
        ends(h);
        assertEquals(0, r.get());

        Guest g2 = new Guest(TestArch.ARM, dir);
        int fds = g2.alloc(8), buf = g2.alloc(4), src = g2.bytes(new byte[]{42});
        assertEquals(0, g2.call("pipe", fds));
        int rfd = g2.read(fds, 8).getInt(0), wfd = g2.read(fds, 8).getInt(4);
        Thread p = blockedIn(g2, () -> g2.call("read", rfd, buf, 1), r);
        assertEquals(1, g2.call("write", wfd, src, 1));
        ends(p);
        assertEquals(1, r.get());
        assertEquals(42, g2.read(buf, 1).get(0));
    }

    @Test
    void aStopRequestWakesPause() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        AtomicInteger r = new AtomicInteger(1);
        Thread h = blockedIn(g, () -> g.call("pause"), r);
        g.sys.killFromOutside(SignalState.SIGKILL);
        ends(h);
        assertEquals(GuestProcess.RESTART_NOHAND, r.get());
    }
}
