package dynvm.microkernel.device;

/** An access the bus or a device answers with an external abort (the guest sees a bus fault). No stack trace. */
public final class BusError extends RuntimeException {
    public final long address;

    public BusError(long address, String why) {
        super(String.format("bus error at 0x%x: %s", address, why), null, false, false);
        this.address = address;
    }
}
