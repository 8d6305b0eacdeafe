package dynvm.translator.debug;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The items of {@code dynvm run -d ITEMS}, in the spirit of qemu's {@code -d}. */
public enum DebugItem {
    IN_ASM("each translated block's guest instructions: address, bytes, disassembly"),
    IR("each translated block's IR before and after the optimisation passes"),
    BYTECODE("the JVM bytecode generated for each compiled block (ASM Textifier)"),
    EXEC("each block entered, with its pc (implies no in-method loops, so every block shows)"),
    CPU("the register state at each block entry"),
    CACHE("translations, compilations, evictions and invalidations with their reasons"),
    NOCHAIN("do not link blocks to their successors (every block goes through the dispatcher)"),
    PAGE("the guest memory map at start and after every mmap, munmap, mprotect and brk");

    public final String help;

    DebugItem(String help) { this.help = help; }

    /** The name on the command line ("in_asm"). */
    public String flag() { return name().toLowerCase(Locale.ROOT); }

    /**
     * Parses a comma list; throws IllegalArgumentException with a one-line message for an
     * unknown item. "help" is not an item: callers check for it first.
     */
    public static Set<DebugItem> parse(String list) {
        Set<DebugItem> s = EnumSet.noneOf(DebugItem.class);
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            DebugItem found = null;
            for (DebugItem d : values()) if (d.flag().equals(p.toLowerCase(Locale.ROOT))) found = d;
            if (found == null) throw new IllegalArgumentException("unknown -d item '" + p + "' (try -d help)");
            s.add(found);
        }
        return s;
    }

    /** What {@code -d help} prints. */
    public static String helpText() {
        StringBuilder sb = new StringBuilder("Log items (comma separated, output on stderr or the -D file):\n");
        for (DebugItem d : values()) sb.append(String.format("  %-9s %s%n", d.flag(), d.help));
        return sb.toString();
    }
}
