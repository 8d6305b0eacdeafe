package dynvm.microkernel.mem;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Every load and store accessor, both byte orders and all sizes, at every offset around page
 * boundaries, the end of the committed part of the window and unmapped and read-only pages,
 * against a byte-at-a-time model: the fast paths must give exactly the slow path's values and
 * faults (a guard for reshaping them, e.g. for C1's inlining limits; docs/performance.md).
 */
class FastPathTest {
    private static final int BASE = 0x10000, P = GuestMemory.PAGE_SIZE;

    /** Pages: 0 rw, 1 rw, 2 unmapped, 3 read-only, 4 rw (the last committed page). */
    private static GuestMemory memory() {
        GuestMemory m = new GuestMemory(BASE, 16 * P);
        m.setFlags(BASE, 5 * P, 0, GuestMemory.UNMAPPED);
        m.setFlags(BASE + 2 * P, P, GuestMemory.UNMAPPED, 0);
        m.setFlags(BASE + 3 * P, P, GuestMemory.NO_WRITE, 0);
        return m;
    }

    private static int pageOf(int addr) { return Math.floorDiv(addr - BASE, P); }
    private static boolean mapped(int addr) { int p = pageOf(addr); return p >= 0 && p < 5 && p != 2; }
    private static boolean writable(int addr) { return mapped(addr) && pageOf(addr) != 3; }

    private static byte value(int addr) { return (byte) (addr * 31 + 7); }

    private static long expected(int addr, int len, boolean be) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            long b = value(addr + i) & 0xff;
            v = be ? (v << 8) | b : v | (b << (8 * i));
        }
        return v;
    }

    private static long load(GuestMemory m, int addr, int len, boolean be) {
        return switch (len) {
            case 1 -> m.load8(addr);
            case 2 -> be ? m.load16be(addr) : m.load16le(addr);
            case 4 -> (be ? m.load32be(addr) : m.load32le(addr)) & 0xffffffffL;
            default -> be ? m.load64be(addr) : m.load64le(addr);
        };
    }

    private static void store(GuestMemory m, int addr, int len, boolean be, long v) {
        switch (len) {
            case 1 -> m.store8(addr, (int) v);
            case 2 -> { if (be) m.store16be(addr, (int) v); else m.store16le(addr, (int) v); }
            case 4 -> { if (be) m.store32be(addr, (int) v); else m.store32le(addr, (int) v); }
            default -> { if (be) m.store64be(addr, v); else m.store64le(addr, v); }
        }
    }

    private static int[] addresses() {
        java.util.List<Integer> a = new java.util.ArrayList<>();
        for (int page = 0; page <= 5; page++)
            for (int d = -9; d <= 9; d++) a.add(BASE + page * P + d);
        a.add(BASE + 100);
        a.add(BASE + P + 1234);
        return a.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void loadsMatchTheByteModel() {
        GuestMemory m = memory();
        for (int a = BASE; a < BASE + 5 * P; a++) if (writable(a)) m.store8(a, value(a));
        // the read-only page's contents, written while it was writable
        m.setFlags(BASE + 3 * P, P, 0, GuestMemory.NO_WRITE);
        for (int a = BASE + 3 * P; a < BASE + 4 * P; a++) m.store8(a, value(a));
        m.setFlags(BASE + 3 * P, P, GuestMemory.NO_WRITE, 0);
        for (int len : new int[] {1, 2, 4, 8})
            for (boolean be : new boolean[] {true, false})
                for (int addr : addresses()) {
                    boolean ok = true;
                    int bad = 0;
                    for (int i = len - 1; i >= 0; i--) if (!mapped(addr + i)) { ok = false; bad = addr + i; }
                    String what = len + " bytes " + (be ? "be" : "le") + " at 0x" + Integer.toHexString(addr);
                    if (ok) {
                        long want = expected(addr, len, be);
                        assertEquals(want, load(m, addr, len, be), what);
                    } else {
                        int a0 = addr;
                        MemoryFault f = assertThrows(MemoryFault.class, () -> load(m, a0, len, be), what);
                        assertFalse(f.write, what);
                        if (len < 8) assertEquals(bad, f.address, what);
                    }
                }
    }

    @Test
    void storesMatchTheByteModel() {
        for (int len : new int[] {1, 2, 4, 8})
            for (boolean be : new boolean[] {true, false})
                for (int addr : addresses()) {
                    GuestMemory m = memory();
                    boolean ok = true;
                    for (int i = 0; i < len; i++) ok &= writable(addr + i);
                    long v = 0x8877665544332211L;
                    String what = len + " bytes " + (be ? "be" : "le") + " at 0x" + Integer.toHexString(addr);
                    if (ok) {
                        store(m, addr, len, be, v);
                        for (int i = 0; i < len; i++) {
                            int shift = be ? 8 * (len - 1 - i) : 8 * i;
                            assertEquals((byte) (v >>> shift), (byte) m.load8(addr + i), what + " byte " + i);
                        }
                    } else {
                        int a0 = addr;
                        MemoryFault f = assertThrows(MemoryFault.class, () -> store(m, a0, len, be, v), what);
                        assertTrue(f.write, what);
                    }
                }
    }
}
