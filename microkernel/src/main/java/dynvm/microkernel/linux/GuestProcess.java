package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

/**
 * The state shared by the syscall groups of one guest process: its address space, ABI facts,
 * configuration, descriptors, paths and exit status. One per personality; nothing static.
 */
final class GuestProcess {
    final AddressSpace as;
    final LinuxArch arch;
    final LinuxConfig cfg;
    final GuestView view;
    final FdTable fds = new FdTable();
    final PathResolver paths;
    int umask = 022;
    /** Internal results of an interrupted blocking call (never seen by the guest): the engine
     * restarts the call, or makes it fail with EINTR, depending on the signal handled (kernel's
     * -ERESTARTSYS: restart under SA_RESTART; -ERESTARTNOHAND: EINTR whenever a handler ran). */
    static final int RESTART_SYS = -512, RESTART_NOHAND = -514;
    /** Blocking waits re-check for signals at least this often. */
    static final int WAIT_SLICE_MS = 50;
    final SignalState signals = new SignalState();
    /** The thread whose syscall is running (one thread for now). */
    final SignalThread thread = signals.newThread(0);
    /** Reads the calling thread's stack pointer (sigaltstack needs it). */
    java.util.function.IntSupplier stackPointerNow = () -> 0;
    long nextSyntheticIno = 1000;
    /** Sets the calling thread's thread pointer register (set by the engine that owns the CPU). */
    java.util.function.IntConsumer threadPointer = tp -> { };
    /** Reads it. */
    java.util.function.IntSupplier threadPointerNow = () -> 0;

    private final java.util.List<Runnable> exitHooks = new java.util.ArrayList<>();
    private boolean exited;
    private int exitStatus, killedBy;

    GuestProcess(AddressSpace as, LinuxArch arch, LinuxConfig cfg) {
        this.as = as;
        this.arch = arch;
        this.cfg = cfg;
        this.view = new GuestView(as.memory(), arch.order);
        this.paths = new PathResolver(fds, cfg.cwd, cfg.exePath, cfg.pid);
        fds.install(new StreamInput(cfg.stdin, cfg.isatty.test(0), cfg.uid, cfg.gid), 0, false);
        fds.install(new StreamOutput(cfg.stdout, cfg.isatty.test(1), cfg.uid, cfg.gid, 1), 1, false);
        fds.install(new StreamOutput(cfg.stderr, cfg.isatty.test(2), cfg.uid, cfg.gid, 2), 2, false);
    }

    /** True when the calling thread has a signal to handle: blocking calls stop waiting. */
    boolean interrupted() { return thread.hint(); }

    /**
     * Sleeps up to {@code nanos}, waking early for a signal; returns the nanoseconds left (0 when
     * the whole time passed).
     */
    long sleepInterruptibly(long nanos) {
        long end = System.nanoTime() + nanos;
        synchronized (signals) {
            for (;;) {
                long left = end - System.nanoTime();
                if (left <= 0) return 0;
                if (interrupted() || exited) return left;
                try {
                    signals.wait(Math.max(1, Math.min(left / 1_000_000, WAIT_SLICE_MS)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return left;
                }
            }
        }
    }

    /** Runs {@code hook} when the process ends, before its descriptors are closed. */
    void onExit(Runnable hook) { exitHooks.add(hook); }

    void exit(int status) {
        if (exited) return;
        exited = true;
        exitStatus = status & 0xff;
        for (Runnable h : exitHooks) h.run();
        fds.closeAll();
    }

    /** Terminated by a signal: the shell-style status 128+sig. */
    void kill(int sig) {
        if (exited) return;
        killedBy = sig;
        exit(128 + sig);
    }

    boolean exited() { return exited; }
    int exitStatus() { return exitStatus; }
    int killedBy() { return killedBy; }
}
