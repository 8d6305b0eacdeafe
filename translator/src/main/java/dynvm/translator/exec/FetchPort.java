package dynvm.translator.exec;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.MemoryPort;

/**
 * Instruction fetch: reads guest memory like the data port but faults (as an execute fault) on
 * pages mapped without PROT_EXEC, as Linux does. Front-ends fetch only 16- or 32-bit units.
 */
public final class FetchPort implements MemoryPort {
    private final GuestMemory m;
    private final boolean be;

    public FetchPort(GuestMemory m, boolean bigEndian) {
        this.m = m;
        this.be = bigEndian;
    }

    @Override public int load16(int a) { return m.fetch16(a, be); }
    @Override public int load32(int a) { return m.fetch32(a, be); }
    @Override public int load8(int a) { return (be ? m.fetch16(a & ~1, true) >>> (8 * (1 - (a & 1))) : m.fetch16(a & ~1, false) >>> (8 * (a & 1))) & 0xff; }
    @Override public long load64(int a) {
        long hi = load32(be ? a : a + 4) & 0xffffffffL, lo = load32(be ? a + 4 : a) & 0xffffffffL;
        return (hi << 32) | lo;
    }
    @Override public void store8(int a, int v) { throw new UnsupportedOperationException("instruction fetch port"); }
    @Override public void store16(int a, int v) { throw new UnsupportedOperationException("instruction fetch port"); }
    @Override public void store32(int a, int v) { throw new UnsupportedOperationException("instruction fetch port"); }
    @Override public void store64(int a, long v) { throw new UnsupportedOperationException("instruction fetch port"); }
}
