package dynvm.translator.exec;

import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.MemoryPort;
import java.util.function.IntSupplier;

/**
 * A fetch port that sees only {@code [lo, hi)} of another port; beyond it behaves as unmapped, so
 * a block decoded from a snippet ends with the snippet's code. {@code hi} is read at every access
 * (a harness may load code of another length between runs).
 */
public final class BoundedFetch implements MemoryPort {
    private final MemoryPort m;
    private final int lo;
    private final IntSupplier hi;

    public BoundedFetch(MemoryPort m, int lo, IntSupplier hi) {
        this.m = m;
        this.lo = lo;
        this.hi = hi;
    }

    private void check(int a, int n) {
        int h = hi.getAsInt();
        if (Integer.compareUnsigned(a - lo, h - lo) >= 0 || Integer.compareUnsigned(a + n - 1 - lo, h - lo) >= 0)
            throw new MemoryFault(a, false);
    }

    @Override public int load8(int a) { check(a, 1); return m.load8(a); }
    @Override public int load16(int a) { check(a, 2); return m.load16(a); }
    @Override public int load32(int a) { check(a, 4); return m.load32(a); }
    @Override public long load64(int a) { check(a, 8); return m.load64(a); }
    @Override public void store8(int a, int v) { throw new UnsupportedOperationException("fetch port"); }
    @Override public void store16(int a, int v) { throw new UnsupportedOperationException("fetch port"); }
    @Override public void store32(int a, int v) { throw new UnsupportedOperationException("fetch port"); }
    @Override public void store64(int a, long v) { throw new UnsupportedOperationException("fetch port"); }
}
