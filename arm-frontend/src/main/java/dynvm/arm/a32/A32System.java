package dynvm.arm.a32;

import static dynvm.arm.a32.A32Fields.bit;
import static dynvm.arm.a32.A32Fields.cond;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;
import static dynvm.arm.a32.A32Fields.r12;
import static dynvm.arm.a32.A32Fields.r16;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.arm.sys.SysOp;
import dynvm.arm.vfp.Vfp;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The A32 sensitive instructions in the SYSTEM decode context (ARM ARM B9 "System
 * instructions", A8 MRC/MCR/MRRC/MCRR, SVC, WFI, the T forms of the loads and stores): each
 * ends the block in a {@link SysOp} service call that the system CPU performs with the exact CPU
 * state. {@link ArmDecoder} consults this table before the user-mode one, in system mode only, so
 * the rows here override the user-mode meaning of their encodings (SVC is an exception, not a
 * Linux system call; SUBS pc, lr returns from an exception instead of raising SIGILL; LDRT uses
 * PL0 permissions). Encodings with no row here decode as in user mode.
 *
 * <p>SDIV and UDIV are here too, as ordinary guarded rows: the Cortex-A15 has them (a kernel
 * patches its division calls into them when ID_ISAR0 says so), the user-mode CPU model does not.
 *
 * <p>Every other row is unguarded: a service call is a terminal, which cannot sit inside a condition
 * guard, so the condition goes to the service, which performs nothing when it fails. Values the
 * block computes for the service (an exception-return target, an address) have no side effects.
 */
public final class A32System {
    private A32System() { }

    /** Every row, most specific first. */
    public static final List<A32Row> ROWS = rows();
    /** Rows by bits 27:20 of the word, and by whether it is in the unconditional space (index 256 + ...). */
    private static final A32Row[][] BY_KEY = new A32Row[512][];

    static {
        for (int k = 0; k < 512; k++) {
            int probe = (k & 0xff) << 20;
            boolean uncond = k >= 256;
            List<A32Row> bucket = new ArrayList<>();
            for (A32Row r : ROWS)
                if (r.unconditional() == uncond && ((probe ^ r.match()) & r.mask() & 0x0ff00000) == 0) bucket.add(r);
            BY_KEY[k] = bucket.toArray(new A32Row[0]);
        }
    }

    /** The system-context row for {@code word}, or null when it decodes as in user mode. */
    public static A32Row find(int word) {
        for (A32Row r : BY_KEY[(word >>> 28 == 15 ? 256 : 0) | word >>> 20 & 0xff]) if (r.matches(word)) return r;
        return null;
    }

    /**
     * Lowers {@code word} if the SYSTEM context gives it a meaning of its own: a row of this table,
     * or, with VFP disabled (FPEXC.EN or CPACR), any VFP instruction, which is then UNDEFINED.
     * Returns false when the word decodes as in user mode.
     */
    public static boolean lower(IrEmitter e, int word, int pc, int context) {
        if ((context & ArmDecoder.PRIVILEGED) != 0 && (word & 0x0fff0fff) == TPIDRPRW_READ && word >>> 28 != 15) {
            mrcTpidrprw(e, word, pc);
            return true;
        }
        A32Row row = find(word);
        if (row != null && row.guarded() && cond(word) < ArmOps.AL) {   // SDIV/UDIV: an ordinary conditional instruction
            int label = e.skipUnless(ArmOps.condition(e, cond(word)));
            row.lower().lower(e, word, pc);
            e.label(label);
            return true;
        }
        if (row != null) {
            row.lower().lower(e, word, pc);
            return true;
        }
        if ((context & ArmDecoder.VFP_ENABLED) == 0
                && (word >>> 28 != 15 && Vfp.inSpace(word) || word >>> 28 == 15 && dynvm.arm.neon.Neon.inSpace(word))) {   // Advanced SIMD too
            e.trap(dynvm.ir.GuestException.UNDEFINED_INSTRUCTION, pc, String.format("VFP disabled: 0x%08x", word));
            return true;
        }
        return false;
    }

    /** A coprocessor field of 10 or 11 (VFP, decoded by {@link Vfp}). */
    private static boolean vfpCoproc(int w) { return (w >>> 9 & 7) == 5; }

    private static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        r.add(sys("svc", 0x0f000000, 0x0f000000, w -> SysOp.SVC, w -> w & 0xffffff));
        r.add(sys("hvc", 0x0ff000f0, 0x01400070, w -> SysOp.HVC, w -> w >>> 4 & 0xfff0 | w & 15));
        r.add(sys("smc", 0x0ff000f0, 0x01600070, w -> SysOp.SMC, w -> 0));
        // MRC/MCR (cond 1110 opc1 L CRn Rt coproc opc2 1 CRm) outside cp10/11; TPIDRURO reads stay inline (user rows)
        r.add(sys("mcr", 0x0f100010, 0x0e000010, w -> SysOp.MCR, w -> w & 0x0fffffff).where(w -> !vfpCoproc(w) && !inlineCp15(w)));
        r.add(sys("mrc", 0x0f100010, 0x0e100010, w -> SysOp.MRC, w -> w & 0x0fffffff).where(w -> !vfpCoproc(w) && !inlineCp15(w)));
        r.add(sys("mcrr", 0x0ff00000, 0x0c400000, w -> SysOp.MCRR, w -> w & 0x0fffffff).where(w -> !vfpCoproc(w)));
        r.add(sys("mrrc", 0x0ff00000, 0x0c500000, w -> SysOp.MRRC, w -> w & 0x0fffffff).where(w -> !vfpCoproc(w)));
        // VMRS/VMSR of the VFP system registers other than FPSCR (FPSID, MVFR0/1, FPEXC): PL1, and allowed with VFP off
        r.add(sys("vmsr", 0x0ff00fff, 0x0ee00a10, w -> SysOp.VFP_SYSREG, w -> w & 0x0fffffff).where(w -> r16(w) != 1));
        r.add(sys("vmrs", 0x0ff00fff, 0x0ef00a10, w -> SysOp.VFP_SYSREG, w -> w & 0x0fffffff).where(w -> r16(w) != 1));
        // status registers: MRS/MSR of CPSR and SPSR, the banked forms, CPS
        r.add(sys("mrs", 0x0fbf0fff, 0x010f0000, w -> SysOp.MRS, w -> w & 0x0fffffff));
        r.add(sys("mrs", 0x0fb00eff, 0x01000200, w -> SysOp.MRS_BANKED, w -> w & 0x0fffffff));
        r.add(new A32Row("msr", 0x0fb0fff0, 0x0120f000, "msrmask,R0", false, (e, w, pc) ->
                end(e, w, pc, SysOp.MSR, w & 0x0fffffff, ArmOps.readReg(e, r0(w), pcRead(pc))), null));
        r.add(new A32Row("msr", 0x0fb0f000, 0x0320f000, "msrmask,#rimm", false, (e, w, pc) ->
                end(e, w, pc, SysOp.MSR, w & 0x0fffffff, e.const32(ArmOps.expandImmValue(w & 0xfff))),
                w -> (w & 0x004f0000) != 0));   // mask 0 with R = 0 is the hint space
        r.add(sys("msr", 0x0fb0fef0, 0x0120f200, w -> SysOp.MSR_BANKED, w -> w & 0x0fffffff));
        r.add(sys("cps", 0xfff1fe20, 0xf1000000, w -> SysOp.CPS, w -> w & 0x0fffffff));
        // exception return and the stack forms
        r.add(sys("srs", 0xfe5fffe0, 0xf84d0500, w -> SysOp.SRS, w -> w & 0x0fffffff));
        r.add(sys("rfe", 0xfe50ffff, 0xf8100a00, w -> SysOp.RFE, w -> w & 0x0fffffff));
        dataProcessingReturns(r);
        r.add(sys("ldm^", 0x0e500000, 0x08500000, w -> SysOp.LDM_USER, w -> w & 0x0fffffff));
        r.add(sys("stm^", 0x0e500000, 0x08400000, w -> SysOp.STM_USER, w -> w & 0x0fffffff));
        unprivilegedLoadsStores(r);
        // hints with a meaning here, and ISB
        r.add(sys("wfi", 0x0fffffff, 0x0320f003, w -> SysOp.WFI, w -> 0));
        r.add(sys("wfe", 0x0fffffff, 0x0320f002, w -> SysOp.WFE, w -> 0));
        r.add(sys("sev", 0x0fffffff, 0x0320f004, w -> SysOp.SEV, w -> 0));
        r.add(sys("isb", 0xfffffff0, 0xf57ff060, w -> SysOp.ISB, w -> 0));
        // the Cortex-A15's integer divide (ID_ISAR0.Divide = 2): not a sensitive instruction, but only this CPU has it
        r.add(A32Row.plain("sdiv", 0x0ff0f0f0, 0x0710f010, "R16,R0,R8", (e, w, pc) ->
                ArmOps.writeRegUnlessPc(e, r16(w), e.divs(ArmOps.readReg(e, r0(w), pcRead(pc)), ArmOps.readReg(e, A32Fields.r8(w), pcRead(pc))))));
        r.add(A32Row.plain("udiv", 0x0ff0f0f0, 0x0730f010, "R16,R0,R8", (e, w, pc) ->
                ArmOps.writeRegUnlessPc(e, r16(w), e.divu(ArmOps.readReg(e, r0(w), pcRead(pc)), ArmOps.readReg(e, A32Fields.r8(w), pcRead(pc))))));
        r.sort(Comparator.comparingInt((A32Row x) -> Integer.bitCount(x.mask())).reversed());
        return List.copyOf(r);
    }

    /** mrc p15, 0, Rt, c13, c0, 4 with Rt and the condition cleared. */
    public static final int TPIDRPRW_READ = 0x0e1d0f90;

    /**
     * MRC of TPIDRPRW at PL1, inline: Linux reads its per-CPU offset there all the time, and a
     * service call per read would end a block each time. PL0 code decodes in another context and
     * goes to the service, which makes it UNDEFINED.
     */
    private static void mrcTpidrprw(IrEmitter e, int word, int pc) {
        int c = cond(word), rt = r12(word);
        int label = c < ArmOps.AL ? e.skipUnless(ArmOps.condition(e, c)) : -1;
        ArmOps.writeRegUnlessPc(e, rt, e.get(ArmRegs.TPIDRPRW));
        if (label >= 0) e.label(label);
    }

    /** CP15 accesses the user-mode rows perform inline in every mode: the TPIDRURO read and the ARMv6 barriers. */
    private static boolean inlineCp15(int w) {
        int k = w & 0x0fff0fff;
        return k == 0x0e1d0f70 || k == 0x0e070fba || k == 0x0e070f9a || k == 0x0e070f95;
    }

    /** The service call with the condition of {@code w} (AL for the unconditional space). */
    private static boolean end(IrEmitter e, int w, int pc, int op, int fields, int... values) {
        int c = cond(w);
        SysOp.emit(e, pc + 4, op, fields, c >= ArmOps.AL ? ArmOps.AL : c, values);
        return false;
    }

    private interface Field { int of(int w); }

    /** A row that passes only constant fields. */
    private static A32Row sys(String name, int mask, int match, Field op, Field fields) {
        return new A32Row(name, mask, match, "", false, (e, w, pc) -> end(e, w, pc, op.of(w), fields.of(w)), null);
    }

    /**
     * SUBS pc, lr, #imm and its relatives (B9.3.20): an S-form data-processing instruction with
     * Rd = 15 computes its result without touching the flags and returns from the exception to it.
     */
    private static void dataProcessingReturns(List<A32Row> r) {
        int[] formMask = {0x0e000000, 0x0e000010, 0x0e000090};
        int[] formMatch = {0x02000000, 0x00000000, 0x00000010};
        for (int form = 0; form < 3; form++) {
            for (int opc = 0; opc < 16; opc++) {
                if (ArmOps.isTest(opc)) continue;
                int f = form, o = opc;
                r.add(new A32Row(A32DataProcessing.NAMES[opc] + "s", formMask[form] | 0x01f0f000, formMatch[form] | opc << 21 | 1 << 20 | 0xf000,
                        "pc,exception return", false, (e, w, pc) -> {
                            ArmOps.Operand op2 = A32DataProcessing.operand2(e, w, pc, f, false);
                            int rn = ArmOps.ignoresRn(o) ? -1 : ArmOps.readReg(e, r16(w), pcRead(pc));
                            return end(e, w, pc, SysOp.EXCEPTION_RETURN, 0, ArmOps.dataProcessing(e, o, false, rn, op2));
                        }, null));
            }
        }
    }

    /**
     * LDRT, STRT, LDRBT, STRBT (P = 0, W = 1) and the ARMv6T2 LDRHT, STRHT, LDRSBT, LDRSHT: always
     * post-indexed, so the access is at Rn and Rn is written back with Rn +/- offset.
     */
    private static void unprivilegedLoadsStores(List<A32Row> r) {
        for (int k = 0; k < 4; k++) {   // word and byte: cond 01 I 0 U B 1 L
            int b = k >> 1, l = k & 1, match = b << 22 | l << 20, size = b == 1 ? 0 : 2;
            String name = (l == 1 ? "ldr" : "str") + (b == 1 ? "bt" : "t");
            A32Row.Lowering lower = (e, w, pc) -> {
                int offset = bit(w, 25) ? ArmOps.shiftImm(e, ArmOps.readReg(e, r0(w), pcRead(pc)), A32Fields.shiftType(w), A32Fields.imm5(w), false).value()
                        : e.const32(w & 0xfff);
                return unprivileged(e, w, pc, l == 1, size, false, offset);
            };
            r.add(new A32Row(name, 0x0f700000, 0x04200000 | match, "R12,am2", false, lower, null));
            r.add(new A32Row(name, 0x0f700010, 0x06200000 | match, "R12,am2", false, lower, null));
        }
        // extra: cond 000 0 U I 1 L Rn Rt imm4H 1 S H 1 imm4L|Rm: STRHT (L0 01), LDRHT (L1 01), LDRSBT (L1 10), LDRSHT (L1 11)
        int[][] kinds = {{0, 0xb0, 1, 0}, {1, 0xb0, 1, 0}, {1, 0xd0, 0, 1}, {1, 0xf0, 1, 1}};
        String[] names = {"strht", "ldrht", "ldrsbt", "ldrsht"};
        for (int k = 0; k < 4; k++) {
            int l = kinds[k][0], sh = kinds[k][1], size = kinds[k][2], signed = kinds[k][3];
            A32Row.Lowering lower = (e, w, pc) -> {
                int offset = bit(w, 22) ? e.const32(w >>> 4 & 0xf0 | w & 15) : ArmOps.readReg(e, r0(w), pcRead(pc));
                return unprivileged(e, w, pc, l == 1, size, signed == 1, offset);
            };
            r.add(new A32Row(names[k], 0x0f7000f0, 0x00600000 | l << 20 | sh, "R12,am3", false, lower, null));
            r.add(new A32Row(names[k], 0x0f700ff0, 0x00200000 | l << 20 | sh, "R12,am3", false, lower, null));
        }
    }

    private static boolean unprivileged(IrEmitter e, int w, int pc, boolean load, int log2Size, boolean signed, int offset) {
        int base = ArmOps.readReg(e, r16(w), pcRead(pc));
        int wb = bit(w, 23) ? e.add(base, offset) : e.sub(base, offset);
        int fields = (load ? 1 << 20 : 0) | r16(w) << 16 | r12(w) << 12 | 1 << 3 | (signed ? 4 : 0) | log2Size;
        return end(e, w, pc, SysOp.UNPRIVILEGED, fields, base, wb);
    }
}
