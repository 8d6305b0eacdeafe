package dynvm.arm.thumb;

import static dynvm.arm.thumb.Thumb32Fields.*;

import dynvm.arm.ArmMedia;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmOps.Operand;
import dynvm.arm.ArmRegs;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * 32-bit data processing (ARM ARM A6.3.1, A6.3.3, A6.3.11): the modified-immediate forms
 * (ThumbExpandImm_C, whose carry-out the logical ops with S write to C), the plain binary
 * immediates (ADDW/SUBW, ADR, MOVW/MOVT, SSAT/USAT(16), SBFX/UBFX, BFI/BFC) and the
 * shifted-register forms (including ORN, TEQ, MOV/MVN with a shift, PKHBT/PKHTB).
 *
 * <p>Opcodes are numbered as in the encodings (bits 24:21); TST/TEQ/CMN/CMP are the Rd = 1111,
 * S = 1 cases and MOV/MVN the Rn = 1111 cases of AND/EOR/ADD/SUB and ORR/ORN. A read of pc gives
 * pc + 4 (ADR: Align(pc + 4, 4)). UNPREDICTABLE destinations (pc, and pc as Rn where no form
 * reads it) decode as UNDEFINED; sp is written as qemu does.
 */
final class Thumb32DataProcessing {
    private Thumb32DataProcessing() { }

    /** Thumb-2 opcode (bits 24:21) to the A32 data-processing opcode; -1: not a data-processing op. ORN is done here. */
    private static final int ORN = -2;
    private static final int[] TO_A32 = {ArmOps.AND, ArmOps.BIC, ArmOps.ORR, ORN, ArmOps.EOR, -1, -1, -1,
            ArmOps.ADD, -1, ArmOps.ADC, ArmOps.SBC, -1, ArmOps.SUB, ArmOps.RSB, -1};
    private static final String[] NAMES = {"and", "bic", "orr", "orn", "eor", null, null, null,
            "add", null, "adc", "sbc", null, "sub", "rsb", null};
    /** objdump writes ".w" after the forms that also have a 16-bit encoding. */
    private static final String[] WIDE_SUFFIX = {".w", ".w", ".w", "", ".w", "", "", "", ".w", "", ".w", ".w", "", ".w", ".w", ""};

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        modifiedImmediate(r);
        plainImmediate(r);
        shiftedRegister(r);
        return r;
    }

    // ---------------------------------------------------------------- operands

    private static int reg(IrEmitter e, int n, int pc) { return ArmOps.readReg(e, n, pc + 4); }

    /** ThumbExpandImm_C: the constant and, when asked for, its carry (C unchanged for the replicated patterns). */
    static Operand expandImm(IrEmitter e, int insn, boolean wantCarry) {
        int imm12 = imm12(insn), value = Thumb32Fields.expandImm(imm12);
        int carry = !wantCarry ? -1 : expandImmRotates(imm12) ? e.const32(value >>> 31) : e.get(ArmRegs.C);
        return new Operand(e.const32(value), carry);
    }

    /** Rm shifted by imm3:imm2 and type (DecodeImmShift, Shift_C). */
    static Operand shiftedRm(IrEmitter e, int insn, int pc, boolean wantCarry) {
        return ArmOps.shiftImm(e, reg(e, rm(insn), pc), shiftType(insn), imm5(insn), wantCarry);
    }

    @FunctionalInterface
    private interface Op2 { Operand of(IrEmitter e, int insn, int pc, boolean wantCarry); }

    /** One data-processing op on Rn (ignored for MOV/MVN) and op2; writes Rd unless a test. */
    private static void dp(IrEmitter e, int insn, int pc, int opc, boolean setFlags, boolean ignoresRn, boolean test, Op2 op2) {
        boolean logical = opc == ORN || ArmOps.isLogical(opc);
        Operand b = op2.of(e, insn, pc, setFlags && logical);
        int rn = ignoresRn ? -1 : reg(e, rn(insn), pc);
        int result;
        if (opc != ORN) result = ArmOps.dataProcessing(e, opc, setFlags, rn, b);
        else if (ignoresRn) result = ArmOps.dataProcessing(e, ArmOps.MVN, setFlags, rn, b);                  // MVN
        else result = ArmOps.dataProcessing(e, ArmOps.ORR, setFlags, rn, new Operand(e.not(b.value()), b.carry()));
        if (!test) ArmOps.writeReg(e, rd(insn), result);
    }

    /**
     * The rows of one operand kind: per opcode and S, plus the test (Rd = 1111, S = 1) and move
     * (Rn = 1111) specialisations. {@code base}: mask/match of the kind's fixed bits.
     */
    private static void family(List<ThumbRow> r, int mask, int match, String op2Syntax, Op2 op2) {
        for (int op = 0; op < 16; op++) {
            if (TO_A32[op] == -1) continue;
            int o = op, opc = TO_A32[op];
            for (int s = 0; s < 2; s++) {
                boolean setFlags = s == 1;
                int m = mask | 0x01f00000, v = match | op << 21 | s << 20;
                String name = NAMES[op] + (setFlags ? "s" : "") + WIDE_SUFFIX[op];
                r.add(ThumbRow.plain(name, m, v, "RD,RN," + op2Syntax, (e, w, pc) -> dp(e, w, pc, opc, setFlags, false, false, op2))
                        .definedWhen(w -> rd(w) != 15 && rn(w) != 15));
                if (op == 2 || op == 3) {   // MOV / MVN: Rn = 1111
                    String mov = (op == 2 ? "mov" : "mvn") + (setFlags ? "s" : "") + ".w";
                    int movOpc = op == 2 ? ArmOps.MOV : ORN;
                    r.add(ThumbRow.plain(mov, m | 0x000f0000, v | 0x000f0000, "RD," + op2Syntax,
                            (e, w, pc) -> dp(e, w, pc, movOpc, setFlags, true, false, op2)).definedWhen(w -> rd(w) != 15));
                }
            }
            String test = switch (op) { case 0 -> "tst"; case 4 -> "teq"; case 8 -> "cmn"; case 13 -> "cmp"; default -> null; };
            if (test != null) {
                String t = test + (op == 4 ? "" : ".w");
                r.add(ThumbRow.plain(t, mask | 0x01f00f00, match | o << 21 | 1 << 20 | 0x0f00, "RN," + op2Syntax,
                        (e, w, pc) -> dp(e, w, pc, opc, true, false, true, op2)).definedWhen(w -> rn(w) != 15));
            }
        }
    }

    // ---------------------------------------------------------------- A6.3.1 modified immediate

    private static void modifiedImmediate(List<ThumbRow> r) {
        // 11110 i 0 op S Rn | 0 imm3 Rd imm8
        List<ThumbRow> rows = new ArrayList<>();
        family(rows, 0xfa008000, 0xf0000000, "#TIMM", (e, w, pc, c) -> expandImm(e, w, c));
        for (ThumbRow row : rows) r.add(row.definedWhen(w -> expandImmDefined(imm12(w))));
    }

    // ---------------------------------------------------------------- A6.3.11 shifted register

    private static void shiftedRegister(List<ThumbRow> r) {
        // 1110101 op S Rn | (0) imm3 Rd imm2 type Rm
        family(r, 0xfe008000, 0xea000000, "SH", Thumb32DataProcessing::shiftedRm);
        r.add(ThumbRow.plain("pkhbt", 0xfff08030, 0xeac00000, "RD,RN,RM,PKH", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.pkhbt(e, reg(e, rn(w), pc), reg(e, rm(w), pc), imm5(w))))
                .definedWhen(Thumb32DataProcessing::noPcNoSp));
        r.add(ThumbRow.plain("pkhtb", 0xfff08030, 0xeac00020, "RD,RN,RM,PKH", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.pkhtb(e, reg(e, rn(w), pc), reg(e, rm(w), pc), imm5(w))))
                .definedWhen(Thumb32DataProcessing::noPcNoSp));
    }

    /** Rd, Rn, Rm none of sp and pc (the media forms' UNPREDICTABLE cases). */
    static boolean noPcNoSp(int w) {
        for (int r : new int[]{rd(w), rn(w), rm(w)}) if (r == 13 || r == 15) return false;
        return true;
    }

    // ---------------------------------------------------------------- A6.3.3 plain binary immediate

    private static int lsb(int w) { return imm5(w); }

    private static void plainImmediate(List<ThumbRow> r) {
        // 11110 i 1 op(5) Rn | 0 imm3 Rd imm8
        int mask = 0xfbf08000;
        r.add(ThumbRow.plain("addw", mask, 0xf2000000, "RD,RN,#I12", (e, w, pc) -> ArmOps.writeReg(e, rd(w), e.addImm(reg(e, rn(w), pc), imm12(w))))
                .definedWhen(w -> rd(w) != 15));
        r.add(ThumbRow.plain("subw", mask, 0xf2a00000, "RD,RN,#I12", (e, w, pc) -> ArmOps.writeReg(e, rd(w), e.addImm(reg(e, rn(w), pc), -imm12(w))))
                .definedWhen(w -> rd(w) != 15));
        // ADR: Rn = 1111, Align(pc + 4, 4) +/- imm12
        r.add(ThumbRow.plain("addw", mask | 0xf0000, 0xf20f0000, "RD,pc,#I12", (e, w, pc) -> ArmOps.writeReg(e, rd(w), e.const32(((pc + 4) & ~3) + imm12(w))))
                .definedWhen(w -> rd(w) != 15));
        r.add(ThumbRow.plain("subw", mask | 0xf0000, 0xf2af0000, "RD,pc,#I12", (e, w, pc) -> ArmOps.writeReg(e, rd(w), e.const32(((pc + 4) & ~3) - imm12(w))))
                .definedWhen(w -> rd(w) != 15));
        r.add(ThumbRow.plain("movw", mask, 0xf2400000, "RD,#I16", (e, w, pc) -> ArmOps.writeReg(e, rd(w), e.const32(imm16(w))))
                .definedWhen(w -> rd(w) != 15));
        r.add(ThumbRow.plain("movt", mask, 0xf2c00000, "RD,#I16", (e, w, pc) -> {
            int low = e.andImm(e.get(ArmRegs.R[rd(w)]), 0xffff);
            ArmOps.writeReg(e, rd(w), e.or(low, e.const32(imm16(w) << 16)));
        }).definedWhen(w -> rd(w) != 15));
        // the saturate and bit-field forms have i = 0 and hw2 bit 5 = 0
        int sat = 0xfff08020;
        for (int sh = 0; sh < 2; sh++) {
            int s = sh;
            r.add(ThumbRow.plain("ssat", sat, 0xf3000000 | sh << 21, "RD,#SAT1,RN,SSH", (e, w, pc) ->
                    ArmOps.writeReg(e, rd(w), ArmMedia.ssat(e, ArmMedia.saturateOperand(e, reg(e, rn(w), pc), s, imm5(w)), (w & 31) + 1)))
                    .definedWhen(w -> (s == 0 || imm5(w) != 0) && rd(w) != 15 && rn(w) != 15));
            r.add(ThumbRow.plain("usat", sat, 0xf3800000 | sh << 21, "RD,#SAT,RN,SSH", (e, w, pc) ->
                    ArmOps.writeReg(e, rd(w), ArmMedia.usat(e, ArmMedia.saturateOperand(e, reg(e, rn(w), pc), s, imm5(w)), w & 31)))
                    .definedWhen(w -> (s == 0 || imm5(w) != 0) && rd(w) != 15 && rn(w) != 15));
        }
        r.add(ThumbRow.plain("ssat16", 0xfff0f0f0, 0xf3200000, "RD,#SAT16_1,RN", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.ssat16(e, reg(e, rn(w), pc), (w & 15) + 1))).definedWhen(w -> rd(w) != 15 && rn(w) != 15));
        r.add(ThumbRow.plain("usat16", 0xfff0f0f0, 0xf3a00000, "RD,#SAT16,RN", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.usat16(e, reg(e, rn(w), pc), w & 15))).definedWhen(w -> rd(w) != 15 && rn(w) != 15));
        r.add(ThumbRow.plain("sbfx", sat, 0xf3400000, "RD,RN,#LSB,#WIDTH", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.sbfx(e, reg(e, rn(w), pc), lsb(w), w & 31)))
                .definedWhen(w -> lsb(w) + (w & 31) <= 31 && rd(w) != 15 && rn(w) != 15));
        r.add(ThumbRow.plain("ubfx", sat, 0xf3c00000, "RD,RN,#LSB,#WIDTH", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.ubfx(e, reg(e, rn(w), pc), lsb(w), w & 31)))
                .definedWhen(w -> lsb(w) + (w & 31) <= 31 && rd(w) != 15 && rn(w) != 15));
        r.add(ThumbRow.plain("bfi", sat, 0xf3600000, "RD,RN,#LSB,#BFW", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.bfi(e, e.get(ArmRegs.R[rd(w)]), reg(e, rn(w), pc), lsb(w), w & 31)))
                .definedWhen(w -> (w & 31) >= lsb(w) && rd(w) != 15));
        r.add(ThumbRow.plain("bfc", sat | 0xf0000, 0xf36f0000, "RD,#LSB,#BFW", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), ArmMedia.bfc(e, e.get(ArmRegs.R[rd(w)]), lsb(w), w & 31)))
                .definedWhen(w -> (w & 31) >= lsb(w) && rd(w) != 15));
    }
}
