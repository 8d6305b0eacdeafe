package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Taking signals synchronously instead of running handlers: {@code signalfd}/{@code signalfd4}
 * (a {@link SignalFd}) and {@code rt_sigtimedwait} (what glibc's sigwait, sigwaitinfo and
 * sigtimedwait call, and what its SIGEV_THREAD timer helper waits in). Both wait on the process's
 * {@link SignalState#posted} queue, since the signals they wait for are normally blocked.
 */
final class SignalWaitSyscalls implements Syscall.Group {
    static final int SFD_FLAGS = OpenFlags.O_NONBLOCK | OpenFlags.O_CLOEXEC;

    private final GuestProcess p;

    SignalWaitSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("signalfd", a -> signalfd(a[0], a[1], a[2], 0));
        t.put("signalfd4", a -> signalfd(a[0], a[1], a[2], a[3]));
        t.put("rt_sigtimedwait", a -> sigtimedwait(a[0], a[1], a[2], a[3], false));
        t.put("rt_sigtimedwait_time64", a -> sigtimedwait(a[0], a[1], a[2], a[3], true));
    }

    private long readSet(int addr) {
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, 8)).order(p.view.order);
        return (b.getInt(0) & 0xffffffffL) | ((long) b.getInt(4) << 32);
    }

    /** signalfd4(fd, mask, sizemask, flags): fd -1 makes one, an existing signalfd gets the new mask. */
    private int signalfd(int fd, int maskPtr, int size, int flags) {
        if (size != SignalSyscalls.SIGSET_SIZE || (flags & ~SFD_FLAGS) != 0) return -Errno.EINVAL;
        long mask = readSet(maskPtr);
        if (fd != -1) {
            OpenFile f = p.fds.get(fd);
            if (!(f instanceof SignalFd s)) return -Errno.EINVAL;
            s.mask = mask & ~SignalState.UNBLOCKABLE;
            return fd;
        }
        SignalFd s = new SignalFd(p, mask, (flags & OpenFlags.O_NONBLOCK) != 0);
        return p.fds.install(s, 0, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    /**
     * rt_sigtimedwait(set, info, timeout, sigsetsize): the lowest pending signal of the set, its
     * siginfo copied out; EAGAIN when the timeout passes, EINTR when a handled signal outside
     * the set arrives (it is never restarted).
     */
    private int sigtimedwait(int setPtr, int infoPtr, int timeoutPtr, int size, boolean time64) {
        if (size != SignalSyscalls.SIGSET_SIZE) return -Errno.EINVAL;
        long set = readSet(setPtr) & ~SignalState.UNBLOCKABLE;
        long deadline = GuestThread.NO_DEADLINE;
        if (timeoutPtr != 0) {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(timeoutPtr, time64 ? 16 : 8)).order(p.view.order);
            long sec = time64 ? b.getLong(0) : b.getInt(0), nsec = time64 ? (int) b.getLong(8) : b.getInt(4);
            long ns = TimerFd.toNanos(sec, nsec);
            deadline = System.nanoTime() + ns;
        }
        if (infoPtr != 0) p.view.requireWritable(infoPtr, SignalFd.SIGINFO_SIZE);
        GuestThread self = p.currentThread();
        SignalState s = p.signals;
        Waiter w = Waiter.of(p.sys.current());
        s.posted.add(w.events);
        try {
            for (;;) {
                SignalState.Taken k = s.dequeue(self.signals, set);
                if (k != null) return copyOut(k, infoPtr);
                long slice = System.nanoTime() + EventSyscalls.SLICE_NS * 10;
                int r = w.block(deadline == GuestThread.NO_DEADLINE ? slice : Math.min(deadline, slice));
                if (r == -Errno.ETIMEDOUT && deadline != GuestThread.NO_DEADLINE && System.nanoTime() - deadline >= 0
                        || r < 0 && r != -Errno.ETIMEDOUT) {
                    k = s.dequeue(self.signals, set);
                    if (k != null) return copyOut(k, infoPtr);
                    return r == -Errno.ETIMEDOUT ? -Errno.EAGAIN : -Errno.EINTR;
                }
            }
        } finally {
            s.posted.remove(w.events);
        }
    }

    /** Writes the taken signal's siginfo to {@code infoPtr} (when given); returns the signal. */
    private int copyOut(SignalState.Taken k, int infoPtr) {
        if (infoPtr != 0) {
            byte[] si = k.info() != null ? k.info()
                    : p.view.struct(128).putInt(0, k.sig()).putInt(8, SignalSyscalls.SI_KERNEL).array();
            p.view.write(infoPtr, si);
        }
        return k.sig();
    }
}
