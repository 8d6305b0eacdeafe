package dynvm.arm;

import static dynvm.arm.ArmRegs.LR;
import static dynvm.arm.ArmRegs.T;
import static dynvm.arm.ThumbFields.*;

import dynvm.ir.IrEmitter;
import dynvm.spi.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * Thumb branches and exception-generating instructions (ARM ARM v5 chapter A7 / ARMv7 A6.2.6,
 * A6.2.7): B&lt;cond&gt;, SVC, B, BL/BLX immediate (prefix + suffix), BX/BLX register, BKPT.
 *
 * <p>Plain branches link to a constant pc; anything that may change state (BX, BLX, a lone
 * suffix that branches relative to lr) ends with an indirect jump so the dispatcher re-reads T.
 * Condition 1110 of B&lt;cond&gt; is undefined (no row), 1111 is SVC.
 */
final class ThumbBranch {
    private ThumbBranch() { }

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        for (int cond = 0; cond < 14; cond++) {
            int c = cond;
            r.add(new ThumbRow("b" + ThumbDisassembler.condName(cond), 0xff00, 0xd000 | cond << 8, "T8",
                    (e, w, pc) -> e.branch(ArmOps.condition(e, c), condTarget(w, pc), pc + 2)));
        }
        r.add(new ThumbRow("svc", 0xff00, 0xdf00, "#I8", (e, w, pc) -> e.service(Services.SYSCALL, pc + 2)));
        r.add(new ThumbRow("bkpt", 0xff00, 0xbe00, "#I8",
                (e, w, pc) -> e.trap(ArmOps.SIGTRAP, pc, String.format("bkpt #%d (0x%04x)", imm8(w), w))));
        r.add(new ThumbRow("b", 0xf800, 0xe000, "T11", (e, w, pc) -> e.jump(branchTarget(w, pc))));
        r.add(new ThumbRow("bx", 0xff87, 0x4700, "HM", (e, w, pc) -> thumb16_BX(e, w, pc, false)));
        r.add(new ThumbRow("blx", 0xff87, 0x4780, "HM", (e, w, pc) -> thumb16_BX(e, w, pc, true)));
        // the BL/BLX pair as one instruction, and each half on its own
        r.add(new ThumbRow("bl", 0xf800f800, 0xf000f800, "T22", (e, w, pc) -> thumb32_BL(e, w, pc, false)));
        r.add(new ThumbRow("blx", 0xf800f801, 0xf000e800, "T22", (e, w, pc) -> thumb32_BL(e, w, pc, true)));
        r.add(new ThumbRow("bl_prefix", 0xf800, 0xf000, "P11",
                (e, w, pc) -> e.set(LR, e.const32(pc + 4 + prefixOffset(w)))));
        r.add(new ThumbRow("bl_suffix", 0xf800, 0xf800, "S11", (e, w, pc) -> thumb16_BL_suffix(e, w, pc, false)));
        r.add(new ThumbRow("blx_suffix", 0xf801, 0xe800, "S11", (e, w, pc) -> thumb16_BL_suffix(e, w, pc, true)));
        return r;
    }

    /** BX Rm / BLX Rm: interworking on bit 0 of Rm (pc reads as pc + 4); BLX links to pc + 2 in Thumb. */
    private static void thumb16_BX(IrEmitter e, int w, int pc, boolean link) {
        int target = ArmOps.readReg(e, hm(w), pc + 4);   // read before lr is written: blx lr works
        if (link) e.set(LR, e.const32((pc + 2) | 1));
        ArmOps.bxWritePc(e, target);
        ArmOps.endAtNextPc(e, -1, 0);
    }

    /** BL (stays Thumb, constant target) or BLX (enters ARM state at Align(target, 4)). */
    private static void thumb32_BL(IrEmitter e, int w, int pc, boolean exchange) {
        e.set(LR, e.const32((pc + 4) | 1));
        if (!exchange) {
            e.jump(blTarget(w, pc));
            return;
        }
        e.set(T, e.const32(0));
        e.jumpIndirect(e.const32(blxTarget(w, pc)));
    }

    /**
     * A suffix without its prefix just before it: the target is lr + imm11 * 2 (for BLX aligned to
     * 4 and in ARM state), and lr becomes the next instruction with bit 0 set.
     */
    private static void thumb16_BL_suffix(IrEmitter e, int w, int pc, boolean exchange) {
        int target = e.addImm(e.get(LR), suffixOffset(w));
        target = exchange ? e.andImm(target, ~3) : e.or(target, e.const32(1));
        e.set(LR, e.const32((pc + 2) | 1));
        ArmOps.bxWritePc(e, target);
        ArmOps.endAtNextPc(e, -1, 0);
    }
}
