package dynvm.microkernel.linux;

/**
 * A signal the personality decided to deliver to a guest handler: everything the ISA's frame code
 * needs. {@code savedMask} goes into the frame (sigreturn restores it); {@code stackTop} is where
 * the frame is built below (the alternate stack's top, or the interrupted sp); {@code altSp},
 * {@code altFlags}, {@code altSize} are the uc_stack contents; {@code siginfo} is the 128-byte
 * siginfo_t in guest byte order.
 */
public record PendingSignal(int signal, int handler, int flags, int restorer, long savedMask, byte[] siginfo,
                            int stackTop, int altSp, int altFlags, int altSize) {
    public static final int SA_SIGINFO = SignalState.SA_SIGINFO, SA_RESTORER = SignalState.SA_RESTORER,
            SA_RESTART = SignalState.SA_RESTART;
}
