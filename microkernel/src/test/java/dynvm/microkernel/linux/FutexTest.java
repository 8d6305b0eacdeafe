package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** futex answers as Linux does for a process with one thread (glibc aborts on anything else). */
class FutexTest {
    @TempDir Path dir;

    @Test
    void wakeFindsNoWaiterAndWaitOnAChangedWordFails() {
        Guest g = new Guest(TestArch.PPC32, dir);
        int word = g.alloc(4);
        g.mem.store32be(word, 7);
        int priv = 128;
        assertEquals(0, g.call("futex", word, FutexSyscalls.FUTEX_WAKE | priv, 1, 0, 0, 0));
        assertEquals(-Errno.EAGAIN, g.call("futex", word, FutexSyscalls.FUTEX_WAIT | priv, 8, 0, 0, 0));
        assertEquals(-Errno.EFAULT, g.call("futex", Guest.WILD, FutexSyscalls.FUTEX_WAKE, 1, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, g.call("futex", word, 6 /* FUTEX_LOCK_PI */, 0, 0, 0, 0));
    }

    @Test
    void waitWithATimeoutTimesOut() {
        Guest g = new Guest(TestArch.PPC32, dir);
        int word = g.alloc(4), ts = g.alloc(8);
        g.mem.store32be(word, 1);
        g.mem.store32be(ts, 0);
        g.mem.store32be(ts + 4, 1_000_000); // 1 ms
        assertEquals(-Errno.ETIMEDOUT, g.call("futex", word, FutexSyscalls.FUTEX_WAIT, 1, ts, 0, 0));
    }

    @Test
    void wakeOpDoesItsMemoryOperation() {
        Guest g = new Guest(TestArch.ARM, dir);
        int a = g.alloc(4), b = g.alloc(4);
        g.mem.store32le(b, 5);
        int addOne = (1 << 28) | (1 << 12); // FUTEX_OP_ADD, oparg 1
        assertEquals(0, g.call("futex", a, FutexSyscalls.FUTEX_WAKE_OP, 1, 1, b, addOne));
        assertEquals(6, g.mem.load32le(b));
        int orShift = (2 << 28) | (8 << 28) | (4 << 12); // FUTEX_OP_OR with oparg 1 << 4
        g.call("futex", a, FutexSyscalls.FUTEX_WAKE_OP, 1, 1, b, orShift);
        assertEquals(6 | 16, g.mem.load32le(b));
    }
}
