package dynvm.translator.system;

import dynvm.microkernel.mmu.SoftMmu;
import dynvm.spi.MemoryPort;

/** Data accesses through a vCPU's soft MMU, in the ISA's byte order: for helpers and the interpreter. */
final class SoftMmuPort implements MemoryPort {
    private final SoftMmu m;
    private final boolean be;

    SoftMmuPort(SoftMmu m, boolean bigEndian) {
        this.m = m;
        this.be = bigEndian;
    }

    @Override public int load8(int a) { return m.load8(a); }
    @Override public int load16(int a) { return be ? m.load16be(a) : m.load16le(a); }
    @Override public int load32(int a) { return be ? m.load32be(a) : m.load32le(a); }
    @Override public long load64(int a) { return be ? m.load64be(a) : m.load64le(a); }
    @Override public void store8(int a, int v) { m.store8(a, v); }
    @Override public void store16(int a, int v) { if (be) m.store16be(a, v); else m.store16le(a, v); }
    @Override public void store32(int a, int v) { if (be) m.store32be(a, v); else m.store32le(a, v); }
    @Override public void store64(int a, long v) { if (be) m.store64be(a, v); else m.store64le(a, v); }
}
