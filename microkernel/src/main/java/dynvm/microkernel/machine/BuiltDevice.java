package dynvm.microkernel.machine;

import dynvm.microkernel.device.InterruptOutput;
import dynvm.microkernel.device.MmioDevice;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A device server built from a profile entry: the server object itself (for the machine to reach
 * its host-side API: a UART's {@code receive}, a flash's {@code load}), the register windows to
 * map, and, for an interrupt controller, its inputs by SPI number.
 */
public record BuiltDevice(DeviceSpec spec, Object server, List<Window> windows, IntFunction<InterruptOutput> interruptInputs) {

    /** A register window and the guest-physical address it is mapped at. */
    public record Window(long base, MmioDevice device) { }

    public boolean isInterruptController() {
        return interruptInputs != null;
    }
}
