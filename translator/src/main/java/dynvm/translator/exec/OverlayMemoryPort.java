package dynvm.translator.exec;

import dynvm.spi.MemoryPort;
import java.util.Map;
import java.util.TreeMap;

/**
 * A memory view that reads through to a base port but keeps its own writes, byte by byte. The
 * lockstep checker runs the interpreter on it, so the interpreter's run of a block has no side
 * effects and its writes can be compared with what the translated block wrote for real.
 */
public final class OverlayMemoryPort implements MemoryPort {
    private final MemoryPort base;
    private final boolean be;
    private final TreeMap<Integer, Byte> written = new TreeMap<>(Integer::compareUnsigned);

    public OverlayMemoryPort(MemoryPort base, boolean bigEndian) {
        this.base = base;
        this.be = bigEndian;
    }

    public Map<Integer, Byte> writes() { return written; }
    public void clear() { written.clear(); }

    private int byteAt(int a) {
        Byte b = written.get(a);
        return b != null ? b & 0xff : base.load8(a);
    }

    private long read(int a, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            long b = byteAt(a + i);
            v = be ? (v << 8) | b : v | (b << (8 * i));
        }
        return v;
    }

    private void write(int a, int n, long v) {
        // touch the base first so faults happen exactly where the real store would fault
        for (int i = 0; i < n; i++) base.load8(a + i);
        for (int i = 0; i < n; i++) written.put(a + i, (byte) (v >>> (be ? 8 * (n - 1 - i) : 8 * i)));
    }

    @Override public int load8(int a) { return (int) read(a, 1); }
    @Override public int load16(int a) { return (int) read(a, 2); }
    @Override public int load32(int a) { return (int) read(a, 4); }
    @Override public long load64(int a) { return read(a, 8); }
    @Override public void store8(int a, int v) { write(a, 1, v); }
    @Override public void store16(int a, int v) { write(a, 2, v); }
    @Override public void store32(int a, int v) { write(a, 4, v); }
    @Override public void store64(int a, long v) { write(a, 8, v); }
}
