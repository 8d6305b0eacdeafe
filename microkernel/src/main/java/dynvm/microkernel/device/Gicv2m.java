package dynvm.microkernel.device;

import java.util.function.IntFunction;

/**
 * A GICv2m MSI frame (ARM Server Base System Architecture, appendix E), as QEMU's virt puts one
 * at 0x08020000 beside the GIC: MSI_TYPER tells which SPIs the frame owns (on virt 64 from
 * interrupt ID 80, reading 0x00500040) and a write of an interrupt ID to MSI_SETSPI_NS raises
 * that SPI as an edge. Other registers read zero.
 */
public final class Gicv2m implements MmioDevice {
    static final int MSI_TYPER = 0x008, MSI_SETSPI_NS = 0x040;

    private final int firstId;
    private final int count;
    private final IntFunction<InterruptOutput> spis;

    /**
     * @param firstId interrupt ID of the frame's first SPI (80 on virt)
     * @param count number of SPIs (64 on virt)
     * @param spis the interrupt controller's SPI inputs by SPI number (ID - 32)
     */
    public Gicv2m(int firstId, int count, IntFunction<InterruptOutput> spis) {
        this.firstId = firstId;
        this.count = count;
        this.spis = spis;
    }

    @Override public String name() { return "gic-v2m"; }

    @Override public int size() { return 0x1000; }

    @Override
    public long read(int offset, int size) {
        int value = RegisterWindow.wordOffset(offset) == MSI_TYPER ? (firstId << 16) | count : 0;
        return RegisterWindow.extract(value, offset, size);
    }

    @Override
    public void write(int offset, int size, long value) {
        int id = RegisterWindow.writeValue(value, size) & 0x3ff;
        if (RegisterWindow.wordOffset(offset) == MSI_SETSPI_NS && id >= firstId && id < firstId + count) {
            InterruptOutput spi = spis.apply(id - 32);
            spi.set(true); // a message is an edge
            spi.set(false);
        }
    }
}
