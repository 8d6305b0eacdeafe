package dynvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.microkernel.mem.GuestMemory;
import org.junit.jupiter.api.Test;

/** The paged comparison memory stores what GuestMemory stores, so the benchmark compares like with like. */
class PagedMemoryTest {
    @Test
    void agreesWithGuestMemoryIncludingAcrossPages() {
        int base = 0x10000000, size = 4 * PagedMemory.PAGE_SIZE;
        GuestMemory flat = new GuestMemory(base, size);
        flat.setFlags(base, size, 0, GuestMemory.UNMAPPED);
        PagedMemory paged = new PagedMemory(base, size);
        int[] addrs = {base, base + 0x123c, base + PagedMemory.PAGE_SIZE - 2, base + 2 * PagedMemory.PAGE_SIZE - 1, base + size - 4};
        for (int a : addrs) {
            paged.store32be(a, 0x11223344 ^ a);
            flat.store32be(a, 0x11223344 ^ a);
        }
        for (int a : addrs) {
            assertEquals(flat.load32be(a), paged.load32be(a));
            assertEquals(0x11223344 ^ a, paged.load32be(a));
        }
        assertEquals(flat.load32be(base + PagedMemory.PAGE_SIZE - 1), paged.load32be(base + PagedMemory.PAGE_SIZE - 1));
    }
}
