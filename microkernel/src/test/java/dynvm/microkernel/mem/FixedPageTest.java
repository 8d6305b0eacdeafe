package dynvm.microkernel.mem;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Kernel pages at fixed addresses outside the window (ARM's 0xffff0000 vector page). */
class FixedPageTest {
    private static final int BASE = 0x10000, HIGH = 0xffff0000;

    private static byte[] page() {
        byte[] p = new byte[GuestMemory.PAGE_SIZE];
        for (int i = 0; i < p.length; i++) p[i] = (byte) i;
        return p;
    }

    @Test
    void outsideTheWindowItIsReadableAndExecutableButNotWritable() {
        GuestMemory mem = new GuestMemory(BASE, 1 << 20);
        mem.mapFixedPage(HIGH, page());
        assertEquals(0x03020100, mem.load32le(HIGH));
        assertEquals(0xfcfdfeff, mem.load32be(HIGH + 0xffc));
        assertEquals(0x0908, mem.fetch16(HIGH + 8, false));
        assertEquals(0x0c0d0e0f, mem.fetch32(HIGH + 0xc, true));
        assertEquals(0x0f0e0d0c0b0a0908L, mem.load64le(HIGH + 8));
        MemoryFault w = assertThrows(MemoryFault.class, () -> mem.store32le(HIGH + 4, 1));
        assertTrue(w.write);
        assertEquals(0x07060504, mem.load32le(HIGH + 4), "the failed store changed nothing");
        MemoryFault beyond = assertThrows(MemoryFault.class, () -> mem.load8(HIGH - 1));
        assertEquals(HIGH - 1, beyond.address);
        assertThrows(MemoryFault.class, () -> mem.fetch32(HIGH + 0x1000, false));
    }

    @Test
    void insideTheWindowItBecomesAReadOnlyExecutablePage() {
        GuestMemory mem = new GuestMemory(BASE, 1 << 20);
        mem.mapFixedPage(BASE + 0x2000, page());
        assertEquals(0x03020100, mem.fetch32(BASE + 0x2000, false));
        assertThrows(MemoryFault.class, () -> mem.store8(BASE + 0x2000, 1));
    }
}
