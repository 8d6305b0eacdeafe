package dynvm.spi.sys;

/**
 * What the machine offers one vCPU's privileged model: the physical bus (for table walks), the
 * soft-MMU TLB it controls, the system counter and timers, the private interrupt inputs of the
 * interrupt controller, and the VMM's own services (hypercalls, power). Implemented by the VM over
 * microkernel primitives; ISA-neutral.
 */
public interface Platform {
    /** Index of this vCPU in its machine (0 for the first). */
    int cpuIndex();

    /** Reads {@code size} (1, 2, 4, 8) bytes of physical memory in the ISA's byte order; throws TranslationFault(EXTERNAL) off the bus. */
    long readPhysical(long pa, int size);

    /** Writes {@code size} bytes of physical memory in the ISA's byte order; throws TranslationFault(EXTERNAL) off the bus. */
    void writePhysical(long pa, int size, long value);

    /** Drops every soft-TLB entry of this vCPU (and the engine's lookups that depend on them). */
    void flushTlb();

    /** Drops the soft-TLB entries for the page of {@code va}, at every MMU index. */
    void flushTlbPage(int va);

    /** The CPU changed privilege or regime: accesses now use MMU index {@code index}. */
    void setMmuIndex(int index);

    /** The machine's system counter, in ticks of {@link #counterFrequency()} Hz (host time or instruction count). */
    long counter();

    long counterFrequency();

    /** A one-shot timer on the system counter; {@code onExpiry} runs on a timer thread. */
    Timer newTimer(Runnable onExpiry);

    interface Timer {
        /** Fires once when the counter reaches {@code deadline} (at once if it has). Re-arming replaces the deadline. */
        void arm(long deadline);

        void cancel();
    }

    /** Drives one of this vCPU's private interrupt inputs (e.g. a generic-timer PPI) of the interrupt controller. */
    void setPrivateInterrupt(int id, boolean level);

    /**
     * A para-virtual call ({@link Hypercalls}) with its arguments; returns the result, or
     * {@link Hypercalls#UNKNOWN} for a number the VMM does not serve.
     */
    long hypercall(int number, int[] args);

    /** The guest asked to power off (e.g. PSCI SYSTEM_OFF); the VM ends after this vCPU returns to it. */
    void powerOff();

    /** The guest asked for a system reset (e.g. PSCI SYSTEM_RESET). */
    void systemReset();
}
