package dynvm.microkernel.device;

/**
 * The eight identification registers every AMBA PrimeCell peripheral has at 0xfe0-0xffc:
 * PeriphID0-3 (part number, designer, revision) then PCellID0-3 (the fixed 0x0d 0xf0 0x05 0xb1
 * preamble). Each is a word register holding one byte. Drivers (Linux's amba bus) read them to
 * match the device to a driver, so the values are those the TRM gives and QEMU reports.
 */
public final class PrimeCellId {
    /** First ID register (PeriphID0). */
    public static final int BASE = 0xfe0;
    /** One past the last ID register (PCellID3 at 0xffc). */
    public static final int END = 0x1000;

    private final byte[] id;

    /** @param id the 8 byte values PeriphID0..3, PCellID0..3 */
    public PrimeCellId(int... id) {
        if (id.length != 8) {
            throw new IllegalArgumentException("a PrimeCell has 8 ID registers, got " + id.length);
        }
        this.id = new byte[8];
        for (int i = 0; i < 8; i++) {
            this.id[i] = (byte) id[i];
        }
    }

    /** True when the aligned word offset is one of the ID registers. */
    public boolean covers(int wordOffset) {
        return wordOffset >= BASE && wordOffset < END;
    }

    /** The ID register at an aligned word offset inside [{@link #BASE}, {@link #END}). */
    public int read(int wordOffset) {
        return id[(wordOffset - BASE) >> 2] & 0xff;
    }
}
