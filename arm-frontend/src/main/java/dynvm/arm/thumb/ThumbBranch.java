package dynvm.arm.thumb;

import static dynvm.arm.ArmRegs.LR;
import static dynvm.arm.thumb.ThumbFields.*;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.spi.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * 16-bit Thumb branches and exception-generating instructions (ARMv7 A6.2.6, A6.2.7, A6.2.5):
 * B&lt;cond&gt;, SVC, B, BX/BLX register, CBZ/CBNZ, BKPT, UDF (B&lt;cond&gt; with cond 1110).
 *
 * <p>Direct branches outside an IT block link to a constant pc ({@link #branchTo}); inside one
 * they write NEXT_PC and the decoder ends the block conditionally. Anything that may change state
 * (BX, BLX) ends with an indirect jump so the dispatcher re-reads T. B&lt;cond&gt; and CBZ/CBNZ are
 * UNPREDICTABLE inside an IT block (SIGILL there, as in qemu); SVC inside one passes its condition
 * to the SYSCALL service; BKPT traps whatever the condition (the ARM ARM makes it unconditional).
 */
final class ThumbBranch {
    private ThumbBranch() { }

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        for (int cond = 0; cond < 14; cond++) {
            int c = cond;
            r.add(ThumbRow.outsideIt("b" + ThumbDisassembler.condName(cond), 0xff00, 0xd000 | cond << 8, "T8", (e, w, pc, it) -> {
                e.branch(ArmOps.condition(e, c), condTarget(w, pc), pc + 2);
                return false;
            }));
        }
        r.add(ThumbRow.own("udf", 0xff00, 0xde00, "#I8", (e, w, pc, it) -> {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("udf #%d: permanently undefined (0x%04x)", imm8(w), w));
            return false;
        }));
        r.add(ThumbRow.own("svc", 0xff00, 0xdf00, "#I8", (e, w, pc, it) -> svc(e, pc + 2, it)));
        r.add(ThumbRow.own("bkpt", 0xff00, 0xbe00, "#I8", (e, w, pc, it) -> {
            e.trap(GuestException.BREAKPOINT, pc, String.format("bkpt #%d (0x%04x)", imm8(w), w));
            return false;
        }));
        r.add(ThumbRow.guarded("b", 0xf800, 0xe000, "T11", (e, w, pc, it) -> branchTo(e, branchTarget(w, pc), it)));
        r.add(ThumbRow.writesPc("bx", 0xff87, 0x4700, "HM", (e, w, pc) -> thumb16_BX(e, w, pc, false)));
        r.add(ThumbRow.writesPc("blx", 0xff87, 0x4780, "HM", (e, w, pc) -> thumb16_BX(e, w, pc, true)));
        r.add(ThumbRow.outsideIt("cbz", 0xfd00, 0xb100, "R0,TCB", (e, w, pc, it) -> thumb16_CBZ(e, w, pc, false)));
        r.add(ThumbRow.outsideIt("cbnz", 0xfd00, 0xb900, "R0,TCB", (e, w, pc, it) -> thumb16_CBZ(e, w, pc, true)));
        return r;
    }

    /**
     * A branch to a constant: outside an IT block a direct jump (the block links to it), inside
     * one a NEXT_PC write (returns true) for the decoder's conditional end.
     */
    static boolean branchTo(IrEmitter e, int target, int itState) {
        if (itState == 0) {
            e.jump(target);
            return false;
        }
        ArmOps.branchWritePc(e, e.const32(target), true);
        return true;
    }

    /**
     * SVC: the SYSCALL service resuming at {@code next}. Inside an IT block it is made only if the
     * block's condition holds (the decoder advanced ITSTATE before).
     */
    static boolean svc(IrEmitter e, int next, int itState) {
        int cond = itState == 0 ? ArmOps.AL : ThumbItState.condition(itState);
        if (cond == ArmOps.AL) e.service(Services.SYSCALL, next);
        else e.service(Services.SYSCALL, next, e.boolToI32(ArmOps.condition(e, cond)));
        return false;
    }

    /** BX Rm / BLX Rm: interworking on bit 0 of Rm (pc reads as pc + 4); BLX links to pc + 2 in Thumb. */
    private static boolean thumb16_BX(IrEmitter e, int w, int pc, boolean link) {
        int target = ArmOps.readReg(e, hm(w), pc + 4);   // read before lr is written: blx lr works
        if (link) e.set(LR, e.const32((pc + 2) | 1));
        ArmOps.bxWritePc(e, target);
        return true;
    }

    /** CBZ/CBNZ Rn, label: compare with zero and branch forward (pc + 4 + i:imm5:'0'). */
    private static boolean thumb16_CBZ(IrEmitter e, int w, int pc, boolean nonZero) {
        int v = e.get(ArmRegs.R[r0(w)]);
        int zero = e.const32(0);
        e.branch(nonZero ? e.ne(v, zero) : e.eq(v, zero), cbTarget(w, pc), pc + 2);
        return false;
    }
}
