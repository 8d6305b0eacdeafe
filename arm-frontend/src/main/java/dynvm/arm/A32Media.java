package dynvm.arm;

import static dynvm.arm.A32Fields.pcRead;
import static dynvm.arm.A32Fields.r0;
import static dynvm.arm.A32Fields.r12;
import static dynvm.arm.A32Fields.r16;

import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * The ARMv6 media instructions glibc and busybox use (ARM ARM A5.4 "packing, unpacking,
 * saturation and reversal"): sign/zero extension of a rotated byte or halfword, with or without
 * accumulation (SXTB, UXTAH, ...; Rn = 1111 selects the plain form), UXTB16, and the byte
 * reversals REV, REV16, REVSH.
 */
final class A32Media {
    private A32Media() { }

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        // cond 0110 1 op(22:20) Rn Rd rot 00 0111 Rm; Rn = 1111 is the plain form
        ArmMedia.Extend[] kinds = {ArmMedia.Extend.SXTB, ArmMedia.Extend.SXTH, ArmMedia.Extend.UXTB, ArmMedia.Extend.UXTH};
        int[] ops = {0x00a00000, 0x00b00000, 0x00e00000, 0x00f00000};
        for (int k = 0; k < 4; k++) {
            ArmMedia.Extend kind = kinds[k];
            r.add(A32Row.plain(kind.mnemonic(), 0x0fff03f0, 0x060f0070 | ops[k], "R12,R0,rot", (e, w, pc) ->
                    write(e, w, ArmMedia.extend(e, kind, rm(e, w, pc), rotation(w)))));
            r.add(A32Row.plain(kind.accumulateMnemonic(), 0x0ff003f0, 0x06000070 | ops[k], "R12,R16,R0,rot", (e, w, pc) ->
                    write(e, w, ArmMedia.extendAdd(e, kind, rn(e, w, pc), rm(e, w, pc), rotation(w)))));
        }
        r.add(A32Row.plain("uxtb16", 0x0fff03f0, 0x06cf0070, "R12,R0,rot", (e, w, pc) ->
                write(e, w, ArmMedia.extend(e, ArmMedia.Extend.UXTB16, rm(e, w, pc), rotation(w)))));
        r.add(A32Row.plain("rev", 0x0fff0ff0, 0x06bf0f30, "R12,R0", (e, w, pc) -> write(e, w, ArmMedia.rev(e, rm(e, w, pc)))));
        r.add(A32Row.plain("rev16", 0x0fff0ff0, 0x06bf0fb0, "R12,R0", (e, w, pc) -> write(e, w, ArmMedia.rev16(e, rm(e, w, pc)))));
        r.add(A32Row.plain("revsh", 0x0fff0ff0, 0x06ff0fb0, "R12,R0", (e, w, pc) -> write(e, w, ArmMedia.revsh(e, rm(e, w, pc)))));
        return r;
    }

    private static int rm(IrEmitter e, int w, int pc) { return ArmOps.readReg(e, r0(w), pcRead(pc)); }

    private static int rn(IrEmitter e, int w, int pc) { return ArmOps.readReg(e, r16(w), pcRead(pc)); }

    /** The rotation of bits 11:10, in bits. */
    private static int rotation(int w) { return 8 * ((w >>> 10) & 3); }

    /** Rd at bits 15:12. */
    private static void write(IrEmitter e, int w, int v) { ArmOps.writeRegUnlessPc(e, r12(w), v); }
}
