package dynvm.arm.thumb;

import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.MemoryPort;

/**
 * Decoder tests' code memory: little-endian halfwords at {@link #BASE}; any other (or odd) fetch
 * faults like unmapped memory, and data accesses are not expected.
 */
record ThumbCode(int... hws) implements MemoryPort {
    public static final int BASE = 0x8000;

    private int at(int a) {
        int i = (a - BASE) / 2;
        if (a < BASE || i >= hws.length || (a & 1) != 0) throw new MemoryFault(a, false);
        return hws[i] & 0xffff;
    }

    @Override public int load8(int a) { throw new UnsupportedOperationException(); }
    @Override public int load16(int a) { return at(a); }
    @Override public int load32(int a) { return at(a) | at(a + 2) << 16; }
    @Override public long load64(int a) { throw new UnsupportedOperationException(); }
    @Override public void store8(int a, int v) { throw new UnsupportedOperationException(); }
    @Override public void store16(int a, int v) { throw new UnsupportedOperationException(); }
    @Override public void store32(int a, int v) { throw new UnsupportedOperationException(); }
    @Override public void store64(int a, long v) { throw new UnsupportedOperationException(); }
}
