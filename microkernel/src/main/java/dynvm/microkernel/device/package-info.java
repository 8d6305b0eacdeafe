/**
 * Device servers: the emulated hardware of a system-mode VM, each one a register window
 * ({@link dynvm.microkernel.device.MmioDevice}) the machine maps on the guest-physical bus.
 *
 * <p>Devices know no ISA and no kernel object. What they need from outside is a small
 * functional interface the machine binds to the kernel's primitives:
 * {@link dynvm.microkernel.device.InterruptOutput} (an interrupt pin),
 * {@link dynvm.microkernel.device.CpuLines} (the interrupt controller's IRQ line to each vCPU),
 * {@link dynvm.microkernel.device.RealTimeClock} and {@link dynvm.microkernel.device.AlarmService}
 * (time), a plain {@link java.io.OutputStream} for a console and a {@code receive(byte)} method
 * for host input. Every device is an instance with its own state and its own lock; nothing is
 * static and mutable, so two VMs in one JVM never meet.
 *
 * <p>Behaviour follows the devices' technical reference manuals, and where the manual leaves a
 * choice, QEMU's model, because the acceptance test is the serial transcript QEMU prints: reset
 * values, IDs and odd cases were read from qemu-system-arm 7.2 with the bare-metal probes kept
 * in the test resources ({@code qemu-probes/}).
 *
 * <p>Lock order: a device's lock, then the interrupt controller's, then whatever
 * {@link dynvm.microkernel.device.CpuLines} does; none of those call back up.
 */
package dynvm.microkernel.device;
