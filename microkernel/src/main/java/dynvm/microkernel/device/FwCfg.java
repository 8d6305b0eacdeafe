package dynvm.microkernel.device;

import java.nio.charset.StandardCharsets;

/**
 * QEMU's firmware configuration interface, memory-mapped form ({@code qemu,fw-cfg-mmio}, at
 * 0x09020000 on virt; QEMU's docs/specs/fw_cfg.rst), with only the items every probe reads: the
 * signature "QEMU" (item 0x0000), the feature ID (0x0001: traditional interface only) and an
 * empty file directory (0x0019). Other items read as zeros.
 *
 * <p>Registers: data at 0x0 (reads of 1-8 bytes return the selected item's next bytes, in stream
 * order as a little-endian guest sees them in memory, so a word read of the signature gives
 * 0x554d4551), selector at 0x8 (a 16-bit big-endian write selects an item and rewinds; any other
 * access is a bus error, as QEMU aborts a word read there), DMA address at 0x10 (not offered:
 * its 8-byte read gives the "QEMU CFG" signature, writes are ignored).
 */
public final class FwCfg implements MmioDevice {
    static final int DATA = 0x0, SELECTOR = 0x8, DMA = 0x10;
    static final int SIGNATURE = 0x0000, ID = 0x0001, FILE_DIR = 0x0019;
    private static final long DMA_SIGNATURE = 0x51454d5520434647L; // "QEMU CFG"

    private int selected;
    private int position;

    @Override public String name() { return "fw-cfg"; }

    @Override public int size() { return 0x18; }

    @Override
    public synchronized long read(int offset, int size) {
        if (offset >= DATA && offset + size <= SELECTOR) {
            byte[] item = item(selected);
            long value = 0;
            for (int i = 0; i < size; i++) {
                int at = position + i;
                value |= (long) (at < item.length ? item[at] & 0xff : 0) << (8 * i);
            }
            position += size;
            return value;
        }
        if (offset == DMA && size == 8) {
            return Long.reverseBytes(DMA_SIGNATURE);
        }
        if (offset == SELECTOR && size == 2) {
            return 0;
        }
        throw new BusError(offset, "fw_cfg: " + size + "-byte read at +0x" + Integer.toHexString(offset));
    }

    @Override
    public synchronized void write(int offset, int size, long value) {
        if (offset == SELECTOR && size == 2) {
            selected = Short.reverseBytes((short) value) & 0xffff; // the selector is big-endian
            position = 0;
        } else if (offset == SELECTOR) {
            throw new BusError(offset, "fw_cfg: " + size + "-byte selector write");
        }
        // data writes were removed from the interface; DMA is not offered
    }

    private static byte[] item(int key) {
        return switch (key) {
            case SIGNATURE -> "QEMU".getBytes(StandardCharsets.US_ASCII);
            case ID -> new byte[] {1, 0, 0, 0};       // little-endian 1: traditional interface
            case FILE_DIR -> new byte[] {0, 0, 0, 0}; // big-endian count 0: no files
            default -> new byte[0];
        };
    }
}
