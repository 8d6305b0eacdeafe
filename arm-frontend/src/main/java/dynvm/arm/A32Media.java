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

    private static final int SXTB = 0, SXTH = 1, UXTB = 2, UXTH = 3;

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        // cond 0110 1 U op Rn Rd rot 00 0111 Rm; op bits 22:20 = 010 byte, 011 half
        String[] names = {"sxtb", "sxth", "uxtb", "uxth"};
        int[] ops = {0x00a00000, 0x00b00000, 0x00e00000, 0x00f00000};
        for (int k = 0; k < 4; k++) {
            int kind = k;
            String acc = names[k].substring(0, 3) + "a" + names[k].substring(3);
            r.add(A32Row.plain(names[k], 0x0fff03f0, 0x060f0070 | ops[k], "R12,R0,rot", (e, w, pc) -> extend(e, w, pc, kind, false)));
            r.add(A32Row.plain(acc, 0x0ff003f0, 0x06000070 | ops[k], "R12,R16,R0,rot", (e, w, pc) -> extend(e, w, pc, kind, true)));
        }
        r.add(A32Row.plain("uxtb16", 0x0fff03f0, 0x06cf0070, "R12,R0,rot", (e, w, pc) ->
                ArmOps.writeRegUnlessPc(e, r12(w), e.andImm(rotated(e, w, pc), 0x00ff00ff))));
        r.add(A32Row.plain("rev", 0x0fff0ff0, 0x06bf0f30, "R12,R0", (e, w, pc) ->
                ArmOps.writeRegUnlessPc(e, r12(w), e.bswap32(rm(e, w, pc)))));
        r.add(A32Row.plain("rev16", 0x0fff0ff0, 0x06bf0fb0, "R12,R0", (e, w, pc) -> {
            int x = rm(e, w, pc);
            int v = e.or(e.andImm(e.shruImm(x, 8), 0x00ff00ff), e.andImm(e.shlImm(x, 8), 0xff00ff00));
            ArmOps.writeRegUnlessPc(e, r12(w), v);
        }));
        r.add(A32Row.plain("revsh", 0x0fff0ff0, 0x06ff0fb0, "R12,R0", (e, w, pc) -> {
            int x = rm(e, w, pc);
            int v = e.or(e.shrsImm(e.shlImm(x, 24), 16), e.andImm(e.shruImm(x, 8), 0xff));
            ArmOps.writeRegUnlessPc(e, r12(w), v);
        }));
        return r;
    }

    private static int rm(IrEmitter e, int w, int pc) { return ArmOps.readReg(e, r0(w), pcRead(pc)); }

    /** Rm rotated right by 8 * bits 11:10. */
    private static int rotated(IrEmitter e, int w, int pc) {
        int rot = 8 * ((w >>> 10) & 3), x = rm(e, w, pc);
        return rot == 0 ? x : e.rotl(x, e.const32(32 - rot));
    }

    private static void extend(IrEmitter e, int w, int pc, int kind, boolean accumulate) {
        int x = rotated(e, w, pc);
        int v = switch (kind) {
            case SXTB -> e.sext8(x);
            case SXTH -> e.sext16(x);
            case UXTB -> e.zext8(x);
            default -> e.zext16(x);
        };
        if (accumulate) v = e.add(ArmOps.readReg(e, r16(w), pcRead(pc)), v);
        ArmOps.writeRegUnlessPc(e, r12(w), v);
    }
}
