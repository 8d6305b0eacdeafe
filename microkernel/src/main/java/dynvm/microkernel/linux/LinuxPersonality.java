package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.MemoryFault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.util.HashMap;
import java.util.Map;

/**
 * A generic Linux kernel for one user-mode guest process. The engine calls {@link #call} with the
 * syscall's generic name (the front-end maps its ISA's numbers to names) and the argument
 * registers; the work is done by small groups (descriptors, I/O, stat, namespace, memory, time,
 * process, signals, poll) sharing one {@link GuestProcess}. Guest pointer faults become -EFAULT and host
 * I/O errors the matching errno: the guest never sees a host exception.
 */
public final class LinuxPersonality {
    private final GuestProcess proc;
    private final Map<String, Syscall> table = new HashMap<>();
    private final Strace strace;

    public LinuxPersonality(AddressSpace as, LinuxArch arch, LinuxConfig cfg) {
        this.proc = new GuestProcess(as, arch, cfg);
        Syscall.Group[] groups = {new FdSyscalls(proc), new IoSyscalls(proc), new StatSyscalls(proc),
                new DirSyscalls(proc), new FsSyscalls(proc), new MemorySyscalls(proc), new TimeSyscalls(proc),
                new ProcessSyscalls(proc), new SignalSyscalls(proc), new PollSyscalls(proc), new FutexSyscalls(proc), new ArchSyscalls(proc)};
        for (Syscall.Group g : groups) g.register(table);
        this.strace = cfg.strace == null ? null : new Strace(cfg.strace, proc.view, arch, cfg.pid);
    }

    /**
     * Runs one syscall. {@code name} may be null (a number the front-end does not know).
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
     * Connects the calls that act on the CPU's thread pointer register (set_tls, get_tls) to the
     * engine that owns the CPU.
     */
    public void connectThreadPointer(java.util.function.IntConsumer set, java.util.function.IntSupplier get) {
        proc.threadPointer = set;
        proc.threadPointerNow = get;
    }

    /** Is {@code name} implemented? (For front-ends and diagnostics.) */
    public boolean supports(String name) { return table.containsKey(name); }

    /** Has the process ended (exit, exit_group, or a fatal signal)? */
    public boolean exited() { return proc.exited(); }

    /** Exit status, 0..255; 128+sig after a fatal signal. */
    public int exitStatus() { return proc.exitStatus(); }

    /** The signal that terminated the process, or 0. */
    public int killedBySignal() { return proc.killedBy(); }

    public LinuxArch arch() { return proc.arch; }

    /** The process state, for tests in this package that play another party (a host thread writing a guest pipe). */
    GuestProcess process() { return proc; }
}
