package dynvm.microkernel.kernel;

/** The life of a {@link KThread}. */
public enum ThreadState {
    /** Created, not started. */
    NEW,
    /** Wants the CPU. */
    READY,
    /** Holds the CPU: the only thread of its scheduler running guest code. */
    RUNNING,
    /** Waits in {@link Scheduler#block} for {@link Scheduler#unblock}. */
    BLOCKED,
    /** Waits in a host call through {@link Scheduler#blocking} (an IPC, a notification). */
    WAITING,
    /** Its body returned, threw, or it was stopped. */
    EXITED
}
