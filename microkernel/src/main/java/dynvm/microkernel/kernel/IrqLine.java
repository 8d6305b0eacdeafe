package dynvm.microkernel.kernel;

/**
 * One interrupt wire, driven by a device and listened to by whatever is at its other end: an
 * interrupt controller's input, a vCPU's IRQ/FIQ input, or a {@link Notification} bit through an
 * {@link IrqBinding}. Lines are levels: a device holds its line high while it has something to
 * say and lowers it when the guest acknowledged the cause; an edge is a raise followed by a lower.
 *
 * <p>Implementations must accept calls from any thread (a vCPU's MMIO access, the timer thread,
 * a host I/O thread) and must not block.
 */
@FunctionalInterface
public interface IrqLine {
    void set(boolean level);

    default void raise() { set(true); }

    default void lower() { set(false); }

    /** An edge: raise, then lower. */
    default void pulse() {
        set(true);
        set(false);
    }

    /** A line nothing listens to (an unconnected output). */
    IrqLine NONE = level -> { };
}
