package dynvm.spi;

/**
 * Architectural state of one virtual CPU, ISA-neutral. The front-end's {@link RegisterFile}
 * says which slot of {@link #r} (32-bit registers) or {@link #d} (64-bit registers) holds which
 * guest register. Translated blocks load registers into JVM locals at entry and write them back
 * at every exit, so between blocks this object is the exact guest state.
 */
public final class CpuState {
    public int pc;
    public final int[] r;
    public final long[] d;
    /** Guest memory, for helpers and the interpreter. */
    public MemoryPort mem;
    /** Guest instructions retired (approximate inside a faulting block). */
    public long insnCount;
    /** Back-edge budget: translated loops exit to the dispatcher when it runs out. */
    public int budget;
    /**
     * Set from another thread when a signal is posted: engines return to the VM at their next
     * cheap check point (a loop running out of budget, the end of a dispatch slice).
     */
    public volatile boolean interrupt;
    /** Operands of the service call a block exited with (see Terminal.ServiceCall). */
    public final int[] serviceArgs = new int[6];
    /** Front-end private extra state (e.g. a reservation for lwarx/stwcx.), or null. */
    public Object isaState;
    /** The translator's plugin hooks of this run (reached by instrumentation helpers), or null; front-ends leave it alone. */
    public Object instrumentation;

    public CpuState(RegisterFile rf) {
        this.r = new int[rf.count32()];
        this.d = new long[rf.count64()];
    }

    /** Copies all register values (not memory) from another state of the same register file. */
    public void copyFrom(CpuState o) {
        pc = o.pc;
        System.arraycopy(o.r, 0, r, 0, r.length);
        System.arraycopy(o.d, 0, d, 0, d.length);
    }
}
