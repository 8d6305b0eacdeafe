package dynvm.microkernel.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dynvm.microkernel.mmu.PhysicalBus;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Expected values are what a bare-metal probe read from qemu-system-arm 7.2's virt flash. */
class CfiFlashTest {
    private final AtomicInteger modeChanges = new AtomicInteger();
    private final CfiFlash flash = CfiFlash.virtBank("flash0", modeChanges::incrementAndGet);

    @Test
    void blankBankReadsZeroLikeQemuWithoutBackingFile() {
        assertEquals(0, flash.read(0, 4));
        assertEquals(0, flash.read(CfiFlash.VIRT_BANK_SIZE - 4, 4));
    }

    @Test
    void loadedImageIsReadLittleEndian() {
        flash.load(new byte[] {0x78, 0x56, 0x34, 0x12, (byte) 0xaa}, 0x3fffe);
        assertEquals(0x5678, flash.read(0x3fffe, 2));
        assertEquals(0x12345678, flash.read(0x3fffe, 4), "across a sector boundary");
        assertEquals(0xaa, flash.read(0x40002, 1));
        assertThrows(IllegalArgumentException.class, () -> flash.load(new byte[8], CfiFlash.VIRT_BANK_SIZE - 4));
    }

    @Test
    void cfiQueryAsQemuPresentsIt() {
        flash.write(0, 4, 0x00980098);
        int[][] expected = {
            {0x10, 0x51}, {0x11, 0x52}, {0x12, 0x59}, {0x13, 0x01}, {0x15, 0x31}, {0x1b, 0x45},
            {0x1c, 0x55}, {0x1f, 0x07}, {0x20, 0x07}, {0x21, 0x0a}, {0x23, 0x04}, {0x24, 0x04},
            {0x25, 0x04}, {0x27, 0x19}, {0x28, 0x02}, {0x2a, 0x0b}, {0x2c, 0x01}, {0x2d, 0xff},
            {0x2e, 0x00}, {0x2f, 0x00}, {0x30, 0x02}, {0x31, 0x50}, {0x32, 0x52}, {0x33, 0x49},
            {0x34, 0x31}, {0x35, 0x30}, {0x3f, 0x01}, {0x40, 0x00}, {0x00, 0x00},
        };
        for (int[] e : expected) {
            long word = e[1] | ((long) e[1] << 16);
            assertEquals(word, flash.read(e[0] * 4, 4), "query 0x" + Integer.toHexString(e[0]));
        }
        assertEquals(0x51, flash.read(0x41, 1), "a byte read sees the query byte");
        flash.write(0, 4, 0xff);
        assertEquals(0, flash.read(0x40, 4), "back in read-array mode");
        assertEquals(2, modeChanges.get());
    }

    @Test
    void programAndEraseAsQemuDoes() {
        assertEquals(0, readStatusAfter(0x00700070), "status reads 0 before any operation");
        flash.write(0, 4, 0xff);
        flash.write(0x100, 4, 0x00400040);
        flash.write(0x100, 4, 0x12345678);
        assertEquals(0x00800080, flash.read(0x100, 4));
        flash.write(0, 4, 0x00ff00ff);
        assertEquals(0x12345678, flash.read(0x100, 4), "stored as is");

        flash.write(0x100, 4, 0x00200020);
        flash.write(0x100, 4, 0x00d000d0);
        assertEquals(0x00800080, flash.read(0x100, 4));
        flash.write(0, 4, 0x00ff00ff);
        assertEquals(0xffffffffL, flash.read(0x100, 4));
        assertEquals(0xffffffffL, flash.read(0, 4), "the whole 256 KiB sector");
        assertEquals(0, flash.read(CfiFlash.VIRT_SECTOR_SIZE, 4), "the next sector untouched");
    }

    @Test
    void bufferedProgramAsUbootIssuesIt() {
        flash.write(0x1000, 4, 0x00e800e8);
        assertEquals(0x00800080, flash.read(0x1000, 4), "buffer available");
        flash.write(0x1000, 4, 0x00010001); // two words
        flash.write(0x1000, 4, 0xdeadbeefL);
        flash.write(0x1004, 4, 0xcafef00dL);
        flash.write(0x1000, 4, 0x00d000d0);
        assertEquals(0x00800080, flash.read(0x1000, 4));
        flash.write(0, 4, 0xff);
        assertEquals(0xdeadbeefL, flash.read(0x1000, 4));
        assertEquals(0xcafef00dL, flash.read(0x1004, 4));
    }

    @Test
    void identifierModeAndClearStatus() {
        assertEquals(0, readStatusAfter(0x00900090));
        flash.write(0, 4, 0x00500050);
        assertEquals(0, flash.read(0, 4));
    }

    @Test
    void directBackingOnlyInReadArrayMode() {
        flash.load(new byte[] {1, 2, 3, 4}, 0x2000);
        PhysicalBus.Backing b = flash.backing(0x2000);
        assertNotNull(b);
        assertEquals(1, b.array()[b.offset()]);
        flash.write(0, 4, 0x98);
        assertNull(flash.backing(0x2000));
    }

    private long readStatusAfter(long command) {
        flash.write(0, 4, command);
        return flash.read(0, 4);
    }
}
