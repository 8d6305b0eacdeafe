package dynvm.ppc;

/**
 * Disassembly from the table: the row's mnemonic followed by its syntax fields, formatted by
 * field name (registers as rN / fN / crN, displacements as D(rA), branch targets absolute).
 * Extended mnemonics (li, mr, blr, ...) are not produced; base mnemonics are exact.
 */
final class PpcDisassembler {
    private PpcDisassembler() { }

    static String format(int word, int pc) {
        PpcRow row = PpcTable.find(word);
        if (row == null) return String.format(".long 0x%08x", word);
        if (row.syntax().isEmpty()) return row.name();
        StringBuilder sb = new StringBuilder(row.name()).append(' ');
        String[] fields = row.syntax().split(",");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(operand(fields[i].trim(), word, pc));
        }
        return sb.toString();
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
            case "BO", "TO", "BT" -> Integer.toString(Fields.bo(w));
            case "BI", "BA" -> Integer.toString(Fields.bi(w));
            case "BB", "SH", "NB" -> Integer.toString(Fields.rb(w));
            case "MB" -> Integer.toString(Fields.mb(w));
            case "ME" -> Integer.toString(Fields.me(w));
            case "SPR" -> Integer.toString(Fields.spr(w));
            case "FXM" -> String.format("0x%02x", Fields.bits(w, 12, 19));
            case "LI" -> String.format("0x%08x", Branch.target(w, pc, Fields.li(w)));
            case "BD" -> String.format("0x%08x", Branch.target(w, pc, Fields.bd(w)));
            // mtfsf / mtfsfi (X/XFL forms): field mask, immediate, and the L and W bits
            case "FLM" -> String.format("0x%02x", Fields.bits(w, 7, 14));
            case "U" -> Integer.toString(Fields.bits(w, 16, 19));
            case "L" -> Integer.toString(Fields.bits(w, 6, 6));
            case "W" -> Integer.toString(Fields.bits(w, 15, 15));
            case "RM" -> Integer.toString(Fields.bits(w, 19, 20));
            default -> field;
        };
    }
}
