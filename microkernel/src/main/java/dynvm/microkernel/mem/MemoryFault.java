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
    /**
     * System mode: the ISA's own description of the fault (the page-table walker's status, or
     * {@link #EXTERNAL} for an access the bus refused), handed back unchanged to the ISA's
     * exception entry. Zero in user mode.
     */
    public final int status;

    /** {@link #status} of an access nothing on the bus answered (an external abort). */
    public static final int EXTERNAL = -1;

    /**
     * {@link #status} of an access whose address is not aligned as the instruction demands (an
     * alignment fault). User mode delivers it as SIGBUS (BUS_ADRALN), as Linux does.
     */
    public static final int ALIGNMENT = -2;

    public MemoryFault(int address, boolean write) { this(address, write, false); }

    public MemoryFault(int address, boolean write, boolean exec) { this(address, write, exec, false); }

    public MemoryFault(int address, boolean write, boolean exec, boolean watch) { this(address, write, exec, watch, 0); }

    /** A system-mode fault with the ISA's {@code status} (see {@link #status}). */
    public static MemoryFault system(int address, boolean write, boolean exec, int status) {
        return new MemoryFault(address, write, exec, false, status);
    }

    private MemoryFault(int address, boolean write, boolean exec, boolean watch, int status) {
        super(String.format("%s %s at 0x%08x", exec ? "execute" : write ? "write" : "read", watch ? "watchpoint" : "fault", address),
                null, false, false);
        this.address = address;
        this.write = write;
        this.exec = exec;
        this.watch = watch;
        this.status = status;
    }
}
