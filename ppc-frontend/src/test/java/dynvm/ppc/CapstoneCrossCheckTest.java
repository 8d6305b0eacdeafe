package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.disasm.Capstone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks our decoder against capstone: for every row of {@link PpcTable}, random encodings
 * of the row (its fixed bits, random operand fields, reserved bits zero) must get the same verdict
 * (defined or not) and the same mnemonic from both (ours as our printer spells it: objdump's
 * extended mnemonics), up to the documented {@link #RULES}. Skips
 * when libcapstone is not installed.
 */
class CapstoneCrossCheckTest {
    static final int PER_ROW = 256;
    static final String INVALID = "INVALID";

    /** A documented disagreement: our mnemonic and capstone's (regexes; INVALID = not decoded), and why. */
    record Rule(Pattern ours, Pattern capstone, String reason) {
        static Rule of(String ours, String capstone, String reason) { return new Rule(Pattern.compile(ours), Pattern.compile(capstone), reason); }
        boolean covers(String o, String c) { return ours.matcher(o).matches() && capstone.matcher(c).matches(); }
    }

    // the condition part of capstone's extended branch mnemonics: CTR decrement and/or CR bit test
    private static final String COND = "b(dnz|dz)?(t|f|lt|le|eq|ge|gt|nl|ne|ng|so|ns|un|nu)?";

    static final List<Rule> RULES = List.of(
        Rule.of("(add|subf|addc|subfc|adde|subfe|addme|addze|subfme|subfze|neg|mullw|divw|divwu)o\\.?", INVALID,
            "capstone 4's PPC tables (LLVM) have no OE=1 overflow forms"),
        Rule.of("mtfsb[01]\\.", INVALID, "capstone 4 lacks the record (Rc=1) forms of mtfsb0/mtfsb1"),
        Rule.of("mffs(ce|cdrn|cdrni|crn|crni|l)", INVALID,
            "Power ISA 3.0 mffs variants (glibc's fenv uses mffsl; older CPUs run them as mffs): newer than capstone 4"),
        Rule.of("fcmpo|mcrxr|lswx|stswx", INVALID, "missing from capstone 4's PPC decoder tables"),
        Rule.of("bc(l|a|la)?", "bd(nz|z)(l|a|la)?",
            "CTR-decrementing BO with a nonzero BI: objdump (and our printer) keep bc, as its bdnz/bdz forms require BI=0; capstone ignores BI"),
        Rule.of("bclrl?", "bd(nz|z)lrl?", "as for bc: objdump's bdnzlr/bdzlr require BI=0, capstone ignores BI"),
        Rule.of("bcctrl?", COND + "ctrl?",
            "a CTR-decrementing bcctr is an invalid form, which objdump (and our printer) print as bcctr; capstone names it bdnzctr, ..."),
        Rule.of("mr\\.", "or\\.", "capstone 4 aliases or rA,rS,rS to mr, but not the record form"),
        Rule.of("not\\.?", "nor\\.?", "capstone 4 has no not alias for nor rA,rS,rS"),
        Rule.of("srwi\\.", "rlwinm\\.", "capstone 4 leaves the record form of srwi rA,rS,1 (SH=31, MB=1) unaliased"),
        Rule.of("cntlzw\\.?", "cntlz\\.?", "capstone 4 prints the old POWER name cntlz"),
        Rule.of("tw(ge|le|lge|lle)", "tw", "trap conditions objdump names and capstone 4 does not"),
        Rule.of("tw(ge|le|lge|lle)i", "twi", "trap conditions objdump names and capstone 4 does not"),
        Rule.of("mf[a-z0-9]+", "mfspr", "SPRs objdump names (POWER7-9 and hypervisor ones, sprg) and capstone 4 does not"),
        Rule.of("mt[a-z0-9]+", "mtspr", "SPRs objdump names and capstone 4 does not"),
        Rule.of("mfspr", "mf(tbhi|esr)", "Book E / 40x SPR names capstone 4 uses and objdump's default dialect does not"),
        Rule.of("mtspr", "mttbhi", "a Book E SPR name capstone 4 uses and objdump's default dialect does not"),
        Rule.of("mtcr", "mtcrf", "capstone 4 prints mtcrf 0xff,rS, objdump its extended mnemonic mtcr"),
        Rule.of("hwsync", "sync", "objdump names sync with L=0 hwsync"),
        Rule.of("dcbt(st)?ct", "dcbt(st)?",
            "objdump's default dialect names TH=0..7 of dcbt/dcbtst by their e500mc 'ct' spellings"),
        Rule.of("eieio", "mbar", "same encoding; capstone 4 prints Book E's name mbar"));

    private static int bits(int from, int to) { return InsnFuzzCases.bits(from, to); }

    /**
     * The word bits the row's syntax fields occupy (IBM bit numbering); the rest of the non-fixed
     * bits are reserved. Unlike {@link InsnFuzzCases#operandBits}, which keeps the 750's reserved L/W
     * bits clear for qemu, every field the ISA names counts here, as Capstone decodes them all.
     */
    static int operandBits(PpcRow r) {
        int m = 0;
        for (String f : r.syntax().split(",")) {
            m |= switch (f.trim()) {
                case "RT", "RS", "FRT", "FRS", "BO", "TO", "BT" -> bits(6, 10);
                case "BF" -> bits(6, 8);
                case "RA", "FRA", "BI", "BA" -> bits(11, 15);
                case "BFA" -> bits(11, 13);
                case "RB", "FRB", "BB", "SH", "NB" -> bits(16, 20);
                case "FRC", "MB" -> bits(21, 25);
                case "ME" -> bits(26, 30);
                case "D", "SI", "UI" -> bits(16, 31);
                case "D(RA)" -> bits(11, 31);
                case "SPR" -> bits(11, 20);
                case "FXM" -> bits(12, 19);
                case "LI" -> bits(6, 29);
                case "BD" -> bits(16, 29);
                case "FLM" -> bits(7, 14);
                case "U" -> bits(16, 19);
                case "L" -> bits(6, 6);
                case "W" -> bits(15, 15);
                case "RM" -> bits(19, 20);
                default -> 0;
            };
        }
        return m;
    }

    static String strip(String mnemonic) { return mnemonic.replaceAll("[+-]$", ""); }

    @Test
    void everyRowAgreesWithCapstone() {
        Optional<Capstone> loaded = Capstone.load();
        assumeTrue(loaded.isPresent(), "libcapstone not installed (apt-get install libcapstone4): decoder cross-check skipped");
        long t0 = System.nanoTime();
        Random rnd = new Random(20261122);
        List<String> unexplained = new ArrayList<>();
        Map<Rule, Integer> used = new LinkedHashMap<>();
        int checked = 0, agreed = 0;
        try (Capstone cs = loaded.get()) {
            for (PpcRow row : PpcTable.ROWS) {
                int free = operandBits(row) & ~row.mask();
                for (int i = 0; i < PER_ROW; i++) {
                    int w = rnd.nextInt() & free | row.match();
                    PpcRow r = PpcDecoder.find(w);
                    // our printer's mnemonic (objdump's extended spellings), hints dropped as capstone's are
                    String ours = r == null ? INVALID : strip(PpcDecoder.disassemble(w, 0x10000000).split(" ")[0]);
                    byte[] b = {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w};
                    Optional<Capstone.Insn> insn = cs.decode(PpcIsa.CAPSTONE_PPC32_BE, b, 0, 0x10000000L);
                    String theirs = insn.map(x -> strip(x.mnemonic())).orElse(INVALID);
                    checked++;
                    if (ours.equals(theirs)) { agreed++; continue; }
                    // a rule may rename, never drop or add the record form
                    boolean sameRc = theirs.equals(INVALID) || ours.endsWith(".") == theirs.endsWith(".");
                    Rule rule = !sameRc ? null : RULES.stream().filter(x -> x.covers(ours, theirs)).findFirst().orElse(null);
                    if (rule != null) { used.merge(rule, 1, Integer::sum); continue; }
                    unexplained.add(String.format("%s 0x%08x: ours %s | capstone %s", row.name(), w,
                            PpcDecoder.disassemble(w, 0x10000000), insn.map(Capstone.Insn::text).orElse(INVALID)));
                }
            }
            System.out.printf("ppc capstone %s cross-check: %d rows x %d = %d encodings, %d identical, %d by rule, %d unexplained, %d ms%n",
                    cs.version(), PpcTable.ROWS.size(), PER_ROW, checked, agreed, checked - agreed - unexplained.size(),
                    unexplained.size(), (System.nanoTime() - t0) / 1_000_000);
        }
        used.forEach((r, n) -> System.out.printf("  %6d  %s / %s: %s%n", n, r.ours(), r.capstone(), r.reason()));
        assertTrue(unexplained.isEmpty(), unexplained.size() + " unexplained disagreements:\n"
                + String.join("\n", unexplained.subList(0, Math.min(60, unexplained.size()))));
    }
}
