package dynvm.microkernel.linux;

import dynvm.microkernel.kernel.Timer;
import dynvm.microkernel.kernel.TimerService;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/**
 * Clocks and sleeping. Real time comes from the host clock; the monotonic clocks count from this
 * personality's start (plus one second, so they are never zero); CPU-time clocks use the thread's
 * CPU time where the JVM offers it. Both the 32-bit and the time64 structure forms are served.
 */
final class TimeSyscalls implements Syscall.Group {
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
            CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7,
            CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9, CLOCK_TAI = 11;
    static final int TIMER_ABSTIME = 1, USER_HZ = 100;
    private static final long NS = 1_000_000_000L;
    static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;
    /** 32-bit struct rusage: two timevals and fourteen longs. */
    static final int RUSAGE32_SIZE = 72;

    private final GuestProcess p;
    /** Shared by all processes of the run, so CLOCK_MONOTONIC agrees between them. */
    private final long originNanos;
    /** CLOCK_MONOTONIC time of the pending alarm (ITIMER_REAL), 0 when there is none. */
    private long alarmAt;
    /** ITIMER_REAL's reload interval in nanoseconds. */
    private long alarmInterval;
    /**
     * ITIMER_REAL as a kernel {@link Timer} on the run's {@link TimerService} (whose clock is the
     * guests' CLOCK_MONOTONIC, so its deadline is {@link #alarmAt}); made on first use, cancelled
     * when the process ends.
     */
    private Timer alarmTimer;
    static final int ITIMER_REAL = 0, ITIMER_PROF = 2;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    TimeSyscalls(GuestProcess p) {
        this.p = p;
        this.originNanos = p.sys.originNanos;
        p.onExit(this::stopTimer);
    }

    /** Cancels ITIMER_REAL's kernel timer (process exit, or the end of the run). */
    synchronized void stopTimer() {
        if (alarmTimer != null) alarmTimer.cancel();
    }

    /** (Re)arms ITIMER_REAL's kernel timer for {@link #alarmAt} (0: disarmed). */
    private synchronized void arm() {
        if (alarmTimer != null) alarmTimer.cancel();
        if (alarmAt == 0 || p.exited()) return;
        if (alarmTimer == null) {
            TimerService service = p.sys.timers();
            if (service == null) return; // the run is ending
            alarmTimer = service.newTimer(this::fire);
        }
        try {
            alarmTimer.arm(alarmAt);
        } catch (IllegalStateException closed) {
            // the run's timers were closed meanwhile: the run is ending, no SIGALRM any more
        }
    }

    /**
     * The kernel timer's callback, on the run's timer thread: SIGALRM to the process (si_code
     * SI_KERNEL, as it_real_fn sends it), then the reload. A firing that lost the race with a
     * re-arm for later (or a disarm) does nothing: the timer is pending again for the new time.
     */
    private synchronized void fire() {
        if (alarmAt == 0 || now(CLOCK_MONOTONIC) < alarmAt) return;
        p.signals.post(null, SignalState.SIGALRM, p.view.struct(128).putInt(0, SignalState.SIGALRM)
                .putInt(8, SignalSyscalls.SI_KERNEL).array());
        alarmAt = alarmInterval == 0 ? 0 : alarmAt + alarmInterval;
        arm();
    }

    /** ITIMER_REAL's pending kernel timer, for tests: null when never armed. */
    synchronized Timer alarmTimer() { return alarmTimer; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("clock_gettime", a -> { writeTimespec(a[1], now(a[0]), false); return 0; });
        t.put("clock_gettime64", a -> { writeTimespec(a[1], now(a[0]), true); return 0; });
        t.put("clock_getres", a -> getres(a[0], a[1], false));
        t.put("clock_getres_time64", a -> getres(a[0], a[1], true));
        t.put("gettimeofday", a -> gettimeofday(a[0], a[1]));
        t.put("time", a -> {
            int sec = (int) (now(CLOCK_REALTIME) / NS);
            if (a[0] != 0) p.view.put32(a[0], sec);
            return sec;
        });
        t.put("nanosleep", a -> sleep(CLOCK_MONOTONIC, 0, a[0], a[1], false));
        t.put("clock_nanosleep", a -> sleep(a[0], a[1], a[2], a[3], false));
        t.put("clock_nanosleep_time64", a -> sleep(a[0], a[1], a[2], a[3], true));
        t.put("times", a -> times(a[0]));
        t.put("getrusage", a -> getrusage(a[0], a[1]));
        t.put("alarm", a -> alarm(a[0]));
        // ARM EABI has no alarm syscall: glibc's alarm() is setitimer(ITIMER_REAL), which shares its timer
        t.put("setitimer", a -> setitimer(a[0], a[1], a[2]));
        t.put("getitimer", a -> getitimer(a[0], a[1]));
    }

    /** RUSAGE_SELF/THREAD: CPU time as user time, the rest zero; no children ever ran. */
    private int getrusage(int who, int buf) {
        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) return -Errno.EINVAL;
        ByteBuffer b = p.view.struct(RUSAGE32_SIZE);
        if (who != RUSAGE_CHILDREN) {
            long cpu = cpuNanos();
            b.putInt(0, (int) (cpu / NS)).putInt(4, (int) (cpu % NS / 1000));
        }
        p.view.write(buf, b);
        return 0;
    }

    /** Arms ITIMER_REAL for {@code seconds}; returns the previous alarm's remaining seconds, rounded up as Linux does. */
    private synchronized int alarm(int seconds) {
        long now = now(CLOCK_MONOTONIC);
        long left = alarmAt == 0 ? 0 : Math.max(0, alarmAt - now);
        alarmAt = seconds == 0 ? 0 : now + (seconds & 0xffffffffL) * NS;
        alarmInterval = 0;
        arm();
        return (int) ((left + NS - 1) / NS);
    }

    /**
     * setitimer(which, new, old) with 32-bit struct itimervals {interval, value} of timevals. Only
     * ITIMER_REAL keeps state (the alarm's); the CPU-time timers are accepted and read back as off.
     */
    private synchronized int setitimer(int which, int newPtr, int oldPtr) {
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        long intervalNs = 0, valueNs = 0;
        if (newPtr != 0) {
            intervalNs = timevalNanos(newPtr);
            valueNs = timevalNanos(newPtr + 8);
            if (intervalNs < 0 || valueNs < 0) return -Errno.EINVAL;
        }
        if (oldPtr != 0) getitimer(which, oldPtr);
        if (which == ITIMER_REAL && newPtr != 0) {
            alarmAt = valueNs == 0 ? 0 : now(CLOCK_MONOTONIC) + valueNs;
            alarmInterval = valueNs == 0 ? 0 : intervalNs;
            arm();
        }
        return 0;
    }

    private synchronized int getitimer(int which, int ptr) {
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        long left = which == ITIMER_REAL && alarmAt != 0 ? Math.max(1000, alarmAt - now(CLOCK_MONOTONIC)) : 0;
        long interval = which == ITIMER_REAL ? alarmInterval : 0;
        ByteBuffer b = p.view.struct(16);
        b.putInt(0, (int) (interval / NS)).putInt(4, (int) (interval % NS / 1000));
        b.putInt(8, (int) (left / NS)).putInt(12, (int) (left % NS / 1000));
        p.view.write(ptr, b);
        return 0;
    }

    /** A 32-bit struct timeval as nanoseconds, or -1 when tv_usec is out of range. */
    private long timevalNanos(int ptr) {
        long sec = p.view.u32(ptr) & 0xffffffffL;
        int usec = p.view.u32(ptr + 4);
        return usec < 0 || usec >= 1_000_000 ? -1 : sec * NS + usec * 1000L;
    }

    /** Nanoseconds on clock {@code clk}; EINVAL for clocks we do not know. */
    long now(int clk) {
        switch (clk) {
            case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case CLOCK_REALTIME_ALARM: case CLOCK_TAI: {
                Instant i = Instant.now();
                return i.getEpochSecond() * NS + i.getNano();
            }
            case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME: case CLOCK_BOOTTIME_ALARM:
                return p.sys.monotonic.nanos(); // the run's kernel Clock, which its itimers count in
            case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
                return cpuNanos();
            default:
                throw new SysErr(Errno.EINVAL);
        }
    }

    private long cpuNanos() {
        long t = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime() - originNanos;
    }

    private void writeTimespec(int addr, long nanos, boolean time64) {
        if (time64) p.view.write(addr, p.view.struct(16).putLong(0, nanos / NS).putLong(8, nanos % NS));
        else p.view.write(addr, p.view.struct(8).putInt(0, (int) (nanos / NS)).putInt(4, (int) (nanos % NS)));
    }

    /** A guest timespec as nanoseconds; EINVAL when out of range. */
    private long readTimespec(int addr, boolean time64) {
        long sec, nsec;
        if (time64) {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, 16)).order(p.view.order);
            sec = b.getLong(0);
            nsec = (int) b.getLong(8); // the upper half is padding, as a 32-bit kernel reads it
        } else {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, 8)).order(p.view.order);
            sec = b.getInt(0);
            nsec = b.getInt(4);
        }
        if (sec < 0 || nsec < 0 || nsec >= NS) throw new SysErr(Errno.EINVAL);
        return sec > Long.MAX_VALUE / NS - 1 ? Long.MAX_VALUE : sec * NS + nsec;
    }

    private int getres(int clk, int addr, boolean time64) {
        now(clk);
        boolean coarse = clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE;
        if (addr != 0) writeTimespec(addr, coarse ? 4_000_000 : 1, time64);
        return 0;
    }

    private int gettimeofday(int tv, int tz) {
        long n = now(CLOCK_REALTIME);
        if (tv != 0) p.view.write(tv, p.view.struct(8).putInt(0, (int) (n / NS)).putInt(4, (int) (n % NS / 1000)));
        if (tz != 0) p.view.write(tz, p.view.struct(8));
        return 0;
    }

    /**
     * Sleeps in slices, stopping for a signal: then the time left goes to {@code rem} (relative
     * sleeps only) and the result is -EINTR.
     */
    private int sleep(int clk, int flags, int req, int rem, boolean time64) {
        long want = readTimespec(req, time64);
        boolean abs = (flags & TIMER_ABSTIME) != 0;
        long nanos = abs ? want - now(clk) : want;
        now(clk);
        if (nanos <= 0) return 0;
        long left = p.sleepInterruptibly(nanos);
        if (left == 0) return 0;
        if (!abs && rem != 0) writeTimespec(rem, left, time64);
        return -Errno.EINTR;
    }

    /** struct tms in clock ticks; the result is ticks since an arbitrary point. */
    private int times(int buf) {
        if (buf != 0) {
            int ticks = (int) (cpuNanos() / (NS / USER_HZ));
            p.view.write(buf, p.view.struct(16).putInt(0, ticks));
        }
        return (int) (now(CLOCK_MONOTONIC) / (NS / USER_HZ));
    }
}
