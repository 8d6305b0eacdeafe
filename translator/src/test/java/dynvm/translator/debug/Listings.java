package dynvm.translator.debug;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads disassembly listings back, for tests that hold {@code -d in_asm} against a golden
 * {@code objdump -d}: address to mnemonic (and operands) per line.
 */
public final class Listings {
    private Listings() { }

    /** One listed instruction. */
    public record Line(int pc, String mnemonic, String operands) { }

    private static final Pattern IN_ASM = Pattern.compile("^0x([0-9a-f]{8}):  (.{12}) (\\S+)\\s*(.*)$");
    private static final Pattern OBJDUMP = Pattern.compile("^\\s*([0-9a-f]+):\\t(\\S+)\\s*(.*)$");

    /** The instruction lines of an in_asm log (the first listing of each address wins). */
    public static Map<Integer, Line> inAsm(String log) { return parse(log, IN_ASM); }

    /** The instruction lines of {@code objdump -d --no-show-raw-insn} output. */
    public static Map<Integer, Line> objdump(String text) { return parse(text, OBJDUMP); }

    private static Map<Integer, Line> parse(String text, Pattern p) {
        Map<Integer, Line> m = new LinkedHashMap<>();
        for (String l : text.split("\n")) {
            Matcher x = p.matcher(l);
            if (!x.matches()) continue;
            int pc = (int) Long.parseLong(x.group(1), 16);
            int g = x.groupCount();
            m.putIfAbsent(pc, new Line(pc, x.group(g - 1), x.group(g).trim()));
        }
        return m;
    }
}
