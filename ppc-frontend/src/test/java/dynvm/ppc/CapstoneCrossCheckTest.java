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
 * (defined or not) and the same mnemonic from both, up to the documented {@link #RULES}. Skips
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
        Rule.of("bc", COND, "capstone prints extended branch mnemonics (bdnz, beq, ...)"),
        Rule.of("bca", COND + "a", "extended branch mnemonics"),
        Rule.of("bcl", COND + "l", "extended branch mnemonics"),
        Rule.of("bcla", COND + "la", "extended branch mnemonics"),
        Rule.of("bclr", COND + "lr", "extended branch mnemonics (blr, beqlr, ...)"),
        Rule.of("bclrl", COND + "lrl", "extended branch mnemonics"),
        Rule.of("bcctr", COND + "ctr", "extended branch mnemonics (bctr, ...)"),
        Rule.of("bcctrl", COND + "ctrl", "extended branch mnemonics"),
        Rule.of("or", "mr", "extended mnemonic: or rA,rS,rS is mr"),
        Rule.of("ori", "nop", "extended mnemonic: ori 0,0,0 is nop"),
        Rule.of("xori", "xnop", "extended mnemonic: xori 0,0,0 is xnop"),
        Rule.of("nor", "not", "extended mnemonic: nor rA,rS,rS is not"),
        Rule.of("addi", "li", "extended mnemonic: addi rD,0,v is li"),
        Rule.of("addis", "lis", "extended mnemonic: addis rD,0,v is lis"),
        Rule.of("rlwnm\\.?", "rotlw\\.?", "extended mnemonic: rlwnm with MB=0, ME=31 is rotlw"),
        Rule.of("rlwinm\\.?", "(slwi|srwi|clrlwi|rotlwi|rotrwi)\\.?", "extended rotate mnemonics"),
        Rule.of("creqv", "crset", "extended mnemonic: creqv x,x,x is crset"),
        Rule.of("crxor", "crclr", "extended mnemonic: crxor x,x,x is crclr"),
        Rule.of("cror", "crmove", "extended mnemonic: cror x,y,y is crmove"),
        Rule.of("crnor", "crnot", "extended mnemonic: crnor x,y,y is crnot"),
        Rule.of("cmp", "cmpw", "extended mnemonic for L=0 (32-bit compare)"),
        Rule.of("cmpl", "cmplw", "extended mnemonic for L=0"),
        Rule.of("cmpi", "cmpwi", "extended mnemonic for L=0"),
        Rule.of("cmpli", "cmplwi", "extended mnemonic for L=0"),
        Rule.of("cntlzw\\.?", "cntlz\\.?", "capstone 4 prints the old POWER name cntlz"),
        Rule.of("tw", "tw[a-z]+", "extended trap mnemonics (tweq, twlgt, twu, ...)"),
        Rule.of("twi", "tw[a-z]+i", "extended trap mnemonics (tweqi, ...)"),
        Rule.of("mfspr", "mf[a-z0-9]+", "extended mnemonics naming the SPR (mflr, mfdbatl, ...)"),
        Rule.of("mtspr", "mt[a-z0-9]+", "extended mnemonics naming the SPR (mtlr, mtsrr3, ...)"),
        Rule.of("mtcrf", "mtcr", "extended mnemonic: mtcrf 0xff is mtcr"),
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
                    String ours = r == null ? INVALID : r.name();
                    byte[] b = {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w};
                    Optional<Capstone.Insn> insn = cs.decode(Capstone.Target.PPC32_BE, b, 0, 0x10000000L);
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
