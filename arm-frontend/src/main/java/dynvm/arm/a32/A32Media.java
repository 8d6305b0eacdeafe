package dynvm.arm.a32;

import static dynvm.arm.a32.A32Fields.bit;
import static dynvm.arm.a32.A32Fields.bits;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;
import static dynvm.arm.a32.A32Fields.r12;
import static dynvm.arm.a32.A32Fields.r16;
import static dynvm.arm.a32.A32Fields.r8;

import dynvm.arm.ArmMedia;
import dynvm.arm.ArmOps;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * The media instructions (ARM ARM A5.4): parallel addition and subtraction (SADD16 ... UHSUB8,
 * A5.4.1-2), packing, unpacking, saturation and reversal (PKHBT/TB, SSAT, USAT, SSAT16, USAT16,
 * SEL, the extends with rotation and accumulation, REV, REV16, REVSH, RBIT, A5.4.3), USAD8/USADA8
 * and the bit-field instructions (SBFX, UBFX, BFI, BFC). The semantics are {@link ArmMedia}'s; the
 * rows only pick the fields. Rd = pc is UNPREDICTABLE everywhere here: the write is ignored.
 */
final class A32Media {
    private A32Media() { }

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        parallel(r);
        extendRows(r);
        r.add(A32Row.plain("rev", 0x0fff0ff0, 0x06bf0f30, "R12,R0", (e, w, pc) -> write(e, w, ArmMedia.rev(e, rm(e, w, pc)))));
        r.add(A32Row.plain("rev16", 0x0fff0ff0, 0x06bf0fb0, "R12,R0", (e, w, pc) -> write(e, w, ArmMedia.rev16(e, rm(e, w, pc)))));
        r.add(A32Row.plain("revsh", 0x0fff0ff0, 0x06ff0fb0, "R12,R0", (e, w, pc) -> write(e, w, ArmMedia.revsh(e, rm(e, w, pc)))));
        r.add(A32Row.plain("rbit", 0x0fff0ff0, 0x06ff0f30, "R12,R0", (e, w, pc) -> write(e, w, ArmMedia.rbit(e, rm(e, w, pc)))));
        // cond 0110 1000 Rn Rd imm5 tb 01 Rm
        r.add(A32Row.plain("pkhbt", 0x0ff00070, 0x06800010, "R12,R16,R0,pkhsh", (e, w, pc) ->
                write(e, w, ArmMedia.pkhbt(e, rn(e, w, pc), rm(e, w, pc), A32Fields.imm5(w)))));
        r.add(A32Row.plain("pkhtb", 0x0ff00070, 0x06800050, "R12,R16,R0,pkhsh", (e, w, pc) ->
                write(e, w, ArmMedia.pkhtb(e, rn(e, w, pc), rm(e, w, pc), A32Fields.imm5(w)))));
        r.add(A32Row.plain("sel", 0x0ff00ff0, 0x06800fb0, "R12,R16,R0", (e, w, pc) -> write(e, w, ArmMedia.sel(e, rn(e, w, pc), rm(e, w, pc)))));
        // cond 0110 1U1 sat_imm(20:16) Rd imm5 sh 01 Rn; the 16-bit forms: cond 0110 1U10 sat_imm(19:16) Rd 1111 0011 Rn
        r.add(A32Row.plain("ssat", 0x0fe00030, 0x06a00010, "R12,#ssat,R0,satsh", (e, w, pc) ->
                write(e, w, ArmMedia.ssat(e, satOperand(e, w, pc), bits(w, 20, 16) + 1))));
        r.add(A32Row.plain("usat", 0x0fe00030, 0x06e00010, "R12,#usat,R0,satsh", (e, w, pc) ->
                write(e, w, ArmMedia.usat(e, satOperand(e, w, pc), bits(w, 20, 16)))));
        r.add(A32Row.plain("ssat16", 0x0ff00ff0, 0x06a00f30, "R12,#ssat16,R0", (e, w, pc) ->
                write(e, w, ArmMedia.ssat16(e, rm(e, w, pc), bits(w, 19, 16) + 1))));
        r.add(A32Row.plain("usat16", 0x0ff00ff0, 0x06e00f30, "R12,#usat16,R0", (e, w, pc) ->
                write(e, w, ArmMedia.usat16(e, rm(e, w, pc), bits(w, 19, 16)))));
        // cond 0111 1000 Rd 1111 Rm 0001 Rn (USADA8: Ra in 15:12)
        r.add(A32Row.plain("usad8", 0x0ff0f0f0, 0x0780f010, "R16,R0,R8", (e, w, pc) ->
                writeHigh(e, w, ArmMedia.usada8(e, rm(e, w, pc), reg(e, r8(w), pc), -1))));
        r.add(A32Row.plain("usada8", 0x0ff000f0, 0x07800010, "R16,R0,R8,R12", (e, w, pc) ->
                writeHigh(e, w, ArmMedia.usada8(e, rm(e, w, pc), reg(e, r8(w), pc), reg(e, r12(w), pc)))));
        bitFields(r);
        return r;
    }

    /** cond 0110 0 U op1(21:20) Rn Rd 1111 op2(7:5) 1 Rm; op1 01 modular, 10 saturating, 11 halving. */
    private static void parallel(List<A32Row> r) {
        ArmMedia.ParallelOp[] byOp2 = {ArmMedia.ParallelOp.ADD16, ArmMedia.ParallelOp.ASX, ArmMedia.ParallelOp.SAX,
                ArmMedia.ParallelOp.SUB16, ArmMedia.ParallelOp.ADD8, null, null, ArmMedia.ParallelOp.SUB8};
        ArmMedia.Prefix[] byOp1 = {null, ArmMedia.Prefix.S, ArmMedia.Prefix.Q, ArmMedia.Prefix.SH,
                null, ArmMedia.Prefix.U, ArmMedia.Prefix.UQ, ArmMedia.Prefix.UH};
        for (int op1 = 0; op1 < 8; op1++)
            for (int op2 = 0; op2 < 8; op2++) {
                ArmMedia.Prefix p = byOp1[op1];
                ArmMedia.ParallelOp op = byOp2[op2];
                if (p == null || op == null) continue;
                r.add(A32Row.plain(p.mnemonic() + op.mnemonic(), 0x0ff00ff0, 0x06000f10 | op1 << 20 | op2 << 5, "R12,R16,R0",
                        (e, w, pc) -> write(e, w, ArmMedia.parallelAddSub(e, p, op, rn(e, w, pc), rm(e, w, pc)))));
            }
    }

    /** cond 0110 1 op(22:20) Rn Rd rot 00 0111 Rm; Rn = 1111 is the plain form. */
    private static void extendRows(List<A32Row> r) {
        ArmMedia.Extend[] kinds = {ArmMedia.Extend.SXTB16, null, ArmMedia.Extend.SXTB, ArmMedia.Extend.SXTH,
                ArmMedia.Extend.UXTB16, null, ArmMedia.Extend.UXTB, ArmMedia.Extend.UXTH};
        for (int op = 0; op < 8; op++) {
            ArmMedia.Extend kind = kinds[op];
            if (kind == null) continue;
            r.add(A32Row.plain(kind.mnemonic(), 0x0fff03f0, 0x068f0070 | op << 20, "R12,R0,rot", (e, w, pc) ->
                    write(e, w, ArmMedia.extend(e, kind, rm(e, w, pc), rotation(w)))));
            r.add(A32Row.plain(kind.accumulateMnemonic(), 0x0ff003f0, 0x06800070 | op << 20, "R12,R16,R0,rot", (e, w, pc) ->
                    write(e, w, ArmMedia.extendAdd(e, kind, rn(e, w, pc), rm(e, w, pc), rotation(w)))));
        }
    }

    /**
     * cond 0111 1U1 widthm1 Rd lsb 101 Rn (SBFX/UBFX; lsb + width > 32 is UNPREDICTABLE);
     * cond 0111 110 msb Rd lsb 001 Rn (BFI; Rn = 1111 is BFC; msb &lt; lsb is UNPREDICTABLE).
     */
    private static void bitFields(List<A32Row> r) {
        r.add(A32Row.plain("sbfx", 0x0fe00070, 0x07a00050, "R12,R0,#lsb,#xwidth", (e, w, pc) ->
                write(e, w, ArmMedia.sbfx(e, rm(e, w, pc), lsb(w), msbField(w)))).where(A32Media::extractFits));
        r.add(A32Row.plain("ubfx", 0x0fe00070, 0x07e00050, "R12,R0,#lsb,#xwidth", (e, w, pc) ->
                write(e, w, ArmMedia.ubfx(e, rm(e, w, pc), lsb(w), msbField(w)))).where(A32Media::extractFits));
        r.add(A32Row.plain("bfi", 0x0fe00070, 0x07c00010, "R12,R0,#lsb,#bfwidth", (e, w, pc) ->
                write(e, w, ArmMedia.bfi(e, reg(e, r12(w), pc), rm(e, w, pc), lsb(w), msbField(w)))).where(A32Media::fieldOrdered));
        r.add(A32Row.plain("bfc", 0x0fe0007f, 0x07c0001f, "R12,#lsb,#bfwidth", (e, w, pc) ->
                write(e, w, ArmMedia.bfc(e, reg(e, r12(w), pc), lsb(w), msbField(w)))).where(A32Media::fieldOrdered));
    }

    /** Bits 11:7. */
    static int lsb(int w) { return bits(w, 11, 7); }

    /** Bits 20:16: msb (BFI/BFC) or widthminus1 (SBFX/UBFX). */
    static int msbField(int w) { return bits(w, 20, 16); }

    private static boolean extractFits(int w) { return lsb(w) + msbField(w) <= 31; }

    private static boolean fieldOrdered(int w) { return msbField(w) >= lsb(w); }

    private static int reg(IrEmitter e, int n, int pc) { return ArmOps.readReg(e, n, pcRead(pc)); }

    private static int rm(IrEmitter e, int w, int pc) { return reg(e, r0(w), pc); }

    private static int rn(IrEmitter e, int w, int pc) { return reg(e, r16(w), pc); }

    /** Rn(3:0) shifted by sh(6) and imm5(11:7), the SSAT/USAT operand. */
    private static int satOperand(IrEmitter e, int w, int pc) {
        return ArmMedia.saturateOperand(e, rm(e, w, pc), bit(w, 6) ? 1 : 0, A32Fields.imm5(w));
    }

    /** The rotation of bits 11:10, in bits. */
    private static int rotation(int w) { return 8 * ((w >>> 10) & 3); }

    /** Rd at bits 15:12. */
    private static void write(IrEmitter e, int w, int v) { ArmOps.writeRegUnlessPc(e, r12(w), v); }

    /** Rd at bits 19:16. */
    private static void writeHigh(IrEmitter e, int w, int v) { ArmOps.writeRegUnlessPc(e, r16(w), v); }
}
