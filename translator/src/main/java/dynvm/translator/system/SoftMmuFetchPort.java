package dynvm.translator.system;

import dynvm.microkernel.mmu.SoftMmu;
import dynvm.spi.MemoryPort;

/** Instruction fetch through a vCPU's soft MMU: execute permission, faults as prefetch aborts. */
final class SoftMmuFetchPort implements MemoryPort {
    private final SoftMmu m;
    private final boolean be;

    SoftMmuFetchPort(SoftMmu m, boolean bigEndian) {
        this.m = m;
        this.be = bigEndian;
    }

    @Override public int load8(int a) { return m.fetch(a, 1, be); }
    @Override public int load16(int a) { return m.fetch(a, 2, be); }
    @Override public int load32(int a) { return m.fetch(a, 4, be); }
    @Override public long load64(int a) {
        long hi = load32(be ? a : a + 4) & 0xffffffffL, lo = load32(be ? a + 4 : a) & 0xffffffffL;
        return hi << 32 | lo;
    }
    @Override public void store8(int a, int v) { throw new UnsupportedOperationException("instruction fetch port"); }
    @Override public void store16(int a, int v) { throw new UnsupportedOperationException("instruction fetch port"); }
    @Override public void store32(int a, int v) { throw new UnsupportedOperationException("instruction fetch port"); }
    @Override public void store64(int a, long v) { throw new UnsupportedOperationException("instruction fetch port"); }
}
