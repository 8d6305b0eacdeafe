package dynvm.spi;

/**
 * Ids of the VM services a {@link dynvm.ir.Terminal.ServiceCall} can name. ISA-neutral: the
 * front-end decides which instruction needs which service; the VM decides how it is provided.
 */
public final class Services {
    private Services() { }

    /**
     * A system call; the number and arguments are read through the ISA's {@link SyscallAbi}.
     * Optional args[0] is a condition (ARM's svc&lt;cond&gt;): zero means the call is not made and
     * execution continues at the next pc.
     */
    public static final int SYSCALL = 1;
    /** Instruction-cache invalidation: args[0] = address, args[1] = length. Drops translations. */
    public static final int ICACHE_INVALIDATE = 2;
    /** Context synchronisation (isync, ISB): no operands; returns to the dispatcher. */
    public static final int SYNC_CONTEXT = 3;
    /** Breakpoint instruction: delivers SIGTRAP. */
    public static final int BREAKPOINT = 4;
    /**
     * A sensitive instruction of system mode (privileged register, MMU or cache/TLB maintenance,
     * exception return, mode change, WFI, SVC/HVC/SMC): the operands are the front-end's own
     * encoding of the operation; the VM hands them to {@link dynvm.spi.sys.SystemCpu#execute}.
     */
    public static final int SYSTEM = 5;
}
