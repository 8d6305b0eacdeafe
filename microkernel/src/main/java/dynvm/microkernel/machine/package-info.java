/**
 * Machines as data. A {@link dynvm.microkernel.machine.MachineProfile} (TOML, by name from
 * {@code /machines/NAME.toml} or by path) says what the board is; the
 * {@link dynvm.microkernel.machine.DeviceCatalog} builds its device servers with their
 * interrupts wired to the interrupt controller; {@link dynvm.microkernel.machine.BootLayout}
 * says where the boot protocol puts kernel, initrd and DTB; and
 * {@link dynvm.microkernel.machine.ProfileDeviceTree} writes the device tree the guest reads,
 * flattened by {@link dynvm.microkernel.machine.FdtWriter}.
 *
 * <p>Wiring a VM (what the translator's machine assembly does):
 * <pre>{@code
 * MachineProfile p = MachineProfile.load(machineNameOrPath);
 * Region ram = p.memory().region(dashM);                       // -m 256M, or null
 * List<BuiltDevice> board = DeviceCatalog.standard().build(p, new DeviceContext(
 *         System.out, RealTimeClock.host(), alarms, cpuLines, currentCpu, cpus, tlbFlush));
 * for (BuiltDevice d : board) for (BuiltDevice.Window w : d.windows()) space.map(w.base(), w.device());
 * BootLayout layout = BootLayout.of(p, kind, ram.size(), initrdSize);
 * byte[] dtb = ProfileDeviceTree.blob(p, new ProfileDeviceTree.Options(ram.size(), cpus, append,
 *         layout.initrd(), layout.initrd() + initrdSize));        // copy to layout.dtb()
 * }</pre>
 * A new board is a new profile (plus device types registered on a catalog), not Java in here.
 */
package dynvm.microkernel.machine;
