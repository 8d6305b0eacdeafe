package dynvm.arm.a32;

import static dynvm.arm.a32.A32Fields.COND_NAMES;
import static dynvm.arm.a32.A32Fields.SHIFT_NAMES;
import static dynvm.arm.a32.A32Fields.bit;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.arm.neon.Neon;
import dynvm.arm.vfp.Vfp;

/**
 * Disassembly from the table, in UAL syntax close to objdump's: the row's mnemonic with the
 * condition suffix, then its syntax fields formatted by name. R0/R8/R12/R16 are the register
 * fields at those bit positions; the other fields are described in {@link #operand}. The UAL
 * aliases objdump prints are produced too: MOV with a shifted register is its shift instruction
 * (lsl/lsr/asr/ror/rrx), STMDB/LDM sp! and the one-register STR/LDR sp forms are push/pop.
 */
public final class A32Disassembler {
    private A32Disassembler() { }

    public static String format(int word, int pc) {
        if (word >>> 28 != 15 && Vfp.inSpace(word)) {
            String vfp = Vfp.disassemble(word, pc + 8, COND_NAMES[word >>> 28]);
            String neon = vfp == null ? Neon.disassemble(word) : null;
            if (neon != null) return Vfp.withCondition(neon, COND_NAMES[word >>> 28]);
            return vfp != null ? vfp : String.format(".word 0x%08x", word);
        }
        if (word >>> 28 == 15 && Neon.inSpace(word)) {
            String neon = Neon.disassemble(word);
            return neon != null ? neon : String.format(".word 0x%08x", word);
        }
        A32Row row = A32Table.find(word);
        if (row == null) return String.format(".word 0x%08x", word);
        String name = row.name() + (row.unconditional() ? "" : COND_NAMES[word >>> 28]);
        String alias = shiftAlias(row, word, name);
        if (alias == null) alias = pushPop(word);
        if (alias != null) return alias;
        if (row.syntax().isEmpty()) return name;
        StringBuilder sb = new StringBuilder(name).append('\t');
        String[] fields = row.syntax().split(",");
        for (int i = 0; i < fields.length; i++) {
            String op = operand(fields[i], word, pc);
            if (op.isEmpty()) continue;
            if (i > 0) sb.append(", ");
            sb.append(op);
        }
        return sb.toString();
    }

    private static String reg(int n) { return ArmRegs.coreName(n & 15); }

    /**
     * UAL's push/pop: STMDB sp!, {list} and LDM sp!, {list} (a non-empty list), STR rt, [sp, #-4]!
     * and LDR rt, [sp], #4; else null.
     */
    private static String pushPop(int w) {
        if (w >>> 28 == 15) return null; // the unconditional space holds other instructions
        String cond = COND_NAMES[w >>> 28];
        if ((w & 0x0fff0000) == 0x092d0000 && (w & 0xffff) != 0) return "push" + cond + '\t' + list(w);
        if ((w & 0x0fff0000) == 0x08bd0000 && (w & 0xffff) != 0) return "pop" + cond + '\t' + list(w);
        if ((w & 0x0fff0fff) == 0x052d0004) return "push" + cond + "\t{" + reg(w >>> 12) + "}";
        if ((w & 0x0fff0fff) == 0x049d0004) return "pop" + cond + "\t{" + reg(w >>> 12) + "}";
        return null;
    }

    /**
     * UAL's name for MOV(S) with a shifted register (register forms, bit 25 clear): "asr rd, rm, #n",
     * "lsr rd, rm, rs", "rrx rd, rm" (ROR #0); LSL #0 is a plain mov (null: printed from the row).
     */
    private static String shiftAlias(A32Row row, int w, String name) {
        if (!(row.name().equals("mov") || row.name().equals("movs")) || bit(w, 25)) return null;
        int type = (w >>> 5) & 3, n = (w >>> 7) & 31;
        String suffix = name.substring(3); // "s" and the condition
        String operands = reg(w >>> 12) + ", " + reg(w);
        if (bit(w, 4)) return SHIFT_NAMES[type] + suffix + '\t' + operands + ", " + reg(w >>> 8);
        if (type == ArmOps.LSL && n == 0) return null;
        if (type == ArmOps.ROR && n == 0) return "rrx" + suffix + '\t' + operands;
        return SHIFT_NAMES[type] + suffix + '\t' + operands + ", #" + (n == 0 ? 32 : n);
    }

    private static String imm(int v) { return "#" + (v >= -256 && v <= 0xffff ? Integer.toString(v) : String.format("0x%x", v)); }

    static String operand(String f, int w, int pc) {
        return switch (f) {
            case "R0" -> reg(w);
            case "R8" -> reg(w >>> 8);
            case "R12" -> reg(w >>> 12);
            case "R16" -> reg(w >>> 16);
            case "R12n" -> reg((w >>> 12) + 1);
            case "R0n" -> reg(w + 1);
            case "R16w" -> reg(w >>> 16) + (bit(w, 21) ? "!" : "");
            case "[R16]" -> "[" + reg(w >>> 16) + "]";
            case "#rimm" -> imm(ArmOps.expandImmValue(w & 0xfff));
            case "sh" -> shiftedRegister(w);
            case "rsh" -> reg(w) + ", " + SHIFT_NAMES[(w >>> 5) & 3] + " " + reg(w >>> 8);
            case "am2" -> address(w, bit(w, 25) ? shiftedRegister(w) : imm12(w), !bit(w, 25) && (w & 0xfff) == 0);
            case "am3" -> address(w, bit(w, 22) ? "#" + sign(w) + ((w >>> 4) & 0xf0 | w & 15) : sign(w) + reg(w),
                    bit(w, 22) && ((w >>> 4) & 0xf0 | w & 15) == 0);
            case "list" -> list(w);
            case "list^" -> list(w) + "^";
            case "t24" -> String.format("0x%08x", A32Branch.target(w, pc));
            case "t24h" -> String.format("0x%08x", A32Branch.blxTarget(w, pc));
            case "#i24" -> String.format("#0x%x", w & 0xffffff);
            case "#i16" -> String.format("#0x%x", (w >>> 4) & 0xfff0 | w & 15);
            case "#i8" -> "#" + (w & 0xff);
            case "apsr" -> "APSR";
            case "msrmask" -> msrMask(w);
            case "rot" -> ((w >>> 10) & 3) == 0 ? "" : "ror #" + 8 * ((w >>> 10) & 3);
            case "#i4" -> "#" + (w & 15);
            case "#imm16" -> "#" + A32DataProcessing.imm16(w);
            case "#ssat" -> "#" + (((w >>> 16) & 31) + 1);
            case "#usat" -> "#" + ((w >>> 16) & 31);
            case "#ssat16" -> "#" + (((w >>> 16) & 15) + 1);
            case "#usat16" -> "#" + ((w >>> 16) & 15);
            case "satsh", "pkhsh" -> immShift(bit(w, 6), (w >>> 7) & 31);
            case "#lsb" -> "#" + A32Media.lsb(w);
            case "#xwidth" -> "#" + (A32Media.msbField(w) + 1);
            case "#bfwidth" -> "#" + (A32Media.msbField(w) - A32Media.lsb(w) + 1);
            case "preload" -> address(w | 1 << 24, bit(w, 25) ? shiftedRegister(w) : imm12(w), !bit(w, 25) && (w & 0xfff) == 0);
            case "barrier" -> BARRIER_OPTIONS[w & 15];
            case "isbopt" -> (w & 15) == 15 ? "sy" : "#" + (w & 15);
            default -> f;
        };
    }

    /** Barrier options by bits 3:0 (DMB, DSB); the reserved values print as numbers. */
    private static final String[] BARRIER_OPTIONS = {"#0", "#1", "oshst", "osh", "#4", "#5", "nshst", "nsh",
            "#8", "#9", "ishst", "ish", "#12", "#13", "st", "sy"};

    /** LSL #n (nothing for 0) or, with {@code asr}, ASR #n (0 means 32): SSAT/USAT and PKHBT/PKHTB shifts. */
    private static String immShift(boolean asr, int imm5) {
        if (!asr) return imm5 == 0 ? "" : "lsl #" + imm5;
        return "asr #" + (imm5 == 0 ? 32 : imm5);
    }

    private static String sign(int w) { return bit(w, 23) ? "" : "-"; }

    private static String imm12(int w) { return "#" + sign(w) + (w & 0xfff); }

    /** Rm with its immediate shift: LSR/ASR #0 print as #32, ROR #0 as RRX. */
    private static String shiftedRegister(int w) {
        int type = (w >>> 5) & 3, n = (w >>> 7) & 31;
        String rm = (bit(w, 25) && (w & 0x0c000000) == 0x04000000 ? sign(w) : "") + reg(w);
        if (type == ArmOps.LSL && n == 0) return rm;
        if (type == ArmOps.ROR && n == 0) return rm + ", rrx";
        return rm + ", " + SHIFT_NAMES[type] + " #" + (n == 0 ? 32 : n);
    }

    /** [Rn, off] / [Rn, off]! / [Rn], off by P and W; a zero pre-indexed offset prints as [Rn]. */
    private static String address(int w, String offset, boolean zero) {
        String rn = reg(w >>> 16);
        if (!bit(w, 24)) return "[" + rn + "], " + offset;
        if (zero && !bit(w, 21)) return "[" + rn + "]";
        return "[" + rn + ", " + offset + "]" + (bit(w, 21) ? "!" : "");
    }

    private static String list(int w) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            if ((w & 1 << i) == 0) continue;
            if (sb.length() > 1) sb.append(", ");
            sb.append(reg(i));
        }
        return sb.append('}').toString();
    }

    private static String msrMask(int w) {
        StringBuilder sb = new StringBuilder("APSR_");
        if (bit(w, 19)) sb.append("nzcvq");
        if (bit(w, 18)) sb.append('g');
        if (bit(w, 17)) sb.append('x');
        if (bit(w, 16)) sb.append('c');
        return sb.toString();
    }
}
