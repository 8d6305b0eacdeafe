package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

/**
 * One guest thread (a Linux task): its tid, its process, its clear_child_tid address, the host
 * thread running it and the engine side ({@link ThreadHost}). Every blocking wait of the
 * personality goes through {@link #await}, so signal delivery can interrupt all of them in one place.
 */
public final class GuestThread {
    /** Deadline meaning "wait until woken". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /** Longest single wait: how quickly a stop or interrupt request is noticed. */
    static final long SLICE_NANOS = 50_000_000L;

    final GuestProcess proc;
    public final int tid;
    volatile int clearChildTid;
    volatile Thread hostThread;
    volatile ThreadHost host;
    private volatile boolean stopRequested;
    /** Guarded by the system lock. */
    boolean ended;
    int exitCode;
    /** This thread's half of the signal state (mask, thread-directed pending, alternate stack). */
    final SignalThread signals;

    GuestThread(GuestProcess proc, int tid) {
        this.proc = proc;
        this.tid = tid;
        this.host = new DetachedHost();
        this.signals = proc.signals.newThread(0);
    }

    /** The thread's signal state: the engine polls {@link SignalThread#hint()} between blocks. */
    public SignalThread signals() { return signals; }

    public int tid() { return tid; }

    public int pid() { return proc.pid; }

    /** The personality of this thread's process (after fork: the child's). */
    public LinuxPersonality kernel() { return proc.kernel; }

    /** The address space the thread runs in (the process's current image). */
    public AddressSpace addressSpace() { return proc.as; }

    /** Connects the engine that runs this thread. */
    public void setHost(ThreadHost h) { host = h; }

    /**
     * Should the runner stop this thread? (exit_group, a fatal signal, execve in another thread,
     * the end of the run.) The runner checks it between engine slices and after each syscall.
     */
    public boolean stopRequested() { return stopRequested; }

    void requestStop() { stopRequested = true; }

    /**
     * Waits on {@code monitor}, which the caller holds, for at most one slice (<= 50 ms) or until
     * {@code deadlineNanos} (System.nanoTime; {@link #NO_DEADLINE}). Returns 0 when the caller
     * should check its condition again, -EINTR when the thread is asked to stop, the kernel's
     * ERESTARTSYS when a signal is deliverable (the engine restarts the call under SA_RESTART or
     * makes it fail with EINTR), -ETIMEDOUT once the deadline has passed. Callers loop:
     * {@code while (!cond) { int r = t.await(m, d); if (r < 0) return r; }}
     */
    public int await(Object monitor, long deadlineNanos) {
        if (stopRequested) return -Errno.EINTR;
        if (signals.hint()) return GuestProcess.RESTART_SYS;
        long now = System.nanoTime();
        long wait = SLICE_NANOS;
        if (deadlineNanos != NO_DEADLINE) {
            long left = deadlineNanos - now;
            if (left <= 0) return -Errno.ETIMEDOUT;
            wait = Math.min(wait, left);
        }
        try {
            monitor.wait(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
            return -Errno.EINTR;
        }
        return 0;
    }

    @Override
    public String toString() { return "thread " + tid + " of process " + proc.pid; }

    /** Before an engine attaches (and in unit tests): keeps the thread pointer, cannot start threads. */
    private static final class DetachedHost implements ThreadHost {
        private int tp;
        @Override public void setThreadPointer(int value) { tp = value; }
        @Override public int threadPointer() { return tp; }
        @Override public void spawn(GuestThread child, int stack, boolean setTls, int tls) { throw new SysErr(Errno.ENOSYS); }
        @Override public void exec(ExecLoader.Image image) { throw new SysErr(Errno.ENOSYS); }
        @Override public int stackPointer() { return 0; }
    }
}
