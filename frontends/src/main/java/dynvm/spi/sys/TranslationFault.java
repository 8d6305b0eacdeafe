package dynvm.spi.sys;

/**
 * An access that {@link SystemCpu#translate} refuses: a translation, permission or domain fault,
 * or an external abort on a table walk. {@code status} is the ISA's own encoding of the fault
 * (e.g. an ARM short-descriptor FSR value); the VM hands it back unchanged to
 * {@link SystemCpu#abort}. No stack trace: it is guest behaviour.
 */
public final class TranslationFault extends RuntimeException {
    /** {@code status} for an access the bus rejected (no device, or the device refused it). */
    public static final int EXTERNAL = -1;

    public final int va, access, status;

    public TranslationFault(int va, int access, int status) {
        super(String.format("translation fault at 0x%08x (access %d, status 0x%x)", va, access, status), null, false, false);
        this.va = va;
        this.access = access;
        this.status = status;
    }
}
