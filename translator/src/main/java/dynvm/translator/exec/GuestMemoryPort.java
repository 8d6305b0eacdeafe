package dynvm.translator.exec;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.MemoryPort;

/** {@link MemoryPort} over a {@link GuestMemory}, in one byte order. */
public final class GuestMemoryPort implements MemoryPort {
    private final GuestMemory m;
    private final boolean be;

    public GuestMemoryPort(GuestMemory m, boolean bigEndian) {
        this.m = m;
        this.be = bigEndian;
    }

    public GuestMemory memory() { return m; }
    // a debugger's read watchpoints are checked here (the interpreter and tier-0 IR come this way)
    @Override public int load8(int a) { int v = m.load8(a); if (m.watchesReads()) m.loadWatched(a, 1); return v; }
    @Override public int load16(int a) { int v = be ? m.load16be(a) : m.load16le(a); if (m.watchesReads()) m.loadWatched(a, 2); return v; }
    @Override public int load32(int a) { int v = be ? m.load32be(a) : m.load32le(a); if (m.watchesReads()) m.loadWatched(a, 4); return v; }
    @Override public long load64(int a) { long v = be ? m.load64be(a) : m.load64le(a); if (m.watchesReads()) m.loadWatched(a, 8); return v; }
    @Override public void store8(int a, int v) { m.store8(a, v); }
    @Override public void store16(int a, int v) { if (be) m.store16be(a, v); else m.store16le(a, v); }
    @Override public void store32(int a, int v) { if (be) m.store32be(a, v); else m.store32le(a, v); }
    @Override public void store64(int a, long v) { if (be) m.store64be(a, v); else m.store64le(a, v); }
    @Override public boolean compareAndSet(int a, int size, long expect, long update) { return m.compareAndSet(a, size, expect, update, be); }
}
