package dynvm.microkernel.device;

import dynvm.microkernel.mmu.PhysicalBus;
import java.util.Arrays;

/**
 * A bank of parallel NOR flash chips speaking the Intel/Sharp CFI command set, modelled after
 * QEMU's {@code pflash_cfi01} as {@code virt} configures it: two 64 MiB banks at 0 and 0x04000000,
 * each 4 bytes wide made of two x16 chips, 256 KiB sectors. The firmware image ({@code -bios})
 * is {@link #load}ed into bank 0.
 *
 * <h2>Contents</h2>
 * Little-endian, allocated a sector at a time on first write, so an empty 64 MiB bank costs
 * nothing. A bank with no image reads as zero, which is what QEMU's pflash without a backing
 * file reads (measured: a bare-metal probe under qemu-system-arm 7.2 reads 0 at 0x0); erased
 * sectors read 0xff.
 *
 * <h2>Commands</h2>
 * Each write is a command to every chip (its low chip lane is decoded). Implemented as QEMU does:
 * read array (0xff, 0xf0, 0x00), read status (0x70), clear status (0x50), read identifier (0x90;
 * IDs are 0 on virt), CFI query (0x98), word program (0x40/0x10: the value is stored as is, not
 * ANDed), block erase (0x20 + 0xd0: the sector becomes 0xff), buffered program (0xe8, count,
 * data, 0xd0) and block lock/unlock (0x60 + 0x01/0xd0/0x2f, accepted and ignored: nothing is ever
 * locked). Operations complete at once, so status shows ready (0x80) after each; like QEMU's, the
 * status register reads 0 until the first operation. In the query, identifier and status modes a
 * read returns the byte replicated in every chip lane of the access (0x00510051 for 'Q').
 *
 * <h2>Direct access</h2>
 * In read-array mode the soft MMU may map the contents directly ({@link #backing}); the
 * {@code modeChanged} callback tells the machine when the bank enters or leaves read-array mode,
 * so it can drop such mappings.
 */
public final class CfiFlash implements MmioDevice, DirectlyMapped {
    /** Bank geometry of QEMU's virt: 64 MiB, 4 bytes wide, two x16 chips, 256 KiB sectors. */
    public static final int VIRT_BANK_SIZE = 64 << 20, VIRT_BANK_WIDTH = 4, VIRT_CHIP_WIDTH = 2,
            VIRT_SECTOR_SIZE = 256 << 10;

    static final int STATUS_READY = 0x80;

    private enum Mode { READ_ARRAY, STATUS, IDENTIFIER, QUERY }

    private final String name;
    private final int size;
    private final int bankWidth;
    private final int chipWidth;
    private final int sectorSize;
    private final int[] ids;
    private final CfiQueryTable query;
    private final Runnable modeChanged;
    private final byte[][] sectors;

    private Mode mode = Mode.READ_ARRAY;
    private int pendingCommand;   // the first cycle of a two-cycle command, or 0
    private int bufferRemaining;  // words still expected by a buffered program, then -1 for the confirm
    private int status;

    /**
     * @param size bank size in bytes, a multiple of {@code sectorSize}
     * @param bankWidth bytes per bank access (the bus width: 4 on virt)
     * @param chipWidth bytes per chip (2 for x16 chips); {@code bankWidth / chipWidth} chips in parallel
     * @param sectorSize erase block size of the bank (all chips together)
     * @param ids manufacturer and device identifiers read in identifier mode (QEMU's virt: 0, 0)
     * @param modeChanged called when read-array mode is entered or left
     */
    public CfiFlash(String name, int size, int bankWidth, int chipWidth, int sectorSize, int[] ids,
                    Runnable modeChanged) {
        if (size % sectorSize != 0 || bankWidth % chipWidth != 0) {
            throw new IllegalArgumentException("flash geometry: size " + size + " sector " + sectorSize
                    + " width " + bankWidth + "/" + chipWidth);
        }
        this.name = name;
        this.size = size;
        this.bankWidth = bankWidth;
        this.chipWidth = chipWidth;
        this.sectorSize = sectorSize;
        this.ids = ids.clone();
        int chips = bankWidth / chipWidth;
        this.query = new CfiQueryTable((long) size / chips, sectorSize / chips, size / sectorSize);
        this.modeChanged = modeChanged;
        this.sectors = new byte[size / sectorSize][];
    }

    /** One bank as QEMU's virt has it. */
    public static CfiFlash virtBank(String name, Runnable modeChanged) {
        return new CfiFlash(name, VIRT_BANK_SIZE, VIRT_BANK_WIDTH, VIRT_CHIP_WIDTH, VIRT_SECTOR_SIZE,
                new int[] {0, 0}, modeChanged);
    }

    @Override public String name() { return name; }

    @Override public int size() { return size; }

    /** Copies {@code image} into the bank at {@code offset} (a firmware image, before the guest runs). */
    public synchronized void load(byte[] image, int offset) {
        if (offset < 0 || (long) offset + image.length > size) {
            throw new IllegalArgumentException(String.format(
                    "%s: image of %d bytes at 0x%x does not fit the %d MiB bank", name, image.length, offset, size >> 20));
        }
        for (int done = 0; done < image.length; ) {
            int at = offset + done;
            int n = Math.min(image.length - done, sectorSize - at % sectorSize);
            System.arraycopy(image, done, sector(at), at % sectorSize, n);
            done += n;
        }
    }

    /**
     * Direct read access to the page at {@code offset} while the bank is in read-array mode (null
     * otherwise): the page's sector array, never writable, since writes are commands.
     */
    @Override
    public synchronized PhysicalBus.Backing backing(int offset) {
        if (mode != Mode.READ_ARRAY || offset < 0 || offset >= size) {
            return null;
        }
        return new PhysicalBus.Backing(sector(offset), offset % sectorSize & ~0xfff, false);
    }

    @Override
    public synchronized long read(int offset, int size) {
        return switch (mode) {
            case READ_ARRAY -> readArray(offset, size);
            case STATUS -> replicate(status, size);
            case IDENTIFIER -> {
                int index = offset / bankWidth;
                yield replicate(index < ids.length ? ids[index] : 0, size);
            }
            case QUERY -> replicate(query.at(offset / bankWidth), size);
        };
    }

    @Override
    public synchronized void write(int offset, int size, long value) {
        Mode before = mode;
        int command = (int) value & 0xff;
        if (bufferRemaining > 0) {
            store(offset, size, value);
            bufferRemaining--;
            if (bufferRemaining == 0) {
                bufferRemaining = -1; // now the confirm
            }
        } else if (bufferRemaining < 0) {
            bufferRemaining = 0;
            finishOrAbort(command == 0xd0);
        } else if (pendingCommand != 0) {
            secondCycle(offset, size, value, command);
        } else {
            firstCycle(command);
        }
        if ((before == Mode.READ_ARRAY) != (mode == Mode.READ_ARRAY)) {
            modeChanged.run();
        }
    }

    private void firstCycle(int command) {
        switch (command) {
            case 0x10, 0x40, 0x20, 0x60 -> { pendingCommand = command; mode = Mode.STATUS; }
            case 0xe8 -> { pendingCommand = command; status |= STATUS_READY; mode = Mode.STATUS; }
            case 0x50 -> { status = 0; mode = Mode.READ_ARRAY; }
            case 0x70 -> mode = Mode.STATUS;
            case 0x90 -> mode = Mode.IDENTIFIER;
            case 0x98 -> mode = Mode.QUERY;
            default -> mode = Mode.READ_ARRAY; // 0xff, 0xf0, 0x00 and unknown commands
        }
    }

    private void secondCycle(int offset, int size, long value, int command) {
        int first = pendingCommand;
        pendingCommand = 0;
        switch (first) {
            case 0x10, 0x40 -> { store(offset, size, value); finishOrAbort(true); }
            case 0x20 -> {
                if (command == 0xd0) {
                    erase(offset);
                }
                finishOrAbort(command == 0xd0);
            }
            case 0x60 -> finishOrAbort(command == 0x01 || command == 0xd0 || command == 0x2f);
            default -> { // 0xe8: the word count, minus one, in each chip lane
                bufferRemaining = (int) (value & ((1L << (8 * chipWidth)) - 1)) + 1;
                mode = Mode.STATUS;
            }
        }
    }

    /** An operation completes at once (status ready) or, for a bad second cycle, returns to read array. */
    private void finishOrAbort(boolean ok) {
        if (ok) {
            status |= STATUS_READY;
            mode = Mode.STATUS;
        } else {
            mode = Mode.READ_ARRAY;
        }
    }

    private long replicate(int value, int accessSize) {
        int lanes = Math.max(1, accessSize / chipWidth);
        int laneBits = Math.min(accessSize, chipWidth) * 8;
        long result = 0;
        for (int i = 0; i < lanes; i++) {
            result |= (long) (value & 0xff) << (i * laneBits);
        }
        return result;
    }

    private long readArray(int offset, int accessSize) {
        long value = 0;
        for (int i = accessSize - 1; i >= 0; i--) {
            byte[] sector = sectors[(offset + i) / sectorSize];
            value = (value << 8) | (sector == null ? 0 : sector[(offset + i) % sectorSize] & 0xff);
        }
        return value;
    }

    private void store(int offset, int accessSize, long value) {
        for (int i = 0; i < accessSize; i++) {
            sector(offset + i)[(offset + i) % sectorSize] = (byte) (value >>> (8 * i));
        }
    }

    private void erase(int offset) {
        Arrays.fill(sector(offset), (byte) 0xff);
    }

    private byte[] sector(int offset) {
        int index = offset / sectorSize;
        if (sectors[index] == null) {
            sectors[index] = new byte[sectorSize];
        }
        return sectors[index];
    }
}
