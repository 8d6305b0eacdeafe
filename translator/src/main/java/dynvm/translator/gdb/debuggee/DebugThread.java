package dynvm.translator.gdb.debuggee;

/**
 * One thread of control gdb can select, stop and inspect: a guest thread in user mode, a vCPU in
 * system mode. Its id is gdb's thread id. Registers and memory are read while the thread is
 * parked at a checkpoint (or never ran), so its state is exact.
 */
public interface DebugThread {
    /** gdb's thread id: positive and unique within the target (the guest tid, the CPU index + 1). */
    int id();

    /** Register {@code regnum} of the target description, as an unsigned value of its width. */
    long readRegister(int regnum);

    /** Sets register {@code regnum}; registers gdb may not change ignore the write. */
    void writeRegister(int regnum, long value);

    /**
     * Copies up to {@code into.length} bytes from virtual {@code address} as this thread sees it,
     * stopping at the first byte that cannot be read. Never faults the guest (in system mode:
     * a page-table walk without side effects, no device register reads). Returns the number of
     * bytes read.
     */
    int readMemory(long address, byte[] into);

    /**
     * Writes {@code data} at virtual {@code address}, read-only code included (as ptrace may),
     * dropping translations of overwritten code. False when part of the range is not mapped;
     * never faults the guest.
     */
    boolean writeMemory(long address, byte[] data);

    /** Is this thread's next instruction at an inserted breakpoint? */
    boolean atBreakpoint();

    /** Asks the thread to reach its next checkpoint soon (its engine returns early). */
    void requestCheckpoint();

    /**
     * Withdraws {@link #requestCheckpoint}: called repeatedly while the thread is parked, so a
     * request posted meanwhile by someone else (a signal) is not mistaken for the stub's.
     */
    void clearCheckpointRequest();

    /** Must the thread end (its process is dying)? A parked thread is released then. */
    boolean mustEnd();

    /**
     * Is the thread executing guest instructions right now (not in a system call, a signal
     * delivery or device emulation)? Only such accesses hit watchpoints, and only such threads
     * are waited for before a stop is reported.
     */
    boolean inGuestCode();
}
