package dynvm.microkernel.device;

/**
 * Address space that answers but holds nothing: reads return all ones and writes are ignored.
 * That is what a PCI host bridge's memory and I/O windows do when no device claims an address
 * (QEMU's virt: 0x10000000-0x3efeffff and 0x3eff0000-0x3effffff read 0xffffffff, no abort),
 * unlike unassigned space, which aborts.
 */
public final class OpenBus implements MmioDevice {
    private final String name;
    private final int size;

    public OpenBus(String name, int size) {
        this.name = name;
        this.size = size;
    }

    @Override public String name() { return name; }

    @Override public int size() { return size; }

    @Override
    public long read(int offset, int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    @Override
    public void write(int offset, int size, long value) {
        // nothing claims the address
    }
}
