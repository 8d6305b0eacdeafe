package dynvm.microkernel.kernel;

/**
 * The outcome of a receive or a call: a status and, when it is {@link IpcStatus#OK}, the message.
 * A receive of a {@link Endpoint#call} also carries the one-shot {@link Reply} capability the
 * receiver answers through; a receive of a plain send has none.
 */
public record IpcResult(IpcStatus status, Message message, Reply reply) {
    static IpcResult of(IpcStatus status) { return new IpcResult(status, null, null); }

    public boolean ok() { return status == IpcStatus.OK; }
}
