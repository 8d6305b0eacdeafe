package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpFields.dm;
import static dynvm.arm.vfp.VfpFields.dn;
import static dynvm.arm.vfp.VfpFields.rt;
import static dynvm.arm.vfp.VfpFields.rt2;
import static dynvm.arm.vfp.VfpFields.sm;
import static dynvm.arm.vfp.VfpFields.sn;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import java.util.ArrayList;
import java.util.List;

/**
 * Transfers between core and VFP registers (ARM ARM A7.8, A7.9): VMOV between a core register and
 * a single, between two core registers and two singles or a double, VMOV.32 to or from a double's
 * half (the Advanced SIMD scalar forms of 8 and 16 bits are UNDEFINED without it), VMRS and VMSR.
 *
 * <p>System registers: user mode reaches only FPSCR. FPSID, MVFR0/1 and FPEXC are PL1 registers
 * (ARM ARM B4.1.58 etc.: VMRS/VMSR of them at PL0 is UNDEFINED; qemu-arm agrees), so they have no
 * row. FPSCR keeps only what this implementation has: NZCV, DN, FZ, RMode and the cumulative
 * bits IDC, IXC, UFC, OFC, DZC, IOC; QC (no Advanced SIMD), AHP (no half precision), Len and
 * Stride (no short vectors: guest ABIs require them 0) and the trap enables (no trapping, so
 * RAZ/WI as the ARM ARM allows) read as zero and ignore writes.
 *
 * <p>A core register 15 as a source or destination is UNPREDICTABLE except for VMRS APSR_nzcv, as
 * are VMOV to two equal core registers and a single pair starting at s31; they are UNDEFINED here.
 */
public final class VfpTransfer {
    private VfpTransfer() { }

    /**
     * FPSCR bits that exist here: NZCV, QC (Advanced SIMD's cumulative saturation; UNK/SBZP without
     * it, so keeping it on every model is allowed), DN, FZ, RMode and the cumulative exception bits.
     */
    public static final int FPSCR_WRITABLE = 0xfbc0_009f;

    static List<VfpRow> rows() {
        List<VfpRow> r = new ArrayList<>();
        // cond 1110 000 op Vn Rt 1010 N (0)(0) 1 (0000)
        r.add(VfpRow.of("vmov", 0x0ff00f7f, 0x0e000a10, "Sn,Rt", w -> rt(w) != 15, (e, w, pc) ->
                VfpIr.writeS(e, sn(w), e.get(ArmRegs.R[rt(w)]))));
        r.add(VfpRow.of("vmov", 0x0ff00f7f, 0x0e100a10, "Rt,Sn", w -> rt(w) != 15, (e, w, pc) ->
                ArmOps.writeReg(e, rt(w), VfpIr.readS(e, sn(w)))));
        // VMSR / VMRS FPSCR: cond 1110 111 L 0001 Rt 1010 (0)(0)(0) 1 (0000)
        r.add(VfpRow.of("vmsr", 0x0fff0fff, 0x0ee10a10, "fpscr,Rt", w -> rt(w) != 15, (e, w, pc) ->
                e.set(ArmRegs.FPSCR, e.andImm(e.get(ArmRegs.R[rt(w)]), FPSCR_WRITABLE))));
        r.add(VfpRow.of("vmrs", 0x0fff0fff, 0x0ef10a10, "Rt,fpscr", w -> rt(w) != 15, (e, w, pc) ->
                ArmOps.writeReg(e, rt(w), e.get(ArmRegs.FPSCR))));
        r.add(VfpRow.of("vmrs", 0x0fffffff, 0x0ef1fa10, "APSR_nzcv,fpscr", (e, w, pc) -> {
            int f = e.get(ArmRegs.FPSCR);
            e.set(ArmRegs.N, e.shruImm(f, 31));
            e.set(ArmRegs.Z, ArmOps.bit(e, f, 30));
            e.set(ArmRegs.C, ArmOps.bit(e, f, 29));
            e.set(ArmRegs.V, ArmOps.bit(e, f, 28));
        }));
        // VMOV.32 Dn[x], Rt: cond 1110 0 0 x 0 Vd Rt 1011 D 00 1 (0000); and Rt, Dn[x] with bit 20 set
        r.add(VfpRow.of("vmov.32", 0x0fd00f7f, 0x0e000b10, "Dn[x],Rt", w -> rt(w) != 15, (e, w, pc) ->
                VfpIr.writeHalf(e, dn(w), w >>> 21 & 1, e.get(ArmRegs.R[rt(w)]))));
        r.add(VfpRow.of("vmov.32", 0x0fd00f7f, 0x0e100b10, "Rt,Dn[x]", w -> rt(w) != 15, (e, w, pc) ->
                ArmOps.writeReg(e, rt(w), VfpIr.readHalf(e, dn(w), w >>> 21 & 1))));
        // 64-bit transfers: cond 1100 010 op Rt2 Rt 101 sz 00 M 1 Vm
        r.add(VfpRow.of("vmov", 0x0ff00fd0, 0x0c400a10, "Sm,Sm1,Rt,Rt2", w -> pairOk(w, false) && sm(w) != 31, (e, w, pc) -> {
            int lo = e.get(ArmRegs.R[rt(w)]), hi = e.get(ArmRegs.R[rt2(w)]);
            VfpIr.writeS(e, sm(w), lo);
            VfpIr.writeS(e, sm(w) + 1, hi);
        }));
        r.add(VfpRow.of("vmov", 0x0ff00fd0, 0x0c500a10, "Rt,Rt2,Sm,Sm1", w -> pairOk(w, true) && sm(w) != 31, (e, w, pc) -> {
            int lo = VfpIr.readS(e, sm(w)), hi = VfpIr.readS(e, sm(w) + 1);
            ArmOps.writeReg(e, rt(w), lo);
            ArmOps.writeReg(e, rt2(w), hi);
        }));
        r.add(VfpRow.of("vmov", 0x0ff00fd0, 0x0c400b10, "Dm,Rt,Rt2", w -> pairOk(w, false), (e, w, pc) ->
                VfpIr.writeD(e, dm(w), ArmOps.pair(e, e.get(ArmRegs.R[rt(w)]), e.get(ArmRegs.R[rt2(w)])))));
        r.add(VfpRow.of("vmov", 0x0ff00fd0, 0x0c500b10, "Rt,Rt2,Dm", w -> pairOk(w, true), (e, w, pc) -> {
            int v = VfpIr.readD(e, dm(w));
            ArmOps.writeReg(e, rt(w), e.lo32(v));
            ArmOps.writeReg(e, rt2(w), e.hi32(v));
        }));
        return r;
    }

    /** Neither core register is pc; a transfer to core registers needs two different ones. */
    private static boolean pairOk(int w, boolean toCore) {
        return rt(w) != 15 && rt2(w) != 15 && !(toCore && rt(w) == rt2(w));
    }
}
