package dynvm.arm.a32;

import static dynvm.arm.a32.A32Fields.bit;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;
import static dynvm.arm.a32.A32Fields.r12;
import static dynvm.arm.a32.A32Fields.r16;
import static dynvm.arm.a32.A32Fields.r8;
import static dynvm.arm.a32.A32Fields.s;

import dynvm.arm.ArmMedia;
import dynvm.arm.ArmOps;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Multiplies (ARM ARM A5.2.5 "multiply and multiply-accumulate": MUL ... MLS, UMAAL), the ARMv5TE
 * signed halfword multiplies (A5.2.7), the saturating additions (A5.2.6) and the ARMv6 signed
 * multiplies (A5.4.4: SMLAD, SMLALD, SMMUL, ...); the semantics are {@link ArmMedia}'s. MULS and friends set N and Z and
 * leave C and V alone (ARMv5 and later). SMLAxy / SMLAWy set Q on overflow of the accumulation
 * without saturating; QADD..QDSUB saturate and set Q. SDIV/UDIV (A8.8.165, A8.8.248; models with
 * the divider only, {@link dynvm.arm.ArmFeatureGate}) round toward zero, give 0 for a zero divisor
 * (no trap in the A profile) and 0x80000000 for 0x80000000 / -1: exactly the IR's DIVS/DIVU.
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
        r.add(A32Row.plain("mls", 0x0ff000f0, 0x00600090, "R16,R0,R8,R12", (e, w, pc) ->
                write(e, r16(w), ArmMedia.mls(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc)))));
        signedMultiplies(r);
        // SDIV / UDIV: cond 0111 0001 Rd 1111 Rm 0001 Rn (UDIV: 0111 0011); pc operands are UNPREDICTABLE (ignored write)
        r.add(A32Row.plain("sdiv", 0x0ff0f0f0, 0x0710f010, "R16,R0,R8", (e, w, pc) ->
                write(e, r16(w), e.divs(reg(e, r0(w), pc), reg(e, r8(w), pc)))));
        r.add(A32Row.plain("udiv", 0x0ff0f0f0, 0x0730f010, "R16,R0,R8", (e, w, pc) ->
                write(e, r16(w), e.divu(reg(e, r0(w), pc), reg(e, r8(w), pc)))));
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

    /**
     * ARMv6 signed multiplies (A5.4.4): cond 0111 0 op1 Rd(19:16) Ra(15:12) Rm(11:8) op2 1 Rn, with
     * bit 5 the X (swap m's halves) or R (round) bit; Ra = 1111 selects SMUAD, SMUSD, SMMUL.
     */
    private static void signedMultiplies(List<A32Row> r) {
        for (int b = 0; b < 2; b++) {
            boolean flag = b == 1;
            String x = flag ? "x" : "", rnd = flag ? "r" : "";
            int bit5 = b << 5;
            r.add(A32Row.plain("smuad" + x, 0x0ff0f0f0, 0x0700f010 | bit5, "R16,R0,R8", (e, w, pc) ->
                    write(e, r16(w), ArmMedia.smuad(e, reg(e, r0(w), pc), reg(e, r8(w), pc), flag))));
            r.add(A32Row.plain("smusd" + x, 0x0ff0f0f0, 0x0700f050 | bit5, "R16,R0,R8", (e, w, pc) ->
                    write(e, r16(w), ArmMedia.smusd(e, reg(e, r0(w), pc), reg(e, r8(w), pc), flag))));
            r.add(A32Row.plain("smlad" + x, 0x0ff000f0, 0x07000010 | bit5, "R16,R0,R8,R12", (e, w, pc) ->
                    write(e, r16(w), ArmMedia.smlad(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), flag))));
            r.add(A32Row.plain("smlsd" + x, 0x0ff000f0, 0x07000050 | bit5, "R16,R0,R8,R12", (e, w, pc) ->
                    write(e, r16(w), ArmMedia.smlsd(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), flag))));
            r.add(A32Row.plain("smlald" + x, 0x0ff000f0, 0x07400010 | bit5, "R12,R16,R0,R8", (e, w, pc) ->
                    writeWide(e, w, ArmMedia.smlald(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), reg(e, r16(w), pc), flag))));
            r.add(A32Row.plain("smlsld" + x, 0x0ff000f0, 0x07400050 | bit5, "R12,R16,R0,R8", (e, w, pc) ->
                    writeWide(e, w, ArmMedia.smlsld(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), reg(e, r16(w), pc), flag))));
            r.add(A32Row.plain("smmul" + rnd, 0x0ff0f0f0, 0x0750f010 | bit5, "R16,R0,R8", (e, w, pc) ->
                    write(e, r16(w), ArmMedia.smmul(e, reg(e, r0(w), pc), reg(e, r8(w), pc), flag))));
            r.add(A32Row.plain("smmla" + rnd, 0x0ff000f0, 0x07500010 | bit5, "R16,R0,R8,R12", (e, w, pc) ->
                    write(e, r16(w), ArmMedia.smmla(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), flag))));
            r.add(A32Row.plain("smmls" + rnd, 0x0ff000f0, 0x075000d0 | bit5, "R16,R0,R8,R12", (e, w, pc) ->
                    write(e, r16(w), ArmMedia.smmls(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), flag))));
        }
    }

    private static int reg(IrEmitter e, int n, int pc) { return ArmOps.readReg(e, n, pcRead(pc)); }

    /** Writes a destination that is never pc in a valid encoding (pc would be UNPREDICTABLE: ignored). */
    private static void write(IrEmitter e, int n, int v) { if (n != 15) ArmOps.writeReg(e, n, v); }

    /** MUL / MLA: Rd(19:16) = Rn(3:0) * Rm(11:8) [+ Ra(15:12)]. */
    private static void mul(IrEmitter e, int w, int pc) {
        int n = reg(e, r0(w), pc), m = reg(e, r8(w), pc);
        int p = bit(w, 21) ? ArmMedia.mla(e, n, m, reg(e, r12(w), pc)) : ArmMedia.mul(e, n, m);
        if (s(w)) ArmOps.setNZ(e, p);
        write(e, r16(w), p);
    }

    /** UMULL / SMULL / UMLAL / SMLAL: RdHi(19:16):RdLo(15:12) = Rn * Rm [+ RdHi:RdLo]. */
    private static void mulLong(IrEmitter e, int w, int pc, boolean signed, boolean accumulate) {
        int n = reg(e, r0(w), pc), m = reg(e, r8(w), pc);
        ArmMedia.Wide p = accumulate ? ArmMedia.mlal(e, n, m, reg(e, r12(w), pc), reg(e, r16(w), pc), signed)
                : ArmMedia.mull(e, n, m, signed);
        if (s(w)) ArmOps.setNZ64(e, p.lo(), p.hi());
        writeWide(e, w, p);
    }

    private static void writeWide(IrEmitter e, int w, ArmMedia.Wide p) {
        write(e, r12(w), p.lo());
        write(e, r16(w), p.hi());
    }

    /** UMAAL: RdHi:RdLo = Rn * Rm + RdLo + RdHi. */
    private static void umaal(IrEmitter e, int w, int pc) {
        writeWide(e, w, ArmMedia.umaal(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), reg(e, r16(w), pc)));
    }

    /** Halves: Rn(3:0) top if bit 5, Rm(11:8) top if bit 6. */
    private static void smul(IrEmitter e, int w, int pc) {
        write(e, r16(w), ArmMedia.smulxy(e, reg(e, r0(w), pc), reg(e, r8(w), pc), bit(w, 5), bit(w, 6)));
    }

    private static void smla(IrEmitter e, int w, int pc) {
        write(e, r16(w), ArmMedia.smlaxy(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), bit(w, 5), bit(w, 6)));
    }

    private static void smlal(IrEmitter e, int w, int pc) {
        writeWide(e, w, ArmMedia.smlalxy(e, reg(e, r0(w), pc), reg(e, r8(w), pc), reg(e, r12(w), pc), reg(e, r16(w), pc),
                bit(w, 5), bit(w, 6)));
    }

    /** SMULWy / SMLAWy (bit 5 clear: accumulate Ra, setting Q). */
    private static void smlaw(IrEmitter e, int w, int pc) {
        int n = reg(e, r0(w), pc), m = reg(e, r8(w), pc);
        int v = bit(w, 5) ? ArmMedia.smulwy(e, n, m, bit(w, 6)) : ArmMedia.smlawy(e, n, m, reg(e, r12(w), pc), bit(w, 6));
        write(e, r16(w), v);
    }

    /** QADD Rd, Rm, Rn = sat(Rm + Rn); QSUB = sat(Rm - Rn); QDADD/QDSUB double Rn (saturating) first. */
    private static void saturating(IrEmitter e, int w, int pc, int op) {
        int m = reg(e, r0(w), pc), n = reg(e, r16(w), pc);
        int v = switch (op) {
            case 0 -> ArmMedia.qadd(e, m, n);
            case 1 -> ArmMedia.qsub(e, m, n);
            case 2 -> ArmMedia.qdadd(e, m, n);
            default -> ArmMedia.qdsub(e, m, n);
        };
        write(e, r12(w), v);
    }
}
