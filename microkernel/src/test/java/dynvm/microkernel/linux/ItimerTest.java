package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setitimer/getitimer: ARM EABI has no alarm syscall, so glibc's alarm() is
 * setitimer(ITIMER_REAL, {0, {sec, 0}}, &old) and returns old.it_value rounded to seconds.
 */
class ItimerTest {
    @TempDir Path dir;

    private static int itimerval(Guest g, int intervalSec, int valueSec, int valueUsec) {
        byte[] b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(intervalSec).putInt(0).putInt(valueSec).putInt(valueUsec).array();
        return g.bytes(b);
    }

    @Test
    void itimerRealIsTheAlarm() {
        Guest g = new Guest(TestArch.ARM, dir);
        int old = g.alloc(16);
        assertEquals(0, g.call("setitimer", TimeSyscalls.ITIMER_REAL, itimerval(g, 0, 100, 0), old));
        assertEquals(0, g.read(old, 16).getInt(8), "no timer was pending");
        assertEquals(0, g.call("setitimer", TimeSyscalls.ITIMER_REAL, itimerval(g, 0, 0, 0), old));
        ByteBuffer b = g.read(old, 16);
        long leftUs = b.getInt(8) * 1_000_000L + b.getInt(12);
        assertTrue(leftUs > 99_000_000L && leftUs <= 100_000_000L, "remaining of the 100 s timer: " + leftUs + " us");
        // the alarm syscall sees the same timer
        assertEquals(0, g.call("alarm", 50));
        assertEquals(0, g.call("getitimer", TimeSyscalls.ITIMER_REAL, old));
        assertTrue(g.read(old, 16).getInt(8) >= 49, "alarm(50) shows in getitimer");
        assertEquals(0, g.call("setitimer", TimeSyscalls.ITIMER_REAL, 0, old));
        assertTrue(g.call("alarm", 0) >= 49, "setitimer with a null new value only reads");
    }

    private static long timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("dynvm-timers-linux-4242")).count();
    }

    /**
     * ITIMER_REAL is a kernel Timer on the run's TimerService (clock: the guests' CLOCK_MONOTONIC):
     * the periodic timer fires SIGALRM through it and is set again for the next period; the
     * personality's close cancels it and joins the service's thread.
     */
    @Test
    void itimerFiresThroughTheRunsTimerService() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        LinuxSystem sys = g.sys.system();
        assertEquals(0, g.call("setitimer", TimeSyscalls.ITIMER_REAL, itimerval(g, 0, 100, 0), 0));
        dynvm.microkernel.kernel.TimerService service = sys.timers();
        dynvm.microkernel.kernel.Timer timer = g.sys.process().kernel.timeSyscalls().alarmTimer();
        assertTrue(timer.isPending(), "armed on the kernel's timer service");
        assertEquals(1, service.pendingCount());
        long now = sys.monotonic.nanos();
        assertTrue(timer.deadline() > now + 99_000_000_000L && timer.deadline() <= now + 100_000_000_000L,
                "deadline on the guests' CLOCK_MONOTONIC: " + timer.deadline() + " now " + now);

        // 20 ms, then every 20 ms: SIGALRM becomes pending (default action, not yet delivered)
        byte[] b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(20_000).putInt(0).putInt(20_000).array();
        assertEquals(0, g.call("setitimer", TimeSyscalls.ITIMER_REAL, g.bytes(b), 0));
        SignalThread main = g.sys.mainThread().signals();
        long until = System.nanoTime() + 5_000_000_000L;
        while (!main.hint() && System.nanoTime() < until) Thread.sleep(1);
        assertTrue(main.hint(), "SIGALRM posted by the timer's callback");
        SignalState process = g.sys.process().signals;
        synchronized (process) { assertEquals(SignalState.bit(SignalState.SIGALRM), process.pending, "process-directed SIGALRM"); }
        until = System.nanoTime() + 5_000_000_000L;
        while (!timer.isPending() && System.nanoTime() < until) Thread.sleep(1);
        assertTrue(timer.isPending(), "the periodic timer is set again by its callback");
        assertTrue(service.lastFailure() == null, String.valueOf(service.lastFailure()));
        assertEquals(1, timerThreads(), "one timer thread for the run");

        g.sys.close();
        assertTrue(service.isStopped(), "close joins the run's timer thread");
        assertEquals(0, timerThreads());
        g.call("alarm", 1); // a closed run arms nothing
        assertEquals(0, timerThreads(), "and starts no new thread");
    }

    @Test
    void badArguments() {
        Guest g = new Guest(TestArch.ARM, dir);
        assertEquals(-Errno.EINVAL, g.call("setitimer", 3, itimerval(g, 0, 1, 0), 0));
        assertEquals(-Errno.EINVAL, g.call("setitimer", TimeSyscalls.ITIMER_REAL, itimerval(g, 0, 1, 1_000_000), 0));
        assertEquals(-Errno.EINVAL, g.call("getitimer", -1, g.alloc(16)));
        assertEquals(-Errno.EFAULT, g.call("getitimer", TimeSyscalls.ITIMER_REAL, 0));
    }
}
