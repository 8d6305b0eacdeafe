package dynvm.arm.thumb;

import static dynvm.arm.thumb.ThumbFields.*;

import dynvm.arm.ArmOps;
import dynvm.arm.neon.Neon;
import dynvm.arm.vfp.Vfp;

/**
 * Thumb disassembly from the table: the row's mnemonic and its syntax fields in UAL spelling,
 * close to what objdump prints (branch targets absolute, register lists in braces).
 *
 * <p>16-bit field names: R0/R3/R6/R8 = low register at that bit, HD/HM = high-register operands,
 * #I3/#I8/#SH = immediates (#SH is the shift amount, 0 meaning 32 for LSR/ASR), [..] memory
 * operands with the scaled offset, LIST/LIST+lr/LIST+pc register lists, T8/T11/TCB targets,
 * IT the IT instruction's condition (its mnemonic carries the then/else letters).
 *
 * <p>32-bit field names (see {@link Thumb32Fields}): RD/RN/RM/RT/RA registers (RA and RT are
 * hw2[15:12], RDHI hw2[11:8], RDLO hw2[15:12]), #TIMM = ThumbExpandImm, #I12 = i:imm3:imm8,
 * #I16 = MOVW/MOVT's imm16, SH = Rm with its immediate shift, T20/T24/T24X branch targets, APSR
 * the MSR field mask, OPT a barrier option, VFP the whole text from {@link Vfp#disassemble}.
 *
 * <p>Inside an IT block the mnemonic carries the condition (before a ".w" qualifier) and the
 * narrow flag-setting forms drop their S, as objdump prints them.
 */
public final class ThumbDisassembler {
    private ThumbDisassembler() { }

    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
    private static final String[] REG = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc"};


    public static String format(ThumbRow row, int insn, int pc) { return format(row, insn, pc, 0); }

    /** {@code insn} as decoded under IT state {@code it} (0 outside IT blocks). */
    public static String format(ThumbRow row, int insn, int pc, int it) {
        if (row == null || !row.defined().test(insn))
            return ThumbDecoder.isWide(insn >>> 16) && (insn >>> 16) != 0 ? String.format(".word 0x%08x", insn) : String.format(".short 0x%04x", insn & 0xffff);
        if (row.syntax().equals("VFP") || row.syntax().equals("NEON")) {
            String text = row.syntax().equals("NEON") ? Neon.disassemble(Neon.fromThumb(insn)) : Vfp.disassemble(insn, pc + 4);
            if (text == null) text = Neon.disassemble(insn);
            return ThumbItState.inBlock(it) ? withCondition(text, ThumbItState.condition(it)) : text;
        }
        String name = row.name().equals("it") ? itMnemonic(insn) : row.name(), syntax = row.syntax();
        if (name.equals("lsls") && syntax.equals("R0,R3,#SH") && imm5(insn) == 0) {
            name = "movs"; // UAL: the LSL #0 encoding is MOVS Rd, Rm (MOV register, T2)
            syntax = "R0,R3";
        }
        if (ThumbItState.inBlock(it)) {
            if (row.it() == ThumbRow.It.NARROW_FLAGS && name.endsWith("s")) name = name.substring(0, name.length() - 1);
            name = withCondition(name, ThumbItState.condition(it));
        }
        if (syntax.isEmpty()) return name;
        StringBuilder sb = new StringBuilder(name).append(' ');
        String[] fields = syntax.split(",");
        for (int i = 0; i < fields.length; i++) {
            String op = operand(row, fields[i], insn, pc);
            if (op.isEmpty()) continue;
            if (i > 0) sb.append(", ");
            sb.append(op);
        }
        return sb.toString();
    }

    /** The condition suffix after the mnemonic, before a ".w"/".f64" qualifier or the operands. */
    private static String withCondition(String text, int cond) {
        if (cond == ArmOps.AL) return text;
        int end = 0;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != ' ') end++;
        return text.substring(0, end) + COND[cond] + text.substring(end);
    }

    /** IT's mnemonic: "it" then t/e for each further instruction (t when its condition bit equals firstcond[0]). */
    private static String itMnemonic(int w) {
        StringBuilder sb = new StringBuilder("it");
        int mask = w & 15, c0 = w >>> 4 & 1;
        for (int bit = 3; bit > 0 && (mask & ((1 << bit) - 1)) != 0; bit--) sb.append((mask >>> bit & 1) == c0 ? 't' : 'e');
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
            case "TCB" -> hex(cbTarget(w, pc));
            case "IT" -> COND[w >>> 4 & 15];
            case "#HINT" -> "#" + (w >>> 4 & 15);
            case "AIF" -> ((w & 4) != 0 ? "a" : "") + ((w & 2) != 0 ? "i" : "") + ((w & 1) != 0 ? "f" : "");
            default -> Thumb32Disassembler.operand(field, w, pc);
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
