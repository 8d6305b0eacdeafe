package dynvm.arm.sys;

import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;
import java.util.HashMap;
import java.util.Map;

/**
 * Sparse little-endian physical memory for table walks: unwritten words read as 0 (an invalid
 * descriptor), addresses at or above {@link #busEnd} are off the bus and throw
 * TranslationFault(EXTERNAL) as the platform does. Counts reads, so a test can assert that a walk
 * did not touch memory at all.
 */
final class PhysicalMemoryFake implements Vmsa.TableReader {
    private final Map<Long, Integer> words = new HashMap<>();
    private long busEnd = 1L << 40;
    int reads;

    PhysicalMemoryFake put32(long pa, int value) {
        check(pa, 4);
        words.put(pa, value);
        return this;
    }

    PhysicalMemoryFake put64(long pa, long value) {
        check(pa, 8);
        words.put(pa, (int) value);
        words.put(pa + 4, (int) (value >>> 32));
        return this;
    }

    /** Everything from {@code pa} up is off the bus. */
    PhysicalMemoryFake busEndsAt(long pa) {
        busEnd = pa;
        return this;
    }

    @Override
    public int read32(long pa) {
        check(pa, 4);
        reads++;
        if (pa >= busEnd) {
            throw new TranslationFault((int) pa, SystemCpu.READ, TranslationFault.EXTERNAL);
        }
        return words.getOrDefault(pa, 0);
    }

    @Override
    public long read64(long pa) {
        check(pa, 8);
        reads++;
        if (pa >= busEnd) {
            throw new TranslationFault((int) pa, SystemCpu.READ, TranslationFault.EXTERNAL);
        }
        return words.getOrDefault(pa, 0) & 0xffff_ffffL | (long) words.getOrDefault(pa + 4, 0) << 32;
    }

    /** The walker must only ever form aligned descriptor addresses within 40 bits. */
    private static void check(long pa, int size) {
        if ((pa & size - 1) != 0 || pa < 0 || pa >>> 40 != 0) {
            throw new AssertionError(String.format("descriptor address 0x%x is not a %d-byte aligned 40-bit address", pa, size));
        }
    }
}
