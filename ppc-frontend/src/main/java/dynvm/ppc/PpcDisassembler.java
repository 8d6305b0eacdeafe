package dynvm.ppc;

import java.util.HashMap;
import java.util.Map;

/**
 * Disassembly from the table, spelled as GNU objdump spells it (its default dialect for 32-bit
 * ELF, checked against {@code powerpc-linux-gnu-objdump -d} over every row): the preferred
 * extended mnemonic when the ISA's Book I appendix (or objdump) has one (li, mr, blr, beq,
 * slwi, mflr, ...), else the row's mnemonic followed by its syntax fields, formatted by field
 * name (registers as rN / fN, CR fields as crN, CR bits as lt / 4*cr7+eq, displacements as
 * D(rA), a literal 0 for an rA that reads as zero, branch targets absolute as 0x%08x).
 * Encodings objdump rejects as invalid forms (update loads with rA=rT, reserved BO values, ...)
 * still print as the row that executes them.
 */
final class PpcDisassembler {
    private PpcDisassembler() { }

    static String format(int word, int pc) {
        PpcRow row = PpcTable.find(word);
        if (row == null) return String.format(".long 0x%08x", word);
        String ext = extended(row.name(), word, pc);
        if (ext != null) return ext;
        if (row.syntax().isEmpty()) return row.name();
        StringBuilder sb = new StringBuilder(row.name()).append(' ');
        String[] fields = row.syntax().split(",");
        boolean ra0 = readsRaOrZero(row.name());
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            String f = fields[i].trim();
            // FPSCR fields and bits are plain numbers
            if (f.equals("BF") && row.name().startsWith("mtfsfi") || f.equals("BT") && row.name().startsWith("mtfsb")) f += "#";
            sb.append(ra0 && f.startsWith("D(") && Fields.ra(word) == 0 ? Fields.si(word) + "(0)"
                    : ra0 && f.equals("RA") && Fields.ra(word) == 0 ? "0" : operand(f, word, pc));
        }
        return trimOptional(row.name(), sb.toString());
    }

    /** Loads, stores and cache ops whose rA field means 0 when it is 0 (objdump prints "0"); update forms use rA itself. */
    private static boolean readsRaOrZero(String name) {
        if (name.startsWith("dcb") || name.equals("icbi") || name.startsWith("lsw") || name.startsWith("stsw")
                || name.equals("lwarx") || name.equals("stwcx.")) return true;
        boolean mem = name.startsWith("l") && !name.startsWith("lsw") || name.startsWith("st");
        return mem && !name.endsWith("u") && !name.endsWith("ux") && !name.endsWith("ux.");
    }

    /** objdump leaves out the optional trailing operands when they are 0: mtfsf's L and W, mtfsfi's W. */
    private static String trimOptional(String name, String text) {
        int optional = name.startsWith("mtfsfi") ? 1 : name.startsWith("mtfsf") ? 2 : 0;
        for (int i = 0; i < optional && text.endsWith(",0"); i++) text = text.substring(0, text.length() - 2);
        return text;
    }

    static String operand(String field, int w, int pc) {
        return switch (field) {
            case "RT", "RS" -> "r" + Fields.rt(w);
            case "RA" -> "r" + Fields.ra(w);
            case "RB" -> "r" + Fields.rb(w);
            case "FRT", "FRS" -> "f" + Fields.frt(w);
            case "FRA" -> "f" + Fields.fra(w);
            case "FRB" -> "f" + Fields.frb(w);
            case "FRC" -> "f" + Fields.frc(w);
            case "D(RA)" -> Fields.si(w) + "(r" + Fields.ra(w) + ")";
            case "SI", "D" -> Integer.toString(Fields.si(w));
            case "UI" -> Integer.toString(Fields.ui(w));
            case "BF" -> "cr" + Fields.bf(w);
            case "BFA" -> "cr" + Fields.bfa(w);
            case "BO", "TO" -> Integer.toString(Fields.bo(w));
            case "BT" -> crBit(Fields.bo(w));
            case "BI", "BA" -> crBit(Fields.bi(w));
            case "BB" -> crBit(Fields.rb(w));
            case "SH", "NB" -> Integer.toString(Fields.rb(w));
            case "MB" -> Integer.toString(Fields.mb(w));
            case "ME" -> Integer.toString(Fields.me(w));
            case "SPR" -> Integer.toString(Fields.spr(w));
            case "FXM" -> Integer.toString(Fields.bits(w, 12, 19));
            case "LI" -> String.format("0x%08x", Branch.target(w, pc, Fields.li(w)));
            case "BD" -> String.format("0x%08x", Branch.target(w, pc, Fields.bd(w)));
            // mtfsf / mtfsfi (X/XFL forms): field mask, FPSCR field number, immediate, and the L and W bits
            case "FLM" -> Integer.toString(Fields.bits(w, 7, 14));
            case "BF#" -> Integer.toString(Fields.bf(w));
            case "BT#" -> Integer.toString(Fields.bo(w));
            case "U" -> Integer.toString(Fields.bits(w, 16, 19));
            case "L" -> Integer.toString(Fields.bits(w, 6, 6));
            case "W" -> Integer.toString(Fields.bits(w, 15, 15));
            case "RM" -> Integer.toString(Fields.bits(w, 19, 20));
            default -> field;
        };
    }

    private static final String[] CR_BIT = {"lt", "gt", "eq", "so"};

    /** A condition register bit as objdump names it: lt..so in cr0, else 4*crN+lt..so. */
    static String crBit(int bi) { return bi < 4 ? CR_BIT[bi] : "4*cr" + (bi >> 2) + "+" + CR_BIT[bi & 3]; }

    private static String r(int n) { return "r" + n; }

    private static String hex(int target) { return String.format("0x%08x", target); }

    /** objdump's extended mnemonic and operands for this encoding of row {@code name}, or null for the base form. */
    private static String extended(String name, int w, int pc) {
        int rt = Fields.rt(w), ra = Fields.ra(w), rb = Fields.rb(w);
        String dot = Fields.rcBit(w) ? "." : "";
        switch (name) {
            case "addi": return ra == 0 ? "li " + r(rt) + "," + Fields.si(w) : null;
            case "addis": return ra == 0 ? "lis " + r(rt) + "," + Fields.si(w) : null;
            case "ori": return w == 0x60000000 ? "nop" : null;
            case "xori": return w == 0x68000000 ? "xnop" : null;
            case "or", "or.": return rt == rb ? "mr" + dot + " " + r(ra) + "," + r(rt) : null;
            case "nor", "nor.": return rt == rb ? "not" + dot + " " + r(ra) + "," + r(rt) : null;
            case "cmp", "cmpl", "cmpi", "cmpli": return compare(name, w);
            case "rlwinm", "rlwinm.": return rlwinm(w, dot);
            case "rlwnm", "rlwnm.":
                return Fields.mb(w) == 0 && Fields.me(w) == 31 ? "rotlw" + dot + " " + r(ra) + "," + r(rt) + "," + r(rb) : null;
            case "mfspr": {
                String spr = sprName(Fields.spr(w), true);
                if (spr == null) return null;
                int hash = spr.indexOf('#');
                return hash < 0 ? "mf" + spr + " " + r(rt) : "mf" + spr.substring(0, hash) + " " + r(rt) + "," + spr.substring(hash + 1);
            }
            case "mtspr": {
                String spr = sprName(Fields.spr(w), false);
                if (spr == null) return null;
                int hash = spr.indexOf('#');
                return hash < 0 ? "mt" + spr + " " + r(rt) : "mt" + spr.substring(0, hash) + " " + spr.substring(hash + 1) + "," + r(rt);
            }
            case "mftb": {
                int tbr = Fields.spr(w);
                return tbr == 268 ? "mftb " + r(rt) : tbr == 269 ? "mftbu " + r(rt) : null;
            }
            case "mtcrf": return Fields.bits(w, 12, 19) == 0xff ? "mtcr " + r(rt) : null;
            case "tw", "twi": return trap(name, w);
            case "crxor", "creqv": {
                int bt = Fields.bo(w);
                return bt == ra && ra == rb ? (name.equals("crxor") ? "crclr " : "crset ") + crBit(bt) : null;
            }
            case "cror", "crnor":
                return ra == rb ? (name.equals("cror") ? "crmove " : "crnot ") + crBit(Fields.bo(w)) + "," + crBit(ra) : null;
            case "sync": {
                int l = Fields.bits(w, 9, 10);
                return l == 0 ? "hwsync" : l == 1 ? "lwsync" : l == 2 ? "ptesync" : null;
            }
            case "dcbt", "dcbtst": return touch(name, w);
            case "lswi", "stswi": return name + " " + r(rt) + "," + (ra == 0 ? "0" : r(ra)) + "," + (rb == 0 ? 32 : rb);
            // operands our table's syntax leaves out (the fuzzers draw only the fields it names)
            case "mffscdrn", "mffscrn": return name + " f" + rt + ",f" + rb;
            case "mffscdrni": return name + " f" + rt + "," + Fields.bits(w, 18, 20);
            case "mffscrni": return name + " f" + rt + "," + Fields.bits(w, 19, 20);
            case "mfmsr", "mtmsr": return name + " " + r(rt);
            case "mfsr": return name + " " + r(rt) + "," + Fields.bits(w, 12, 15);
            case "mtsr": return name + " " + Fields.bits(w, 12, 15) + "," + r(rt);
            case "mfsrin", "mtsrin": return name + " " + r(rt) + "," + r(rb);
            case "tlbie": return name + " " + r(rb) + "," + r(rt);
            case "dcbi": return name + " " + (ra == 0 ? "0" : r(ra)) + "," + r(rb);
            case "bc", "bcl", "bca", "bcla", "bclr", "bclrl", "bcctr", "bcctrl": return branch(name, w, pc);
            default: return null;
        }
    }

    /** cmpw / cmplw / cmpwi / cmplwi (cmpd... when L=1), the cr field left out when it is cr0. */
    private static String compare(String name, int w) {
        boolean doubleword = Fields.bits(w, 10, 10) == 1;
        String m = switch (name) {
            case "cmp" -> doubleword ? "cmpd" : "cmpw";
            case "cmpl" -> doubleword ? "cmpld" : "cmplw";
            case "cmpi" -> doubleword ? "cmpdi" : "cmpwi";
            default -> doubleword ? "cmpldi" : "cmplwi";
        };
        String last = switch (name) {
            case "cmp", "cmpl" -> r(Fields.rb(w));
            case "cmpi" -> Integer.toString(Fields.si(w));
            default -> Integer.toString(Fields.ui(w));
        };
        int bf = Fields.bf(w);
        return m + " " + (bf == 0 ? "" : "cr" + bf + ",") + r(Fields.ra(w)) + "," + last;
    }

    /** rlwinm's shift and mask idioms, in objdump's order of preference. */
    private static String rlwinm(int w, String dot) {
        int sh = Fields.sh(w), mb = Fields.mb(w), me = Fields.me(w);
        String regs = r(Fields.ra(w)) + "," + r(Fields.rs(w)) + ",";
        if (mb == 0 && me == 31) return "rotlwi" + dot + " " + regs + sh;
        if (sh == 0 && me == 31) return "clrlwi" + dot + " " + regs + mb;
        if (mb == 0 && me == 31 - sh) return "slwi" + dot + " " + regs + sh;
        if (me == 31 && sh == ((32 - mb) & 31)) return "srwi" + dot + " " + regs + mb;
        if (sh == 0 && mb == 0) return "clrrwi" + dot + " " + regs + (31 - me);
        return null;
    }

    private static final Map<Integer, String> TRAP_CONDITIONS = Map.ofEntries(
            Map.entry(1, "lgt"), Map.entry(2, "llt"), Map.entry(4, "eq"), Map.entry(5, "lge"), Map.entry(6, "lle"),
            Map.entry(8, "gt"), Map.entry(12, "ge"), Map.entry(16, "lt"), Map.entry(20, "le"), Map.entry(24, "ne"),
            Map.entry(31, "u"));

    /** tw / twi with a named TO condition (tweq, twlgti, ...); tw 31,0,0 is trap. */
    private static String trap(String name, int w) {
        String cond = TRAP_CONDITIONS.get(Fields.bo(w));
        if (cond == null) return null;
        if (name.equals("tw")) {
            if (Fields.bo(w) == 31 && Fields.ra(w) == 0 && Fields.rb(w) == 0) return "trap";
            return "tw" + cond + " " + r(Fields.ra(w)) + "," + r(Fields.rb(w));
        }
        return "tw" + cond + "i " + r(Fields.ra(w)) + "," + Fields.si(w);
    }

    /** dcbt / dcbtst: objdump names the TH hint (ct, ds, t, na) and prints TH when it is not implied. */
    private static String touch(String name, int w) {
        int th = Fields.bo(w), ra = Fields.ra(w);
        String m;
        boolean showTh = true;
        if (th < 8) { m = name + "ct"; showTh = th != 0; }
        else if (th < 16) { m = name + "ds"; showTh = th != 8; }
        else if (th == 16) { m = name + "t"; showTh = false; }
        else if (th == 17 && name.equals("dcbt")) { m = "dcbna"; showTh = false; }
        else m = name;
        return m + " " + (ra == 0 ? "0" : r(ra)) + "," + r(Fields.rb(w)) + (showTh ? "," + th : "");
    }

    private static final String[] COND_TRUE = {"lt", "gt", "eq", "so"}, COND_FALSE = {"ge", "le", "ne", "ns"};

    /**
     * The conditional branches. BO (Power ISA bits 0-4): 1z1zz branch always; 001at / 011at
     * test a CR bit (false / true) with "at" hints; 0z00y .. 0z01y decrement CTR and test the
     * bit; 1a0zt decrement CTR only. objdump reads the "at" hint (at=10 "-", 11 "+") on
     * bc; on bclr / bcctr it also shows the older y bit (BO odd) as "+".
     */
    private static String branch(String name, int w, int pc) {
        int bo = Fields.bo(w), bi = Fields.bi(w);
        boolean toReg = name.startsWith("bclr") || name.startsWith("bcctr");
        String base = name.substring(0, toReg ? name.startsWith("bclr") ? 4 : 5 : 2); // bc / bclr / bcctr
        String suffix = name.substring(base.length());                               // l, a, la or ""
        String reg = toReg ? base.substring(2) : "";                                 // lr / ctr / ""
        String target = toReg ? "" : hex(Branch.target(w, pc, Fields.bd(w)));
        boolean ctrOnly = (bo & 0x14) == 0x10, condOnly = (bo & 0x14) == 0x04, both = (bo & 0x14) == 0;
        String hint;
        if (condOnly) hint = atHint(bo & 3, bo, toReg);
        else if (ctrOnly) hint = atHint((bo >> 2 & 2) | (bo & 1), bo, toReg);
        else hint = toReg && both && (bo & 1) == 1 ? "+" : "";
        if (condOnly) {
            String c = ((bo & 8) != 0 ? COND_TRUE : COND_FALSE)[bi & 3];
            String ops = join(bi >= 4 ? "cr" + (bi >> 2) : "", target);
            return "b" + c + reg + suffix + hint + (ops.isEmpty() ? "" : " " + ops);
        }
        if (both && !name.startsWith("bcctr")) {
            String m = "bd" + ((bo & 2) != 0 ? "z" : "nz") + ((bo & 8) != 0 ? "t" : "f");
            return m + reg + suffix + hint + " " + join(crBit(bi), target);
        }
        if (ctrOnly && bi == 0 && !name.startsWith("bcctr")) {
            String m = "bd" + ((bo & 2) != 0 ? "z" : "nz");
            return m + reg + suffix + hint + (target.isEmpty() ? "" : " " + target);
        }
        if (bo == 20 && bi == 0 && toReg) return "b" + reg + suffix;
        // no extended form: the base mnemonic, hinted as objdump hints it
        if (both) hint = "";
        return name + hint + " " + join(bo + "," + crBit(bi), target);
    }

    /** "-" for at=10, "+" for at=11, and on bclr / bcctr also "+" for the older y bit (BO odd). */
    private static String atHint(int at, int bo, boolean toReg) {
        if (at == 2) return "-";
        if (at == 3 || toReg && (bo & 1) == 1) return "+";
        return "";
    }

    private static String join(String a, String b) { return a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b; }

    // ---- SPR names (objdump's, for mfspr / mtspr): "name" or "name#index" for the numbered groups

    private static final Map<Integer, String> SPR_BOTH = parse("1:xer 3:udscr 8:lr 9:ctr 13:uamr 17:dscr 18:dsisr 19:dar 22:dec 25:sdr1 26:srr0 27:srr1 28:cfar 29:amr "
                + "48:pidr 61:iamr 153:fscr 157:uamor 159:pspb 176:dpdes 180:dawr0 181:dawr1 186:rpr 187:ciabr 188:dawrx0 "
                + "189:dawrx1 190:hfscr 256:vrsave 272:sprg#0 273:sprg#1 274:sprg#2 275:sprg#3 280:asr 282:ear 304:hsprg0 "
                + "305:hsprg1 306:hdisr 307:hdar 308:spurr 309:purr 310:hdec 313:hrmor 314:hsrr0 315:hsrr1 318:lpcr "
                + "319:lpidr 336:hmer 337:hmeer 338:pcr 339:heir 349:amor 464:ptcr 496:usprg0 497:usprg1 505:urmor "
                + "506:usrr0 507:usrr1 511:smfctrl 528:ibatu#0 529:ibatl#0 530:ibatu#1 531:ibatl#1 532:ibatu#2 "
                + "533:ibatl#2 534:ibatu#3 535:ibatl#3 536:dbatu#0 537:dbatl#0 538:dbatu#1 539:dbatl#1 540:dbatu#2 "
                + "541:dbatl#2 542:dbatu#3 543:dbatl#3 769:ummcr2 770:ummcra 771:upmc1 772:upmc2 773:upmc3 774:upmc4 "
                + "775:upmc5 776:upmc6 779:ummcr0 800:bescrs 801:bescrsu 802:bescrr 803:bescrru 804:ebbhr 805:ebbrr "
                + "806:bescr 815:tar 816:asdr 823:psscr 848:ic 849:vtb 855:hpsscr 896:ppr 898:ppr32"),
        SPR_MF = parse("4:rtcu 5:rtcl 136:ctrl 259:usprg3 268:tb 269:tbu 287:pvr 446:tir 736:usier2 737:usier3 738:ummcr3 "
                + "768:usier 780:usiar 781:usdar 782:ummcr1 1023:pir"),
        SPR_MT = parse("20:rtcu 21:rtcl 128:tfhar 129:tfiar 130:texasr 131:texasru 152:ctrl 284:tbl 285:tbu 286:tbu40 "
                + "752:sier2 753:sier3 754:mmcr3 784:sier 786:mmcra 787:pmc1 788:pmc2 789:pmc3 790:pmc4 791:pmc5 "
                + "792:pmc6 795:mmcr0 796:siar 797:sdar 798:mmcr1");

    private static Map<Integer, String> parse(String list) {
        Map<Integer, String> m = new HashMap<>();
        for (String e : list.split(" ")) {
            int c = e.indexOf(':');
            m.put(Integer.parseInt(e.substring(0, c)), e.substring(c + 1));
        }
        return Map.copyOf(m);
    }

    private static String sprName(int spr, boolean from) {
        String n = SPR_BOTH.get(spr);
        return n != null ? n : (from ? SPR_MF : SPR_MT).get(spr);
    }
}
