package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.m;
import static dynvm.arm.neon.NeonFields.n;
import static dynvm.arm.neon.NeonFields.q;

/** UAL text of an Advanced SIMD row: the row's name and its syntax fields filled from the word. */
final class NeonDisassembler {
    private NeonDisassembler() { }

    static String format(NeonRow row, int w) {
        String name = mnemonic(row, w);
        StringBuilder sb = new StringBuilder();
        String syn = row.syntax();
        boolean quad = (row.match() & 0xfe800050) == 0xf2800040 ? NeonScalar.quad(w) : q(w);   // by-scalar rows: Q is bit 24
        if (syn.startsWith("Qd,Dn") || syn.startsWith("Qd,Dm") || syn.equals("Qd,Qn,Dm")) quad = true;   // long and wide forms
        for (String f : row.syntax().split(",")) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(switch (f) {
                case "Qd" -> reg(quad, d(w));
                case "Qn" -> row.name().equals("vdup") ? reg((w >>> 21 & 1) != 0, n(w)) : reg(quad || syn.startsWith("Dd,Q"), n(w));
                case "Qm" -> reg(q(w) || syn.startsWith("Dd,Q"), m(w));                       // narrowing forms: Q sources
                case "Dm[x]" -> (row.match() & 0xfe800050) == 0xf2800040
                        ? "d" + NeonScalar.scalarReg(w) + "[" + NeonScalar.scalarIndex(w) + "]"
                        : "d" + m(w) + "[" + dupIndex(w) + "]";
                case "Dn[x]" -> "d" + n(w) + "[" + NeonMoves.scalarIndex(w) + "]";
                case "Dd[x]" -> "{d" + d(w) + "[" + laneIndex(w) + "]}";
                case "Rt" -> "r" + NeonFields.rt(w);
                case "#imm" -> String.format("#0x%x", NeonMoves.expandImm(NeonMoves.op(w), NeonMoves.cmode(w), NeonMoves.imm8(w)));
                case "#shr" -> "#" + NeonShifts.rightShift(w);
                case "#shl" -> "#" + NeonShifts.leftShift(w);
                case "#shrn" -> "#" + (2 * NeonShifts.esize(w) - NeonShifts.imm6(w));
                case "#ext" -> "#" + (w >>> 8 & 15);
                case "#esize" -> "#" + (8 << (w >>> 18 & 3));
                case "#fbits" -> "#" + (64 - NeonShifts.imm6(w));
                case "Dd" -> "d" + d(w);
                case "Dn" -> "d" + n(w);
                case "Dm" -> "d" + m(w);
                case "tbl" -> (w >>> 8 & 3) > 0 ? "{d" + n(w) + "-d" + (n(w) + (w >>> 8 & 3)) + "}" : "{d" + n(w) + "}";
                case "list" -> list(w);
                case "lanes" -> laneList(w);
                case "[Rn]" -> "[r" + NeonFields.rn(w) + qualifier(row, w) + "]" + (NeonFields.rm(w) == 13 ? "!" : NeonFields.rm(w) == 15 ? "" : ", r" + NeonFields.rm(w));
                default -> f;
            });
        }
        return name + " " + sb;
    }

    /** The row's name with the data type UAL spells from the word (element size, immediate type). */
    static String mnemonic(NeonRow row, int w) {
        String n = row.name();
        int match = row.match();
        if (row.syntax().equals("Qd,#imm")) return NeonMoves.immediateName(w) + immediateType(w);
        if ((match & 0xf0000000) == 0) {                                         // core-register transfers
            if (n.equals("vdup")) return "vdup." + NeonMoves.dupCoreSize(w);
            int es = NeonMoves.scalarSize(w);
            if (row.syntax().startsWith("Rt")) return "vmov." + ((w >>> 23 & 1) != 0 ? "u" : "s") + es;
            return "vmov." + es;
        }
        int es;
        if (n.equals("vdup")) es = NeonMoves.dupScalarSize(w);
        else if (n.equals("vld1.all")) return "vld1." + (8 << (w >>> 6 & 3));
        else if (n.endsWith(".all")) return n.substring(0, 5) + (8 * NeonLaneStructures.all(w).ebytes());
        else if ((match & 0xff000000) == 0xf4000000) return n;                     // loads and stores carry their size
        else if ((match & 0xfe800010) == 0xf2800010) {                             // shifts by immediate
            es = NeonShifts.esize(w);
            if (n.startsWith("vshll") && NeonShifts.leftShift(w) == 0) return "vmovl" + n.substring(5) + es;
            if (n.contains("shrn") || n.contains("shrun")) es *= 2;
        } else if ((match & 0xffb00000) == 0xf3b00000 && (match & 0x810) == 0) {  // two registers misc
            es = 8 << (w >>> 18 & 3);
            if (n.contains("movn") || n.contains("movun")) es *= 2;
            if (n.endsWith(".f32") || n.startsWith("vcvt") || n.equals("vmvn") || n.equals("vswp") || n.equals("vcnt.8")) return n;
        } else if ((match & 0xfe800050) == 0xf2800040) {                           // by scalar
            es = 8 << (w >>> 20 & 3);
        } else if ((match & 0xfe800050) == 0xf2800000 && !n.startsWith("vext")) {   // long forms
            es = 8 << (w >>> 20 & 3);
            if (n.contains("hn")) es *= 2;
        } else return n;
        if (n.endsWith(".") || n.endsWith(".s") || n.endsWith(".u") || n.endsWith(".i") || n.endsWith(".f")) return n + es;
        if (n.indexOf('.') < 0) return n + "." + es;
        return n;
    }

    /** The data type of a modified immediate: .i32 (cmode 0xxx, 110x), .i16 (10xx), .i8/.i64 (1110), .f32 (1111). */
    private static String immediateType(int w) {
        int c = NeonMoves.cmode(w);
        if (c < 8 || c == 12 || c == 13) return ".i32";
        if (c < 12) return ".i16";
        if (c == 14) return NeonMoves.op(w) ? "" : ".i8";      // immediateName already says vmov.i64
        return ".f32";
    }

    private static String reg(boolean quad, int r) { return quad ? "q" + (r >> 1) : "d" + r; }

    private static int dupIndex(int w) {
        int es = NeonMoves.dupScalarSize(w);
        return (w >>> 16 & 15) >>> (es == 8 ? 1 : es == 16 ? 2 : 3);
    }

    private static int laneIndex(int w) {
        int es = 8 << (w >>> 10 & 3);
        return (w >>> 4 & 15) >>> (es == 8 ? 1 : es == 16 ? 2 : 3);
    }

    /** The alignment qualifier ({@code :64}) of a load or store word, or "". */
    private static String qualifier(NeonRow row, int w) {
        int bytes;
        if (row.syntax().startsWith("lanes")) bytes = NeonLaneStructures.shape(w).align();
        else if ((w >>> 23 & 1) == 0 && NeonLoadStore.multipleRegs(w) == 0) bytes = NeonStructures.alignment(w);
        else bytes = NeonLoadStore.alignment(w);
        return bytes == 0 ? "" : ":" + 8 * bytes;
    }

    /** The register list of a single-structure transfer: {d0[1], d2[1]} or {d0[], d1[]}. */
    private static String laneList(int w) {
        NeonLaneStructures.Shape s = NeonLaneStructures.shape(w);
        String idx = s.index() < 0 ? "[]" : "[" + s.index() + "]";
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < s.structs(); k++) sb.append(k > 0 ? ", " : "").append("d").append(d(w) + k * s.inc()).append(idx);
        return sb.append("}").toString();
    }

    private static String list(int w) {
        if ((w >>> 23 & 1) == 0 && NeonStructures.shape(w) != null && NeonLoadStore.multipleRegs(w) == 0) {
            int[] offsets = NeonStructures.layout(w)[0];
            StringBuilder sb = new StringBuilder("{");
            int[] sorted = offsets.clone();
            java.util.Arrays.sort(sorted);
            if (sorted[sorted.length - 1] - sorted[0] == sorted.length - 1)          // consecutive: a range, as objdump
                return "{d" + (d(w) + sorted[0]) + "-d" + (d(w) + sorted[sorted.length - 1]) + "}";
            for (int i = 0; i < sorted.length; i++) sb.append(i > 0 ? ", " : "").append("d").append(d(w) + sorted[i]);
            return sb.append("}").toString();
        }
        if ((w >>> 23 & 1) != 0) return (w >>> 5 & 1) == 0 ? "{d" + d(w) + "[]}" : "{d" + d(w) + "[], d" + (d(w) + 1) + "[]}";   // VLD1 all lanes
        int regs = NeonLoadStore.multipleRegs(w);
        return regs == 1 ? "{d" + d(w) + "}" : "{d" + d(w) + "-d" + (d(w) + regs - 1) + "}";
    }
}
