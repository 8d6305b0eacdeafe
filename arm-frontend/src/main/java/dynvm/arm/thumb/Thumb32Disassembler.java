package dynvm.arm.thumb;

import static dynvm.arm.thumb.Thumb32Fields.*;

import dynvm.arm.ArmOps;

/**
 * Operand text of the 32-bit Thumb fields, in objdump's spelling (see {@link ThumbDisassembler}
 * for the field names). Immediates print in decimal, targets in hex, without objdump's "@ 0x.."
 * comments.
 */
final class Thumb32Disassembler {
    private Thumb32Disassembler() { }

    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    private static final String[] BARRIER = {"#0", "#1", "oshst", "osh", "#4", "#5", "nshst", "nsh",
            "#8", "#9", "ishst", "ish", "#12", "#13", "st", "sy"};

    static String operand(String field, int w, int pc) {
        return switch (field) {
            case "RD" -> reg(rd(w));
            case "RN" -> reg(rn(w));
            case "RM" -> reg(rm(w));
            case "RT", "RA", "RDLO" -> reg(rt(w));
            case "RDHI" -> reg(rd(w));
            case "#TIMM" -> "#" + Integer.toUnsignedString(expandImm(imm12(w)));
            case "#I12" -> "#" + imm12(w);
            case "#I16" -> "#" + imm16(w);
            case "#I8" -> "#" + (w & 0xff);
            case "#I4" -> "#" + (w & 15);
            case "#CPS" -> String.format("#0x%x", w & 0x7ff);
            case "SH" -> shifted(w);
            case "#SAT1" -> "#" + ((w & 31) + 1);
            case "#SAT" -> "#" + (w & 31);
            case "#SAT16_1" -> "#" + ((w & 15) + 1);
            case "#SAT16" -> "#" + (w & 15);
            case "SSH" -> imm5(w) == 0 ? "" : ((w & 1 << 21) != 0 ? "asr #" : "lsl #") + imm5(w);
            case "PKH" -> (w & 0x20) == 0 ? (imm5(w) == 0 ? "" : "lsl #" + imm5(w)) : "asr #" + (imm5(w) == 0 ? 32 : imm5(w));
            case "#LSB" -> "#" + imm5(w);
            case "#WIDTH" -> "#" + ((w & 31) + 1);
            case "#BFW" -> "#" + ((w & 31) - imm5(w) + 1);
            case "ROT" -> (w >>> 4 & 3) == 0 ? "" : "ror #" + 8 * (w >>> 4 & 3);
            case "T20" -> hex(bCondTarget(w, pc));
            case "T24" -> hex(bTarget(w, pc));
            case "T24X" -> hex(blxTarget(w, pc));
            case "APSR" -> "CPSR_" + ((w & 0x800) != 0 ? "f" : "") + ((w & 0x400) != 0 ? "s" : "");
            case "apsr" -> "CPSR";
            case "OPT" -> BARRIER[w & 15];
            default -> Thumb32MemoryOperands.operand(field, w, pc);
        };
    }

    static String reg(int n) { return ThumbDisassembler.reg(n); }

    /** Rm with its immediate shift (DecodeImmShift): none for LSL #0, #32 for LSR/ASR #0, rrx for ROR #0. */
    static String shifted(int w) {
        int type = shiftType(w), n = imm5(w);
        if (type == ArmOps.LSL && n == 0) return reg(rm(w));
        if (type == ArmOps.ROR && n == 0) return reg(rm(w)) + ", rrx";
        return reg(rm(w)) + ", " + SHIFT[type] + " #" + (n == 0 ? 32 : n);
    }

    private static String hex(int v) { return String.format("0x%x", v); }
}
