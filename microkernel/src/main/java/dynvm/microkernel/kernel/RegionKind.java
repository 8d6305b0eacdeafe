package dynvm.microkernel.kernel;

/** What answers the accesses in a {@link Region}. */
public enum RegionKind {
    /** Memory in a byte array; the soft MMU reads and writes it directly. */
    RAM,
    /** Memory in a byte array that the guest reads directly; its writes reach the bus (ignored, or a device's command mode). */
    ROM,
    /** A device's register window; every access is a call on the device. */
    MMIO
}
