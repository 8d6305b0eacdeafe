package dynvm.arm;

import static dynvm.arm.ArmRegs.C;
import static dynvm.arm.ArmRegs.R;
import static dynvm.arm.ArmRegs.SP;
import static dynvm.arm.ThumbFields.*;

import dynvm.arm.ArmOps.Operand;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Thumb data processing (ARM ARM v5, chapter A7 / ARMv7 A6.2.1-A6.2.3): shift by immediate,
 * add/subtract register and 3-bit immediate, 8-bit immediate MOV/CMP/ADD/SUB, the 16 register
 * ops of format 4, the high-register ADD/CMP/MOV, ADR, ADD to sp and sp adjustment.
 * Low-register forms always set flags (there is no IT block in ARMv5T); high-register ADD/MOV
 * and the sp/pc forms never do. Reads of pc give pc + 4; ADD/MOV to pc branch without
 * interworking (ALUWritePC in Thumb state).
 */
final class ThumbDataProcessing {
    private ThumbDataProcessing() { }

    /** Format 4 mnemonics, indexed by bits 9:6. */
    private static final String[] FORMAT4 = {"ands", "eors", "lsls", "lsrs", "asrs", "adcs", "sbcs", "rors",
            "tst", "negs", "cmp", "cmn", "orrs", "muls", "bics", "mvns"};
    /** Format 4 opcode to the A32 data-processing opcode for the ops ArmOps computes directly. */
    private static final int[] FORMAT4_TO_A32 = {ArmOps.AND, ArmOps.EOR, -1, -1, -1, ArmOps.ADC, ArmOps.SBC, -1,
            ArmOps.TST, -1, ArmOps.CMP, ArmOps.CMN, ArmOps.ORR, -1, ArmOps.BIC, ArmOps.MVN};

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        r.add(new ThumbRow("lsls", 0xf800, 0x0000, "R0,R3,#SH", (e, w, pc) -> thumb16_shift_imm(e, w, ArmOps.LSL)));
        r.add(new ThumbRow("lsrs", 0xf800, 0x0800, "R0,R3,#SH", (e, w, pc) -> thumb16_shift_imm(e, w, ArmOps.LSR)));
        r.add(new ThumbRow("asrs", 0xf800, 0x1000, "R0,R3,#SH", (e, w, pc) -> thumb16_shift_imm(e, w, ArmOps.ASR)));
        r.add(new ThumbRow("adds", 0xfe00, 0x1800, "R0,R3,R6", (e, w, pc) -> thumb16_addsub(e, w, false, get(e, r6(w)))));
        r.add(new ThumbRow("subs", 0xfe00, 0x1a00, "R0,R3,R6", (e, w, pc) -> thumb16_addsub(e, w, true, get(e, r6(w)))));
        r.add(new ThumbRow("adds", 0xfe00, 0x1c00, "R0,R3,#I3", (e, w, pc) -> thumb16_addsub(e, w, false, e.const32(imm3(w)))));
        r.add(new ThumbRow("subs", 0xfe00, 0x1e00, "R0,R3,#I3", (e, w, pc) -> thumb16_addsub(e, w, true, e.const32(imm3(w)))));
        r.add(new ThumbRow("movs", 0xf800, 0x2000, "R8,#I8", ThumbDataProcessing::thumb16_MOV_imm));
        r.add(new ThumbRow("cmp", 0xf800, 0x2800, "R8,#I8", ThumbDataProcessing::thumb16_CMP_imm));
        r.add(new ThumbRow("adds", 0xf800, 0x3000, "R8,#I8", (e, w, pc) -> thumb16_addsub_imm8(e, w, false)));
        r.add(new ThumbRow("subs", 0xf800, 0x3800, "R8,#I8", (e, w, pc) -> thumb16_addsub_imm8(e, w, true)));
        for (int op = 0; op < 16; op++) {
            int o = op;
            r.add(new ThumbRow(FORMAT4[op], 0xffc0, 0x4000 | op << 6, "R0,R3", (e, w, pc) -> thumb16_format4(e, w, o)));
        }
        r.add(new ThumbRow("add", 0xff00, 0x4400, "HD,HM", ThumbDataProcessing::thumb16_ADD_hi));
        r.add(new ThumbRow("cmp", 0xff00, 0x4500, "HD,HM", ThumbDataProcessing::thumb16_CMP_hi));
        r.add(new ThumbRow("mov", 0xff00, 0x4600, "HD,HM", ThumbDataProcessing::thumb16_MOV_hi));
        r.add(new ThumbRow("add", 0xf800, 0xa000, "R8,pc,#I8x4", (e, w, pc) -> e.set(R[r8(w)], e.const32(literalBase(pc) + imm8(w) * 4))));
        r.add(new ThumbRow("add", 0xf800, 0xa800, "R8,sp,#I8x4", (e, w, pc) -> e.set(R[r8(w)], e.addImm(e.get(SP), imm8(w) * 4))));
        r.add(new ThumbRow("add", 0xff80, 0xb000, "sp,#I7x4", (e, w, pc) -> e.set(SP, e.addImm(e.get(SP), imm7(w) * 4))));
        r.add(new ThumbRow("sub", 0xff80, 0xb080, "sp,#I7x4", (e, w, pc) -> e.set(SP, e.addImm(e.get(SP), -imm7(w) * 4))));
        return r;
    }

    private static int get(IrEmitter e, int lowReg) { return e.get(R[lowReg]); }

    /** LSL/LSR/ASR Rd, Rm, #imm5 (LSL #0 is MOVS: C unchanged; LSR/ASR #0 mean #32). */
    private static void thumb16_shift_imm(IrEmitter e, int w, int type) {
        Operand s = ArmOps.shiftImm(e, get(e, r3(w)), type, imm5(w), true);
        e.set(R[r0(w)], s.value());
        ArmOps.setNZ(e, s.value());
        e.set(C, s.carry());
    }

    /** ADDS/SUBS Rd, Rn, Rm|#imm3. */
    private static void thumb16_addsub(IrEmitter e, int w, boolean subtract, int operand) {
        int rn = get(e, r3(w));
        ArmOps.Sum s = subtract ? ArmOps.sub(e, rn, operand) : ArmOps.add(e, rn, operand);
        e.set(R[r0(w)], s.value());
        ArmOps.setNZCV(e, s);
    }

    /** MOVS Rd, #imm8: N and Z, C and V unchanged. */
    private static void thumb16_MOV_imm(IrEmitter e, int w, int pc) {
        int v = e.const32(imm8(w));
        e.set(R[r8(w)], v);
        ArmOps.setNZ(e, v);
    }

    private static void thumb16_CMP_imm(IrEmitter e, int w, int pc) {
        ArmOps.setNZCV(e, ArmOps.sub(e, get(e, r8(w)), e.const32(imm8(w))));
    }

    private static void thumb16_addsub_imm8(IrEmitter e, int w, boolean subtract) {
        int rdn = get(e, r8(w)), imm = e.const32(imm8(w));
        ArmOps.Sum s = subtract ? ArmOps.sub(e, rdn, imm) : ArmOps.add(e, rdn, imm);
        e.set(R[r8(w)], s.value());
        ArmOps.setNZCV(e, s);
    }

    /**
     * Format 4: op Rdn, Rm. Logical ops set N and Z only; shifts by register also set C from the
     * shifter (Shift_C on the bottom byte of Rm); MUL sets N and Z and leaves C (ARMv5T and later).
     */
    private static void thumb16_format4(IrEmitter e, int w, int op) {
        int rdn = get(e, r0(w)), rm = get(e, r3(w));
        int result;
        switch (op) {
            case 2, 3, 4, 7 -> {  // LSL, LSR, ASR, ROR by register
                int type = switch (op) { case 2 -> ArmOps.LSL; case 3 -> ArmOps.LSR; case 4 -> ArmOps.ASR; default -> ArmOps.ROR; };
                Operand s = ArmOps.shiftReg(e, rdn, type, rm, true);
                result = s.value();
                ArmOps.setNZ(e, result);
                e.set(C, s.carry());
            }
            case 9 -> {  // NEG = RSBS Rd, Rm, #0
                ArmOps.Sum s = ArmOps.sub(e, e.const32(0), rm);
                ArmOps.setNZCV(e, s);
                result = s.value();
            }
            case 13 -> {
                result = e.mul(rm, rdn);
                ArmOps.setNZ(e, result);
            }
            default -> result = ArmOps.dataProcessing(e, FORMAT4_TO_A32[op], true, rdn, new Operand(rm, -1));
        }
        if (op != 8 && op != 10 && op != 11) e.set(R[r0(w)], result);
    }

    /** Rn/Rm of the high-register forms: r15 reads as pc + 4. */
    private static int hiReg(IrEmitter e, int r, int pc) { return ArmOps.readReg(e, r, pc + 4); }

    /** ADD Rdn, Rm (no flags); to pc it is a branch to the sum with bit 0 cleared. */
    private static void thumb16_ADD_hi(IrEmitter e, int w, int pc) {
        int sum = e.add(hiReg(e, hd(w), pc), hiReg(e, hm(w), pc));
        writeHi(e, hd(w), sum);
    }

    private static void thumb16_CMP_hi(IrEmitter e, int w, int pc) {
        ArmOps.setNZCV(e, ArmOps.sub(e, hiReg(e, hd(w), pc), hiReg(e, hm(w), pc)));
    }

    private static void thumb16_MOV_hi(IrEmitter e, int w, int pc) {
        writeHi(e, hd(w), hiReg(e, hm(w), pc));
    }

    private static void writeHi(IrEmitter e, int rd, int value) {
        if (rd != 15) {
            e.set(R[rd], value);
            return;
        }
        ArmOps.aluWritePc(e, value, true);
        ArmOps.endAtNextPc(e, -1, 0);
    }
}
