package dynvm.arm.a32;

import static dynvm.arm.a32.A32Fields.branchOffset;
import static dynvm.arm.a32.A32Fields.cond;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.IrEmitter;
import java.util.List;

/**
 * Branches (ARM ARM A5.2.12 / A5.5 "branch, branch with link"): B and BL to pc+8+offset, BX and
 * BLX (register) with interworking, BLX (immediate) which always enters Thumb state, and BXJ,
 * which without Jazelle is BX. Direct branches end the block with a linkable Jump / Branch;
 * everything that may change the instruction set ends it with an indirect jump so the dispatcher
 * re-reads T.
 */
final class A32Branch {
    private A32Branch() { }

    static List<A32Row> rows() {
        return List.of(
                A32Row.unguarded("b", 0x0f000000, 0x0a000000, "t24", (e, w, pc) -> branch(e, w, pc, false)),
                A32Row.unguarded("bl", 0x0f000000, 0x0b000000, "t24", (e, w, pc) -> branch(e, w, pc, true)),
                A32Row.unguarded("blx", 0xfe000000, 0xfa000000, "t24h", A32Branch::blxImmediate),
                A32Row.of("bx", 0x0ffffff0, 0x012fff10, "R0", (e, w, pc) -> bx(e, w, pc, false)),
                A32Row.of("bxj", 0x0ffffff0, 0x012fff20, "R0", (e, w, pc) -> bx(e, w, pc, false)),
                A32Row.of("blx", 0x0ffffff0, 0x012fff30, "R0", (e, w, pc) -> bx(e, w, pc, true)));
    }

    /** B / BL target: pc + 8 + imm24 * 4. */
    static int target(int w, int pc) { return pcRead(pc) + branchOffset(w); }

    /** BLX (immediate) target: also adds H (bit 24) as bit 1, since Thumb code is halfword aligned. */
    static int blxTarget(int w, int pc) { return target(w, pc) + ((w >>> 23) & 2); }

    private static boolean branch(IrEmitter e, int w, int pc, boolean link) {
        int c = cond(w), target = target(w, pc);
        if (c == ArmOps.AL) {
            if (link) ArmOps.writeReg(e, 14, e.const32(pc + 4));
            e.jump(target);
            return false;
        }
        if (link) {   // temps do not live across the label: the condition is evaluated again after it
            int label = e.skipUnless(ArmOps.condition(e, c));
            ArmOps.writeReg(e, 14, e.const32(pc + 4));
            e.label(label);
        }
        e.branch(ArmOps.condition(e, c), target, pc + 4);
        return false;
    }

    private static boolean blxImmediate(IrEmitter e, int w, int pc) {
        ArmOps.writeReg(e, 14, e.const32(pc + 4));
        e.set(ArmRegs.T, e.const32(1));
        e.jumpIndirect(e.const32(blxTarget(w, pc)));
        return false;
    }

    /** BX / BLX (register): the target is read before lr is written (blx lr works). */
    private static boolean bx(IrEmitter e, int w, int pc, boolean link) {
        int target = ArmOps.readReg(e, r0(w), pcRead(pc));
        if (link) ArmOps.writeReg(e, 14, e.const32(pc + 4));
        ArmOps.bxWritePc(e, target);
        return true;
    }
}
