package dynvm.arm.thumb;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.arm.a32.A32System;
import dynvm.arm.sys.SysOp;
import dynvm.arm.vfp.Vfp;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Thumb sensitive instructions in the SYSTEM decode context: the Thumb-2 counterparts of
 * {@link A32System} (SVC, HVC, SMC, MRC/MCR/MRRC/MCRR, VMRS/VMSR of the VFP system registers,
 * MRS/MSR including the banked forms, CPS, SRS, RFE, SUBS pc, lr, #imm8, LDRT and family, WFI,
 * WFE, SEV, ISB). {@link ThumbDecoder} consults this table first in system mode only.
 *
 * <p>Each row hands its operand fields to the service in the A32 layout of the same instruction
 * (see {@link SysOp}), with {@link SysOp#THUMB32} for 32-bit encodings. Every row is
 * {@link ThumbRow.It#OWN}: the condition inside an IT block goes to the service (the decoder
 * has advanced ITSTATE already, as for the user-mode SVC), except CPS, which is UNPREDICTABLE
 * in an IT block.
 */
public final class ThumbSystem {
    private ThumbSystem() { }

    /** The 16-bit and the 32-bit rows, each most specific first. */
    public static final List<ThumbRow> NARROW, WIDE;

    static {
        List<ThumbRow> all = rows(), narrow = new ArrayList<>(), wide = new ArrayList<>();
        all.sort(Comparator.comparingInt((ThumbRow x) -> Integer.bitCount(x.mask())).reversed());
        for (ThumbRow r : all) (r.wide() ? wide : narrow).add(r);
        NARROW = List.copyOf(narrow);
        WIDE = List.copyOf(wide);
    }

    /** The system-context row for {@code insn} (a halfword, or hw1 << 16 | hw2), or null. */
    public static ThumbRow find(int insn, boolean wide) {
        for (ThumbRow r : wide ? WIDE : NARROW) if (r.decodes(insn)) return r;
        return null;
    }

    /** The row for {@code insn} in {@code context}: at PL1 the TPIDRPRW read is inline (see {@link A32System}). */
    public static ThumbRow find(int insn, boolean wide, int context) {
        if (wide && (context & ArmDecoder.PRIVILEGED) != 0 && (insn & 0xffff0fff) == (0xe0000000 | A32System.TPIDRPRW_READ)) return TPIDRPRW_INLINE;
        return find(insn, wide);
    }

    /** mrc p15, 0, Rt, c13, c0, 4 at PL1: a plain guarded read of the IR register. */
    private static final ThumbRow TPIDRPRW_INLINE = ThumbRow.plain("mrc", 0xffff0fff, 0xee1d0f90, "15,0,RT,cr13,cr0,{4}",
            (e, w, pc) -> ArmOps.writeRegUnlessPc(e, bits(w, 15, 12), e.get(ArmRegs.TPIDRPRW)));

    /**
     * Is the 32-bit {@code insn} in coprocessor space 10/11 (VFP), as its A32 twin with condition
     * 1110, or in the Advanced SIMD spaces (which FPEXC.EN disables too)?
     */
    static boolean vfpSpace(int insn) {
        return (insn & 0x10000000) == 0 && (insn >>> 29 & 7) == 7 && Vfp.inSpace(insn & 0x0fffffff | 0xe0000000)
                || dynvm.arm.neon.Neon.inThumbSpace(insn);
    }

    private interface Fields { int of(int insn); }

    private static int bits(int w, int hi, int lo) { return w >>> lo & (1 << hi - lo + 1) - 1; }

    private static boolean vfpCoproc(int w) { return (w >>> 9 & 7) == 5; }

    /** The condition of an instruction executing under {@code it}. */
    private static int cond(int it) { return it == 0 ? ArmOps.AL : ThumbItState.condition(it); }

    /** An OWN row passing constant fields. */
    private static ThumbRow sys(String name, int mask, int match, int op, Fields fields) {
        boolean wide = (mask & 0xffff0000) != 0;
        return ThumbRow.own(name, mask, match, "", (e, w, pc, it) -> {
            SysOp.emit(e, pc + (wide ? 4 : 2), op, fields.of(w) | (wide ? SysOp.THUMB32 : 0), cond(it));
            return false;
        });
    }

    /** An OWN row passing fields and one computed value. */
    private static ThumbRow sysValue(String name, int mask, int match, int op, Fields fields, Value value) {
        return ThumbRow.own(name, mask, match, "", (e, w, pc, it) -> {
            SysOp.emit(e, pc + 4, op, fields.of(w) | SysOp.THUMB32, cond(it), value.of(e, w, pc));
            return false;
        });
    }

    private interface Value { int of(IrEmitter e, int insn, int pc); }

    private static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        // 16-bit
        r.add(sys("svc", 0xff00, 0xdf00, SysOp.SVC, w -> w & 0xff));
        r.add(sys("wfe", 0xffff, 0xbf20, SysOp.WFE, w -> 0));
        r.add(sys("wfi", 0xffff, 0xbf30, SysOp.WFI, w -> 0));
        r.add(sys("sev", 0xffff, 0xbf40, SysOp.SEV, w -> 0));
        // CPS<effect> <iflags>: 1011 0110 011 im 0 A I F -> A32 imod = 1 im, A I F at 8:6
        r.add(ThumbRow.outsideIt("cps", 0xffe8, 0xb660, "AIF", (e, w, pc, it) -> {
            SysOp.emit(e, pc + 2, SysOp.CPS, (2 | w >>> 4 & 1) << 18 | (w & 7) << 6, ArmOps.AL);
            return false;
        }));
        // 32-bit: exception generation
        r.add(sys("hvc", 0xfff0f000, 0xf7e08000, SysOp.HVC, w -> bits(w, 19, 16) << 12 | w & 0xfff));
        r.add(sys("smc", 0xfff0ffff, 0xf7f08000, SysOp.SMC, w -> 0));
        // coprocessor transfers outside cp10/11 (hw1[12] = 0; the "2" forms stay UNDEFINED)
        r.add(sys("mcr", 0xff100010, 0xee000010, SysOp.MCR, w -> w & 0x0fffffff).definedWhen(w -> !vfpCoproc(w) && !inlineCp15(w)));
        r.add(sys("mrc", 0xff100010, 0xee100010, SysOp.MRC, w -> w & 0x0fffffff).definedWhen(w -> !vfpCoproc(w) && !inlineCp15(w)));
        r.add(sys("mcrr", 0xfff00000, 0xec400000, SysOp.MCRR, w -> w & 0x0fffffff).definedWhen(w -> !vfpCoproc(w)));
        r.add(sys("mrrc", 0xfff00000, 0xec500000, SysOp.MRRC, w -> w & 0x0fffffff).definedWhen(w -> !vfpCoproc(w)));
        r.add(sys("vmsr", 0xfff00fff, 0xeee00a10, SysOp.VFP_SYSREG, w -> w & 0x0fffffff).definedWhen(w -> bits(w, 19, 16) != 1));
        r.add(sys("vmrs", 0xfff00fff, 0xeef00a10, SysOp.VFP_SYSREG, w -> w & 0x0fffffff).definedWhen(w -> bits(w, 19, 16) != 1));
        // MRS Rd, CPSR/SPSR: 1111 0011 111R 1111 / 1000 Rd 0000 0000
        r.add(sys("mrs", 0xffeff0ff, 0xf3ef8000, SysOp.MRS, w -> (w >>> 20 & 1) << 22 | bits(w, 11, 8) << 12));
        // MRS Rd, <banked>: 1111 0011 111R M1 / 1000 Rd 001M 0000
        r.add(sys("mrs", 0xffe0f0ef, 0xf3e08020, SysOp.MRS_BANKED,
                w -> (w >>> 20 & 1) << 22 | bits(w, 19, 16) << 16 | (w >>> 4 & 1) << 8 | bits(w, 11, 8) << 12));
        // MSR CPSR/SPSR_<fields>, Rn: 1111 0011 100R Rn / 1000 mask 0000 0000
        r.add(sysValue("msr", 0xffe0f0ff, 0xf3808000, SysOp.MSR, w -> (w >>> 20 & 1) << 22 | bits(w, 11, 8) << 16,
                (e, w, pc) -> ArmOps.readReg(e, bits(w, 19, 16), pc + 4)));
        // MSR <banked>, Rn: 1111 0011 100R Rn / 1000 M1 001M 0000
        r.add(sys("msr", 0xffe0f0ef, 0xf3808020, SysOp.MSR_BANKED,
                w -> (w >>> 20 & 1) << 22 | bits(w, 11, 8) << 16 | (w >>> 4 & 1) << 8 | bits(w, 19, 16)));
        // CPS.W: 1111 0011 1010 1111 / 1000 0 imod M A I F mode (imod:M = 000 is the hint space)
        r.add(ThumbRow.outsideIt("cps.w", 0xfffff800, 0xf3af8000, "#CPS", (e, w, pc, it) -> {
            SysOp.emit(e, pc + 4, SysOp.CPS, bits(w, 10, 9) << 18 | (w >>> 8 & 1) << 17 | bits(w, 7, 5) << 6 | w & 0x1f | SysOp.THUMB32, ArmOps.AL);
            return false;
        }).definedWhen(w -> (w & 0x700) != 0));
        r.add(sys("wfe.w", 0xffffffff, 0xf3af8002, SysOp.WFE, w -> 0));
        r.add(sys("wfi.w", 0xffffffff, 0xf3af8003, SysOp.WFI, w -> 0));
        r.add(sys("sev.w", 0xffffffff, 0xf3af8004, SysOp.SEV, w -> 0));
        r.add(sys("isb", 0xfffffff0, 0xf3bf8f60, SysOp.ISB, w -> 0));
        // SUBS pc, lr, #imm8: 1111 0011 1101 1110 / 1000 1111 imm8
        r.add(sysValue("subs", 0xffffff00, 0xf3de8f00, SysOp.EXCEPTION_RETURN, w -> 0,
                (e, w, pc) -> e.sub(e.get(ArmRegs.LR), e.const32(w & 0xff))));
        // RFEDB / RFEIA Rn{!}: 1110 1000 00W1 Rn / 1100 0000 0000 0000, 1110 1001 10W1 Rn / ...
        r.add(sys("rfedb", 0xffd0ffff, 0xe810c000, SysOp.RFE, w -> 1 << 24 | (w >>> 21 & 1) << 21 | bits(w, 19, 16) << 16));
        r.add(sys("rfeia", 0xffd0ffff, 0xe990c000, SysOp.RFE, w -> 1 << 23 | (w >>> 21 & 1) << 21 | bits(w, 19, 16) << 16));
        // SRSDB / SRSIA sp{!}, #mode: 1110 1000 00W0 1101 / 1100 0000 000 mode
        r.add(sys("srsdb", 0xffdfffe0, 0xe80dc000, SysOp.SRS, w -> 1 << 24 | (w >>> 21 & 1) << 21 | w & 0x1f));
        r.add(sys("srsia", 0xffdfffe0, 0xe98dc000, SysOp.SRS, w -> 1 << 23 | (w >>> 21 & 1) << 21 | w & 0x1f));
        unprivilegedLoadsStores(r);
        // SDIV / UDIV Rd, Rn, Rm: 1111 1011 1001 Rn / 1111 Rd 1111 Rm (UDIV: 1011 1011); ordinary guarded rows
        r.add(ThumbRow.plain("sdiv", 0xfff0f0f0, 0xfb90f0f0, "RD,RN,RM", (e, w, pc) ->
                e.set(ArmRegs.R[bits(w, 11, 8)], e.divs(e.get(ArmRegs.R[bits(w, 19, 16)]), e.get(ArmRegs.R[w & 15])))).definedWhen(ThumbSystem::noSpPc));
        r.add(ThumbRow.plain("udiv", 0xfff0f0f0, 0xfbb0f0f0, "RD,RN,RM", (e, w, pc) ->
                e.set(ArmRegs.R[bits(w, 11, 8)], e.divu(e.get(ArmRegs.R[bits(w, 19, 16)]), e.get(ArmRegs.R[w & 15])))).definedWhen(ThumbSystem::noSpPc));
        return r;
    }

    /** Rd, Rn, Rm of a Thumb-2 divide: sp and pc are UNPREDICTABLE (UNDEFINED here). */
    private static boolean noSpPc(int w) {
        for (int reg : new int[]{bits(w, 11, 8), bits(w, 19, 16), w & 15}) if (reg == 13 || reg == 15) return false;
        return true;
    }

    /** CP15 accesses the user-mode rows perform inline in every mode (TPIDRURO read, ARMv6 barriers). */
    private static boolean inlineCp15(int w) {
        int k = w & 0x0fff0fff;
        return k == 0x0e1d0f70 || k == 0x0e070fba || k == 0x0e070f9a || k == 0x0e070f95;
    }

    /**
     * LDRT and family, Thumb-2 (hw2 = Rt 1110 imm8): the access is at Rn + imm8 with PL0
     * permissions, no writeback. Rn = 1111 is a literal load: not these rows.
     */
    private static void unprivilegedLoadsStores(List<ThumbRow> r) {
        String[] names = {"ldrbt", "ldrht", "ldrt", "ldrsbt", "ldrsht", "strbt", "strht", "strt"};
        int[] hw1 = {0xf810, 0xf830, 0xf850, 0xf910, 0xf930, 0xf800, 0xf820, 0xf840};
        int[] log2 = {0, 1, 2, 0, 1, 0, 1, 2};
        for (int k = 0; k < names.length; k++) {
            boolean load = k < 5, signed = k == 3 || k == 4;
            int size = log2[k];
            r.add(sysValue2(names[k], 0xfff00f00, hw1[k] << 16 | 0x0e00,
                    w -> (load ? 1 << 20 : 0) | bits(w, 19, 16) << 16 | bits(w, 15, 12) << 12 | (signed ? 4 : 0) | size)
                    .definedWhen(w -> bits(w, 19, 16) != 15));
        }
    }

    /** An unprivileged access: args[3] = Rn + imm8, args[4] unused (no writeback). */
    private static ThumbRow sysValue2(String name, int mask, int match, Fields fields) {
        return ThumbRow.own(name, mask, match, "RT,[RN+I8]", (e, w, pc, it) -> {
            int addr = e.addImm(e.get(ArmRegs.R[bits(w, 19, 16)]), w & 0xff);
            SysOp.emit(e, pc + 4, SysOp.UNPRIVILEGED, fields.of(w) | SysOp.THUMB32, cond(it), addr, addr);
            return false;
        });
    }
}
