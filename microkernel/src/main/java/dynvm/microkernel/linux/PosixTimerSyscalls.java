package dynvm.microkernel.linux;

import dynvm.microkernel.kernel.Timer;
import dynvm.microkernel.kernel.TimerService;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * POSIX per-process timers: {@code timer_create}, {@code timer_settime}, {@code timer_gettime}
 * (and their time64 forms), {@code timer_getoverrun}, {@code timer_delete}. Each armed timer is a
 * kernel {@link Timer} on the run's {@link TimerService} (the one ITIMER_REAL uses, on the guests'
 * CLOCK_MONOTONIC); its callback posts the signal through {@link SignalState#post}, with the
 * siginfo Linux's posix timers send (SI_TIMER, the timer id, the overrun, the sigval).
 *
 * <p>An expiry whose previous signal is still pending is not queued again: it counts as an
 * overrun, written into the pending siginfo itself (its bytes are what gets delivered), and
 * {@code timer_getoverrun} returns the overrun of the last delivered signal, as Linux does.
 * A signal still pending when the timer is set again or deleted is dropped, as Linux drops stale
 * timer signals. Ids count from 0 per process, as Linux allocates them. An absolute CLOCK_REALTIME time is
 * converted to the monotonic clock when it is set (a later change of the host's wall clock is
 * not followed). The CPU-time clocks are accepted and run on the monotonic clock (a
 * simplification: a busy process's CPU time is close to it, an idle one's is not).
 */
final class PosixTimerSyscalls implements Syscall.Group {
    static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4, TIMER_ABSTIME = 1;
    static final int SI_TIMER = -2, SIGEVENT_SIZE = 64, MAX_TIMERS = 4096;
    private static final long NS = 1_000_000_000L;

    private final GuestProcess p;
    private final TreeMap<Integer, PosixTimer> timers = new TreeMap<>();
    private int nextId;

    PosixTimerSyscalls(GuestProcess p) {
        this.p = p;
        p.onExit(this::deleteAll);
        p.onExec(this::deleteAll);
    }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("timer_create", a -> create(a[0], a[1], a[2]));
        t.put("timer_settime", a -> settime(a[0], a[1], a[2], a[3], false));
        t.put("timer_settime64", a -> settime(a[0], a[1], a[2], a[3], true));
        t.put("timer_gettime", a -> gettime(a[0], a[1], false));
        t.put("timer_gettime64", a -> gettime(a[0], a[1], true));
        t.put("timer_getoverrun", a -> getoverrun(a[0]));
        t.put("timer_delete", a -> delete(a[0]));
    }

    /** One timer: how it notifies, and its state under this group's lock. */
    private final class PosixTimer {
        final int id, clock, notify, signo, sigval;
        final SignalThread target;
        Timer kernel;
        /** Monotonic time of the next expiry (0: disarmed), and the reload interval. */
        long next, interval;
        /** The siginfo of the last posted signal (still pending while the state holds it). */
        byte[] lastInfo;
        int overrunLast;

        PosixTimer(int id, int clock, int notify, int signo, int sigval, SignalThread target) {
            this.id = id;
            this.clock = clock;
            this.notify = notify;
            this.signo = signo;
            this.sigval = sigval;
            this.target = target;
        }
    }

    private synchronized void deleteAll() {
        for (PosixTimer t : timers.values()) if (t.kernel != null) t.kernel.cancel();
        timers.clear();
    }

    private static boolean knownClock(int clk) {
        return clk >= TimeSyscalls.CLOCK_REALTIME && clk <= TimeSyscalls.CLOCK_BOOTTIME_ALARM || clk == TimeSyscalls.CLOCK_TAI;
    }

    private int create(int clock, int sevp, int idPtr) {
        if (!knownClock(clock) || clock == TimeSyscalls.CLOCK_MONOTONIC_RAW || clock == TimeSyscalls.CLOCK_REALTIME_COARSE
                || clock == TimeSyscalls.CLOCK_MONOTONIC_COARSE) return -Errno.EINVAL;
        if (clock == TimeSyscalls.CLOCK_REALTIME_ALARM || clock == TimeSyscalls.CLOCK_BOOTTIME_ALARM) return -Errno.EPERM;
        int notify = SIGEV_SIGNAL, signo = SignalState.SIGALRM, sigval = -1;
        SignalThread target = null;
        if (sevp != 0) {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(sevp, 16)).order(p.view.order);
            sigval = b.getInt(0);
            signo = b.getInt(4);
            notify = b.getInt(8);
            int tid = b.getInt(12);
            switch (notify) {
                case SIGEV_NONE -> { }
                case SIGEV_SIGNAL, SIGEV_THREAD -> { if (signo < 1 || signo > SignalState.NSIG) return -Errno.EINVAL; }
                case SIGEV_SIGNAL | SIGEV_THREAD_ID -> {
                    if (signo < 1 || signo > SignalState.NSIG) return -Errno.EINVAL;
                    synchronized (p.sys.lock) {
                        for (GuestThread g : p.threads) if (g.tid == tid) target = g.signals;
                    }
                    if (target == null) return -Errno.EINVAL;
                }
                default -> { return -Errno.EINVAL; }
            }
        }
        p.view.requireWritable(idPtr, 4);
        int id;
        synchronized (this) {
            if (timers.size() >= MAX_TIMERS) return -Errno.EAGAIN;
            id = nextId++;
            timers.put(id, new PosixTimer(id, clock, notify, signo, sevp == 0 ? id : sigval, target));
        }
        p.view.put32(idPtr, id);
        return 0;
    }

    private synchronized PosixTimer timer(int id) {
        PosixTimer t = timers.get(id);
        if (t == null) throw new SysErr(Errno.EINVAL);
        return t;
    }

    private int settime(int id, int flags, int newPtr, int oldPtr, boolean time64) {
        PosixTimer t = timer(id);
        if (newPtr == 0) return -Errno.EINVAL;
        long[] v = readItimerspec(newPtr, time64);
        if (oldPtr != 0) p.view.requireWritable(oldPtr, time64 ? 32 : 16);
        long[] old;
        synchronized (this) {
            old = left(t);
            long now = p.sys.monotonic.nanos();
            long at = 0;
            if (v[1] != 0) {
                if ((flags & TIMER_ABSTIME) == 0) at = now + v[1];
                else if (t.clock == TimeSyscalls.CLOCK_REALTIME || t.clock == TimeSyscalls.CLOCK_TAI) at = now + (v[1] - realtime());
                else at = v[1];
                if (at <= now) at = now + 1; // already past: expires at once
            }
            t.next = at;
            t.interval = at == 0 ? 0 : v[0];
            dropStale(t);
            arm(t);
        }
        if (oldPtr != 0) writeItimerspec(oldPtr, old, time64);
        return 0;
    }

    private static long realtime() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * NS + i.getNano();
    }

    /** {time left, interval}; caller holds the lock. */
    private long[] left(PosixTimer t) {
        long now = p.sys.monotonic.nanos();
        return new long[] {t.next == 0 ? 0 : Math.max(1, t.next - now), t.interval};
    }

    /** (Re)arms the kernel timer for {@code t.next}; caller holds the lock. */
    private void arm(PosixTimer t) {
        if (t.kernel != null) t.kernel.cancel();
        if (t.next == 0 || p.exited()) return;
        if (t.kernel == null) {
            TimerService service = p.sys.timers();
            if (service == null) return; // the run is ending
            t.kernel = service.newTimer(() -> fire(t));
        }
        try {
            t.kernel.arm(t.next);
        } catch (IllegalStateException closed) {
            // the run's timers were closed meanwhile: no more signals
        }
    }

    /** The kernel timer's callback, on the run's timer thread. */
    private synchronized void fire(PosixTimer t) {
        if (t.next == 0 || timers.get(t.id) != t) return;
        long now = p.sys.monotonic.nanos();
        if (now < t.next) return; // lost a race with a re-arm for later
        long expiries = t.interval > 0 ? 1 + (now - t.next) / t.interval : 1;
        t.next = t.interval > 0 ? t.next + expiries * t.interval : 0;
        if (t.notify != SIGEV_NONE) post(t, (int) Math.min(Integer.MAX_VALUE, expiries - 1));
        arm(t);
    }

    /** Posts the timer's signal, or adds to the overrun of its signal still pending. */
    private void post(PosixTimer t, int missed) {
        SignalState s = p.signals;
        synchronized (s) {
            byte[] last = t.lastInfo;
            if (last != null && stillPending(s, t, last)) {
                ByteBuffer b = ByteBuffer.wrap(last).order(p.view.order);
                b.putInt(16, sat(b.getInt(16) + 1L + missed));
                return;
            }
            if (last != null) t.overrunLast = ByteBuffer.wrap(last).order(p.view.order).getInt(16);
            byte[] si = p.view.struct(128).putInt(0, t.signo).putInt(8, SI_TIMER).putInt(12, t.id)
                    .putInt(16, missed).putInt(20, t.sigval).array();
            t.lastInfo = si;
            s.post(t.target, t.signo, si);
        }
    }

    /** A signal of the timer's previous setting still pending is dropped (Linux drops stale timer signals). Caller holds this lock. */
    private void dropStale(PosixTimer t) {
        if (t.lastInfo == null) return;
        p.signals.withdraw(t.target, t.signo, t.lastInfo);
    }

    private static int sat(long v) { return (int) Math.min(Integer.MAX_VALUE, v); }

    private static boolean stillPending(SignalState s, PosixTimer t, byte[] info) {
        if (t.target != null) return t.target.info[t.signo] == info;
        return s.info[t.signo] == info;
    }

    private int gettime(int id, int cur, boolean time64) {
        PosixTimer t = timer(id);
        p.view.requireWritable(cur, time64 ? 32 : 16);
        long[] v;
        synchronized (this) { v = left(t); }
        writeItimerspec(cur, v, time64);
        return 0;
    }

    /** The overrun of the last signal delivered (one still pending has not been). */
    private int getoverrun(int id) {
        PosixTimer t = timer(id);
        SignalState s = p.signals;
        synchronized (this) { // this group's lock, then the signals' (the order fire takes them in)
            synchronized (s) {
                if (t.lastInfo == null) return 0;
                if (stillPending(s, t, t.lastInfo)) return t.overrunLast;
                return ByteBuffer.wrap(t.lastInfo).order(p.view.order).getInt(16);
            }
        }
    }

    private synchronized int delete(int id) {
        PosixTimer t = timers.remove(id);
        if (t == null) return -Errno.EINVAL;
        if (t.kernel != null) t.kernel.cancel();
        dropStale(t);
        return 0;
    }

    /** struct itimerspec (interval, value), 32- or 64-bit timespecs, as {interval, value} ns. */
    private long[] readItimerspec(int addr, boolean time64) {
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, time64 ? 32 : 16)).order(p.view.order);
        long is = time64 ? b.getLong(0) : b.getInt(0), in = time64 ? (int) b.getLong(8) : b.getInt(4);
        long vs = time64 ? b.getLong(16) : b.getInt(8), vn = time64 ? (int) b.getLong(24) : b.getInt(12);
        return new long[] {TimerFd.toNanos(is, in), TimerFd.toNanos(vs, vn)};
    }

    private void writeItimerspec(int addr, long[] leftAndInterval, boolean time64) {
        long left = leftAndInterval[0], iv = leftAndInterval[1];
        ByteBuffer b = p.view.struct(time64 ? 32 : 16);
        if (time64) b.putLong(0, iv / NS).putLong(8, iv % NS).putLong(16, left / NS).putLong(24, left % NS);
        else b.putInt(0, (int) (iv / NS)).putInt(4, (int) (iv % NS)).putInt(8, (int) (left / NS)).putInt(12, (int) (left % NS));
        p.view.write(addr, b);
    }
}
