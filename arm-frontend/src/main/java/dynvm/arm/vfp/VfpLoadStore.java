package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpFields.bit;
import static dynvm.arm.vfp.VfpFields.dp;
import static dynvm.arm.vfp.VfpFields.first;
import static dynvm.arm.vfp.VfpFields.regs;
import static dynvm.arm.vfp.VfpFields.rn;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Extension register loads and stores (ARM ARM A7.6): {@code cond 110P UDWL Rn Vd 101 sz imm8}.
 * VLDR/VSTR (P=1 W=0: [Rn, #+-imm8*4]; a pc base reads Align(pc, 4)), VLDM/VSTM increment after
 * (P=0 U=1, optional writeback) and decrement before (P=1 U=0 W=1), VPUSH/VPOP being the sp
 * forms with writeback. With doubles and an odd imm8 they are FLDMX/FSTMX (deprecated, still
 * ARMv7): imm8 / 2 doubles, and the address range (so the writeback) covers imm8 words.
 *
 * <p>Every address must be word aligned, doubles too (MemA[address, 4], {@link ArmAlignment}):
 * an alignment fault otherwise, in user mode too (SIGBUS, as Linux and qemu-arm give).
 *
 * <p>UNPREDICTABLE, so UNDEFINED here: no registers, more than 16 doubles, a list beyond s31 or
 * d31, writeback to pc; a list reaching past d15 needs a D32 model ({@link VfpRow#namesHighRegister}).
 * P=1 U=1 W=1 is UNDEFINED.
 */
final class VfpLoadStore {
    private VfpLoadStore() { }

    static List<VfpRow> rows() {
        List<VfpRow> r = new ArrayList<>();
        for (int sz = 0; sz < 2; sz++) {
            boolean d = sz == 1;
            String reg = d ? "Dd" : "Sd";
            for (int l = 0; l < 2; l++) {
                boolean load = l == 1;
                int bits = sz << 8 | l << 20;
                r.add(VfpRow.of(load ? "vldr" : "vstr", 0x0f300f00, 0x0d000a00 | bits, reg + ",mem", (e, w, pc) -> single(e, w, pc, load)));
                String m = load ? "vldm" : "vstm";
                r.add(VfpRow.of(m + "ia", 0x0f900f00, 0x0c800a00 | bits, "Rn!,list", VfpLoadStore::listOk, (e, w, pc) -> multiple(e, w, pc, load)));
                r.add(VfpRow.of(m + "db", 0x0fb00f00, 0x0d200a00 | bits, "Rn!,list", VfpLoadStore::listOk, (e, w, pc) -> multiple(e, w, pc, load)));
                if (d) {
                    String x = load ? "fldm" : "fstm";
                    r.add(VfpRow.of(x + "iax", 0x0f900f01, 0x0c800a01 | bits, "Rn!,list", VfpLoadStore::listOk, (e, w, pc) -> multiple(e, w, pc, load)));
                    r.add(VfpRow.of(x + "dbx", 0x0fb00f01, 0x0d200a01 | bits, "Rn!,list", VfpLoadStore::listOk, (e, w, pc) -> multiple(e, w, pc, load)));
                }
            }
        }
        return r;
    }

    /** A list of 1..16 doubles within d0-d31, or of singles within s0-s31; no writeback to pc. */
    static boolean listOk(int w) {
        int n = regs(w);
        if (n == 0 || n > 16 && dp(w) || first(w) + n > 32) return false;
        return !(bit(w, 21) && rn(w) == 15);
    }

    /** The base register, or Align(pc, 4) for a pc base (VLDR/VSTR literal forms). */
    private static int base(IrEmitter e, int w, int pcRead, boolean align) {
        return rn(w) == 15 ? e.const32(align ? pcRead & ~3 : pcRead) : e.get(ArmRegs.R[rn(w)]);
    }

    /** VLDR/VSTR. */
    private static void single(IrEmitter e, int w, int pcRead, boolean load) {
        int imm = (w & 0xff) * 4;
        int addr = e.addImm(base(e, w, pcRead, true), bit(w, 23) ? imm : -imm);
        ArmAlignment.memAAlways(e, addr, 4, !load);
        transfer(e, dp(w), first(w), addr, load);
    }

    private static void transfer(IrEmitter e, boolean dp, int reg, int addr, boolean load) {
        if (dp) {
            if (load) VfpIr.writeD(e, reg, e.load64(addr));
            else e.store64(addr, VfpIr.readD(e, reg));
        } else {
            if (load) VfpIr.writeS(e, reg, e.load32(addr));
            else e.store32(addr, VfpIr.readS(e, reg));
        }
    }

    /**
     * VLDM/VSTM/FLDMX/FSTMX: registers from the lowest address up, starting at Rn (increment
     * after) or Rn - 4*imm8 (decrement before); writeback moves Rn by 4*imm8. Loads complete
     * before any register is written, so a fault leaves the state untouched.
     */
    private static void multiple(IrEmitter e, int w, int pcRead, boolean load) {
        boolean up = bit(w, 23), wback = bit(w, 21), dp = dp(w);
        int imm = (w & 0xff) * 4, n = regs(w), first = first(w), size = dp ? 8 : 4;
        int base = base(e, w, pcRead, false);
        int start = up ? base : e.addImm(base, -imm);
        ArmAlignment.memAAlways(e, start, 4, !load);
        if (!load) {
            for (int i = 0; i < n; i++) transfer(e, dp, first + i, e.addImm(start, size * i), false);
            if (wback) ArmOps.writeReg(e, rn(w), e.addImm(base, up ? imm : -imm));
            return;
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            int a = e.addImm(start, size * i);
            values[i] = dp ? e.load64(a) : e.load32(a);
        }
        if (wback) ArmOps.writeReg(e, rn(w), e.addImm(base, up ? imm : -imm));
        for (int i = 0; i < n; i++) VfpIr.write(e, dp, first + i, values[i]);
    }
}
