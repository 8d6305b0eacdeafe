package dynvm.arm;

import static dynvm.arm.ThumbFields.*;

/**
 * Thumb disassembly from the table: the row's mnemonic and its syntax fields in UAL spelling,
 * close to what objdump prints (branch targets absolute, register lists in braces).
 *
 * <p>Field names: R0/R3/R6/R8 = low register at that bit, HD/HM = high-register operands,
 * #I3/#I8/#SH = immediates (#SH is the shift amount, 0 meaning 32 for LSR/ASR), [..] memory
 * operands with the scaled offset, LIST/LIST+lr/LIST+pc register lists, T8/T11/T22 targets.
 */
final class ThumbDisassembler {
    private ThumbDisassembler() { }

    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
    private static final String[] REG = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc"};

    static String format(ThumbRow row, int insn, int pc) {
        if (row == null) return String.format(".short 0x%04x", insn & 0xffff);
        if (row.syntax().isEmpty()) return row.name();
        StringBuilder sb = new StringBuilder(row.name()).append(' ');
        String[] fields = row.syntax().split(",");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(operand(row, fields[i], insn, pc));
        }
        return sb.toString();
    }

    static String reg(int n) { return REG[n]; }

    static String condName(int cond) { return COND[cond]; }

    private static String operand(ThumbRow row, String field, int w, int pc) {
        return switch (field) {
            case "R0" -> reg(r0(w));
            case "R3" -> reg(r3(w));
            case "R6" -> reg(r6(w));
            case "R8" -> reg(r8(w));
            case "R8!" -> reg(r8(w)) + ((list(w) >>> r8(w) & 1) != 0 && row.name().equals("ldmia") ? "" : "!");
            case "HD" -> reg(hd(w));
            case "HM" -> reg(hm(w));
            case "sp", "pc" -> field;
            case "#I3" -> "#" + imm3(w);
            case "#I8" -> "#" + imm8(w);
            case "#I8x4" -> "#" + imm8(w) * 4;
            case "#I7x4" -> "#" + imm7(w) * 4;
            case "#SH" -> "#" + (imm5(w) == 0 && !row.name().startsWith("lsl") ? 32 : imm5(w));
            case "[R3+R6]" -> "[" + reg(r3(w)) + ", " + reg(r6(w)) + "]";
            case "[R3+I5]" -> "[" + reg(r3(w)) + ", #" + imm5(w) + "]";
            case "[R3+I5x2]" -> "[" + reg(r3(w)) + ", #" + imm5(w) * 2 + "]";
            case "[R3+I5x4]" -> "[" + reg(r3(w)) + ", #" + imm5(w) * 4 + "]";
            case "[sp+I8x4]" -> "[sp, #" + imm8(w) * 4 + "]";
            case "[pc+I8x4]" -> "[pc, #" + imm8(w) * 4 + "] @ " + hex(literalBase(pc) + imm8(w) * 4);
            case "LIST" -> regList(list(w), null);
            case "LIST+lr" -> regList(list(w), (w & 0x100) != 0 ? "lr" : null);
            case "LIST+pc" -> regList(list(w), (w & 0x100) != 0 ? "pc" : null);
            case "T8" -> hex(condTarget(w, pc));
            case "T11" -> hex(branchTarget(w, pc));
            case "T22" -> hex(row.name().equals("blx") ? blxTarget(w, pc) : blTarget(w, pc));
            case "S11" -> "#" + hex(suffixOffset(w)); // a lone BL/BLX suffix: offset from lr
            case "P11" -> "#" + hex(prefixOffset(w)); // a lone BL/BLX prefix: lr = pc + 4 + this
            default -> field;
        };
    }

    private static String hex(int v) { return String.format("0x%x", v); }

    private static String regList(int bits, String extra) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 8; i++) {
            if ((bits >>> i & 1) == 0) continue;
            if (sb.length() > 1) sb.append(", ");
            sb.append(reg(i));
        }
        if (extra != null) sb.append(sb.length() > 1 ? ", " : "").append(extra);
        return sb.append('}').toString();
    }
}
