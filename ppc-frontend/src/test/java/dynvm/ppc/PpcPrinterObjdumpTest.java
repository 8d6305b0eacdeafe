package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our printer spells every encoding of the committed golden (objdump/printer.objdump, see
 * printer.sh) exactly as GNU objdump does: mnemonic, branch hint and operands. The one
 * difference allowed: branch targets, which we print as 0x%08x (as qemu does) and objdump as
 * 0x plus the shortest hex.
 */
class PpcPrinterObjdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) ([0-9a-f]{2}) \\t(.*)$");

    @Test
    void everyGoldenEncodingPrintsAsObjdumpDoes() throws Exception {
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (String line : Files.readAllLines(GuestCase.GUEST.resolve("objdump/printer.objdump"))) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            int pc = Integer.parseUnsignedInt(m.group(1), 16);
            int word = Integer.parseUnsignedInt(m.group(2) + m.group(3) + m.group(4) + m.group(5), 16);
            String want = m.group(6).trim().replaceFirst("\\s+", " ");
            String ours = PpcDecoder.disassemble(word, pc).replaceAll("0x0*([0-9a-f])", "0x$1");
            compared++;
            if (!ours.equals(want)) bad.add(String.format("%08x: objdump '%s', ours '%s'", word, want, ours));
        }
        assertTrue(compared > 4000, "only " + compared + " golden lines");
        assertEquals(List.of(), bad.subList(0, Math.min(50, bad.size())), bad.size() + " of " + compared + " differ");
    }
}
