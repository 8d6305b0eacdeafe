package dynvm.microkernel.kernel;

/**
 * seL4's reply capability: the right to answer one {@link Endpoint#call}, once. The receiver may
 * keep it and reply later, from another thread (a device server answering when the I/O is done).
 * Replying to a caller that gave up (timed out) or to a closed endpoint does nothing and returns false.
 */
public interface Reply {
    /** Delivers {@code answer} to the waiting caller; false if it no longer waits or was already answered. */
    boolean send(Message answer);
}
