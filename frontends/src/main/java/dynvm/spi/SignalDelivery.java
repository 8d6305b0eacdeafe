package dynvm.spi;

/**
 * One signal to deliver to a guest handler, as the kernel side decided it: the action (handler,
 * SA_* flags, restorer), the mask the frame saves, the 128-byte siginfo in guest byte order, the
 * address the frame goes below ({@code stackTop}: the interrupted sp or the alternate stack's
 * top), the uc_stack contents, and for faults the fault address and kind (architectures record
 * them in the context).
 */
public record SignalDelivery(int signal, int handler, int flags, int restorer, long savedMask, byte[] siginfo,
                             int stackTop, int altSp, int altFlags, int altSize, int faultAddress, boolean faultWrite) {
    public static final int SA_SIGINFO = 4, SA_RESTORER = 0x04000000;

    public boolean rt() { return (flags & SA_SIGINFO) != 0; }

    public boolean hasRestorer() { return (flags & SA_RESTORER) != 0; }
}
