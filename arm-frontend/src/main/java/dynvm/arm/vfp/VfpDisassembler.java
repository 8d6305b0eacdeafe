package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpFields.bit;

import dynvm.arm.ArmRegs;
import dynvm.arm.vfp.VfpFloat.Fmt;

/**
 * UAL disassembly of VFP words, close to objdump's: the row's mnemonic, then its syntax fields
 * ({@code vadd.f64 d0, d1, d2}, {@code vldr s0, [r3, #8]}, {@code vmrs APSR_nzcv, fpscr},
 * {@code vcvt.s32.f64 s0, d1}, {@code vpush {d8-d15}}). The condition goes after the base
 * mnemonic, before the type suffix ({@code vaddeq.f64}), by {@link #withCondition}.
 */
final class VfpDisassembler {
    private VfpDisassembler() { }

    static String format(VfpRow row, int w, int pcRead) {
        String name = row.name();
        String syntax = row.syntax();
        // vpush is vstmdb sp!, vpop is vldmia sp! (not the other two sp forms with writeback)
        if (syntax.equals("Rn!,list") && VfpFields.rn(w) == 13 && bit(w, 21) && (name.equals("vstmdb") || name.equals("vldmia"))) {
            name = name.equals("vstmdb") ? "vpush" : "vpop";
            syntax = "list";
        }
        StringBuilder sb = new StringBuilder(name).append('\t');
        String[] fields = syntax.split(",");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(operand(fields[i], w, row));
        }
        return sb.toString();
    }

    private static String operand(String f, int w, VfpRow row) {
        return switch (f) {
            case "Sd" -> "s" + VfpFields.sd(w);
            case "Sn" -> "s" + VfpFields.sn(w);
            case "Sm" -> "s" + VfpFields.sm(w);
            case "Sm1" -> "s" + (VfpFields.sm(w) + 1);
            case "Dd" -> "d" + VfpFields.dd(w);
            case "Dn" -> "d" + VfpFields.dn(w);
            case "Dm" -> "d" + VfpFields.dm(w);
            case "Dn[x]" -> "d" + VfpFields.dn(w) + "[" + (w >>> 21 & 1) + "]";
            case "Rt" -> ArmRegs.coreName(VfpFields.rt(w));
            case "Rt2" -> ArmRegs.coreName(VfpFields.rt2(w));
            case "Rn!" -> ArmRegs.coreName(VfpFields.rn(w)) + (bit(w, 21) ? "!" : "");
            case "#vimm" -> "#" + immediate(w, row);
            case "#fbits" -> "#" + VfpFields.fracBits(w);
            case "mem" -> memory(w);
            case "list" -> list(w);
            default -> f;                           // fpscr, APSR_nzcv, #0.0
        };
    }

    private static String immediate(int w, VfpRow row) {
        int imm8 = w >>> 12 & 0xf0 | w & 15;
        if (row.name().endsWith("f64")) return Double.toString(Double.longBitsToDouble(VfpFloat.expandImm(Fmt.F64, imm8)));
        return Float.toString(Float.intBitsToFloat((int) VfpFloat.expandImm(Fmt.F32, imm8)));
    }

    private static String memory(int w) {
        int imm = (w & 0xff) * 4;
        String rn = ArmRegs.coreName(VfpFields.rn(w));
        if (imm == 0 && bit(w, 23)) return "[" + rn + "]";
        return "[" + rn + ", #" + (bit(w, 23) ? "" : "-") + imm + "]";
    }

    private static String list(int w) {
        boolean dp = VfpFields.dp(w);
        int first = VfpFields.first(w), n = VfpFields.regs(w);
        String p = dp ? "d" : "s";
        return n == 1 ? "{" + p + first + "}" : "{" + p + first + "-" + p + (first + n - 1) + "}";
    }

    /** Inserts the condition suffix after the base mnemonic: "vadd.f64\t..." with "eq" gives "vaddeq.f64\t...". */
    static String withCondition(String text, String cond) {
        if (cond.isEmpty()) return text;
        int end = text.indexOf('\t');
        if (end < 0) end = text.length();
        int dot = text.indexOf('.');
        int at = dot >= 0 && dot < end ? dot : end;
        return text.substring(0, at) + cond + text.substring(at);
    }
}
