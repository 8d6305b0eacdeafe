package dynvm.arm.thumb;

import static dynvm.arm.ArmRegs.C;
import static dynvm.arm.ArmRegs.R;
import static dynvm.arm.ArmRegs.SP;
import static dynvm.arm.thumb.ThumbFields.*;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmOps.Operand;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Thumb data processing (ARM ARM v5, chapter A7 / ARMv7 A6.2.1-A6.2.3): shift by immediate,
 * add/subtract register and 3-bit immediate, 8-bit immediate MOV/CMP/ADD/SUB, the 16 register
 * ops of format 4, the high-register ADD/CMP/MOV, ADR, ADD to sp and sp adjustment.
 * Low-register forms set the flags outside IT blocks only ({@code setflags = !InITBlock()});
 * CMP, CMN and TST always do; high-register ADD/MOV and the sp/pc forms never do. Reads of pc
 * give pc + 4; ADD/MOV to pc branch without interworking (ALUWritePC in Thumb state).
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
        r.add(ThumbRow.narrow("lsls", 0xf800, 0x0000, "R0,R3,#SH", (e, w, pc, s) -> thumb16_shift_imm(e, w, ArmOps.LSL, s)));
        r.add(ThumbRow.narrow("lsrs", 0xf800, 0x0800, "R0,R3,#SH", (e, w, pc, s) -> thumb16_shift_imm(e, w, ArmOps.LSR, s)));
        r.add(ThumbRow.narrow("asrs", 0xf800, 0x1000, "R0,R3,#SH", (e, w, pc, s) -> thumb16_shift_imm(e, w, ArmOps.ASR, s)));
        r.add(ThumbRow.narrow("adds", 0xfe00, 0x1800, "R0,R3,R6", (e, w, pc, s) -> thumb16_addsub(e, w, false, get(e, r6(w)), s)));
        r.add(ThumbRow.narrow("subs", 0xfe00, 0x1a00, "R0,R3,R6", (e, w, pc, s) -> thumb16_addsub(e, w, true, get(e, r6(w)), s)));
        r.add(ThumbRow.narrow("adds", 0xfe00, 0x1c00, "R0,R3,#I3", (e, w, pc, s) -> thumb16_addsub(e, w, false, e.const32(imm3(w)), s)));
        r.add(ThumbRow.narrow("subs", 0xfe00, 0x1e00, "R0,R3,#I3", (e, w, pc, s) -> thumb16_addsub(e, w, true, e.const32(imm3(w)), s)));
        r.add(ThumbRow.narrow("movs", 0xf800, 0x2000, "R8,#I8", ThumbDataProcessing::thumb16_MOV_imm));
        r.add(ThumbRow.plain("cmp", 0xf800, 0x2800, "R8,#I8", ThumbDataProcessing::thumb16_CMP_imm));
        r.add(ThumbRow.narrow("adds", 0xf800, 0x3000, "R8,#I8", (e, w, pc, s) -> thumb16_addsub_imm8(e, w, false, s)));
        r.add(ThumbRow.narrow("subs", 0xf800, 0x3800, "R8,#I8", (e, w, pc, s) -> thumb16_addsub_imm8(e, w, true, s)));
        for (int op = 0; op < 16; op++) {
            int o = op;
            if (op == 8 || op == 10 || op == 11) r.add(ThumbRow.plain(FORMAT4[op], 0xffc0, 0x4000 | op << 6, "R0,R3", (e, w, pc) -> thumb16_format4(e, w, o, true)));
            else r.add(ThumbRow.narrow(FORMAT4[op], 0xffc0, 0x4000 | op << 6, "R0,R3", (e, w, pc, s) -> thumb16_format4(e, w, o, s)));
        }
        r.add(ThumbRow.writesPc("add", 0xff00, 0x4400, "HD,HM", ThumbDataProcessing::thumb16_ADD_hi));
        r.add(ThumbRow.plain("cmp", 0xff00, 0x4500, "HD,HM", ThumbDataProcessing::thumb16_CMP_hi));
        r.add(ThumbRow.writesPc("mov", 0xff00, 0x4600, "HD,HM", ThumbDataProcessing::thumb16_MOV_hi));
        r.add(ThumbRow.plain("add", 0xf800, 0xa000, "R8,pc,#I8x4", (e, w, pc) -> e.set(R[r8(w)], e.const32(literalBase(pc) + imm8(w) * 4))));
        r.add(ThumbRow.plain("add", 0xf800, 0xa800, "R8,sp,#I8x4", (e, w, pc) -> e.set(R[r8(w)], e.addImm(e.get(SP), imm8(w) * 4))));
        r.add(ThumbRow.plain("add", 0xff80, 0xb000, "sp,#I7x4", (e, w, pc) -> e.set(SP, e.addImm(e.get(SP), imm7(w) * 4))));
        r.add(ThumbRow.plain("sub", 0xff80, 0xb080, "sp,#I7x4", (e, w, pc) -> e.set(SP, e.addImm(e.get(SP), -imm7(w) * 4))));
        return r;
    }

    private static int get(IrEmitter e, int lowReg) { return e.get(R[lowReg]); }

    /** LSL/LSR/ASR Rd, Rm, #imm5 (LSL #0 is MOVS: C unchanged; LSR/ASR #0 mean #32). */
    private static void thumb16_shift_imm(IrEmitter e, int w, int type, boolean setFlags) {
        Operand s = ArmOps.shiftImm(e, get(e, r3(w)), type, imm5(w), setFlags);
        e.set(R[r0(w)], s.value());
        if (!setFlags) return;
        ArmOps.setNZ(e, s.value());
        e.set(C, s.carry());
    }

    /** ADDS/SUBS Rd, Rn, Rm|#imm3. */
    private static void thumb16_addsub(IrEmitter e, int w, boolean subtract, int operand, boolean setFlags) {
        int rn = get(e, r3(w));
        if (!setFlags) {
            e.set(R[r0(w)], subtract ? e.sub(rn, operand) : e.add(rn, operand));
            return;
        }
        ArmOps.Sum s = subtract ? ArmOps.sub(e, rn, operand) : ArmOps.add(e, rn, operand);
        e.set(R[r0(w)], s.value());
        ArmOps.setNZCV(e, s);
    }

    /** MOVS Rd, #imm8: N and Z, C and V unchanged. */
    private static void thumb16_MOV_imm(IrEmitter e, int w, int pc, boolean setFlags) {
        int v = e.const32(imm8(w));
        e.set(R[r8(w)], v);
        if (setFlags) ArmOps.setNZ(e, v);
    }

    private static void thumb16_CMP_imm(IrEmitter e, int w, int pc) {
        ArmOps.setNZCV(e, ArmOps.sub(e, get(e, r8(w)), e.const32(imm8(w))));
    }

    private static void thumb16_addsub_imm8(IrEmitter e, int w, boolean subtract, boolean setFlags) {
        int rdn = get(e, r8(w)), imm = e.const32(imm8(w));
        if (!setFlags) {
            e.set(R[r8(w)], subtract ? e.sub(rdn, imm) : e.add(rdn, imm));
            return;
        }
        ArmOps.Sum s = subtract ? ArmOps.sub(e, rdn, imm) : ArmOps.add(e, rdn, imm);
        e.set(R[r8(w)], s.value());
        ArmOps.setNZCV(e, s);
    }

    /**
     * Format 4: op Rdn, Rm. Logical ops set N and Z only; shifts by register also set C from the
     * shifter (Shift_C on the bottom byte of Rm); MUL sets N and Z and leaves C (ARMv5T and later).
     * Inside an IT block only TST, CMP and CMN set flags.
     */
    private static void thumb16_format4(IrEmitter e, int w, int op, boolean setFlags) {
        int rdn = get(e, r0(w)), rm = get(e, r3(w));
        int result;
        switch (op) {
            case 2, 3, 4, 7 -> {  // LSL, LSR, ASR, ROR by register
                int type = switch (op) { case 2 -> ArmOps.LSL; case 3 -> ArmOps.LSR; case 4 -> ArmOps.ASR; default -> ArmOps.ROR; };
                Operand s = ArmOps.shiftReg(e, rdn, type, rm, setFlags);
                result = s.value();
                if (setFlags) {
                    ArmOps.setNZ(e, result);
                    e.set(C, s.carry());
                }
            }
            case 9 -> {  // NEG = RSBS Rd, Rm, #0
                ArmOps.Sum s = ArmOps.sub(e, e.const32(0), rm);
                if (setFlags) ArmOps.setNZCV(e, s);
                result = s.value();
            }
            case 13 -> {
                result = e.mul(rm, rdn);
                if (setFlags) ArmOps.setNZ(e, result);
            }
            default -> result = ArmOps.dataProcessing(e, FORMAT4_TO_A32[op], setFlags, rdn, new Operand(rm, -1));
        }
        if (op != 8 && op != 10 && op != 11) e.set(R[r0(w)], result);
    }

    /** Rn/Rm of the high-register forms: r15 reads as pc + 4. */
    private static int hiReg(IrEmitter e, int r, int pc) { return ArmOps.readReg(e, r, pc + 4); }

    /** ADD Rdn, Rm (no flags); to pc it is a branch to the sum with bit 0 cleared. */
    private static boolean thumb16_ADD_hi(IrEmitter e, int w, int pc) {
        int sum = e.add(hiReg(e, hd(w), pc), hiReg(e, hm(w), pc));
        return writeHi(e, hd(w), sum);
    }

    private static void thumb16_CMP_hi(IrEmitter e, int w, int pc) {
        ArmOps.setNZCV(e, ArmOps.sub(e, hiReg(e, hd(w), pc), hiReg(e, hm(w), pc)));
    }

    private static boolean thumb16_MOV_hi(IrEmitter e, int w, int pc) {
        return writeHi(e, hd(w), hiReg(e, hm(w), pc));
    }

    /** Writes Rd; true when it was the pc (a branch: ALUWritePC). */
    private static boolean writeHi(IrEmitter e, int rd, int value) {
        if (rd != 15) {
            e.set(R[rd], value);
            return false;
        }
        ArmOps.aluWritePc(e, value, true);
        return true;
    }
}
