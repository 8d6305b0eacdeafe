package dynvm.arm.thumb;

import static dynvm.arm.ArmRegs.LR;
import static dynvm.arm.ArmRegs.T;
import static dynvm.arm.thumb.Thumb32Fields.*;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.arm.a32.A32Misc;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * 32-bit branches and miscellaneous control (ARM ARM A6.3.4): B&lt;cond&gt;.W, B.W, BL, BLX
 * (immediate), MSR/MRS of the APSR, the hints (NOP, YIELD, WFE, WFI, SEV, DBG and the unallocated
 * ones, which execute as NOPs), CPS (privileged: no effect in User mode), CLREX, DSB, DMB, ISB.
 *
 * <p>B&lt;cond&gt;.W is UNPREDICTABLE inside an IT block (SIGILL there); B.W, BL and BLX may end one.
 * SBZ/SBO bits are part of the masks: other values are UNPREDICTABLE and decode as UNDEFINED.
 * BXJ, SUBS pc, lr (exception return), SMC and the SPSR forms of MRS/MSR are not user-mode
 * instructions here and have no row.
 */
final class Thumb32Branch {
    private Thumb32Branch() { }

    private static final String[] HINTS = {"nop", "yield", "wfe", "wfi", "sev"};

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        for (int cond = 0; cond < 14; cond++) {
            int c = cond;
            r.add(ThumbRow.outsideIt("b" + ThumbDisassembler.condName(cond) + ".w", 0xfbc0d000, 0xf0008000 | cond << 22, "T20", (e, w, pc, it) -> {
                e.branch(ArmOps.condition(e, c), bCondTarget(w, pc), pc + 4);
                return false;
            }));
        }
        r.add(ThumbRow.guarded("b.w", 0xf800d000, 0xf0009000, "T24", (e, w, pc, it) -> ThumbBranch.branchTo(e, bTarget(w, pc), it)));
        r.add(ThumbRow.guarded("bl", 0xf800d000, 0xf000d000, "T24", (e, w, pc, it) -> {
            e.set(LR, e.const32((pc + 4) | 1));
            return ThumbBranch.branchTo(e, bTarget(w, pc), it);
        }));
        r.add(ThumbRow.writesPc("blx", 0xf800d001, 0xf000c000, "T24X", (e, w, pc) -> {
            e.set(LR, e.const32((pc + 4) | 1));
            e.set(T, e.const32(0));
            ArmOps.branchWritePc(e, e.const32(blxTarget(w, pc)), false);
            return true;
        }));
        // MSR APSR_<fields>, Rn: mask hw2[11:10] = write_nzcvq:write_g; 00 is UNPREDICTABLE
        r.add(ThumbRow.plain("msr", 0xfff0f3ff, 0xf3808000, "APSR,RN", (e, w, pc) ->
                A32Misc.writeApsr(e, (w >>> 10 & 3) << 18, e.get(ArmRegs.R[rn(w)])))     // A32's mask bits 19:18
                .definedWhen(w -> (w >>> 10 & 3) != 0 && rn(w) != 13 && rn(w) != 15));
        r.add(ThumbRow.plain("mrs", 0xfffff0ff, 0xf3ef8000, "RD,apsr", (e, w, pc) -> e.set(ArmRegs.R[rd(w)], A32Misc.readApsr(e)))
                .definedWhen(w -> rd(w) != 13 && rd(w) != 15));
        r.add(ThumbRow.plain("hint", 0xffffff00, 0xf3af8000, "#I8", (e, w, pc) -> { }));
        for (int i = 0; i < HINTS.length; i++) r.add(ThumbRow.plain(HINTS[i] + ".w", 0xffffffff, 0xf3af8000 | i, "", (e, w, pc) -> { }));
        r.add(ThumbRow.plain("dbg", 0xfffffff0, 0xf3af80f0, "#I4", (e, w, pc) -> { }));
        r.add(ThumbRow.plain("cps", 0xfffff800, 0xf3af8000, "#CPS", (e, w, pc) -> { }).definedWhen(w -> (w & 0x700) != 0));
        r.add(ThumbRow.plain("clrex", 0xffffffff, 0xf3bf8f2f, "", (e, w, pc) -> e.set(ArmRegs.EXCL_ADDR, e.const32(-1))));
        r.add(ThumbRow.plain("dsb", 0xfffffff0, 0xf3bf8f40, "OPT", (e, w, pc) -> { }));
        r.add(ThumbRow.plain("dmb", 0xfffffff0, 0xf3bf8f50, "OPT", (e, w, pc) -> { }));
        r.add(ThumbRow.plain("isb", 0xfffffff0, 0xf3bf8f60, "OPT", (e, w, pc) -> { }));
        return r;
    }

}
