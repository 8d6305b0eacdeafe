package dynvm.microkernel.device;

/**
 * A device's interrupt output pin as the device sees it: a level it drives high or low. The
 * machine binds it to an input of the interrupt controller (a GIC SPI, say) or to a kernel
 * notification; the device neither knows nor cares which.
 *
 * <p>Devices call it only when the level changes, and may call it while holding their own lock,
 * so an implementation must not call back into the device that drives it.
 */
@FunctionalInterface
public interface InterruptOutput {
    /** Drives the line to {@code level} (true = asserted). */
    void set(boolean level);

    /** A line connected to nothing, for devices whose interrupt the machine does not wire. */
    InterruptOutput NONE = level -> { };
}
