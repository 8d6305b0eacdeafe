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

    @Test
    void badArguments() {
        Guest g = new Guest(TestArch.ARM, dir);
        assertEquals(-Errno.EINVAL, g.call("setitimer", 3, itimerval(g, 0, 1, 0), 0));
        assertEquals(-Errno.EINVAL, g.call("setitimer", TimeSyscalls.ITIMER_REAL, itimerval(g, 0, 1, 1_000_000), 0));
        assertEquals(-Errno.EINVAL, g.call("getitimer", -1, g.alloc(16)));
        assertEquals(-Errno.EFAULT, g.call("getitimer", TimeSyscalls.ITIMER_REAL, 0));
    }
}
