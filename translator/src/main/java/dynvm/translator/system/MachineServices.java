package dynvm.translator.system;

import dynvm.microkernel.mmu.CodePages;
import dynvm.microkernel.mmu.PhysicalBus;
import dynvm.spi.sys.Platform;

/**
 * What a machine gives its vCPUs: the guest-physical space, the code pages its translators
 * share, the system counter and timers, the interrupt controller's private inputs, and the
 * VMM's own services (hypercalls, power). {@link VCpu} turns it into each CPU's
 * {@link Platform}; the machine assembled from a profile implements it over microkernel objects.
 */
interface MachineServices {
    PhysicalBus bus();

    CodePages codePages();

    long counter();

    long counterFrequency();

    Platform.Timer newTimer(Runnable onExpiry);

    /** Drives private interrupt {@code id} of vCPU {@code cpu} at the interrupt controller. */
    void setPrivateInterrupt(int cpu, int id, boolean level);

    /** A para-virtual call from {@code cpu} (see {@link dynvm.spi.sys.Hypercalls}). */
    long hypercall(VCpu cpu, int number, int[] args);

    /** The guest powered the machine off; {@code status} is what {@code boot} exits with. */
    void powerOff(int status);

    void systemReset();

    /** Should vCPUs stop (power off, timeout, Ctrl-A x, another vCPU's fatal error)? */
    boolean stopping();

    /** Called by a vCPU at the end of each engine slice with the instructions it retired: the icount clock and the scheduler's yield point. */
    void sliceEnded(VCpu cpu, long insns);

    /**
     * A debugged vCPU meets its debugger between slices: {@code events.checkpoint} may park the
     * vCPU thread for as long as gdb holds the machine, so the machine runs it as a blocking call.
     */
    boolean debugCheckpoint(VCpu cpu, dynvm.translator.gdb.debuggee.DebugEvents events);

    /** Has the machine started its vCPUs (and not yet ended)? */
    boolean running();

    /** A debugger wants {@code cpu} at a checkpoint: wake it from WFI. */
    void wakeUp(VCpu cpu);

    /** A vCPU waits for an interrupt (WFI): returns when one is asserted, or the machine stops. */
    void waitForInterrupt(VCpu cpu);
}
