package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * futex for a single-threaded process. glibc uses it even without threads (one-time
 * initialisation, C++ static guards, stdio locks) and aborts on an unexpected error, so the
 * operations must answer as Linux does when no other thread exists: a wake finds no waiter, a wait
 * on a changed word fails with EAGAIN, WAKE_OP does its memory operation. A wait that would block
 * with no one to wake it times out if it has a timeout and otherwise reports EINTR, which callers
 * retry (Linux would block forever there). Threads are a later issue; they replace this.
 */
final class FutexSyscalls implements Syscall.Group {
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
            FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, FUTEX_CMD_MASK = 0x7f;
    private static final long NS = 1_000_000_000L;

    private final GuestProcess p;

    FutexSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("futex", a -> futex(a[0], a[1], a[2], a[3], a[4], a[5], false));
        t.put("futex_time64", a -> futex(a[0], a[1], a[2], a[3], a[4], a[5], true));
    }

    int futex(int uaddr, int op, int val, int timeout, int uaddr2, int val3, boolean time64) {
        switch (op & FUTEX_CMD_MASK) {
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                if (p.view.u32(uaddr) != val) return -Errno.EAGAIN;
                if (timeout == 0) return -Errno.EINTR;
                long nanos = readTimespec(timeout, time64);
                if ((op & FUTEX_CMD_MASK) == FUTEX_WAIT_BITSET) nanos -= absoluteNow(op);
                if (nanos > 0) {
                    try {
                        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -Errno.EINTR;
                    }
                }
                return -Errno.ETIMEDOUT;
            }
            case FUTEX_WAKE, FUTEX_WAKE_BITSET, FUTEX_REQUEUE -> {
                p.view.u32(uaddr);
                return 0;
            }
            case FUTEX_CMP_REQUEUE -> { return p.view.u32(uaddr) != val3 ? -Errno.EAGAIN : 0; }
            case FUTEX_WAKE_OP -> {
                p.view.u32(uaddr);
                wakeOp(uaddr2, val3);
                return 0;
            }
            default -> { return -Errno.ENOSYS; }
        }
    }

    /** FUTEX_WAKE_OP's memory operation on {@code uaddr2}: *uaddr2 = *uaddr2 OP oparg. */
    private void wakeOp(int uaddr2, int encoded) {
        int op = (encoded >>> 28) & 7, oparg = (encoded >>> 12) & 0xfff;
        if ((encoded & (8 << 28)) != 0) oparg = 1 << (oparg & 31);
        int old = p.view.u32(uaddr2);
        int now = switch (op) {
            case 0 -> oparg;
            case 1 -> old + oparg;
            case 2 -> old | oparg;
            case 3 -> old & ~oparg;
            case 4 -> old ^ oparg;
            default -> throw new SysErr(Errno.ENOSYS);
        };
        p.view.put32(uaddr2, now);
    }

    private long readTimespec(int addr, boolean time64) {
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, time64 ? 16 : 8)).order(p.view.order);
        long sec = time64 ? b.getLong(0) : b.getInt(0), nsec = time64 ? b.getLong(8) : b.getInt(4);
        if (sec < 0 || nsec < 0 || nsec >= NS) throw new SysErr(Errno.EINVAL);
        return sec * NS + nsec;
    }

    /** Now on the clock a FUTEX_WAIT_BITSET deadline is measured against. */
    private static long absoluteNow(int op) {
        if ((op & 256) != 0) { // FUTEX_CLOCK_REALTIME
            java.time.Instant i = java.time.Instant.now();
            return i.getEpochSecond() * NS + i.getNano();
        }
        return System.nanoTime();
    }
}
