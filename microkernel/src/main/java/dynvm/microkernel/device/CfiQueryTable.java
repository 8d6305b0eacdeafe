package dynvm.microkernel.device;

/**
 * The Common Flash Interface query structure (JEDEC JESD68, Intel's "CFI Publication 100") of one
 * flash chip, as QEMU's {@code pflash_cfi01} presents it for an Intel/Sharp command set part:
 * "QRY", command set 0x0001 with the primary extended table at 0x31 ("PRI" 1.0), QEMU's timing
 * and voltage bytes, and the geometry (chip size, write buffer, one uniform erase region)
 * computed from the bank. Index = query address in chip words.
 */
final class CfiQueryTable {
    private final byte[] table = new byte[0x40];

    /**
     * @param chipBytes size of one chip (the bank divided by the chips in parallel)
     * @param chipSectorBytes erase block size of one chip
     */
    CfiQueryTable(long chipBytes, int chipSectorBytes, int blocks) {
        put(0x10, 'Q', 'R', 'Y');
        put(0x13, 0x01, 0x00);            // primary command set: Intel/Sharp extended
        put(0x15, 0x31, 0x00);            // its extended table's address
        put(0x1b, 0x45, 0x55);            // Vcc 4.5 V - 5.5 V
        put(0x1f, 0x07, 0x07, 0x0a, 0x00, // typical word/buffer program 2^7 us, block erase 2^10 ms, no chip erase
                0x04, 0x04, 0x04, 0x00);  // maximum timeouts: 2^4 times typical
        put(0x27, Long.numberOfTrailingZeros(chipBytes));
        put(0x28, 0x02, 0x00);            // device interface code, as QEMU writes it
        put(0x2a, 0x0b, 0x00);            // write buffer of 2^11 bytes
        put(0x2c, 0x01);                  // one erase block region, uniform
        int blocksMinusOne = blocks - 1;
        int sectorUnits = chipSectorBytes >> 8;
        put(0x2d, blocksMinusOne & 0xff, blocksMinusOne >> 8, sectorUnits & 0xff, sectorUnits >> 8);
        put(0x31, 'P', 'R', 'I', '1', '0');
        put(0x3f, 0x01);
    }

    private void put(int index, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            table[index + i] = (byte) bytes[i];
        }
    }

    /** Query byte at {@code index}; zero beyond the table. */
    int at(int index) {
        return index >= 0 && index < table.length ? table[index] & 0xff : 0;
    }
}
