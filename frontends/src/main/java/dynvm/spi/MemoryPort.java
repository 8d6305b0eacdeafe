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
}
