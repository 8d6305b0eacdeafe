package dynvm.microkernel.machine;

import dynvm.microkernel.kernel.Unassigned;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A machine described as data: the reconfigurable hardware interface of the VMM. A profile names
 * the board, its CPU model and count, where RAM is and how much by default, what unassigned
 * addresses do, the device servers to build (type, registers, interrupt, parameters), the
 * generic timer's interrupts, the PSCI conduit and the boot protocol's placement rules; and every
 * fact its device tree states (compatible strings, clocks, flags) so that the DTB is generated
 * from the profile alone ({@link ProfileDeviceTree}). No ISA knowledge lives here: "arm,pl011" is
 * a string in a TOML file.
 *
 * <p>{@link #load(String)} takes a name, found as {@code /machines/NAME.toml} on the class path
 * ({@code virt} ships), or a path to a TOML file. Errors are {@link ProfileError}s, one line each.
 *
 * @param unassigned what an access to an address with nothing mapped does: the policy of the
 *     machine's physical space
 * @param timer the generic timer's device-tree node, or null for a board without one
 * @param psci the PSCI firmware interface, or null for a board without it
 */
public record MachineProfile(
        String name,
        String description,
        String source,
        Map<String, Object> rootDt,
        String interruptParent,
        String console,
        Unassigned unassigned,
        Cpu cpu,
        Memory memory,
        Interrupts interrupts,
        Timer timer,
        Psci psci,
        Boot boot,
        List<Node> nodes,
        List<DeviceSpec> devices) {

    /** @param smpEnableMethod the cpu nodes' enable-method when there are several CPUs, or null */
    public record Cpu(String model, String compatible, int count, String smpEnableMethod) { }

    public record Memory(long base, long defaultSize) {
        /** The RAM region for a {@code -m} override (null for the default). */
        public Region region(String override) {
            return new Region(base, override == null ? defaultSize : MemorySize.parse(override));
        }
    }

    /** How interrupt specifiers are written for this board's interrupt controller (three cells). */
    public record Interrupts(int spiType, int ppiType, int levelHigh, int ppiCpuMaskShift) {
        /** Flags cell of a PPI delivered to all of {@code cpus}. */
        public int ppiFlags(int cpus) {
            return levelHigh | (((1 << cpus) - 1) << ppiCpuMaskShift);
        }
    }

    /** @param ppis PPI numbers: secure physical, non-secure physical, virtual, hypervisor timer */
    public record Timer(List<String> compatible, List<Integer> ppis, Map<String, Object> dt) { }

    public record Psci(List<String> compatible, String method, Map<String, Object> dt) { }

    /**
     * Boot protocol rules, as QEMU applies them on this board.
     *
     * @param firmwareDevice device whose first bank takes a firmware image
     * @param firmwareDtb where the DTB goes when booting firmware ("ram-start")
     * @param elfDtb where the DTB goes for an ELF kernel that leaves RAM's start free ("ram-start")
     * @param elfDtbCovered the DTB's physical address when an ELF kernel covers RAM's start
     * @param kernelOffset load offset of a raw kernel image from RAM base
     * @param initrdOffsetMax an initrd goes at RAM base + min(RAM / 2, this)
     * @param dtbAlign a raw kernel's DTB goes after the initrd, aligned to this
     * @param dtbSize the blob's total size, free space included (0: no free space)
     */
    public record Boot(String firmwareDevice, String firmwareDtb, String elfDtb, long elfDtbCovered, long kernelOffset,
                       long initrdOffsetMax, long dtbAlign, long dtbSize) { }

    /** A device-tree node with no device server (a fixed clock, gpio-keys), and its children. */
    public record Node(String name, Map<String, Object> dt, List<Node> children) { }

    /** Loads a profile by name (class path {@code /machines/NAME.toml}) or by file path, checking device types against the standard catalog. */
    public static MachineProfile load(String nameOrPath) {
        return load(nameOrPath, DeviceCatalog.standard());
    }

    /** As {@link #load(String)}, checking device types against {@code catalog}. */
    public static MachineProfile load(String nameOrPath, DeviceCatalog catalog) {
        Path path = Path.of(nameOrPath);
        if (!nameOrPath.contains("/") && !nameOrPath.endsWith(".toml")) {
            String resource = "/machines/" + nameOrPath + ".toml";
            try (InputStream in = MachineProfile.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ProfileError(nameOrPath, 0, "no such machine (no " + resource
                            + " on the class path, and not a path to a .toml file)");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, catalog);
            } catch (IOException e) {
                throw new ProfileError(resource, 0, e.getMessage());
            }
        }
        try {
            return parse(Files.readString(path), path.toString(), catalog);
        } catch (IOException e) {
            throw new ProfileError(path.toString(), 0, "cannot read: " + e);
        }
    }

    /** Parses profile text; {@code source} names it in errors. */
    public static MachineProfile parse(String toml, String source, DeviceCatalog catalog) {
        return new ProfileParser(source, catalog).parse(toml);
    }

    /** The device named {@code name}. */
    public Optional<DeviceSpec> device(String deviceName) {
        return devices.stream().filter(d -> d.name().equals(deviceName)).findFirst();
    }
}
