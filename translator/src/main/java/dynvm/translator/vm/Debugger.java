package dynvm.translator.vm;

import dynvm.microkernel.mem.MemoryFault;

/**
 * What a {@link UserModeVm} thread tells a debugger attached to its process, and asks it (the GDB
 * stub's user-mode target, {@code dynvm.translator.gdb.user}, implements it). All calls come on
 * the guest thread itself, at points where its CPU state is exact: between engine calls, after a
 * watchpoint hit, before a fault's signal is delivered.
 */
public interface Debugger {
    /** The breakpoints every engine of the process checks. */
    Breakpoints breakpoints();

    /**
     * Before the engine runs: holds the thread while the debugger has the process stopped (a
     * breakpoint at the pc, a finished step, a stop request). Returns true when the thread must
     * execute exactly one instruction next.
     */
    boolean checkpoint(UserModeVm vm);

    /** A watchpoint hit unwound the engine; the state is before the accessing instruction. */
    void watchHit(UserModeVm vm, MemoryFault hit);

    /**
     * A signal is about to be delivered to this thread: a synchronous fault, or an asynchronous
     * signal taken from the pending sets (never SIGKILL or SIGSTOP). Returns the signal to
     * deliver, 0 to discard it. May block while the debugger holds the process stopped.
     */
    int signal(UserModeVm vm, int signal);

    void threadStarted(UserModeVm vm);

    void threadEnded(UserModeVm vm);

    /** The whole process ended with this shell status (128+N: killed by signal N). */
    void processExited(int status);
}
