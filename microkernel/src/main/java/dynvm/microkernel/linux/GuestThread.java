package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

/**
 * One guest thread (a Linux task): its tid, its process, its clear_child_tid address, the host
 * thread running it and the engine side ({@link ThreadHost}). Every blocking wait of the
 * personality sleeps on the thread's kernel notification ({@link #events}, through a
 * {@link Waiter}), so a signal, a stop request or the awaited event ends any of them at once.
 */
public final class GuestThread {
    /** Deadline meaning "wait until woken". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /**
     * Longest single wait where a wait cannot rely on a notification: host-side waits on the
     * system lock (the end of a process, execve's de_thread) and waits of host threads that
     * stand in for a guest thread they do not run ({@link Waiter}).
     */
    static final long SLICE_NANOS = 50_000_000L;
    /** Notification bits besides {@link SignalThread#SIGNALS}: a {@link WaitQueue} woke the thread; the thread is asked to stop. */
    static final long WAKE = 2, STOP = 4;

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

    /** Sets the flag, then signals {@link #STOP}: a blocking call of the thread ends at once. */
    void requestStop() {
        stopRequested = true;
        signals.events.signal(STOP);
    }

    /**
     * The thread's kernel notification, on which every blocking call of the personality waits
     * ({@link Waiter}): {@link SignalThread#SIGNALS}, {@link #WAKE}, {@link #STOP}.
     */
    public dynvm.microkernel.kernel.Notification events() { return signals.events; }

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
