package dynvm.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The alternative GuestMemory rejected in DESIGN.md, kept only to measure the claim: 4 KiB pages in
 * a {@code byte[][]} with a permission byte checked on every access (what an MMU-style memory
 * does without caching the page per access site). Same window and fast-path shape as
 * {@link dynvm.microkernel.mem.GuestMemory}, so the difference is the paging.
 */
final class PagedMemory {
    static final int PAGE_SHIFT = 12, PAGE_SIZE = 1 << PAGE_SHIFT;
    static final byte READ = 1, WRITE = 2;
    private static final VarHandle BE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int base;
    private final byte[][] pages;
    private final byte[] perms;

    PagedMemory(int base, int size) {
        this.base = base;
        int n = size >>> PAGE_SHIFT;
        pages = new byte[n][PAGE_SIZE];
        perms = new byte[n];
        java.util.Arrays.fill(perms, (byte) (READ | WRITE));
    }

    int load32be(int addr) {
        int off = addr - base, p = off >>> PAGE_SHIFT, in = off & (PAGE_SIZE - 1);
        if (p < pages.length && (perms[p] & READ) != 0 && in <= PAGE_SIZE - 4) return (int) BE32.get(pages[p], in);
        return slowLoad32(addr);
    }

    void store32be(int addr, int v) {
        int off = addr - base, p = off >>> PAGE_SHIFT, in = off & (PAGE_SIZE - 1);
        if (p < pages.length && (perms[p] & WRITE) != 0 && in <= PAGE_SIZE - 4) { BE32.set(pages[p], in, v); return; }
        slowStore32(addr, v);
    }

    // a byte at a time across pages; the benchmark's accesses are aligned, so never taken there
    private int slowLoad32(int addr) {
        int v = 0;
        for (int i = 0; i < 4; i++) v = v << 8 | load8(addr + i);
        return v;
    }

    private void slowStore32(int addr, int v) {
        for (int i = 0; i < 4; i++) store8(addr + i, v >>> (24 - 8 * i));
    }

    private int load8(int addr) {
        int off = addr - base, p = off >>> PAGE_SHIFT;
        if (p >= pages.length || (perms[p] & READ) == 0) throw new IllegalStateException("fault at " + Integer.toHexString(addr));
        return pages[p][off & (PAGE_SIZE - 1)] & 0xff;
    }

    private void store8(int addr, int v) {
        int off = addr - base, p = off >>> PAGE_SHIFT;
        if (p >= pages.length || (perms[p] & WRITE) == 0) throw new IllegalStateException("fault at " + Integer.toHexString(addr));
        pages[p][off & (PAGE_SIZE - 1)] = (byte) v;
    }
}
