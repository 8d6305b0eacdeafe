package dynvm.spi;

/**
 * Guest memory as seen by helpers and the interpreter, in the ISA's byte order. Accesses that
 * fault throw the VM's fault exception; they never return garbage.
 */
public interface MemoryPort {
    int load8(int addr);
    int load16(int addr);
    int load32(int addr);
    long load64(int addr);
    void store8(int addr, int v);
    void store16(int addr, int v);
    void store32(int addr, int v);
    void store64(int addr, long v);

    /**
     * Stores {@code update} ({@code size} = 1, 2, 4 or 8 bytes) if memory holds {@code expect}
     * there: the store-conditional of exclusive pairs. Guest memory makes it atomic across guest
     * threads; this default (load, compare, store) is for single-threaded ports.
     */
    default boolean compareAndSet(int addr, int size, long expect, long update) {
        long m = size == 8 ? -1L : (1L << (8 * size)) - 1;
        long cur = switch (size) {
            case 1 -> load8(addr);
            case 2 -> load16(addr);
            case 4 -> load32(addr) & 0xffffffffL;
            default -> load64(addr);
        };
        if ((cur & m) != (expect & m)) return false;
        switch (size) {
            case 1 -> store8(addr, (int) update);
            case 2 -> store16(addr, (int) update);
            case 4 -> store32(addr, (int) update);
            default -> store64(addr, update);
        }
        return true;
    }
}
