package dynvm.microkernel.linux;

/**
 * What the Linux personality needs from the engine that runs one guest thread's CPU (the
 * microkernel never sees a CpuState). Implemented by the translator's per-thread runner.
 */
public interface ThreadHost {
    /** Sets the calling thread's thread pointer register (ARM set_tls; CLONE_SETTLS goes through {@link #spawn}). */
    void setThreadPointer(int value);

    int threadPointer();

    /**
     * Starts {@code child} on a new host thread: a copy of this thread's CPU in which the current
     * syscall returned 0, with stack pointer {@code stack} (0: unchanged) and, when {@code setTls},
     * thread pointer {@code tls}. It runs on {@code child.addressSpace()} with
     * {@code child.kernel()}, with an engine of its own. The host thread must be registered with
     * {@link LinuxSystem#attach} before it runs guest code and end with {@link LinuxSystem#threadEnded}.
     */
    void spawn(GuestThread child, int stack, boolean setTls, int tls);

    /**
     * Replaces this thread's image by {@code image} (from the {@link ExecLoader}): new CPU state,
     * address space and engine. The execve result is not written to the new CPU.
     */
    void exec(ExecLoader.Image image);

    /** The thread's stack pointer now (sigaltstack reports whether it runs on the alternate stack). */
    int stackPointer();
}
