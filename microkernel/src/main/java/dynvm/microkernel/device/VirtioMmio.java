package dynvm.microkernel.device;

/**
 * A virtio-mmio transport with no device behind it, as QEMU's {@code virt} creates 32 of them at
 * 0x0a000000 (stride 0x200, SPIs 16-47) whether or not {@code -device} attaches anything: the
 * identification registers of the virtio specification (4.2.2, legacy interface, which QEMU 7.2
 * presents by default) say "virt" magic, version 1, device ID 0 (none) and QEMU's vendor ID; all
 * else reads zero and writes are ignored, so a driver probes it and moves on.
 */
public final class VirtioMmio implements MmioDevice {
    static final int MAGIC_VALUE = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c;
    /** "virt" in little-endian. */
    public static final int MAGIC = 0x74726976;
    /** "QEMU", the vendor ID QEMU's transports report. */
    public static final int VENDOR_QEMU = 0x554d4551;

    @Override public String name() { return "virtio-mmio"; }

    @Override public int size() { return 0x200; }

    @Override
    public long read(int offset, int size) {
        int value = switch (RegisterWindow.wordOffset(offset)) {
            case MAGIC_VALUE -> MAGIC;
            case VERSION -> 1;
            case VENDOR_ID -> VENDOR_QEMU;
            default -> 0; // DEVICE_ID 0: no device
        };
        return RegisterWindow.extract(value, offset, size);
    }

    @Override
    public void write(int offset, int size, long value) {
        // no device: status, queue and feature writes go nowhere
    }
}
