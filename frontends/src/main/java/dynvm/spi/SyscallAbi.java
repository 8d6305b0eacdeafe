package dynvm.spi;

/**
 * The Linux system-call convention of an ISA: where the number and arguments are, how the result
 * and errors are returned, and the ISA's syscall number table (numbers to generic names such as
 * "write" or "mmap2", which the microkernel's Linux personality implements).
 */
public interface SyscallAbi {
    /** Syscall number of the current call. */
    int number(CpuState cpu);

    /** Argument {@code i} (0..5). */
    int arg(CpuState cpu, int i);

    /** Stores a result: {@code value} >= 0 on success, or -errno on failure (e.g. PPC sets CR0.SO). */
    void setResult(CpuState cpu, int value);

    /** Generic name of syscall {@code number}, or null if the ISA has no such number. */
    String name(int number);

    /**
     * Sets the thread pointer, the register the ISA's Linux ABI keeps the TLS address in (PPC r2,
     * ARM TPIDRURO): for ARM's set_tls and, with threads, clone's CLONE_SETTLS.
     */
    void setThreadPointer(CpuState cpu, int value);

    /** Reads the thread pointer (see {@link #setThreadPointer}). */
    int threadPointer(CpuState cpu);

    /** Sets the stack pointer register (clone's new stack for the child). */
    default void setStackPointer(CpuState cpu, int sp) { throw new UnsupportedOperationException("no stack pointer"); }

    /**
     * The name of the Linux architecture this ISA's programs are built for. The front-end also
     * registers, under the same name, the microkernel service that describes that architecture's
     * user ABI as data (struct layouts, ioctl numbers, flag bits, uname machine), which the
     * Linux personality uses; the name is all the two sides share.
     */
    String linuxArch();
}
