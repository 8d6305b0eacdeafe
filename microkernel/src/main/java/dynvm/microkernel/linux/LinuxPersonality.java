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

    /** The first process of a new run (a new {@link LinuxSystem}); its main thread's tid is the pid. */
    public LinuxPersonality(AddressSpace as, LinuxArch arch, LinuxConfig cfg) {
        this(new LinuxSystem(cfg.execLoader).createFirst(as, arch, cfg));
    }

    /** The personality of a process made by clone/fork. */
    LinuxPersonality(GuestProcess p) {
        this.proc = p;
        p.kernel = this;
        Syscall.Group[] groups = {new FdSyscalls(p), new IoSyscalls(p), new StatSyscalls(p),
                new DirSyscalls(p), new FsSyscalls(p), new MemorySyscalls(p), new TimeSyscalls(p),
                new ProcessSyscalls(p), new TaskSyscalls(p), new SignalSyscalls(p), new PollSyscalls(p),
                new FutexSyscalls(p), new ArchSyscalls(p)};
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
        return r;
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

    public LinuxArch arch() { return proc.arch; }

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

    /** Waits until every thread of the process has ended; returns its status (128+sig after a signal). */
    public int awaitExit() { return proc.sys.awaitEnd(proc); }
}
