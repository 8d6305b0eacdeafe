package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.m;
import static dynvm.arm.neon.NeonFields.n;
import static dynvm.arm.neon.NeonFields.q;
import static dynvm.arm.neon.NeonFields.qOk;
import static dynvm.arm.neon.NeonFields.regs;
import static dynvm.arm.neon.NeonFields.rt;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves and immediates: the one-register-and-modified-immediate space (A7.4.6: VMOV, VMVN, VORR,
 * VBIC immediate, every cmode), VDUP (scalar), and the core-register transfers of coprocessor
 * space 11 (A7.8): VMOV.8/.16 to and from a scalar, VDUP from a core register. (VMOV.32 scalar
 * and the 64-bit VMOVs are VFP rows.)
 */
final class NeonMoves {
    private NeonMoves() { }

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        // 1111 001 i 1 D 000 imm3 Vd cmode 0 Q op 1 imm4
        r.add(NeonRow.of("vmov", 0xfeb80090, 0xf2800010, "Qd,#imm", NeonMoves::immediateOk, NeonMoves::immediate));
        // VDUP (scalar): 1111 0011 1 D 11 imm4 Vd 1100 0 Q M 0 Vm
        r.add(NeonRow.of("vdup", 0xffb00f90, 0xf3b00c00, "Qd,Dm[x]",
                w -> (w >>> 16 & 7) != 0 && qOk(w, d(w)), NeonMoves::dupScalar));
        // VMOV.8/.16 Dd[x], Rt: cond 1110 0 opc1 0 Vd Rt 1011 D opc2 1 0000 (opc1<1> = 1 or opc2<0> = 1)
        r.add(NeonRow.of("vmov", 0x0f900f1f, 0x0e000b10, "Dn[x],Rt",
                w -> scalarSize(w) != 32 && rt(w) != 15, (e, w) -> toScalar(e, w)));
        // VMOV.{S,U}{8,16} Rt, Dn[x]: cond 1110 U opc1 1 Vn Rt 1011 N opc2 1 0000
        r.add(NeonRow.of("vmov", 0x0f100f1f, 0x0e100b10, "Rt,Dn[x]",
                w -> scalarSize(w) != 32 && rt(w) != 15, (e, w) -> fromScalar(e, w)));
        // VDUP (core): cond 1110 1 B Q 0 Vd Rt 1011 D 0 E 1 0000
        r.add(NeonRow.of("vdup", 0x0f900f5f, 0x0e800b10, "Qn,Rt",
                w -> rt(w) != 15 && dupCoreSize(w) != 0 && !((w >>> 21 & 1) != 0 && (n(w) & 1) != 0), NeonMoves::dupCore));
        return r;
    }

    // ---------------------------------------------------------------- modified immediate

    static int cmode(int w) { return w >>> 8 & 15; }

    static boolean op(int w) { return (w >>> 5 & 1) != 0; }

    static int imm8(int w) { return w >>> 17 & 0x80 | w >>> 12 & 0x70 | w & 15; }

    private static boolean immediateOk(int w) { return qOk(w, d(w)) && !(op(w) && cmode(w) == 15); }

    /** The mnemonic of a modified-immediate word: VORR/VBIC for odd cmode below 12, VMOV/VMVN otherwise. */
    static String immediateName(int w) {
        int c = cmode(w);
        boolean logical = c < 12 && (c & 1) == 1;
        if (op(w) && c == 14) return "vmov.i64";
        if (logical) return op(w) ? "vbic" : "vorr";
        return op(w) ? "vmvn" : "vmov";
    }

    /** AdvSIMDExpandImm(op, cmode, imm8) (ARM ARM A7.4.6). */
    static long expandImm(boolean op, int cmode, int imm8) {
        long b = imm8 & 0xff;
        long imm32;
        switch (cmode >> 1) {
            case 0 -> imm32 = b;
            case 1 -> imm32 = b << 8;
            case 2 -> imm32 = b << 16;
            case 3 -> imm32 = b << 24;
            case 4 -> { return NeonLanes.dup(b, 16); }
            case 5 -> { return NeonLanes.dup(b << 8, 16); }
            case 6 -> imm32 = (cmode & 1) == 0 ? b << 8 | 0xff : b << 16 | 0xffff;
            default -> {
                if ((cmode & 1) == 0) {
                    if (!op) return NeonLanes.dup(b, 8);
                    long r = 0;
                    for (int i = 0; i < 8; i++) if ((b >>> i & 1) != 0) r |= 0xffL << (8 * i);
                    return r;
                }
                // the float form: a:NOT(b):bbbbb:cdefgh:Zeros(19)
                long b6 = b >>> 6 & 1;
                imm32 = (b >>> 7) << 31 | (b6 ^ 1) << 30 | (b6 == 1 ? 0x1fL << 25 : 0) | (b & 0x3f) << 19;
            }
        }
        return NeonLanes.dup(imm32, 32);
    }

    private static void immediate(IrEmitter e, int w) {
        int c = cmode(w);
        long imm = expandImm(op(w), c, imm8(w));
        boolean logical = c < 12 && (c & 1) == 1;
        boolean invert = op(w) && !(c == 14);
        if (invert) imm = ~imm;
        for (int i = 0; i < regs(w); i++) {
            int dr = d(w) + i, k = e.const64(imm);
            // VORR: d | imm; VBIC: d & ~imm (imm inverted above)
            int v = !logical ? k : op(w) ? e.and64(NeonIr.readD(e, dr), k) : e.or64(NeonIr.readD(e, dr), k);
            NeonIr.writeD(e, dr, v);
        }
    }

    // ---------------------------------------------------------------- VDUP and scalar transfers

    /** VDUP (scalar) imm4: xxx1 bytes, xx10 halfwords, x100 words. */
    static int dupScalarSize(int w) {
        int imm4 = w >>> 16 & 15;
        return (imm4 & 1) != 0 ? 8 : (imm4 & 2) != 0 ? 16 : 32;
    }

    private static void dupScalar(IrEmitter e, int w) {
        int es = dupScalarSize(w), index = (w >>> 16 & 15) >>> (es == 8 ? 1 : es == 16 ? 2 : 3);
        int v = e.shru64(NeonIr.readD(e, m(w)), e.const32(index * es));
        int r = NeonIr.lanes(e, "dup", v, e.const32(es));
        for (int i = 0; i < regs(w); i++) NeonIr.writeD(e, d(w) + i, r);
    }

    /** opc1:opc2 (bits 22:21, 6:5): 1xxx bytes, 0xx1 halfwords, 0x00 words. */
    static int scalarSize(int w) {
        int opc = w >>> 19 & 0xc | w >>> 5 & 3;
        return (opc & 8) != 0 ? 8 : (opc & 1) != 0 ? 16 : 32;
    }

    static int scalarIndex(int w) {
        int opc = w >>> 19 & 0xc | w >>> 5 & 3;
        return scalarSize(w) == 8 ? opc & 7 : opc >>> 1 & 3;
    }

    private static void toScalar(IrEmitter e, int w) {
        int es = scalarSize(w), shift = scalarIndex(w) * es, dr = n(w);
        long laneMask = ((1L << es) - 1) << shift;
        int old = e.and64(NeonIr.readD(e, dr), e.const64(~laneMask));
        int v = e.and64(e.shl64(e.zext32to64(e.get(ArmRegs.R[rt(w)])), e.const32(shift)), e.const64(laneMask));
        NeonIr.writeD(e, dr, e.or64(old, v));
    }

    private static void fromScalar(IrEmitter e, int w) {
        int es = scalarSize(w), shift = scalarIndex(w) * es;
        int v = e.lo32(e.shru64(NeonIr.readD(e, n(w)), e.const32(shift)));
        boolean unsigned = (w >>> 23 & 1) != 0;
        v = es == 8 ? (unsigned ? e.zext8(v) : e.sext8(v)) : (unsigned ? e.zext16(v) : e.sext16(v));
        ArmOps.writeReg(e, rt(w), v);
    }

    /** B:E (bits 22, 5): 00 words, 01 halfwords, 10 bytes, 11 UNDEFINED (0). */
    static int dupCoreSize(int w) {
        int be = w >>> 21 & 2 | w >>> 5 & 1;
        return be == 0 ? 32 : be == 1 ? 16 : be == 2 ? 8 : 0;
    }

    private static void dupCore(IrEmitter e, int w) {
        int r = NeonIr.lanes(e, "dup", e.zext32to64(e.get(ArmRegs.R[rt(w)])), e.const32(dupCoreSize(w)));
        boolean quad = (w >>> 21 & 1) != 0;
        for (int i = 0; i < (quad ? 2 : 1); i++) NeonIr.writeD(e, n(w) + i, r);
    }

    static boolean quad(int w) { return q(w); }
}
