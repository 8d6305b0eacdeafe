package dynvm.translator.exec;

import dynvm.spi.MemoryPort;

/**
 * A memory view that reads through to a base port but keeps its own writes, byte by byte. The
 * lockstep checker runs the interpreter on it, so the interpreter's run of a block has no side
 * effects and its writes can be compared with what the translated block wrote for real. A block
 * writes few bytes, so the writes are a small log scanned newest first (no boxing, no hashing).
 */
public final class OverlayMemoryPort implements MemoryPort {
    private final MemoryPort base;
    private final boolean be;
    private int[] addrs = new int[256];
    private byte[] vals = new byte[256];
    private int n;

    public OverlayMemoryPort(MemoryPort base, boolean bigEndian) {
        this.base = base;
        this.be = bigEndian;
    }

    public void clear() { n = 0; }

    /** Number of logged byte writes (later writes to the same address come later). */
    public int writeCount() { return n; }
    public int writeAddress(int i) { return addrs[i]; }
    public byte writeValue(int i) { return vals[i]; }

    /** The value the overlay holds for {@code a}: the newest logged write, else the base memory. */
    public int byteAt(int a) {
        for (int i = n - 1; i >= 0; i--) if (addrs[i] == a) return vals[i] & 0xff;
        return base.load8(a);
    }

    private long read(int a, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            long b = byteAt(a + i);
            v = be ? (v << 8) | b : v | (b << (8 * i));
        }
        return v;
    }

    private void write(int a, int len, long v) {
        // touch the base first so faults happen exactly where the real store would fault
        for (int i = 0; i < len; i++) base.load8(a + i);
        if (n + len > addrs.length) {
            addrs = java.util.Arrays.copyOf(addrs, addrs.length * 2 + len);
            vals = java.util.Arrays.copyOf(vals, addrs.length);
        }
        for (int i = 0; i < len; i++) {
            addrs[n] = a + i;
            vals[n++] = (byte) (v >>> (be ? 8 * (len - 1 - i) : 8 * i));
        }
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
