package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

import java.util.ArrayList;
import java.util.List;

/**
 * The state shared by the syscall groups and the threads of one guest process: its pid and place
 * in the process tree, its address space (replaced by execve), ABI facts, configuration,
 * descriptors, paths, futex queues and exit status. Tree and exit fields are guarded by the
 * {@link LinuxSystem}'s lock. Nothing static.
 */
final class GuestProcess {
    final LinuxSystem sys;
    final int pid;
    volatile AddressSpace as;
    volatile LinuxAbi abi;
    final LinuxConfig cfg;
    volatile GuestView view;
    final FdTable fds;
    final PathResolver paths;
    volatile Futexes futexes = new Futexes();
    int umask = 022;
    /** Internal results of an interrupted blocking call (never seen by the guest): the engine
     * restarts the call, or makes it fail with EINTR, depending on the signal handled (kernel's
     * -ERESTARTSYS: restart under SA_RESTART; -ERESTARTNOHAND: EINTR whenever a handler ran). */
    static final int RESTART_SYS = -512, RESTART_NOHAND = -514;
    /** Actions and process-directed pending signals; each {@link GuestThread} has its own half. */
    final SignalState signals;
    long nextSyntheticIno = 1000;
    /** What the running program was started with (execve replaces it): /proc/PID/cmdline, environ and auxv. */
    volatile ProcFs.Started started;
    /** The personality whose groups serve this process (set by it). */
    LinuxPersonality kernel;

    // ---- guarded by sys.lock
    /** Process group and session ids (job control: a shell moves jobs to their own groups). */
    int pgid, sid;
    GuestProcess parent;
    final List<GuestProcess> children = new ArrayList<>();
    final List<GuestThread> threads = new ArrayList<>();
    GuestThread mainThread;
    volatile boolean exiting;
    boolean zombie;
    /** A vfork child that has not yet exec'd or exited (its parent waits). */
    boolean vforkPending;
    private int exitStatus, killedBy;

    private final List<Runnable> exitHooks = new ArrayList<>();
    private final List<Runnable> execHooks = new ArrayList<>();

    /** The first process of a run: standard descriptors from the configuration. */
    GuestProcess(LinuxSystem sys, int pid, AddressSpace as, LinuxAbi abi, LinuxConfig cfg) {
        this.sys = sys;
        this.pid = pid;
        this.as = as;
        this.abi = abi;
        this.cfg = cfg;
        this.signals = new SignalState();
        this.pgid = pid;
        this.sid = pid;
        this.view = new GuestView(as.memory(), abi.order());
        this.fds = new FdTable();
        this.paths = new PathResolver(fds, cfg.cwd, cfg.exePath, pid, cfg.sysroot);
        this.started = new ProcFs.Started(cfg.argv, cfg.envp, cfg.auxv);
        if (cfg.hostStdio != null) {
            // the host's own descriptors; one the host left closed stays closed (EBADF)
            for (int fd = 0; fd <= 2; fd++) {
                int flags = cfg.hostStdio.openFlags(fd);
                if (flags >= 0) fds.install(new HostDescriptor(sys, cfg.hostStdio, fd, flags, cfg.uid, cfg.gid), fd, false);
            }
            // and the others the program inherited, under their own numbers
            for (int fd : cfg.hostStdio.inheritedDescriptors()) {
                int flags = fd > 2 && fd < FdTable.MAX_FDS ? cfg.hostStdio.openFlags(fd) : -1;
                if (flags >= 0) fds.install(new HostDescriptor(sys, cfg.hostStdio, fd, flags, cfg.uid, cfg.gid), fd, false);
            }
        } else {
            fds.install(new StreamInput(sys, cfg.stdin, cfg.isatty.test(0), cfg.uid, cfg.gid), 0, false);
            fds.install(new StreamOutput(cfg.stdout, cfg.isatty.test(1), cfg.uid, cfg.gid, 1), 1, false);
            fds.install(new StreamOutput(cfg.stderr, cfg.isatty.test(2), cfg.uid, cfg.gid, 2), 2, false);
        }
    }

    /** A child made by fork/clone: {@code as} and {@code fds} are copies or shared, as clone's flags say. */
    GuestProcess(GuestProcess parent, int pid, AddressSpace as, FdTable fds) {
        this.sys = parent.sys;
        this.pid = pid;
        this.as = as;
        this.abi = parent.abi;
        this.cfg = parent.cfg;
        this.view = new GuestView(as.memory(), abi.order());
        this.fds = fds;
        this.paths = parent.paths.copy(fds, pid);
        this.umask = parent.umask;
        this.started = parent.started;
        this.nextSyntheticIno = parent.nextSyntheticIno + 100_000L * pid;
        this.signals = parent.signals.forkCopy();
        synchronized (sys.lock) {
            this.pgid = parent.pgid;
            this.sid = parent.sid;
        }
    }

    /** The calling thread's signal state (each guest thread has its own mask and pending set). */
    SignalThread thread() { return sys.current(this).signals; }

    /** True when the calling thread has a signal to handle: blocking calls stop waiting. */
    boolean interrupted() { return thread().hint(); }

    /**
     * Sleeps up to {@code nanos}, waking early for a signal (or the end of the process): the
     * calling thread sleeps on its kernel notification with the time left as the timeout. Returns
     * the nanoseconds left (0 when the whole time passed).
     */
    long sleepInterruptibly(long nanos) {
        long end = System.nanoTime() + nanos;
        Waiter w = Waiter.of(currentThread());
        for (;;) {
            long left = end - System.nanoTime();
            if (left <= 0) return 0;
            if (interrupted() || exited()) return left;
            if (!w.sleep(left)) {
                Thread.currentThread().interrupt();
                return left;
            }
        }
    }

    /** Runs {@code hook} when the process ends, before its descriptors are closed. */
    void onExit(Runnable hook) { exitHooks.add(hook); }

    /** Runs {@code hook} when execve replaces the image (and at exit). */
    void onExec(Runnable hook) { execHooks.add(hook); }

    void runExitHooks() {
        for (Runnable h : exitHooks) h.run();
    }

    void runExecHooks() {
        for (Runnable h : execHooks) h.run();
    }

    /** exit_group: the whole process ends with {@code status}. */
    void exit(int status) { sys.exitGroup(this, status & 0xff, 0, sys.current(this)); }

    /** Terminated by a signal: the shell-style status 128+sig. */
    void kill(int sig) { sys.exitGroup(this, 128 + sig, sig, sys.current(this)); }

    /** The thread of this process making the current call (its main thread for unregistered host threads). */
    GuestThread currentThread() { return sys.current(this); }

    boolean exited() { return exiting; }

    int exitStatus() { synchronized (sys.lock) { return exitStatus; } }

    int killedBy() { synchronized (sys.lock) { return killedBy; } }

    /** Records how the process ends (first call wins). Caller holds sys.lock. */
    void setExit(int status, int sig) {
        if (exiting) return;
        exiting = true;
        exitStatus = status & 0xff;
        killedBy = sig;
    }

    /** wait4's status word: exit code << 8, or the signal number. Caller holds sys.lock. */
    int waitStatus() { return killedBy != 0 ? killedBy & 0x7f : (exitStatus & 0xff) << 8; }
}
