package dynvm.microkernel.machine;

import java.util.List;
import java.util.Map;

/**
 * One {@code [[device]]} of a profile: what to build ({@code type}, the {@link DeviceCatalog}
 * key), where ({@code regions}: one per register window or bank), its interrupt ({@code irq}:
 * an SPI number, or -1), its server parameters ({@code params}: every other key, e.g. a flash's
 * bank-width) and the device-tree properties of its node ({@code dt}, written as given).
 *
 * <p>An entry with {@code count = N} and {@code stride = S} stands for N devices, the i-th with
 * its regions moved by i * S, its irq plus i and the name {@code NAME.i}.
 *
 * @param name the name other entries and the machine refer to it by (defaults to the type)
 * @param nodeName its device-tree node name before the unit address (key {@code node}, defaults to name)
 * @param irqFlags the flags cell of its interrupt specifier (key {@code irq-flags}), or -1 for the board's level-high
 * @param dt its node's properties; empty means the device gets no node at all
 */
public record DeviceSpec(String type, String name, String nodeName, List<Region> regions, int irq, int irqFlags,
                         Map<String, Object> params, Map<String, Object> dt, int line) {

    /** The first region's base: the node's unit address. */
    public long base() {
        return regions.get(0).base();
    }

    /** An integer parameter, or {@code fallback} when the profile does not give it. */
    public long param(String key, long fallback) {
        Object v = params.get(key);
        return v instanceof Long l ? l : fallback;
    }

    /** A string parameter, or {@code fallback}. */
    public String param(String key, String fallback) {
        Object v = params.get(key);
        return v instanceof String s ? s : fallback;
    }

    public boolean hasIrq() {
        return irq >= 0;
    }
}
