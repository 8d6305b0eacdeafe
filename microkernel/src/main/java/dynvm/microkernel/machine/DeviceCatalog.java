package dynvm.microkernel.machine;

import dynvm.microkernel.device.CfiFlash;
import dynvm.microkernel.device.FwCfg;
import dynvm.microkernel.device.Gicv2;
import dynvm.microkernel.device.Gicv2m;
import dynvm.microkernel.device.InterruptOutput;
import dynvm.microkernel.device.OpenBus;
import dynvm.microkernel.device.Pl011;
import dynvm.microkernel.device.Pl031;
import dynvm.microkernel.device.Pl061;
import dynvm.microkernel.device.VirtioMmio;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Device types by name, each with the factory that builds its server from a profile entry. The
 * standard catalog has {@code pl011}, {@code pl031}, {@code pl061}, {@code gic-v2},
 * {@code gic-v2m}, {@code cfi-flash}, {@code virtio-mmio}, {@code fw-cfg} and {@code open-bus}; a
 * board adds a type with {@link #register} (on its own catalog instance: catalogs are per VM or
 * per tool, never global).
 *
 * <p>{@link #build} assembles a whole board: the profile's interrupt parent first, then every
 * other device with its {@code irq} wired to that controller's input.
 */
public final class DeviceCatalog {
    /** Builds one device server. */
    @FunctionalInterface
    public interface Factory {
        BuiltDevice build(DeviceSpec spec, DeviceContext context, Wiring wiring);
    }

    /**
     * A device's connections on this board.
     *
     * @param irq its interrupt output, already connected (or {@link InterruptOutput#NONE})
     * @param console where it writes if it is the board's console, else a sink
     * @param interrupts every input of the board's interrupt controller, by SPI number (for an MSI frame)
     */
    public record Wiring(InterruptOutput irq, OutputStream console, IntFunction<InterruptOutput> interrupts) { }

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    /** A catalog with the standard device types. */
    public static DeviceCatalog standard() {
        DeviceCatalog c = new DeviceCatalog();
        c.register("pl011", (spec, ctx, w) -> single(spec, new Pl011(w.console(), w.irq())));
        c.register("pl031", (spec, ctx, w) -> single(spec, new Pl031(ctx.clock(), w.irq(), ctx.alarms())));
        c.register("gic-v2", DeviceCatalog::gic);
        c.register("cfi-flash", DeviceCatalog::flash);
        c.register("pl061", (spec, ctx, w) -> single(spec, new Pl061(w.irq())));
        c.register("virtio-mmio", (spec, ctx, w) -> single(spec, new VirtioMmio()));
        c.register("fw-cfg", (spec, ctx, w) -> single(spec, new FwCfg()));
        c.register("gic-v2m", (spec, ctx, w) -> single(spec, new Gicv2m((int) spec.param("first-spi-id", 80),
                (int) spec.param("spi-count", 64), w.interrupts())));
        c.register("open-bus", DeviceCatalog::openBus);
        return c;
    }

    /** Adds or replaces the factory of {@code type}. */
    public DeviceCatalog register(String type, Factory factory) {
        factories.put(type, factory);
        return this;
    }

    public boolean knows(String type) {
        return factories.containsKey(type);
    }

    public Set<String> types() {
        return factories.keySet();
    }

    /** Builds every device of {@code profile}, the interrupt controller first; results in that order. */
    public List<BuiltDevice> build(MachineProfile profile, DeviceContext context) {
        DeviceSpec parent = profile.device(profile.interruptParent()).orElseThrow();
        BuiltDevice controller = buildOne(parent, context, InterruptOutput.NONE, false, n -> InterruptOutput.NONE);
        if (!controller.isInterruptController()) {
            throw new ProfileError(profile.source(), parent.line(), "interrupt-parent \"" + parent.name()
                    + "\" is a " + parent.type() + ", not an interrupt controller");
        }
        List<BuiltDevice> built = new ArrayList<>();
        built.add(controller);
        for (DeviceSpec spec : profile.devices()) {
            if (spec != parent) {
                InterruptOutput irq = spec.hasIrq() ? controller.interruptInputs().apply(spec.irq()) : InterruptOutput.NONE;
                built.add(buildOne(spec, context, irq, spec.name().equals(profile.console()), controller.interruptInputs()));
            }
        }
        return built;
    }

    private BuiltDevice buildOne(DeviceSpec spec, DeviceContext context, InterruptOutput irq, boolean console,
                                 IntFunction<InterruptOutput> interrupts) {
        Factory f = factories.get(spec.type());
        if (f == null) {
            throw new IllegalArgumentException("unknown device type " + spec.type());
        }
        return f.build(spec, context, new Wiring(irq, console ? context.console() : OutputStream.nullOutputStream(), interrupts));
    }

    private static BuiltDevice single(DeviceSpec spec, dynvm.microkernel.device.MmioDevice device) {
        return new BuiltDevice(spec, device, List.of(new BuiltDevice.Window(spec.base(), device)), null);
    }

    /** Regions: distributor, then CPU interface. */
    private static BuiltDevice gic(DeviceSpec spec, DeviceContext ctx, Wiring w) {
        if (spec.regions().size() != 2) {
            throw new IllegalArgumentException(spec.name() + ": gic-v2 needs two regions, distributor and CPU interface");
        }
        Gicv2 gic = new Gicv2(ctx.cpuCount(), (int) spec.param("spis", 256), ctx.cpuLines(), ctx.currentCpu());
        return new BuiltDevice(spec, gic, List.of(
                new BuiltDevice.Window(spec.regions().get(0).base(), gic.distributor()),
                new BuiltDevice.Window(spec.regions().get(1).base(), gic.cpuInterface())), gic::spi);
    }

    /** One all-ones window per region; the server is the list of windows. */
    private static BuiltDevice openBus(DeviceSpec spec, DeviceContext ctx, Wiring w) {
        List<BuiltDevice.Window> windows = new ArrayList<>();
        for (Region r : spec.regions()) {
            windows.add(new BuiltDevice.Window(r.base(), new OpenBus(spec.name(), Math.toIntExact(r.size()))));
        }
        return new BuiltDevice(spec, windows.stream().map(BuiltDevice.Window::device).toList(), List.copyOf(windows), null);
    }

    /** One bank per region; the server is the list of banks. */
    private static BuiltDevice flash(DeviceSpec spec, DeviceContext ctx, Wiring w) {
        List<CfiFlash> banks = new ArrayList<>();
        List<BuiltDevice.Window> windows = new ArrayList<>();
        for (int i = 0; i < spec.regions().size(); i++) {
            Region r = spec.regions().get(i);
            CfiFlash bank = new CfiFlash(spec.name() + i, Math.toIntExact(r.size()),
                    (int) spec.param("bank-width", CfiFlash.VIRT_BANK_WIDTH),
                    (int) spec.param("chip-width", CfiFlash.VIRT_CHIP_WIDTH),
                    (int) spec.param("sector-size", CfiFlash.VIRT_SECTOR_SIZE),
                    new int[] {(int) spec.param("manufacturer-id", 0), (int) spec.param("device-id", 0)},
                    ctx.directMappingsChanged());
            banks.add(bank);
            windows.add(new BuiltDevice.Window(r.base(), bank));
        }
        return new BuiltDevice(spec, List.copyOf(banks), List.copyOf(windows), null);
    }
}
