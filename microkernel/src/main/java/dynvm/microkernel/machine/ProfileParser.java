package dynvm.microkernel.machine;

import dynvm.microkernel.kernel.Unassigned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Turns profile TOML into a {@link MachineProfile}, checking as it goes: every error names the
 * file and line of the offending key. Device entries are checked against a {@link DeviceCatalog}
 * (unknown type) and against each other and RAM (overlapping regions).
 */
final class ProfileParser {
    /** Keys of a {@code [[device]]} that are not server parameters. */
    private static final Set<String> DEVICE_KEYS = Set.of("type", "name", "node", "base", "size", "regions", "irq",
            "irq-flags", "count", "stride", "dt");

    private final String source;
    private final DeviceCatalog catalog;

    ProfileParser(String source, DeviceCatalog catalog) {
        this.source = source;
        this.catalog = catalog;
    }

    MachineProfile parse(String text) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            var e = toml.errors().get(0);
            throw new ProfileError(source, e.position() == null ? 0 : e.position().line(), e.getMessage());
        }
        TomlTable machine = table(toml, "machine");
        TomlTable cpu = table(toml, "cpu");
        TomlTable memory = table(toml, "memory");
        TomlTable interrupts = table(toml, "interrupts");
        TomlTable timer = toml.isTable("timer") ? toml.getTable("timer") : null;   // optional: a board may have
        TomlTable psci = toml.isTable("psci") ? toml.getTable("psci") : null;      // no DT timer node or no PSCI
        TomlTable boot = table(toml, "boot");

        Map<String, Object> rootDt = new LinkedHashMap<>();
        rootDt.put("model", string(machine, "model"));
        rootDt.put("compatible", strings(machine, "compatible"));

        int cpus = (int) integer(cpu, "count");
        if (cpus < 1) {
            throw error(cpu, "count", "cpu count must be at least 1");
        }
        MachineProfile.Memory mem = new MachineProfile.Memory(integer(memory, "base"), size(memory, "default-size"));

        List<DeviceSpec> devices = new ArrayList<>();
        TomlArray deviceArray = toml.getArray("device");
        if (deviceArray != null) {
            for (int i = 0; i < deviceArray.size(); i++) {
                devices.addAll(devices(deviceArray.getTable(i), deviceArray.inputPositionOf(i)));
            }
        }
        List<MachineProfile.Node> nodes = nodes(toml.getArray("node"));
        checkOverlaps(devices, mem.region(null), toml);

        MachineProfile profile = new MachineProfile(
                string(machine, "name"),
                optionalString(machine, "description", ""),
                source,
                rootDt,
                string(machine, "interrupt-parent"),
                optionalString(machine, "console", null),
                unassigned(machine),
                new MachineProfile.Cpu(string(cpu, "model"), string(cpu, "compatible"), cpus,
                        optionalString(cpu, "smp-enable-method", null)),
                mem,
                new MachineProfile.Interrupts((int) integer(interrupts, "spi-type"), (int) integer(interrupts, "ppi-type"),
                        (int) integer(interrupts, "level-high"), (int) integer(interrupts, "ppi-cpu-mask-shift")),
                timer == null ? null : new MachineProfile.Timer(strings(timer, "compatible"), ints(timer, "ppis"), dt(timer)),
                psci == null ? null : new MachineProfile.Psci(strings(psci, "compatible"), string(psci, "method"), dt(psci)),
                new MachineProfile.Boot(string(boot, "firmware-device"), string(boot, "firmware-dtb"),
                        string(boot, "elf-dtb"), integer(boot, "elf-dtb-covered"), integer(boot, "kernel-offset"), size(boot, "initrd-offset-max"),
                        integer(boot, "dtb-align"), boot.contains("dtb-size") ? size(boot, "dtb-size") : 0),
                nodes,
                List.copyOf(devices));
        checkReferences(profile, machine);
        return profile;
    }

    /** Plain nodes ({@code [[node]]}, children as {@code [[node.child]]}): clocks, gpio-keys. */
    private List<MachineProfile.Node> nodes(TomlArray array) {
        List<MachineProfile.Node> out = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                TomlTable n = array.getTable(i);
                out.add(new MachineProfile.Node(string(n, "name"), dt(n), nodes(n.getArray("child"))));
            }
        }
        return List.copyOf(out);
    }

    /** One entry, or its {@code count} copies. */
    private List<DeviceSpec> devices(TomlTable d, TomlPosition at) {
        DeviceSpec first = device(d, at);
        if (!d.contains("count")) {
            return List.of(first);
        }
        int count = (int) integer(d, "count");
        long stride = integer(d, "stride");
        List<DeviceSpec> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Region> moved = new ArrayList<>();
            for (Region r : first.regions()) {
                moved.add(new Region(r.base() + i * stride, r.size()));
            }
            out.add(new DeviceSpec(first.type(), first.name() + "." + i, first.nodeName(), List.copyOf(moved),
                    first.hasIrq() ? first.irq() + i : -1, first.irqFlags(), first.params(), first.dt(), first.line()));
        }
        return out;
    }

    private DeviceSpec device(TomlTable d, TomlPosition at) {
        String type = string(d, "type");
        if (!catalog.knows(type)) {
            throw error(d, "type", "unknown device type \"" + type + "\" (known: " + String.join(", ", catalog.types()) + ")");
        }
        String name = optionalString(d, "name", type);
        String nodeName = optionalString(d, "node", name);
        List<Region> regions = new ArrayList<>();
        if (d.contains("regions")) {
            TomlArray rs = d.getArray("regions");
            for (int i = 0; i < rs.size(); i++) {
                Object r = rs.get(i);
                if (!(r instanceof TomlArray pair) || pair.size() != 2 || !all(pair, Long.class)) {
                    throw error(d, "regions", "regions must be [[base, size], ...]");
                }
                regions.add(region(d, "regions", pair.getLong(0), pair.getLong(1)));
            }
        } else if (d.contains("base")) {
            regions.add(region(d, "base", integer(d, "base"), integer(d, "size")));
        }
        if (regions.isEmpty()) {
            throw error(d, "type", "device \"" + name + "\" has no base/size or regions");
        }
        int irq = d.contains("irq") ? (int) integer(d, "irq") : -1;
        int irqFlags = d.contains("irq-flags") ? (int) integer(d, "irq-flags") : -1;
        Map<String, Object> params = new LinkedHashMap<>();
        for (String key : d.keySet()) {
            if (!DEVICE_KEYS.contains(key)) {
                params.put(key, plain(d.get(List.of(key))));
            }
        }
        return new DeviceSpec(type, name, nodeName, List.copyOf(regions), irq, irqFlags, params, dt(d),
                at == null ? 0 : at.line());
    }

    private Region region(TomlTable t, String key, long base, long size) {
        try {
            return new Region(base, size);
        } catch (IllegalArgumentException e) {
            throw error(t, key, e.getMessage());
        }
    }

    private void checkOverlaps(List<DeviceSpec> devices, Region ram, TomlParseResult toml) {
        List<String> owners = new ArrayList<>();
        List<Region> taken = new ArrayList<>();
        owners.add("RAM");
        taken.add(ram);
        for (DeviceSpec d : devices) {
            for (Region r : d.regions()) {
                for (int i = 0; i < taken.size(); i++) {
                    if (r.overlaps(taken.get(i))) {
                        throw new ProfileError(source, d.line(), "device \"" + d.name() + "\" region " + r
                                + " overlaps " + owners.get(i) + " " + taken.get(i));
                    }
                }
                owners.add("device \"" + d.name() + "\"");
                taken.add(r);
            }
        }
    }

    private void checkReferences(MachineProfile p, TomlTable machine) {
        if (p.device(p.interruptParent()).isEmpty()) {
            throw error(machine, "interrupt-parent", "no device named \"" + p.interruptParent() + "\"");
        }
        if (p.console() != null && p.device(p.console()).isEmpty()) {
            throw error(machine, "console", "no device named \"" + p.console() + "\"");
        }
    }

    private Unassigned unassigned(TomlTable machine) {
        String v = optionalString(machine, "unassigned", "abort");
        return switch (v) {
            case "abort" -> Unassigned.ABORT;
            case "read-zero" -> Unassigned.READ_ZERO;
            default -> throw error(machine, "unassigned", "unassigned must be \"abort\" or \"read-zero\", not \"" + v + "\"");
        };
    }

    // --- typed access with positions ---

    private TomlTable table(TomlParseResult toml, String key) {
        if (!toml.isTable(key)) {
            throw new ProfileError(source, 0, "missing [" + key + "] section");
        }
        return toml.getTable(key);
    }

    private ProfileError error(TomlTable t, String key, String what) {
        TomlPosition p = t.inputPositionOf(List.of(key));
        return new ProfileError(source, p == null ? 0 : p.line(), what);
    }

    private Object required(TomlTable t, String key) {
        Object v = t.get(List.of(key));
        if (v == null) {
            throw new ProfileError(source, lineOf(t), "missing key \"" + key + "\"");
        }
        return v;
    }

    /** A table's own position is not kept by tomlj; the first key's line is close enough. */
    private int lineOf(TomlTable t) {
        int line = Integer.MAX_VALUE;
        for (String k : t.keySet()) {
            TomlPosition p = t.inputPositionOf(List.of(k));
            if (p != null) {
                line = Math.min(line, p.line());
            }
        }
        return line == Integer.MAX_VALUE ? 0 : line;
    }

    private String string(TomlTable t, String key) {
        if (required(t, key) instanceof String s) {
            return s;
        }
        throw error(t, key, "\"" + key + "\" must be a string");
    }

    private String optionalString(TomlTable t, String key, String fallback) {
        return t.contains(List.of(key)) ? string(t, key) : fallback;
    }

    private long integer(TomlTable t, String key) {
        if (required(t, key) instanceof Long l) {
            return l;
        }
        throw error(t, key, "\"" + key + "\" must be an integer");
    }

    private long size(TomlTable t, String key) {
        Object v = required(t, key);
        if (v instanceof Long l) {
            return l;
        }
        try {
            return MemorySize.parse(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw error(t, key, e.getMessage());
        }
    }

    private List<String> strings(TomlTable t, String key) {
        Object v = required(t, key);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof TomlArray a && all(a, String.class)) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(a.getString(i));
            }
            return List.copyOf(out);
        }
        throw error(t, key, "\"" + key + "\" must be a string or a list of strings");
    }

    private List<Integer> ints(TomlTable t, String key) {
        if (required(t, key) instanceof TomlArray a && all(a, Long.class)) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add((int) a.getLong(i));
            }
            return List.copyOf(out);
        }
        throw error(t, key, "\"" + key + "\" must be a list of integers");
    }

    /** The {@code dt} table of an entry: device-tree properties, kept in plain Java values. */
    private Map<String, Object> dt(TomlTable t) {
        if (!t.contains(List.of("dt"))) {
            return Map.of();
        }
        if (!(t.get(List.of("dt")) instanceof TomlTable dt)) {
            throw error(t, "dt", "\"dt\" must be a table of device-tree properties");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : dt.keySet()) {
            Object v = plain(dt.get(List.of(key)));
            if (!(v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof List)) {
                throw error(dt, key, "device-tree property \"" + key + "\" must be a string, integer, boolean or list");
            }
            out.put(key, v);
        }
        return out;
    }

    /** True when every element of {@code a} is a {@code type} (TOML 1.0 arrays may mix types). */
    private static boolean all(TomlArray a, Class<?> type) {
        for (int i = 0; i < a.size(); i++) {
            if (!type.isInstance(a.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** TOML values as Java values: arrays become lists, tables maps. */
    private static Object plain(Object v) {
        if (v instanceof TomlArray a) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(plain(a.get(i)));
            }
            return List.copyOf(out);
        }
        if (v instanceof TomlTable t) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : t.keySet()) {
                out.put(k, plain(t.get(List.of(k))));
            }
            return out;
        }
        return v;
    }

}
