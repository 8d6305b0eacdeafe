package dynvm.microkernel.machine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a machine's device tree from its profile, with the nodes QEMU writes for {@code virt}
 * (hw/arm/virt.c, hw/arm/boot.c): the root (2 address and size cells, compatible, model,
 * interrupt-parent), {@code chosen} (stdout-path to the console device, bootargs, initrd range),
 * {@code memory@BASE}, {@code cpus} with one {@code cpu@N} each, {@code psci} and the generic
 * {@code timer} with its four PPIs (when the profile has them), the profile's plain nodes (clocks, gpio-keys) and one node per device
 * ({@code NAME@BASE} with reg and interrupts from its regions and irq, and its {@code dt}
 * properties). Every string a node carries comes from the profile.
 *
 * <p>A {@code dt} value is encoded by its TOML type: a string (a string property), a list of
 * strings (a string list), an integer or list of integers (32-bit cells), {@code true} (an empty
 * property; {@code false} omits it). A string "&amp;name" is a reference: the phandle of the
 * device or node called name, as dts writes it; lists may mix references and integers.
 */
public final class ProfileDeviceTree {
    /** What the command line adds to the profile. */
    public record Options(long ramSize, int cpus, String bootargs, long initrdStart, long initrdEnd) {
        /** The profile's defaults: its RAM size and CPU count, no command line, no initrd. */
        public static Options defaults(MachineProfile p) {
            return new Options(p.memory().defaultSize(), p.cpu().count(), null, 0, 0);
        }

        public Options withBootargs(String args) {
            return new Options(ramSize, cpus, args, initrdStart, initrdEnd);
        }

        public Options withInitrd(long start, long end) {
            return new Options(ramSize, cpus, bootargs, start, end);
        }

        public Options withRamSize(long size) {
            return new Options(size, cpus, bootargs, initrdStart, initrdEnd);
        }
    }

    private final MachineProfile profile;
    private final Options options;
    private final DeviceTree tree = new DeviceTree();
    private final Map<String, DeviceTree.Node> named = new HashMap<>();

    private ProfileDeviceTree(MachineProfile profile, Options options) {
        this.profile = profile;
        this.options = options;
    }

    /** The device tree of {@code profile} with {@code options}. */
    public static DeviceTree build(MachineProfile profile, Options options) {
        return new ProfileDeviceTree(profile, options).generate();
    }

    /** The DTB blob of {@code profile} with {@code options}, padded to the profile's {@code dtb-size}. */
    public static byte[] blob(MachineProfile profile, Options options) {
        return build(profile, options).toBlob((int) profile.boot().dtbSize());
    }

    private DeviceTree generate() {
        DeviceTree.Node root = tree.root();
        // Nodes first, so references between them resolve whatever their order.
        DeviceTree.Node chosen = root.child("chosen");
        DeviceTree.Node memory = root.child("memory@" + hex(profile.memory().base()));
        DeviceTree.Node cpus = root.child("cpus");
        DeviceTree.Node psci = profile.psci() == null ? null : root.child("psci");
        DeviceTree.Node timer = profile.timer() == null ? null : root.child("timer");
        for (MachineProfile.Node n : profile.nodes()) {
            plainNode(root, n);
        }
        for (DeviceSpec d : profile.devices()) {
            if (!d.dt().isEmpty()) { // a device with nothing to say gets no node (PCI windows)
                named.put(d.name(), root.child(d.nodeName() + "@" + hex(d.base())));
            }
        }

        root.cells("#address-cells", 2).cells("#size-cells", 2);
        properties(root, profile.rootDt());
        root.cells("interrupt-parent", tree.phandle(named.get(profile.interruptParent())));

        chosen(chosen);
        memory.strings("device_type", "memory").longCells("reg", profile.memory().base(), options.ramSize());
        cpus(cpus);
        if (psci != null) {
            psci.strings("compatible", profile.psci().compatible().toArray(String[]::new))
                    .strings("method", profile.psci().method());
            properties(psci, profile.psci().dt());
        }
        if (timer != null) {
            timer(timer);
        }
        for (MachineProfile.Node n : profile.nodes()) {
            plainProperties(n);
        }
        for (DeviceSpec d : profile.devices()) {
            if (named.containsKey(d.name())) {
                device(named.get(d.name()), d);
            }
        }
        return tree;
    }

    private void plainNode(DeviceTree.Node parent, MachineProfile.Node n) {
        DeviceTree.Node node = parent.child(n.name());
        named.putIfAbsent(n.name(), node);
        for (MachineProfile.Node c : n.children()) {
            plainNode(node, c);
        }
    }

    private void plainProperties(MachineProfile.Node n) {
        properties(named.get(n.name()), n.dt());
        for (MachineProfile.Node c : n.children()) {
            plainProperties(c);
        }
    }

    private void chosen(DeviceTree.Node chosen) {
        if (profile.console() != null) {
            chosen.strings("stdout-path", "/" + named.get(profile.console()).name());
        }
        if (options.bootargs() != null) {
            chosen.strings("bootargs", options.bootargs());
        }
        if (options.initrdEnd() > options.initrdStart()) {
            // one cell each, as QEMU writes them for a 32-bit guest
            chosen.cells("linux,initrd-start", (int) options.initrdStart());
            chosen.cells("linux,initrd-end", (int) options.initrdEnd());
        }
    }

    private void cpus(DeviceTree.Node cpus) {
        cpus.cells("#address-cells", 1).cells("#size-cells", 0);
        MachineProfile.Cpu cpu = profile.cpu();
        for (int i = 0; i < options.cpus(); i++) {
            DeviceTree.Node n = cpus.child("cpu@" + Integer.toHexString(i));
            n.strings("device_type", "cpu").strings("compatible", cpu.compatible()).cells("reg", i);
            if (options.cpus() > 1 && cpu.smpEnableMethod() != null) {
                n.strings("enable-method", cpu.smpEnableMethod());
            }
        }
    }

    private void timer(DeviceTree.Node timer) {
        MachineProfile.Interrupts irq = profile.interrupts();
        List<Integer> ppis = profile.timer().ppis();
        int[] cells = new int[ppis.size() * 3];
        for (int i = 0; i < ppis.size(); i++) {
            cells[3 * i] = irq.ppiType();
            cells[3 * i + 1] = ppis.get(i);
            cells[3 * i + 2] = irq.ppiFlags(options.cpus());
        }
        timer.strings("compatible", profile.timer().compatible().toArray(String[]::new)).cells("interrupts", cells);
        properties(timer, profile.timer().dt());
    }

    private void device(DeviceTree.Node node, DeviceSpec d) {
        long[] reg = new long[d.regions().size() * 2];
        for (int i = 0; i < d.regions().size(); i++) {
            reg[2 * i] = d.regions().get(i).base();
            reg[2 * i + 1] = d.regions().get(i).size();
        }
        node.longCells("reg", reg);
        if (d.hasIrq()) {
            MachineProfile.Interrupts irq = profile.interrupts();
            node.cells("interrupts", irq.spiType(), d.irq(), d.irqFlags() >= 0 ? d.irqFlags() : irq.levelHigh());
        }
        properties(node, d.dt());
    }

    private void properties(DeviceTree.Node node, Map<String, Object> dt) {
        for (Map.Entry<String, Object> p : dt.entrySet()) {
            String key = p.getKey();
            Object v = p.getValue();
            if (v instanceof Boolean b) {
                if (b) {
                    node.empty(key);
                }
            } else if (v instanceof Long l) {
                node.cells(key, l.intValue());
            } else if (v instanceof String s) {
                if (s.startsWith("&")) {
                    node.cells(key, reference(s));
                } else {
                    node.strings(key, s);
                }
            } else if (v instanceof List<?> list) {
                list(node, key, list);
            }
        }
    }

    private void list(DeviceTree.Node node, String key, List<?> list) {
        boolean stringList = list.stream().allMatch(e -> e instanceof String s && !s.startsWith("&"));
        if (stringList && !list.isEmpty()) {
            node.strings(key, list.toArray(String[]::new));
            return;
        }
        List<Integer> cells = new ArrayList<>();
        for (Object e : list) {
            if (e instanceof Long l) {
                cells.add(l.intValue());
            } else if (e instanceof String s && s.startsWith("&")) {
                cells.add(reference(s));
            } else {
                throw new ProfileError(profile.source(), 0, "device-tree property \"" + key
                        + "\" mixes strings with cells");
            }
        }
        node.cells(key, cells.stream().mapToInt(Integer::intValue).toArray());
    }

    private int reference(String ref) {
        DeviceTree.Node target = named.get(ref.substring(1));
        if (target == null) {
            throw new ProfileError(profile.source(), 0, "reference " + ref + " names no device or node");
        }
        return tree.phandle(target);
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }
}
