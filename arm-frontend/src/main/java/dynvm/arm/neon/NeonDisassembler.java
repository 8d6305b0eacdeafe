package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.m;
import static dynvm.arm.neon.NeonFields.n;
import static dynvm.arm.neon.NeonFields.q;

/** UAL text of an Advanced SIMD row: the row's name and its syntax fields filled from the word. */
final class NeonDisassembler {
    private NeonDisassembler() { }

    static String format(NeonRow row, int w) {
        String name = row.syntax().equals("Qd,#imm") ? NeonMoves.immediateName(w) : row.name();
        StringBuilder sb = new StringBuilder();
        for (String f : row.syntax().split(",")) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(switch (f) {
                case "Qd" -> reg(q(w), d(w));
                case "Qn" -> row.name().equals("vdup") ? reg((w >>> 21 & 1) != 0, n(w)) : reg(q(w), n(w));
                case "Qm" -> reg(q(w), m(w));
                case "Dm[x]" -> "d" + m(w) + "[" + dupIndex(w) + "]";
                case "Dn[x]" -> "d" + n(w) + "[" + NeonMoves.scalarIndex(w) + "]";
                case "Dd[x]" -> "d" + d(w) + "[" + laneIndex(w) + "]";
                case "Rt" -> "r" + NeonFields.rt(w);
                case "#imm" -> String.format("#0x%x", NeonMoves.expandImm(NeonMoves.op(w), NeonMoves.cmode(w), NeonMoves.imm8(w)));
                case "list" -> list(w);
                case "[Rn]" -> "[r" + NeonFields.rn(w) + "]" + (NeonFields.rm(w) == 13 ? "!" : NeonFields.rm(w) == 15 ? "" : ", r" + NeonFields.rm(w));
                default -> f;
            });
        }
        return name + " " + sb;
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

    private static String list(int w) {
        int regs = (w >>> 23 & 1) == 0 ? NeonLoadStore.multipleRegs(w) : 1 + (w >>> 5 & 1);
        return regs == 1 ? "{d" + d(w) + "}" : "{d" + d(w) + "-d" + (d(w) + regs - 1) + "}";
    }
}
