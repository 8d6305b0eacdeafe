package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * signalfd(2): the signals of a mask, read as 128-byte {@code struct signalfd_siginfo} records.
 * A read takes pending signals of the mask from the <em>reading</em> thread and its process (as
 * Linux does: after fork the child reads its own signals), blocked or not; programs block them
 * first so that no handler takes them. A blocked read waits on the process's
 * {@link SignalState#posted} queue, and a deliverable signal outside the mask ends it
 * (ERESTARTSYS), as any interruptible wait.
 */
final class SignalFd extends OpenFile {
    static final int SIGINFO_SIZE = 128;
    static final int SI_QUEUE = -1, SI_TIMER = -2, SI_MESGQ = -3;

    private final LinuxSystem sys;
    /** The creator: used when the reading host thread runs no guest thread (unit tests). */
    private final GuestProcess creator;
    private final ByteOrder order;
    private final int uid, gid;
    private final long ino;
    /** The signals read (bit sig-1); SIGKILL and SIGSTOP never are. */
    volatile long mask;

    SignalFd(GuestProcess creator, long mask, boolean nonBlocking) {
        super(OpenFlags.O_RDONLY | (nonBlocking ? OpenFlags.O_NONBLOCK : 0));
        this.sys = creator.sys;
        this.creator = creator;
        this.order = creator.abi.order();
        this.uid = creator.cfg.uid;
        this.gid = creator.cfg.gid;
        this.ino = creator.nextSyntheticIno++;
        this.mask = mask & ~SignalState.UNBLOCKABLE;
    }

    /** The thread that reads or polls now: the caller's guest thread, or the creator's main thread. */
    private GuestThread reader() {
        GuestThread t = sys.current();
        return t != null ? t : creator.mainThread;
    }

    @Override
    int read(byte[] b, int off, int len) {
        if (len < SIGINFO_SIZE) throw new SysErr(Errno.EINVAL);
        GuestThread t = reader();
        SignalState s = t.proc.signals;
        Waiter w = null;
        int n = 0;
        try {
            for (;;) {
                SignalState.Taken k;
                while (n + SIGINFO_SIZE <= len && (k = s.dequeue(t.signals, mask)) != null) {
                    convert(k, b, off + n);
                    n += SIGINFO_SIZE;
                }
                if (n > 0) return n;
                if (nonBlocking()) throw new SysErr(Errno.EAGAIN);
                if (w == null) { w = Waiter.of(sys.current()); s.posted.add(w.events); }
                synchronized (s) { if (s.anyPending(t.signals, mask)) continue; }
                // the queue's wake is the event; the slice covers a post between the check and the add
                int r = w.block(System.nanoTime() + EventSyscalls.SLICE_NS * 10);
                if (r < 0 && r != -Errno.ETIMEDOUT) throw new SysErr(-r);
            }
        } finally {
            if (w != null) s.posted.remove(w.events);
        }
    }

    /** A 32-bit guest siginfo_t as struct signalfd_siginfo, the fields each si_code class carries (signalfd_copyinfo). */
    private void convert(SignalState.Taken k, byte[] out, int at) {
        ByteBuffer o = ByteBuffer.wrap(out, at, SIGINFO_SIZE).slice().order(order);
        for (int i = 0; i < SIGINFO_SIZE; i++) o.put(i, (byte) 0);
        o.putInt(0, k.sig());
        if (k.info() == null) { o.putInt(8, SignalSyscalls.SI_KERNEL); return; }
        ByteBuffer si = ByteBuffer.wrap(k.info()).order(order);
        int code = si.getInt(8);
        o.putInt(4, si.getInt(4)).putInt(8, code);
        int sig = k.sig();
        if (code == SI_TIMER) {
            o.putInt(24, si.getInt(12)).putInt(32, si.getInt(16));
            o.putLong(48, si.getInt(20) & 0xffffffffL).putInt(44, si.getInt(20));
        } else if (code > 0 && code < 0x80 && (sig == SignalState.SIGSEGV || sig == SignalState.SIGBUS
                || sig == SignalState.SIGILL || sig == SignalState.SIGFPE || sig == SignalState.SIGTRAP)) {
            o.putLong(72, si.getInt(12) & 0xffffffffL);
        } else if (sig == SignalState.SIGCHLD && code > 0 && code < 0x80) {
            o.putInt(12, si.getInt(12)).putInt(16, si.getInt(16)).putInt(40, si.getInt(20));
            o.putLong(56, si.getInt(24) & 0xffffffffL).putLong(64, si.getInt(28) & 0xffffffffL);
        } else {
            o.putInt(12, si.getInt(12)).putInt(16, si.getInt(16));
            if (code < 0) o.putLong(48, si.getInt(20) & 0xffffffffL).putInt(44, si.getInt(20));
        }
    }

    @Override
    int pollReady() {
        GuestThread t = reader();
        return t.proc.signals.anyPending(t.signals, mask) ? PollSyscalls.POLLIN : 0;
    }

    @Override
    long pollGeneration() {
        SignalState s = reader().proc.signals;
        synchronized (s) { return s.postCount; }
    }

    @Override HostStat stat() { return HostStat.synthetic(0600, uid, gid, 0, 0, ino); }
}
