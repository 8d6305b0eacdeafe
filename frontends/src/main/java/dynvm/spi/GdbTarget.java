package dynvm.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * How gdb sees an ISA's registers: what a front-end provides for the translator's GDB remote stub
 * (which never names an ISA). {@link #registers()} lists the registers in gdb's remote numbering
 * (list index = the {@code regnum} in the target description and in g/p packets); each belongs
 * to one of gdb's standard features (e.g. {@code org.gnu.gdb.power.core}), whose required
 * register names gdb checks. Values go over the wire in the ISA's byte order.
 */
public interface GdbTarget {
    /**
     * One register as gdb's target description declares it.
     *
     * @param bits    32 or 64
     * @param type    a gdb type name: uint32, int, code_ptr, data_ptr, ieee_double, ...
     * @param group   gdb register group ("general", "float") or null
     * @param feature the gdb feature it belongs to
     */
    record Register(String name, int bits, String type, String group, String feature) { }

    /** gdb's name of the architecture (the target description's {@code <architecture>}, e.g. "powerpc:common", "arm"). */
    String architecture();

    /** Registers in remote numbering order. */
    List<Register> registers();

    /** The value of register {@code regnum} (as its {@code bits} wide unsigned value). */
    long read(CpuState cpu, int regnum);

    /** Sets register {@code regnum}; registers gdb may not change (e.g. a fixed MSR) ignore writes. */
    void write(CpuState cpu, int regnum, long value);

    /** The target description XML (target.xml) for {@link #registers()}. */
    default String targetXml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        sb.append("  <architecture>").append(architecture()).append("</architecture>\n");
        List<String> features = new ArrayList<>();
        for (Register r : registers()) if (!features.contains(r.feature())) features.add(r.feature());
        for (String f : features) {
            sb.append("  <feature name=\"").append(f).append("\">\n");
            List<Register> regs = registers();
            for (int i = 0; i < regs.size(); i++) {
                Register r = regs.get(i);
                if (!r.feature().equals(f)) continue;
                sb.append("    <reg name=\"").append(r.name()).append("\" bitsize=\"").append(r.bits())
                        .append("\" type=\"").append(r.type()).append("\" regnum=\"").append(i).append('"');
                if (r.group() != null) sb.append(" group=\"").append(r.group()).append('"');
                sb.append("/>\n");
            }
            sb.append("  </feature>\n");
        }
        return sb.append("</target>\n").toString();
    }
}
