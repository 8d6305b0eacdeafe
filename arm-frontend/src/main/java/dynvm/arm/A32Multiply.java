package dynvm.arm;

import static dynvm.arm.A32Fields.bit;
import static dynvm.arm.A32Fields.pcRead;
import static dynvm.arm.A32Fields.r0;
import static dynvm.arm.A32Fields.r12;
import static dynvm.arm.A32Fields.r16;
import static dynvm.arm.A32Fields.r8;
import static dynvm.arm.A32Fields.s;

import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Multiplies (ARM ARM A5.2.5 "multiply and multiply-accumulate"), the ARMv5TE signed halfword
 * multiplies (A5.2.7) and the saturating additions (A5.2.6). MULS and friends set N and Z and
 * leave C and V alone (ARMv5 and later). SMLAxy / SMLAWy set Q on overflow of the accumulation
 * without saturating; QADD..QDSUB saturate and set Q.
 */
final class A32Multiply {
    private A32Multiply() { }

    private static final String XY = "bt";

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        for (int sBit = 0; sBit < 2; sBit++) {
            String sfx = sBit == 1 ? "s" : "";
            int sm = sBit << 20;
            r.add(A32Row.plain("mul" + sfx, 0x0ff000f0, 0x00000090 | sm, "R16,R0,R8", A32Multiply::mul));
            r.add(A32Row.plain("mla" + sfx, 0x0ff000f0, 0x00200090 | sm, "R16,R0,R8,R12", A32Multiply::mul));
            r.add(A32Row.plain("umull" + sfx, 0x0ff000f0, 0x00800090 | sm, "R12,R16,R0,R8", (e, w, pc) -> mulLong(e, w, pc, false, false)));
            r.add(A32Row.plain("umlal" + sfx, 0x0ff000f0, 0x00a00090 | sm, "R12,R16,R0,R8", (e, w, pc) -> mulLong(e, w, pc, false, true)));
            r.add(A32Row.plain("smull" + sfx, 0x0ff000f0, 0x00c00090 | sm, "R12,R16,R0,R8", (e, w, pc) -> mulLong(e, w, pc, true, false)));
            r.add(A32Row.plain("smlal" + sfx, 0x0ff000f0, 0x00e00090 | sm, "R12,R16,R0,R8", (e, w, pc) -> mulLong(e, w, pc, true, true)));
        }
        r.add(A32Row.plain("umaal", 0x0ff000f0, 0x00400090, "R12,R16,R0,R8", A32Multiply::umaal));
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                String xy = "" + XY.charAt(x) + XY.charAt(y);
                int bits = y << 6 | x << 5;
                r.add(A32Row.plain("smla" + xy, 0x0ff000f0, 0x01000080 | bits, "R16,R0,R8,R12", A32Multiply::smla));
                r.add(A32Row.plain("smul" + xy, 0x0ff0f0f0, 0x01600080 | bits, "R16,R0,R8", A32Multiply::smul));
                r.add(A32Row.plain("smlal" + xy, 0x0ff000f0, 0x01400080 | bits, "R12,R16,R0,R8", A32Multiply::smlal));
            }
            String yn = "" + XY.charAt(y);
            r.add(A32Row.plain("smlaw" + yn, 0x0ff000f0, 0x01200080 | y << 6, "R16,R0,R8,R12", A32Multiply::smlaw));
            r.add(A32Row.plain("smulw" + yn, 0x0ff0f0f0, 0x012000a0 | y << 6, "R16,R0,R8", A32Multiply::smlaw));
        }
        String[] q = {"qadd", "qsub", "qdadd", "qdsub"};
        for (int op = 0; op < 4; op++) {
            int o = op;
            r.add(A32Row.plain(q[op], 0x0ff00ff0, 0x01000050 | op << 21, "R12,R0,R16", (e, w, pc) -> saturating(e, w, pc, o)));
        }
        return r;
    }

    private static int reg(IrEmitter e, int n, int pc) { return ArmOps.readReg(e, n, pcRead(pc)); }

    /** Writes a destination that is never pc in a valid encoding (pc would be UNPREDICTABLE: ignored). */
    private static void write(IrEmitter e, int n, int v) { if (n != 15) ArmOps.writeReg(e, n, v); }

    /** MUL / MLA: Rd(19:16) = Rn(3:0) * Rm(11:8) [+ Ra(15:12)]. */
    private static void mul(IrEmitter e, int w, int pc) {
        int p = e.mul(reg(e, r0(w), pc), reg(e, r8(w), pc));
        if (bit(w, 21)) p = e.add(p, reg(e, r12(w), pc));
        if (s(w)) ArmOps.setNZ(e, p);
        write(e, r16(w), p);
    }

    /** UMULL / SMULL / UMLAL / SMLAL: RdHi(19:16):RdLo(15:12) = Rn * Rm [+ RdHi:RdLo]. */
    private static void mulLong(IrEmitter e, int w, int pc, boolean signed, boolean accumulate) {
        int p = ArmOps.mulLong(e, reg(e, r0(w), pc), reg(e, r8(w), pc), signed);
        if (accumulate) p = e.add64(p, ArmOps.pair(e, reg(e, r12(w), pc), reg(e, r16(w), pc)));
        int lo = e.lo32(p), hi = e.hi32(p);
        if (s(w)) ArmOps.setNZ64(e, lo, hi);
        write(e, r12(w), lo);
        write(e, r16(w), hi);
    }

    /** UMAAL: RdHi:RdLo = Rn * Rm + RdLo + RdHi (never overflows 64 bits). */
    private static void umaal(IrEmitter e, int w, int pc) {
        int p = ArmOps.mulLong(e, reg(e, r0(w), pc), reg(e, r8(w), pc), false);
        p = e.add64(e.add64(p, e.zext32to64(reg(e, r12(w), pc))), e.zext32to64(reg(e, r16(w), pc)));
        write(e, r12(w), e.lo32(p));
        write(e, r16(w), e.hi32(p));
    }

    /** Rn(3:0) half selected by bit 5 times Rm(11:8) half selected by bit 6. */
    private static int halfProduct(IrEmitter e, int w, int pc) {
        return e.mul(ArmOps.half(e, reg(e, r0(w), pc), bit(w, 5)), ArmOps.half(e, reg(e, r8(w), pc), bit(w, 6)));
    }

    private static void smul(IrEmitter e, int w, int pc) { write(e, r16(w), halfProduct(e, w, pc)); }

    private static void smla(IrEmitter e, int w, int pc) {
        write(e, r16(w), ArmOps.addSetQ(e, halfProduct(e, w, pc), reg(e, r12(w), pc)));
    }

    private static void smlal(IrEmitter e, int w, int pc) {
        int p = e.sext32to64(halfProduct(e, w, pc));
        p = e.add64(p, ArmOps.pair(e, reg(e, r12(w), pc), reg(e, r16(w), pc)));
        write(e, r12(w), e.lo32(p));
        write(e, r16(w), e.hi32(p));
    }

    /** SMULWy / SMLAWy: bits 47:16 of Rn * Rm.half(y), plus Ra (SMLAWy, bit 5 clear) setting Q. */
    private static void smlaw(IrEmitter e, int w, int pc) {
        int p = e.mul64(e.sext32to64(reg(e, r0(w), pc)), e.sext32to64(ArmOps.half(e, reg(e, r8(w), pc), bit(w, 6))));
        int v = e.lo32(e.shrs64(p, e.const32(16)));
        if (!bit(w, 5)) v = ArmOps.addSetQ(e, v, reg(e, r12(w), pc));
        write(e, r16(w), v);
    }

    /** QADD Rd, Rm, Rn = sat(Rm + Rn); QSUB = sat(Rm - Rn); QDADD/QDSUB double Rn (saturating) first. */
    private static void saturating(IrEmitter e, int w, int pc, int op) {
        int m = reg(e, r0(w), pc), n = reg(e, r16(w), pc);
        if (op >= 2) n = ArmOps.qadd(e, n, n);
        int v = (op & 1) == 0 ? ArmOps.qadd(e, m, n) : ArmOps.qsub(e, m, n);
        write(e, r12(w), v);
    }
}
