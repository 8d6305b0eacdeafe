package dynvm.arm.a32;

import static dynvm.arm.a32.A32Fields.opcode;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;
import static dynvm.arm.a32.A32Fields.r12;
import static dynvm.arm.a32.A32Fields.r16;
import static dynvm.arm.a32.A32Fields.r8;
import static dynvm.arm.a32.A32Fields.s;

import dynvm.arm.ArmMedia;
import dynvm.arm.ArmOps;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-processing instructions (ARM ARM A5.2 / A8 "data-processing"): the sixteen opcodes in
 * their three operand forms (rotated immediate, register shifted by immediate, register shifted
 * by register), MOVW/MOVT and CLZ. A read of pc gives pc+8 in every form, also when the shift amount comes
 * from a register (the ARM ARM calls r15 there UNPREDICTABLE; qemu reads pc+8 too).
 *
 * <p>An S-form that writes pc is an exception return (CPSR from SPSR), UNPREDICTABLE in user
 * mode: like qemu-user it raises SIGILL. A plain write to pc interworks like BX (ALUWritePC from
 * ARMv7 on). MOVW and MOVT (ARMv6T2) sit in the space the test opcodes leave free without S.
 */
final class A32DataProcessing {
    private A32DataProcessing() { }

    static final String[] NAMES = {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr", "mov", "bic", "mvn"};

    private static final int IMM = 0, REG_IMM = 1, REG_REG = 2;

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        int[] formMask = {0x0e000000, 0x0e000010, 0x0e000090};
        int[] formMatch = {0x02000000, 0x00000000, 0x00000010};
        String[] op2 = {"#rimm", "sh", "rsh"};
        for (int form = IMM; form <= REG_REG; form++) {
            for (int opc = 0; opc < 16; opc++) {
                for (int sBit = 0; sBit < 2; sBit++) {
                    if (ArmOps.isTest(opc) && sBit == 0) continue;   // that space holds MRS/MSR/BX/DSP
                    int mask = formMask[form] | 0x01f00000, match = formMatch[form] | opc << 21 | sBit << 20;
                    String name = NAMES[opc] + (sBit == 1 && !ArmOps.isTest(opc) ? "s" : "");
                    String syntax = ArmOps.isTest(opc) ? "R16," + op2[form]
                            : ArmOps.ignoresRn(opc) ? "R12," + op2[form] : "R12,R16," + op2[form];
                    int f = form;
                    r.add(A32Row.of(name, mask, match, syntax, (e, w, pc) -> lower(e, w, pc, f)));
                    if (sBit == 1 && !ArmOps.isTest(opc))
                        r.add(A32Row.unguarded(name, mask | 0xf000, match | 0xf000, syntax, (e, w, pc) -> {
                            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("exception return (%s pc) in user mode: 0x%08x", name, w));
                            return false;
                        }));
                }
            }
        }
        // ARMv6T2: cond 0011 0 op 00 imm4 Rd imm12 (op 0 MOVW, 1 MOVT); in the TST/CMP imm space without S
        r.add(A32Row.plain("movw", 0x0ff00000, 0x03000000, "R12,#imm16", (e, w, pc) ->
                ArmOps.writeRegUnlessPc(e, r12(w), e.const32(imm16(w)))));
        r.add(A32Row.plain("movt", 0x0ff00000, 0x03400000, "R12,#imm16", (e, w, pc) ->
                ArmOps.writeRegUnlessPc(e, r12(w), e.or(e.andImm(ArmOps.readReg(e, r12(w), pcRead(pc)), 0xffff), e.const32(imm16(w) << 16)))));
        r.add(A32Row.plain("clz", 0x0fff0ff0, 0x016f0f10, "R12,R0", (e, w, pc) ->
                ArmOps.writeRegUnlessPc(e, r12(w), ArmMedia.clz(e, ArmOps.readReg(e, r0(w), pcRead(pc))))));
        return r;
    }

    /** MOVW/MOVT's imm4:imm12 (bits 19:16 and 11:0). */
    static int imm16(int w) { return (w >>> 4) & 0xf000 | w & 0xfff; }

    /** The shifter operand of any form. */
    static ArmOps.Operand operand2(IrEmitter e, int w, int pc, int form, boolean wantCarry) {
        return switch (form) {
            case IMM -> ArmOps.expandImm(e, w & 0xfff, wantCarry);
            case REG_IMM -> ArmOps.shiftImm(e, ArmOps.readReg(e, r0(w), pcRead(pc)), A32Fields.shiftType(w), A32Fields.imm5(w), wantCarry);
            default -> ArmOps.shiftReg(e, ArmOps.readReg(e, r0(w), pcRead(pc)), A32Fields.shiftType(w),
                    ArmOps.readReg(e, r8(w), pcRead(pc)), wantCarry);
        };
    }

    private static boolean lower(IrEmitter e, int w, int pc, int form) {
        int opc = opcode(w);
        boolean setFlags = s(w);
        ArmOps.Operand op2 = operand2(e, w, pc, form, setFlags && ArmOps.isLogical(opc));
        int rn = ArmOps.ignoresRn(opc) ? -1 : ArmOps.readReg(e, r16(w), pcRead(pc));
        int result = ArmOps.dataProcessing(e, opc, setFlags, rn, op2);
        if (ArmOps.isTest(opc)) return false;
        if (r12(w) == 15) {
            ArmOps.aluWritePc(e, result, false);
            return true;
        }
        ArmOps.writeReg(e, r12(w), result);
        return false;
    }
}
