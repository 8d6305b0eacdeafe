package dynvm.microkernel.kernel;

/** How an IPC operation ended. */
public enum IpcStatus {
    /** The message was delivered (and, for a call, the reply received). */
    OK,
    /** The timeout passed before a partner came (or, for a call, before the reply). Nothing was delivered, except that a call may time out after its request was taken. */
    TIMEOUT,
    /** The endpoint was closed (its server is gone). */
    CLOSED,
    /** The waiting host thread was interrupted (a stopping thread); its interrupt flag is kept. */
    INTERRUPTED
}
