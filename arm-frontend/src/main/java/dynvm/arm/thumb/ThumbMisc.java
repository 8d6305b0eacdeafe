package dynvm.arm.thumb;

import static dynvm.arm.ArmRegs.R;
import static dynvm.arm.thumb.ThumbFields.*;

import dynvm.arm.ArmMedia;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * The 16-bit miscellaneous instructions ARMv6 and ARMv6T2/v7 added (A6.2.5): SXTH/SXTB/UXTH/UXTB,
 * REV/REV16/REVSH, SETEND, CPS, IT and the hints (NOP, YIELD, WFE, WFI, SEV; the unallocated hints
 * execute as NOPs).
 *
 * <p>User-mode choices: CPS is privileged and, as the ARM ARM says for User mode, has no effect.
 * SETEND LE is a NOP (we are little-endian already); SETEND BE would switch data accesses to
 * big-endian, which is not modelled: it raises SIGILL (a deliberate deviation; Linux user code
 * does not use it).
 * IT inside an IT block is UNPREDICTABLE: SIGILL.
 */
final class ThumbMisc {
    private ThumbMisc() { }

    private static final String[] HINTS = {"nop", "yield", "wfe", "wfi", "sev"};

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        r.add(ThumbRow.plain("sxth", 0xffc0, 0xb200, "R0,R3", (e, w, pc) -> e.set(R[r0(w)], ArmMedia.extend(e, ArmMedia.Extend.SXTH, low(e, r3(w)), 0))));
        r.add(ThumbRow.plain("sxtb", 0xffc0, 0xb240, "R0,R3", (e, w, pc) -> e.set(R[r0(w)], ArmMedia.extend(e, ArmMedia.Extend.SXTB, low(e, r3(w)), 0))));
        r.add(ThumbRow.plain("uxth", 0xffc0, 0xb280, "R0,R3", (e, w, pc) -> e.set(R[r0(w)], ArmMedia.extend(e, ArmMedia.Extend.UXTH, low(e, r3(w)), 0))));
        r.add(ThumbRow.plain("uxtb", 0xffc0, 0xb2c0, "R0,R3", (e, w, pc) -> e.set(R[r0(w)], ArmMedia.extend(e, ArmMedia.Extend.UXTB, low(e, r3(w)), 0))));
        r.add(ThumbRow.plain("rev", 0xffc0, 0xba00, "R0,R3", (e, w, pc) -> e.set(R[r0(w)], ArmMedia.rev(e, low(e, r3(w))))));
        r.add(ThumbRow.plain("rev16", 0xffc0, 0xba40, "R0,R3", (e, w, pc) -> e.set(R[r0(w)], ArmMedia.rev16(e, low(e, r3(w))))));
        r.add(ThumbRow.plain("revsh", 0xffc0, 0xbac0, "R0,R3", (e, w, pc) -> e.set(R[r0(w)], ArmMedia.revsh(e, low(e, r3(w))))));
        r.add(ThumbRow.plain("setend", 0xffff, 0xb650, "le", (e, w, pc) -> { }));
        r.add(ThumbRow.own("setend", 0xffff, 0xb658, "be", (e, w, pc, it) -> {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "setend be: big-endian data is not supported");
            return false;
        }));
        r.add(ThumbRow.plain("cpsie", 0xfff8, 0xb660, "AIF", (e, w, pc) -> { }));
        r.add(ThumbRow.plain("cpsid", 0xfff8, 0xb670, "AIF", (e, w, pc) -> { }));
        r.add(ThumbRow.outsideIt("it", 0xff00, 0xbf00, "IT", (e, w, pc, it) -> {
            ThumbDecoder.setItState(e, imm8(w));
            return false;
        }));
        r.add(ThumbRow.plain("hint", 0xff0f, 0xbf00, "#HINT", (e, w, pc) -> { }));
        for (int i = 0; i < HINTS.length; i++) r.add(ThumbRow.plain(HINTS[i], 0xffff, 0xbf00 | i << 4, "", (e, w, pc) -> { }));
        return r;
    }

    private static int low(IrEmitter e, int r) { return e.get(R[r]); }


}
