package dynvm.microkernel.kernel;

/**
 * What a space answers for an address no region covers. Machines differ: on QEMU's
 * {@code virt} an access to a hole is an external abort (a guest probing for devices relies on
 * it), while many boards and firmware expect holes to read as zero and ignore writes. A machine
 * profile picks one ({@code unassigned = "abort"} or {@code "read-zero"}) for its physical space.
 */
public enum Unassigned {
    /** Throw {@link dynvm.microkernel.device.BusError}: the guest takes an external abort. */
    ABORT,
    /** Reads return 0, writes are dropped. */
    READ_ZERO
}
