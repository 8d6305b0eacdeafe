package dynvm.microkernel.mmu;

import dynvm.microkernel.mem.CodeTracker;
import dynvm.microkernel.mem.GuestMemory;
import java.util.Arrays;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The guest-physical pages that hold translated code, for one machine: shared by its vCPUs'
 * soft MMUs. A page marked here never gets a fast-path write entry in any TLB, so every store to
 * it reaches {@link #written}, which tells the translators (the way QEMU's softmmu routes stores
 * to pages with TBs through its "not dirty" slow path).
 *
 * <p>Covers the low 4 GiB of physical space, one bit a page (128 KiB); code above that is never
 * marked and so never invalidated by stores, which no supported machine needs.
 */
public final class CodePages implements CodeTracker {
    private final long[] bits = new long[1 << 14];
    private final CopyOnWriteArrayList<GuestMemory.CodeWriteListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<SoftMmu> mmus = new CopyOnWriteArrayList<>();

    void attach(SoftMmu mmu) { mmus.add(mmu); }

    void detach(SoftMmu mmu) { mmus.remove(mmu); }

    /** Does the physical page of {@code pa} hold translated code? */
    public boolean isCode(long pa) {
        if ((pa >>> 32) != 0) return false;
        int page = (int) (pa >>> 12);
        return (bits[page >>> 6] & (1L << page)) != 0;
    }

    @Override
    public void markCode(int addr, int len) {
        if (len <= 0) return;
        long first = (addr & 0xffffffffL) >>> 12, last = ((addr & 0xffffffffL) + len - 1) >>> 12;
        for (long p = first; p <= last && p < (1L << 20); p++) {
            int page = (int) p;
            long bit = 1L << page;
            if ((bits[page >>> 6] & bit) != 0) continue;
            synchronized (this) { bits[page >>> 6] |= bit; }
            for (SoftMmu m : mmus) m.dropWriteEntries(p << 12);
        }
    }

    @Override
    public synchronized void clearCode(int addr) {
        int page = addr >>> 12;
        bits[page >>> 6] &= ~(1L << page);
    }

    /** A store reached code at {@code pa}: every translator forgets what it made from there. */
    void written(long pa, int len) {
        for (GuestMemory.CodeWriteListener l : listeners) l.codeWritten((int) pa, len);
    }

    @Override public void addCodeWriteListener(GuestMemory.CodeWriteListener l) { listeners.add(l); }

    @Override public void removeCodeWriteListener(GuestMemory.CodeWriteListener l) { listeners.remove(l); }

    /**
     * Something other than a guest store changed {@code len} bytes at physical {@code pa} (a
     * debugger wrote memory or moved a breakpoint): translations of code there are dropped, by
     * each translator at its next dispatch when it runs on another thread.
     */
    public void discard(long pa, int len) {
        if (len > 0 && (pa >>> 32) == 0) written(pa, len);
    }

    /** Forgets every mark (a machine reset). */
    public synchronized void clear() { Arrays.fill(bits, 0); }
}
