package dynvm.microkernel.mem;

/**
 * A guest memory access that the address space refuses (unmapped, or a write to a read-only page).
 * Thrown by the slow path and turned into a guest SIGSEGV by the engine. Carries no Java stack
 * trace: it is guest behaviour, not a host error.
 */
public final class MemoryFault extends RuntimeException {
    public final int address;
    public final boolean write;
    /** An instruction fetch from a page without execute permission. */
    public final boolean exec;
    /**
     * Not a fault: the access hit a debugger watchpoint and was performed; the engine stops with
     * the guest state before the instruction (see {@link GuestMemory.WatchListener}).
     */
    public final boolean watch;

    public MemoryFault(int address, boolean write) { this(address, write, false); }

    public MemoryFault(int address, boolean write, boolean exec) { this(address, write, exec, false); }

    public MemoryFault(int address, boolean write, boolean exec, boolean watch) {
        super(String.format("%s %s at 0x%08x", exec ? "execute" : write ? "write" : "read", watch ? "watchpoint" : "fault", address),
                null, false, false);
        this.address = address;
        this.write = write;
        this.exec = exec;
        this.watch = watch;
    }
}
