package dynvm.arm.thumb;

import static dynvm.arm.thumb.Thumb32Fields.rm;
import static dynvm.arm.thumb.Thumb32Fields.rn;

/**
 * Operand text of the 32-bit load/store fields ({@link Thumb32LoadStore}) in GNU objdump's
 * spelling, zero offsets included: "[r1]" for a zero pre-index offset without sign, "#-0" only
 * where objdump keeps it (LDRD/STRD), "[pc, #8] @ 0x..." with the literal's address.
 *
 * <p>Fields: [RN+I12] imm12; [RN+I8PUW] imm8 with P/U/W (hw2 bits 10:8); [RN+I8] the unprivileged
 * forms; [RN+RM+LSL2] register with imm2 (hw2 bits 5:4); [pc+I12U] literal, U = bit 23;
 * [RN+I8x4PUW] and [pc+I8x4U] LDRD/STRD (P = bit 24, U = 23, W = 21); [RN+I8x4] LDREX/STREX;
 * [RN]; [RN+RM] TBB; [RN+RM+lsl1] TBH; RN! the base of LDM/STM with "!" when W; LIST16 the
 * register list of LDM/STM/PUSH/POP.
 */
final class Thumb32MemoryOperands {
    private Thumb32MemoryOperands() { }

    /** The text of {@code field}, or the field itself when it is not a load/store field. */
    static String operand(String field, int w, int pc) {
        String n = reg(rn(w));
        return switch (field) {
            case "[RN+I12]" -> offset(n, w & 0xfff);
            case "[RN+I8]" -> offset(n, w & 0xff);
            case "[RN+I8PUW]" -> indexed(n, bit(w, 10), bit(w, 9), bit(w, 8), w & 0xff, false);
            case "[RN+I8x4PUW]" -> indexed(n, bit(w, 24), bit(w, 23), bit(w, 21), (w & 0xff) * 4, true);
            case "[RN+RM+LSL2]" -> "[" + n + ", " + reg(rm(w)) + ((w >>> 4 & 3) == 0 ? "]" : ", lsl #" + (w >>> 4 & 3) + "]");
            case "[pc+I12U]" -> literal(w, pc, w & 0xfff, false);
            case "[pc+I8x4U]" -> literal(w, pc, (w & 0xff) * 4, true);
            case "[RN+I8x4]" -> offset(n, (w & 0xff) * 4);
            case "[RN]" -> "[" + n + "]";
            case "[RN+RM]" -> "[" + n + ", " + reg(rm(w)) + "]";
            case "[RN+RM+lsl1]" -> "[" + n + ", " + reg(rm(w)) + ", lsl #1]";
            case "RN!" -> n + (bit(w, 21) ? "!" : "");
            case "LIST16" -> list(w & 0xffff);
            default -> field;
        };
    }

    private static boolean bit(int w, int n) { return (w >>> n & 1) != 0; }

    private static String reg(int r) { return ThumbDisassembler.reg(r); }

    /** [Rn, #imm], or [Rn] for 0. */
    private static String offset(String n, int imm) { return imm == 0 ? "[" + n + "]" : "[" + n + ", #" + imm + "]"; }

    /** Pre-indexed "[Rn, #+/-imm]" with "!" for writeback, or post-indexed "[Rn], #+/-imm". */
    private static String indexed(String n, boolean pre, boolean up, boolean wback, int imm, boolean keepMinusZero) {
        String sign = up || imm == 0 && !keepMinusZero ? "" : "-";
        if (!pre) return "[" + n + "], #" + sign + imm;
        String body = imm == 0 && sign.isEmpty() ? "[" + n + "]" : "[" + n + ", #" + sign + imm + "]";
        return body + (wback ? "!" : "");
    }

    /** [pc, #+/-imm] @ Align(pc + 4, 4) +/- imm. */
    private static String literal(int w, int pc, int imm, boolean keepMinusZero) {
        boolean up = bit(w, 23);
        int target = Thumb32LoadStore.literalBase(pc) + (up ? imm : -imm);
        String sign = up || imm == 0 && !keepMinusZero ? "" : "-";
        String body = imm == 0 && sign.isEmpty() ? "[pc]" : "[pc, #" + sign + imm + "]";
        return body + String.format(" @ 0x%x", target);
    }

    /** {r0, r4, pc}: registers in ascending order. */
    static String list(int bits) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            if ((bits >>> i & 1) == 0) continue;
            if (sb.length() > 1) sb.append(", ");
            sb.append(reg(i));
        }
        return sb.append('}').toString();
    }
}
