package dynvm.microkernel.machine;

import dynvm.microkernel.device.AlarmService;
import dynvm.microkernel.device.CpuLines;
import dynvm.microkernel.device.RealTimeClock;
import java.io.OutputStream;
import java.util.function.IntSupplier;

/**
 * What the host and the kernel give the device servers of one VM: the machine binds these to
 * its kernel objects (notifications, timer service, vCPU threads) and {@link DeviceCatalog}
 * hands them to each factory. One context per VM; nothing is shared between VMs.
 *
 * @param console the serial console's output (the profile's {@code console} device gets it)
 * @param clock wall time for real-time clocks
 * @param alarms one-shot timers for devices
 * @param cpuLines the interrupt controller's IRQ output to each vCPU
 * @param currentCpu index of the vCPU making the current access (banked registers)
 * @param cpuCount number of vCPUs
 * @param directMappingsChanged called when a device's directly mappable contents change mode
 *        (a flash bank leaving read-array mode): the soft MMU must drop its mappings of it
 */
public record DeviceContext(OutputStream console, RealTimeClock clock, AlarmService alarms,
                            CpuLines cpuLines, IntSupplier currentCpu, int cpuCount,
                            Runnable directMappingsChanged) {

    /** A context for tests and tools: console to {@code out}, host clock, no alarms, one CPU, lines ignored. */
    public static DeviceContext simple(OutputStream out) {
        return new DeviceContext(out, RealTimeClock.host(), AlarmService.NONE, (c, l) -> { }, () -> 0, 1, () -> { });
    }
}
