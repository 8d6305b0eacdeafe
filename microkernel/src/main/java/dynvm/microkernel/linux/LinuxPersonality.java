package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.MemoryFault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.util.HashMap;
import java.util.Map;

/**
 * A generic Linux kernel for one guest process (each forked process gets its own, all in one
 * {@link LinuxSystem}). The engine of each guest thread calls {@link #call} with the syscall's
 * generic name (the front-end maps its ISA's numbers to names) and the argument registers, on
 * the host thread it registered with {@link LinuxSystem#attach}; the work is done by small
 * groups (descriptors, I/O, stat, namespace, memory, time, process, tasks, signals, poll,
 * futex) sharing one {@link GuestProcess}. Guest pointer faults become -EFAULT and host I/O
 * errors the matching errno: the guest never sees a host exception.
 */
public final class LinuxPersonality {
    private final GuestProcess proc;
    private final Map<String, Syscall> table = new HashMap<>();
    private final Strace strace;
    private final SignalSyscalls signals;
    private final TimeSyscalls time;
    /** Internal results of interrupted blocking calls; see {@link #isRestart}. */
    public static final int RESTART_SYS = GuestProcess.RESTART_SYS, RESTART_NOHAND = GuestProcess.RESTART_NOHAND;
    /** Linux si_code values for synchronous faults. */
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, ILL_ILLOPC = 1, TRAP_BRKPT = 1, FPE_INTDIV = 1, BUS_ADRALN = 1;

    /** The first process of a new run (a new {@link LinuxSystem}); its main thread's tid is the pid. */
    public LinuxPersonality(AddressSpace as, LinuxAbi abi, LinuxConfig cfg) {
        this(new LinuxSystem(cfg.execLoader).createFirst(as, abi, cfg));
    }

    /** The personality of a process made by clone/fork. */
    LinuxPersonality(GuestProcess p) {
        this.proc = p;
        p.kernel = this;
        this.signals = new SignalSyscalls(p);
        this.time = new TimeSyscalls(p);
        Syscall.Group[] groups = {new FdSyscalls(p), new IoSyscalls(p), new StatSyscalls(p),
                new DirSyscalls(p), new FsSyscalls(p), new MemorySyscalls(p), time,
                new ProcessSyscalls(p), new TaskSyscalls(p), signals, new PollSyscalls(p),
                new FutexSyscalls(p), new ArchSyscalls(p), new SocketSyscalls(p), new EventSyscalls(p),
                new XattrSyscalls(p), new ProcessControlSyscalls(p), new SignalWaitSyscalls(p), new PosixTimerSyscalls(p),
                new MemoryHintSyscalls(p), new MemfdSyscalls(p), new IdentitySyscalls(p), new SpliceSyscalls(p), new SysvIpcSyscalls(p),
                new InotifySyscalls(p)};
        for (Syscall.Group g : groups) g.register(table);
        this.strace = p.cfg.strace == null ? null : new Strace(p.cfg.strace, p);
    }

    /**
     * Runs one syscall for the guest thread bound to the calling host thread (the main thread
     * when none is). {@code name} may be null (a number the front-end does not know).
     * @return the result ({@code >= 0}, or an address for brk/mmap), or {@code -errno}; -ENOSYS when unsupported
     */
    public int call(String name, int nr, int[] args) {
        int[] a = args.length >= 6 ? args : java.util.Arrays.copyOf(args, 6);
        String traced = strace != null ? strace.call(name, nr, a) : null;
        Syscall s = name == null ? null : table.get(name);
        int r = s == null ? -Errno.ENOSYS : run(s, a);
        if (strace != null) strace.result(traced, name, r);
        // a write to a pipe (or socket) with no reader also raises SIGPIPE in the writing thread
        // (the send calls raise it themselves, unless MSG_NOSIGNAL: SocketSyscalls)
        if (r == -Errno.EPIPE && name != null && name.matches("write|writev|pwrite64|pwritev|splice|vmsplice|tee"))
            proc.signals.post(proc.thread(), SignalState.SIGPIPE, signals.siginfo(SignalState.SIGPIPE, SignalSyscalls.SI_USER, proc.pid, proc.cfg.uid));
        return r;
    }

    /** The names of every syscall this personality implements (for tests that call them all). */
    public java.util.Set<String> syscallNames() { return java.util.Collections.unmodifiableSet(table.keySet()); }

    /** Is {@code r} one of the internal "interrupted, maybe restart" results ({@link #RESTART_SYS}, {@link #RESTART_NOHAND})? */
    public static boolean isRestart(int r) { return r == RESTART_SYS || r == RESTART_NOHAND; }

    /**
     * The next signal {@code t} must handle, given its stack pointer {@code sp} (for the alternate
     * stack), with the thread's mask already changed for the handler. Null when there is none to
     * run; the process may have been terminated by a default action instead (see {@link #exited}).
     */
    public PendingSignal takeSignal(SignalThread t, int sp) { return signals.take(t, sp); }

    /**
     * As {@link #takeSignal(SignalThread, int)} for a traced process: {@code tracer} sees each
     * signal before its action is looked up (SIGKILL and SIGSTOP excepted) and returns the one to
     * act on, or 0 to discard it. It is called without the signal lock held, so it may block.
     */
    public PendingSignal takeSignal(SignalThread t, int sp, java.util.function.IntUnaryOperator tracer) {
        return signals.take(t, sp, tracer);
    }

    /**
     * A synchronous fault ({@code sig} with {@code code}, {@code addr} the fault address or pc):
     * the delivery to the guest's handler, or null when the process was killed by it.
     */
    public PendingSignal forceSignal(SignalThread t, int sig, int code, int addr, int sp) {
        return signals.force(t, sig, code, addr, sp);
    }

    /** sigreturn: sets the thread's mask to the one saved in the frame. */
    public void restoreSignalMask(SignalThread t, long mask) { signals.setMask(t, mask); }

    /**
     * Cancels this process's itimer (process exit does it too); for the run's first process also
     * closes the run's {@link dynvm.microkernel.kernel.TimerService} and joins its thread (as
     * {@link LinuxSystem#shutdown} does). Safe to call more than once.
     */
    public void close() {
        time.stopTimer();
        if (proc.sys.isFirst(proc)) proc.sys.closeTimers();
    }

    private static int run(Syscall s, int[] a) {
        try {
            return s.call(a);
        } catch (MemoryFault f) {
            return -Errno.EFAULT;
        } catch (SysErr e) {
            return -e.errno;
        } catch (IOException e) {
            return -Errno.of(e);
        } catch (UncheckedIOException e) {
            return -Errno.of(e);
        } catch (InvalidPathException e) {
            return -Errno.ENOENT;
        } catch (SecurityException e) {
            return -Errno.EACCES;
        }
    }

    /**
     * Connects the calls that act on the main thread's thread pointer register (set_tls,
     * get_tls) to the engine that owns its CPU. Runners of threads use {@link GuestThread#setHost}.
     */
    public void connectThreadPointer(java.util.function.IntConsumer set, java.util.function.IntSupplier get) {
        proc.mainThread.setHost(new ThreadHost() {
            @Override public void setThreadPointer(int value) { set.accept(value); }
            @Override public int threadPointer() { return get.getAsInt(); }
            @Override public int stackPointer() { return 0; }
            @Override public void spawn(GuestThread child, int stack, boolean setTls, int tls) { throw new SysErr(Errno.ENOSYS); }
            @Override public void exec(ExecLoader.Image image) { throw new SysErr(Errno.ENOSYS); }
        });
    }

    /** Is {@code name} implemented? (For front-ends and diagnostics.) */
    public boolean supports(String name) { return table.containsKey(name); }

    /** Is the process ending or over (exit, exit_group, a fatal signal)? */
    public boolean exited() { return proc.exited(); }

    /** Exit status, 0..255; 128+sig after a fatal signal. */
    public int exitStatus() { return proc.exitStatus(); }

    /** The signal that terminated the process, or 0. */
    public int killedBySignal() { return proc.killedBy(); }

    public LinuxAbi abi() { return proc.abi; }

    /** This process's clocks and itimer, for tests in this package. */
    TimeSyscalls timeSyscalls() { return time; }

    /** The process state, for tests in this package that play another party (a host thread writing a guest pipe). */
    GuestProcess process() { return proc; }

    /** The run this process belongs to. */
    public LinuxSystem system() { return proc.sys; }

    /** The process's first thread (tid = pid). */
    public GuestThread mainThread() { return proc.mainThread; }

    public int pid() { return proc.pid; }

    /** The process's current address space (execve replaces it). */
    public AddressSpace addressSpace() { return proc.as; }

    /**
     * A synchronous fault the engine cannot deliver kills the whole process with {@code sig}
     * (status 128+sig); the calling thread is over.
     */
    public void killProcess(int sig) { proc.kill(sig); }

    /**
     * Kills the process from a host thread that runs none of its guest threads (a watchdog):
     * every thread is asked to stop and ends itself, so none is marked ended while it still runs.
     */
    public void killFromOutside(int sig) { proc.sys.exitGroup(proc, 128 + sig, sig, null); }

    /** Waits until every thread of the process has ended; returns its status (128+sig after a signal). */
    public int awaitExit() { return proc.sys.awaitEnd(proc); }
}
