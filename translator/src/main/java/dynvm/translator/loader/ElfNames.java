package dynvm.translator.loader;

import java.util.Map;

/** Human-readable names of ELF constants, for error messages only. */
final class ElfNames {
    private static final Map<Integer, String> MACHINES = Map.ofEntries(
            Map.entry(2, "SPARC"), Map.entry(3, "x86"), Map.entry(4, "m68k"), Map.entry(8, "MIPS"),
            Map.entry(20, "PowerPC"), Map.entry(21, "PowerPC64"), Map.entry(22, "S/390"), Map.entry(40, "ARM"),
            Map.entry(42, "SuperH"), Map.entry(62, "x86-64"), Map.entry(183, "AArch64"), Map.entry(243, "RISC-V"));

    private ElfNames() {}

    /** "EM 40 (ARM)", or "EM 999" for machines we have no name for. */
    static String machine(int em) {
        String name = MACHINES.get(em);
        return name == null ? "EM " + em : "EM " + em + " (" + name + ")";
    }

    static String type(int et) {
        return switch (et) {
            case 0 -> "ET_NONE";
            case 1 -> "ET_REL";
            case 2 -> "ET_EXEC";
            case 3 -> "ET_DYN";
            case 4 -> "ET_CORE";
            default -> String.valueOf(et);
        };
    }

    static String byteOrder(boolean bigEndian) { return bigEndian ? "big-endian" : "little-endian"; }

    static String elfClass(int cls) {
        return switch (cls) {
            case 1 -> "32-bit";
            case 2 -> "64-bit";
            default -> "class " + cls;
        };
    }
}
