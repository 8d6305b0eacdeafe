package dynvm.ppc;

import static dynvm.ppc.PpcRegs.CR;
import static dynvm.ppc.PpcRegs.CTR;
import static dynvm.ppc.PpcRegs.LR;

import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Branch facility (Power ISA Book I, chapter 2.4): b, bc, bclr, bcctr with every BO form.
 * BO bits, IBM numbering: BO[0]=16 ignore the CR bit, BO[1]=8 the value it must have,
 * BO[2]=4 do not decrement CTR, BO[3]=2 branch when CTR reaches 0 (else when it does not),
 * BO[4]=1 a prediction hint. LK writes LR = pc+4 whether or not the branch is taken.
 */
public final class Branch {
    private Branch() { }


    public static List<PpcRow> rows() {
        List<PpcRow> r = new ArrayList<>();
        String[] suffix = {"", "l", "a", "la"};
        for (int aaLk = 0; aaLk < 4; aaLk++) {
            int bits = aaLk; // LK is bit 31 (value 1), AA bit 30 (value 2)
            r.add(PpcRows.fixed("b" + suffix[aaLk], "I", 18, 3, bits, "LI", Branch::b));
            r.add(PpcRows.fixed("bc" + suffix[aaLk], "B", 16, 3, bits, "BO,BI,BD", Branch::bc));
        }
        int xl = PpcRows.XO10 | 1;
        r.add(PpcRows.fixed("bclr", "XL", 19, xl, 16 << 1, "BO,BI", (e, w, pc) -> toRegister(e, w, pc, LR)));
        r.add(PpcRows.fixed("bclrl", "XL", 19, xl, 16 << 1 | 1, "BO,BI", (e, w, pc) -> toRegister(e, w, pc, LR)));
        r.add(PpcRows.fixed("bcctr", "XL", 19, xl, 528 << 1, "BO,BI", (e, w, pc) -> toRegister(e, w, pc, CTR)));
        r.add(PpcRows.fixed("bcctrl", "XL", 19, xl, 528 << 1 | 1, "BO,BI", (e, w, pc) -> toRegister(e, w, pc, CTR)));
        return r;
    }

    /** Branch target of an I- or B-form displacement. */
    static int target(int w, int pc, int disp) { return Fields.aa(w) ? disp : pc + disp; }

    private static void b(IrEmitter e, int w, int pc) {
        if (Fields.lk(w)) e.set(LR, e.const32(pc + 4));
        e.jump(target(w, pc, Fields.li(w)));
    }

    private static void bc(IrEmitter e, int w, int pc) {
        int cond = condition(e, Fields.bo(w), Fields.bi(w));
        if (Fields.lk(w)) e.set(LR, e.const32(pc + 4));
        int t = target(w, pc, Fields.bd(w));
        if (cond < 0) e.jump(t);
        else e.branch(cond, t, pc + 4);
    }

    /** bclr / bcctr: the target register is read before LK rewrites LR (bclrl goes to the old LR). */
    private static void toRegister(IrEmitter e, int w, int pc, int reg) {
        int bo = Fields.bo(w);
        if (reg == CTR && (bo & 4) == 0) { // decrementing the CTR you branch through is an invalid form
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "invalid form: bcctr with BO[2]=0");
            return;
        }
        int t = e.andImm(e.get(reg), ~3);
        int cond = condition(e, bo, Fields.bi(w));
        if (Fields.lk(w)) e.set(LR, e.const32(pc + 4));
        e.jumpIndirect(cond < 0 ? t : e.select(cond, t, e.const32(pc + 4)));
    }

    /**
     * The BO/BI branch condition as a BOOL temp, or -1 when it always holds. Decrements CTR
     * first when BO[2] = 0.
     */
    static int condition(IrEmitter e, int bo, int bi) {
        int cond = -1;
        int zero = -1;
        if ((bo & 4) == 0) {
            zero = e.const32(0);
            int ctr = e.addImm(e.get(CTR), -1);
            e.set(CTR, ctr);
            cond = (bo & 2) != 0 ? e.eq(ctr, zero) : e.ne(ctr, zero);
        }
        if ((bo & 16) == 0) {
            if (zero < 0) zero = e.const32(0);
            int bit = e.andImm(e.get(CR[bi >>> 2]), 8 >>> (bi & 3));
            int c = (bo & 8) != 0 ? e.ne(bit, zero) : e.eq(bit, zero);
            cond = cond < 0 ? c : e.band(cond, c);
        }
        return cond;
    }
}
