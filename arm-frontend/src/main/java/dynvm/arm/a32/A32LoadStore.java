package dynvm.arm.a32;

import static dynvm.arm.a32.A32Fields.bit;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;
import static dynvm.arm.a32.A32Fields.r12;
import static dynvm.arm.a32.A32Fields.r16;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmOps;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads and stores (ARM ARM A5.2.8 / A5.3 "load/store word and unsigned byte", "extra load/store",
 * A5.5 "load/store multiple"). Addressing: P (bit 24) pre-index, U (23) add, W (21) writeback;
 * post-indexed forms always write back, and P=0 W=1 are the user-mode "T" forms (LDRT, STRBT,
 * and from ARMv6T2 LDRHT, LDRSBT, LDRSHT, STRHT), which behave as the plain forms in user mode.
 *
 * <p>Loads compute every value before writing any register, so a faulting access leaves the
 * registers untouched. When the base is also the loaded register, the loaded value wins (as on
 * real cores and qemu); a write of pc through a load interworks (LoadWritePC, ARMv5T). Stores of
 * pc store pc+8. Unaligned word accesses are performed as is (ARMv6+ user-mode behaviour); in
 * the system context LDRD/STRD and LDM/STM must be word aligned and, with SCTLR.A = 1, every
 * access aligned to its size ({@link ArmAlignment}).
 */
final class A32LoadStore {
    private A32LoadStore() { }

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        // word and unsigned byte: cond 01 I P U B W L Rn Rt offset
        String[] names = {"str", "ldr", "strb", "ldrb"};
        for (int k = 0; k < 4; k++) {
            int byteBit = k >> 1, load = k & 1, size = byteBit == 1 ? 1 : 4;
            boolean isLoad = load == 1;
            int match = byteBit << 22 | load << 20;
            A32Row.Lowering l = (e, w, pc) -> single(e, w, pc, size, false, isLoad, offset2(e, w, pc));
            r.add(A32Row.of(names[k], 0x0e500000, 0x04000000 | match, "R12,am2", l));
            r.add(A32Row.of(names[k], 0x0e500010, 0x06000000 | match, "R12,am2", l));
            // P=0 W=1: the T forms
            r.add(A32Row.of(names[k] + "t", 0x0f700000, 0x04200000 | match, "R12,am2", l));
            r.add(A32Row.of(names[k] + "t", 0x0f700010, 0x06200000 | match, "R12,am2", l));
        }
        // extra loads/stores: cond 000 P U I W L Rn Rt imm4H 1 S H 1 imm4L|Rm (register form: 11:8 SBZ)
        String[] extra = {"strh", "ldrd", "strd", "ldrh", "ldrsb", "ldrsh"};
        int[] extraBits = {0x00b0, 0x00d0, 0x00f0, 0x001000b0, 0x001000d0, 0x001000f0};
        for (int k = 0; k < 6; k++) {
            int kind = k;
            String syntax = k == 1 || k == 2 ? "R12,R12n,am3" : "R12,am3";
            A32Row.Lowering l = (e, w, pc) -> extra(e, w, pc, kind);
            // LDRD/STRD with an odd Rt is UNPREDICTABLE; qemu-arm raises SIGILL, and so do we
            java.util.function.IntPredicate ok = k == 1 || k == 2 ? w -> (w & 1 << 12) == 0 : w -> true;
            r.add(A32Row.of(extra[k], 0x0e5000f0, 0x00400000 | extraBits[k], syntax, l).where(ok));
            r.add(A32Row.of(extra[k], 0x0e500ff0, 0x00000000 | extraBits[k], syntax, l).where(ok));
            // ARMv6T2: P=0 W=1 are the unprivileged forms (LDRHT, ...), plain post-indexed accesses in user mode;
            // for LDRD/STRD that combination stays UNPREDICTABLE (decoded as the post-indexed form)
            if (k == 1 || k == 2) continue;
            r.add(A32Row.of(extra[k] + "t", 0x0f7000f0, 0x00600000 | extraBits[k], syntax, l));
            r.add(A32Row.of(extra[k] + "t", 0x0f700ff0, 0x00200000 | extraBits[k], syntax, l));
        }
        // load/store multiple: cond 100 P U S W L Rn list; S=1 (user bank / exception return) is for privileged code
        String[] modes = {"da", "", "db", "ib"};   // IA is the default: "ldm", "stm"
        for (int pu = 0; pu < 4; pu++) {
            int bits = pu << 23;
            r.add(A32Row.of("stm" + modes[pu], 0x0fd00000, 0x08000000 | bits, "R16w,list", A32LoadStore::multiple));
            r.add(A32Row.of("ldm" + modes[pu], 0x0fd00000, 0x08100000 | bits, "R16w,list", A32LoadStore::multiple));
        }
        r.add(A32Row.unguarded("ldm/stm^", 0x0e400000, 0x08400000, "R16w,list^", (e, w, pc) ->
                trap(e, pc, "load/store multiple with S bit (privileged)", w)));
        for (int pu = 0; pu < 4; pu++) {
            for (int l = 0; l < 2; l++) {
                String name = (l == 1 ? "ldm" : "stm") + modes[pu];
                r.add(A32Row.unguarded(name, 0x0fd0ffff, 0x08000000 | pu << 23 | l << 20, "R16w,list", (e, w, pc) ->
                        trap(e, pc, "load/store multiple with an empty register list (UNPREDICTABLE)", w)));
            }
        }
        return r;
    }

    private static boolean trap(IrEmitter e, int pc, String what, int w) {
        e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("%s: 0x%08x", what, w));
        return false;
    }

    /** Offset of a word/byte access: imm12, or Rm shifted by an immediate (shift uses the old C for RRX). */
    private static int offset2(IrEmitter e, int w, int pc) {
        if (!bit(w, 25)) return e.const32(w & 0xfff);
        int rm = ArmOps.readReg(e, r0(w), pcRead(pc));
        return ArmOps.shiftImm(e, rm, A32Fields.shiftType(w), A32Fields.imm5(w), false).value();
    }

    /** Offset of an extra load/store: imm4H:imm4L when I (bit 22) is set, else Rm. */
    private static int offset3(IrEmitter e, int w, int pc) {
        if (bit(w, 22)) return e.const32((w >>> 4) & 0xf0 | w & 0xf);
        return ArmOps.readReg(e, r0(w), pcRead(pc));
    }

    /** Address of the access and the value written back to Rn (or -1 for none), per P, U, W. */
    private static int[] address(IrEmitter e, int w, int pc, int offset) {
        int base = ArmOps.readReg(e, r16(w), pcRead(pc));
        int offAddr = bit(w, 23) ? e.add(base, offset) : e.sub(base, offset);
        boolean pre = bit(w, 24), wback = !pre || bit(w, 21);
        return new int[]{pre ? offAddr : base, wback && r16(w) != 15 ? offAddr : -1};
    }

    /** LDR/STR/LDRB/STRB and the single-register extra forms. */
    private static boolean single(IrEmitter e, int w, int pc, int size, boolean signed, boolean load, int offset) {
        int[] a = address(e, w, pc, offset);
        int rt = r12(w), rn = r16(w);
        if (load) {
            int v = ArmOps.load(e, size, signed, a[0]);
            if (a[1] >= 0) ArmOps.writeReg(e, rn, a[1]);
            if (rt == 15) {
                ArmOps.loadWritePc(e, v);
                return true;
            }
            ArmOps.writeReg(e, rt, v);
        } else {
            ArmOps.store(e, size, a[0], ArmOps.readReg(e, rt, pcRead(pc)));
            if (a[1] >= 0) ArmOps.writeReg(e, rn, a[1]);
        }
        return false;
    }

    /** STRH, LDRD, STRD, LDRH, LDRSB, LDRSH (kind in that order). */
    private static boolean extra(IrEmitter e, int w, int pc, int kind) {
        int offset = offset3(e, w, pc);
        return switch (kind) {
            case 0 -> single(e, w, pc, 2, false, false, offset);
            case 3 -> single(e, w, pc, 2, false, true, offset);
            case 4 -> single(e, w, pc, 1, true, true, offset);
            case 5 -> single(e, w, pc, 2, true, true, offset);
            default -> doubleword(e, w, pc, kind == 1, offset);
        };
    }

    /** LDRD / STRD of Rt (even) and Rt+1 as two words at addr and addr+4 (MemA: word aligned). */
    private static boolean doubleword(IrEmitter e, int w, int pc, boolean load, int offset) {
        int[] a = address(e, w, pc, offset);
        int rt = r12(w) & ~1, rn = r16(w);
        ArmAlignment.memA(e, a[0], 4, !load);
        int hiAddr = e.addImm(a[0], 4);
        if (load) {
            int lo = e.load32(a[0]), hi = e.load32(hiAddr);
            if (a[1] >= 0) ArmOps.writeReg(e, rn, a[1]);
            ArmOps.writeReg(e, rt, lo);
            if (rt + 1 < 15) ArmOps.writeReg(e, rt + 1, hi);
        } else {
            int lo = ArmOps.readReg(e, rt, pcRead(pc)), hi = ArmOps.readReg(e, rt + 1, pcRead(pc));
            e.store32(a[0], lo);
            e.store32(hiAddr, hi);
            if (a[1] >= 0) ArmOps.writeReg(e, rn, a[1]);
        }
        return false;
    }

    /**
     * LDM/STM in the four modes. The lowest register goes to the lowest address: IA starts at Rn,
     * IB at Rn+4, DA at Rn-4n+4, DB at Rn-4n; writeback adds or subtracts 4n. STM stores the
     * original base; LDM with the base in the list keeps the loaded value. The lowest address
     * must be word aligned (MemA), and so are then all the others.
     */
    private static boolean multiple(IrEmitter e, int w, int pc) {
        int list = w & 0xffff, n = Integer.bitCount(list), rn = r16(w);
        boolean up = bit(w, 23), pre = bit(w, 24), wback = bit(w, 21), load = bit(w, 20);
        int base = ArmOps.readReg(e, rn, pcRead(pc));
        int first = up ? (pre ? 4 : 0) : (pre ? -4 * n : -4 * n + 4);
        ArmAlignment.memA(e, base, first, 4, !load);
        int newBase = wback && rn != 15 ? e.addImm(base, up ? 4 * n : -4 * n) : -1;
        if (!load) {
            int k = 0;
            for (int i = 0; i < 16; i++) {
                if ((list & 1 << i) == 0) continue;
                e.store32(e.addImm(base, first + 4 * k++), ArmOps.readReg(e, i, pcRead(pc)));
            }
            if (newBase >= 0) ArmOps.writeReg(e, rn, newBase);
            return false;
        }
        int[] values = new int[16];
        int k = 0;
        for (int i = 0; i < 16; i++)
            if ((list & 1 << i) != 0) values[i] = e.load32(e.addImm(base, first + 4 * k++));
        if (newBase >= 0 && (list & 1 << rn) == 0) ArmOps.writeReg(e, rn, newBase);
        for (int i = 0; i < 15; i++)
            if ((list & 1 << i) != 0) ArmOps.writeReg(e, i, values[i]);
        if ((list & 1 << 15) == 0) return false;
        ArmOps.loadWritePc(e, values[15]);
        return true;
    }
}
