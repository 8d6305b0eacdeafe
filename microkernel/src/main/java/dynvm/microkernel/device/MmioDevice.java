package dynvm.microkernel.device;

/**
 * A device server's register window on the physical bus: the machine maps it at a base address
 * and forwards every access inside it (the soft MMU's slow path), offset from that base. Values
 * are register values, not bytes: the bus does no byte swapping for accesses of the register's
 * own size.
 *
 * <p>Accesses come from vCPU threads (one at a time per device: the machine serialises them), so
 * a device that also changes state from a host thread (a UART's input, a timer) synchronises itself.
 */
public interface MmioDevice {
    /** Short name for traces ("pl011"). */
    String name();

    /** Size of the register window in bytes. */
    int size();

    /** Reads {@code size} (1, 2, 4 or 8) bytes at {@code offset}; throws {@link BusError} for an access the device answers with an external abort. */
    long read(int offset, int size);

    /** Writes {@code size} bytes at {@code offset}; throws {@link BusError} like {@link #read}. */
    void write(int offset, int size, long value);
}
