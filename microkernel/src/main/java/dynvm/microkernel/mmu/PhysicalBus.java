package dynvm.microkernel.mmu;

/**
 * A guest-physical address space as the soft MMU sees it: pages it may access directly (RAM, and
 * ROM for reads) and everything else, reached one access at a time (device windows, unassigned
 * space). The microkernel's address spaces implement it; the soft MMU asks it only on a TLB fill
 * and on its slow path, never per access.
 */
public interface PhysicalBus {
    /**
     * Direct-access backing of the 4 KiB page at {@code pagePa}: a byte array and the offset of
     * the page's first byte in it, or null when the page is not memory (a device, or unassigned).
     */
    Backing backing(long pagePa);

    /** @param writable false for ROM: stores go to {@link #write}, which decides (ignore, or a device's command mode) */
    record Backing(byte[] array, int offset, boolean writable) { }

    /**
     * Reads {@code size} (1, 2, 4 or 8) bytes at {@code pa} from a page {@link #backing} refused.
     * Device registers are values (no byte swapping). Throws
     * {@link dynvm.microkernel.device.BusError} where nothing answers and the machine says such
     * accesses abort.
     */
    long read(long pa, int size);

    /** Writes like {@link #read}. */
    void write(long pa, int size, long value);
}
