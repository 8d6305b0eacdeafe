package dynvm.microkernel.linux;

import dynvm.microkernel.mem.GuestMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * futex(2) with real wait queues ({@link Futexes}, one per address space): WAIT, WAKE, REQUEUE,
 * CMP_REQUEUE, WAKE_OP, WAIT_BITSET and WAKE_BITSET; FUTEX_PRIVATE_FLAG is accepted (every
 * futex here is process-private anyway), FUTEX_CLOCK_REALTIME picks the clock of an absolute
 * WAIT_BITSET deadline. The futex word is read with acquire ordering under the queue lock.
 */
final class FutexSyscalls implements Syscall.Group {
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
            FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256,
            FUTEX_CMD_MASK = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    private static final long NS = 1_000_000_000L;

    private final GuestProcess p;

    FutexSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("futex", a -> futex(a[0], a[1], a[2], a[3], a[4], a[5], false));
        t.put("futex_time64", a -> futex(a[0], a[1], a[2], a[3], a[4], a[5], true));
    }

    int futex(int uaddr, int op, int val, int timeout, int uaddr2, int val3, boolean time64) {
        int cmd = op & FUTEX_CMD_MASK;
        boolean realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
        if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET) return -Errno.ENOSYS;
        if ((uaddr & 3) != 0) return -Errno.EINVAL;
        Futexes fx = p.futexes;
        switch (cmd) {
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                int bitset = cmd == FUTEX_WAIT ? -1 : val3;
                if (bitset == 0) return -Errno.EINVAL;
                long deadline = GuestThread.NO_DEADLINE;
                if (timeout != 0) {
                    long t = readTimespec(timeout, time64);
                    // FUTEX_WAIT: relative; FUTEX_WAIT_BITSET: absolute on the chosen clock
                    deadline = cmd == FUTEX_WAIT ? System.nanoTime() + t
                            : realtime ? System.nanoTime() + (t - realtimeNow())
                            : t + p.sys.originNanos - NS; // guest CLOCK_MONOTONIC, as TimeSyscalls counts it
                }
                GuestMemory mem = p.as.memory();
                boolean be = p.abi.order() == ByteOrder.BIG_ENDIAN;
                return fx.await(p.currentThread(), uaddr, bitset, () -> mem.load32Acquire(uaddr, be) == val, deadline);
            }
            case FUTEX_WAKE, FUTEX_WAKE_BITSET -> {
                int bitset = cmd == FUTEX_WAKE ? -1 : val3;
                if (bitset == 0) return -Errno.EINVAL;
                p.view.requireReadable(uaddr, 4);
                return fx.wake(uaddr, val, bitset);
            }
            case FUTEX_REQUEUE, FUTEX_CMP_REQUEUE -> {
                if ((uaddr2 & 3) != 0) return -Errno.EINVAL;
                if (val < 0 || timeout < 0) return -Errno.EINVAL;
                GuestMemory mem = p.as.memory();
                boolean be = p.abi.order() == ByteOrder.BIG_ENDIAN;
                Futexes.WordCheck check = cmd == FUTEX_CMP_REQUEUE ? () -> mem.load32Acquire(uaddr, be) == val3 : null;
                return fx.requeue(uaddr, val, uaddr2, timeout, check);
            }
            case FUTEX_WAKE_OP -> {
                if ((uaddr2 & 3) != 0) return -Errno.EINVAL;
                return fx.locked(() -> {
                    int old = wakeOp(uaddr2, val3);
                    int n = fx.wake(uaddr, val, -1);
                    if (compare(old, val3)) n += fx.wake(uaddr2, timeout, -1);
                    return n;
                });
            }
            default -> { return -Errno.ENOSYS; }
        }
    }

    /** FUTEX_WAKE_OP's atomic operation on {@code uaddr2}: *uaddr2 = *uaddr2 OP oparg; returns the old value. */
    private int wakeOp(int uaddr2, int encoded) {
        int op = (encoded >>> 28) & 7, oparg = (encoded << 8) >> 20;
        if ((encoded & (8 << 28)) != 0) oparg = 1 << (oparg & 31);
        if (op > 4) throw new SysErr(Errno.ENOSYS);
        GuestMemory mem = p.as.memory();
        boolean be = p.abi.order() == ByteOrder.BIG_ENDIAN;
        for (;;) {
            int old = mem.load32Acquire(uaddr2, be);
            int now = switch (op) {
                case 0 -> oparg;
                case 1 -> old + oparg;
                case 2 -> old | oparg;
                case 3 -> old & ~oparg;
                default -> old ^ oparg;
            };
            if (mem.syscallCompareAndSet(uaddr2, 4, old, now, be)) return old;
        }
    }

    /** FUTEX_WAKE_OP's comparison of the old value with cmparg (signed 12 bits). */
    private static boolean compare(int old, int encoded) {
        int cmp = (encoded >>> 24) & 15, arg = (encoded << 20) >> 20;
        return switch (cmp) {
            case 0 -> old == arg;
            case 1 -> old != arg;
            case 2 -> old < arg;
            case 3 -> old <= arg;
            case 4 -> old > arg;
            case 5 -> old >= arg;
            default -> throw new SysErr(Errno.ENOSYS);
        };
    }

    private long readTimespec(int addr, boolean time64) {
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, time64 ? 16 : 8)).order(p.view.order);
        long sec = time64 ? b.getLong(0) : b.getInt(0), nsec = time64 ? (int) b.getLong(8) : b.getInt(4);
        if (sec < 0 || nsec < 0 || nsec >= NS) throw new SysErr(Errno.EINVAL);
        return sec > Long.MAX_VALUE / NS / 2 ? Long.MAX_VALUE / 4 : sec * NS + nsec;
    }

    private static long realtimeNow() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * NS + i.getNano();
    }
}
