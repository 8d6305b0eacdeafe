package dynvm.microkernel.device;

/**
 * The interrupt controller's outputs to the processors: one IRQ request line per CPU. The machine
 * binds it to whatever wakes a vCPU and makes it take the exception at its next interrupt window
 * (a kernel notification, a flag the engine loop polls).
 *
 * <p>Called only when a CPU's line changes level, while the controller holds its lock: the
 * implementation must not call back into the controller.
 */
@FunctionalInterface
public interface CpuLines {
    /** Drives CPU {@code cpu}'s IRQ input to {@code irq}. */
    void set(int cpu, boolean irq);
}
