package dynvm.spi;

/**
 * An ISA's Linux signal frames: building the frame a handler runs on and restoring the
 * interrupted state from it. Memory goes through {@code cpu.mem}, so a frame that cannot be
 * written or read raises the engine's memory fault (the engine then kills the guest with SIGSEGV,
 * as Linux's force_sigsegv does).
 */
public interface SignalFrames {
    /** The stack pointer of the interrupted code. */
    int stackPointer(CpuState cpu);

    /**
     * Writes the frame for {@code d} below {@code d.stackTop()} and sets the CPU to enter the
     * handler. Returns the address of return code written into the frame (the engine makes that
     * word pair executable, as a kernel without a vDSO needs), or 0 when there is none to run.
     */
    int push(CpuState cpu, SignalDelivery d);

    /**
     * sigreturn ({@code rt} false) or rt_sigreturn: restores every register (including FP state
     * and flags) from the frame the stack pointer designates; returns the signal mask saved there.
     * @throws IllegalStateException for a frame the kernel would reject (misaligned, bad magic)
     */
    long restore(CpuState cpu, boolean rt);

    /** After a syscall the engine wants restarted: moves pc back onto the syscall instruction. */
    void rewindSyscall(CpuState cpu);
}
