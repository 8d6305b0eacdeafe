package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmReference;
import dynvm.arm.ArmRegs;
import dynvm.arm.ArmSnippets;
import dynvm.arm.thumb.ThumbAsm;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * Data-processing semantics through both engines; expected values come from {@link ArmReference},
 * an independent transcription of the ARM ARM's Shift_C and AddWithCarry.
 */
class A32DataProcessingTest extends ArmSnippets {
    private static final int[] VALUES = {0, 1, 2, 5, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x12345678};
    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};

    /** movs r0, r1, <type> #imm5 for edge amounts, both carry-ins. */
    @Test
    void immediateShiftsAndTheirCarry() {
        int[] values = {0x80000001, 0x7fffffff, 0x12345678, 0};
        for (int type = 0; type < 4; type++)
            for (int imm5 : new int[]{0, 1, 2, 31})
                for (int x : values)
                    for (int cin = 0; cin < 2; cin++) {
                        int xx = x, ci = cin;
                        SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, xx); setNzcv(c, ci << 1 | 1); },
                                dpReg(MOV, true, 0, 0, 1, type, imm5));
                        ArmReference.Shifted want = ArmReference.shiftImm(x, type, imm5, cin);
                        String what = String.format("movs r0, 0x%08x, %s #%d, C=%d", x, SHIFTS[type], imm5, cin);
                        assertEquals(want.value(), reg(r, 0), what);
                        int flags = (want.value() < 0 ? 8 : 0) | (want.value() == 0 ? 4 : 0) | want.carry() << 1 | 1;
                        assertEquals(flags, nzcv(r), what + " flags");
                    }
    }

    /** movs r0, r1, <type> r2 with amounts 0, 1, 31, 32, 33, 255 and 256 (bottom byte 0). */
    @Test
    void registerShiftsAndTheirCarry() {
        for (int type = 0; type < 4; type++)
            for (int amount : new int[]{0, 1, 31, 32, 33, 255, 256, 0x121})
                for (int x : new int[]{0x80000001, 0x40000002})
                    for (int cin = 0; cin < 2; cin++) {
                        int xx = x, ci = cin, am = amount;
                        SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, xx); setReg(c, 2, am); setNzcv(c, ci << 1); },
                                dpRegReg(MOV, true, 0, 0, 1, type, 2));
                        ArmReference.Shifted want = ArmReference.shiftC(x, type, amount & 0xff, cin);
                        String what = String.format("movs r0, 0x%08x, %s %d, C=%d", x, SHIFTS[type], amount, cin);
                        assertEquals(want.value(), reg(r, 0), what);
                        assertEquals(want.carry(), get(r, ArmRegs.C), what + " carry");
                        assertEquals(want.value() == 0 ? 1 : 0, get(r, ArmRegs.Z), what + " Z");
                    }
    }

    /** Every opcode with S over operand pairs and both carry-ins; V starts set to show who keeps it. */
    @Test
    void everyOpcodeSetsFlagsAsTheManualSays() {
        int[] as = {0, 1, 5, 0x7fffffff, 0x80000000, 0xffffffff};
        int[] bs = {0, 1, 5, 0x80000000, 0xffffffff};
        for (int opc = 0; opc < 16; opc++)
            for (int a : as)
                for (int b : bs)
                    for (int cin = 0; cin < 2; cin++) {
                        int aa = a, bb = b, flagsIn = cin << 1 | 1;
                        SnippetRunner.Result r = run((c, m) -> {
                            setReg(c, 1, aa);
                            setReg(c, 2, bb);
                            setReg(c, 0, 0xdead);
                            setNzcv(c, flagsIn);
                        }, dpReg(opc, true, 0, 1, 2, LSL, 0));
                        int[] want = ArmReference.dataProcessing(opc, a, new ArmReference.Shifted(b, cin), flagsIn);
                        String what = String.format("%s 0x%x, 0x%x, C=%d", A32DataProcessing.NAMES[opc], a, b, cin);
                        boolean test = opc >= TST && opc <= CMN;
                        assertEquals(test ? 0xdead : want[0], reg(r, 0), what);
                        assertEquals(want[1], nzcv(r), what + " flags");
                    }
    }

    /** Without S nothing but Rd changes. */
    @Test
    void withoutSFlagsStay() {
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, -1); setNzcv(c, 0b0101); }, dpImm(ADD, false, 0, 1, 1, 0));
        assertEquals(0, reg(r, 0));
        assertEquals(0b0101, nzcv(r));
    }

    /** Rotated immediates: the carry-out is bit 31 of the constant only when the rotation is not zero. */
    @Test
    void rotatedImmediateCarry() {
        SnippetRunner.Result r = run((c, m) -> setNzcv(c, 2), dpImm(MOV, true, 0, 0, 0xff, 0));
        assertEquals(0xff, reg(r, 0));
        assertEquals(2, nzcv(r));                                    // C kept
        r = run((c, m) -> setNzcv(c, 2), dpImm(MOV, true, 0, 0, 0x3f, 1));   // 0x3f ror 2 = 0xc000000f
        assertEquals(0xc000000f, reg(r, 0));
        assertEquals(0b1010, nzcv(r));
        r = run((c, m) -> setNzcv(c, 2), dpImm(MOV, true, 0, 0, 0x3f, 2));   // ror 4 = 0xf0000003
        assertEquals(0xf0000003, reg(r, 0));
        r = run((c, m) -> { setReg(c, 1, 0xff); setNzcv(c, 2); }, dpImm(AND, true, 0, 1, 0x01, 4));   // 0x01000000, result 0
        assertEquals(0, reg(r, 0));
        assertEquals(0b0100, nzcv(r));                               // C = bit 31 of 0x01000000 = 0
        r = run(dpImm(SUB, false, 0, PC, 4, 0), dpImm(ORR, false, 1, 0, 0xff, 4));   // orr r1, r0, #0xff000000
        assertEquals(CODE + 4, reg(r, 0));
        assertEquals(CODE + 4 | 0xff000000, reg(r, 1));
    }

    /** Reads of pc give pc+8 in every operand form (also in the register-shifted form, as qemu). */
    @Test
    void pcReadsAsPlus8() {
        SnippetRunner.Result r = run((c, m) -> setReg(c, 2, 0), A32Asm.NOP,
                dpImm(ADD, false, 0, PC, 0, 0), dpReg(MOV, false, 1, 0, PC, LSL, 0), dpRegReg(ADD, false, 3, PC, PC, LSL, 2));
        assertEquals(CODE + 12, reg(r, 0));
        assertEquals(CODE + 16, reg(r, 1));
        assertEquals(2 * (CODE + 20), reg(r, 3));
    }

    /** A write to pc branches (ARMv7 ALUWritePC in ARM state is BXWritePC): an even target stays in ARM state. */
    @Test
    void writeToPcBranchesInArmState() {
        SnippetRunner.Result r = run((c, m) -> setReg(c, 1, CODE + 8), movReg(PC, 1), movImm(0, 1), movImm(2, 2), movImm(3, 3));
        assertEquals("end", r.stop());
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(0, reg(r, 0));                                  // skips mov r0
        assertEquals(2, reg(r, 2));
        assertEquals(3, reg(r, 3));
        // conditional: not taken falls through
        r = run((c, m) -> { setReg(c, 1, CODE + 12); setNzcv(c, 0); }, cond(EQ, movReg(PC, 1)), movImm(0, 1), movImm(2, 2), movImm(3, 3));
        assertEquals(1, reg(r, 0));
        r = run((c, m) -> { setReg(c, 1, CODE + 12); setNzcv(c, 4); }, cond(EQ, movReg(PC, 1)), movImm(0, 1), movImm(2, 2), movImm(3, 3));
        assertEquals(0, reg(r, 0));
        assertEquals(3, reg(r, 3));
    }

    /** ARMv7: a data-processing write to pc with bit 0 set interworks into Thumb state (add pc, r1, #1). */
    @Test
    void writeToPcInterworksFromArmV7() {
        int[] words = {
                dpImm(ADD, false, PC, 1, 1, 0),                                            // 0: pc = CODE + 8 | 1
                movImm(0, 1),                                                              // 4: skipped
                ThumbAsm.words(ThumbAsm.movImm(2, 2), ThumbAsm.movImm(3, 3))[0],           // 8: Thumb
        };
        SnippetRunner.Result r = run((c, m) -> setReg(c, 1, CODE + 8), words);
        assertEquals("end", r.stop());
        assertEquals(1, get(r, ArmRegs.T));
        assertEquals(0, reg(r, 0));
        assertEquals(2, reg(r, 2));
        assertEquals(3, reg(r, 3));
    }

    /** An S-form write to pc is an exception return: SIGILL in user mode, nothing written. */
    @Test
    void exceptionReturnTraps() {
        SnippetRunner.Result r = run((c, m) -> setReg(c, LR, CODE + 8), dpImm(SUB, true, PC, LR, 4, 0));
        assertEquals("trap:4", r.stop());
        assertEquals(CODE, r.cpu().pc);
    }

    @Test
    void countLeadingZeros() {
        int[] xs = {0, 1, 0x80000000, 0x00010000, 0xffffffff};
        int[] want = {32, 31, 0, 15, 0};
        for (int i = 0; i < xs.length; i++) {
            int x = xs[i];
            SnippetRunner.Result r = run((c, m) -> setReg(c, 1, x), clz(0, 1));
            assertEquals(want[i], reg(r, 0), "clz " + Integer.toHexString(x));
        }
    }

    /** rrx uses the carry in and shifts out bit 0; adc/sbc/rsc chain through C. */
    @Test
    void carryChains() {
        // 64-bit add: r1:r0 + r3:r2
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 0, -1); setReg(c, 1, 1); setReg(c, 2, 1); setReg(c, 3, 2); },
                dpReg(ADD, true, 4, 0, 2, LSL, 0), dpReg(ADC, false, 5, 1, 3, LSL, 0));
        assertEquals(0, reg(r, 4));
        assertEquals(4, reg(r, 5));
        // 64-bit subtract 0x1_00000000 - 1
        r = run((c, m) -> { setReg(c, 0, 0); setReg(c, 1, 1); setReg(c, 2, 1); setReg(c, 3, 0); },
                dpReg(SUB, true, 4, 0, 2, LSL, 0), dpReg(SBC, false, 5, 1, 3, LSL, 0));
        assertEquals(-1, reg(r, 4));
        assertEquals(0, reg(r, 5));
        for (int v : VALUES) {
            int vv = v;
            r = run((c, m) -> { setReg(c, 1, vv); setNzcv(c, 2); }, dpReg(MOV, true, 0, 0, 1, ROR, 0));
            assertEquals(vv >>> 1 | 0x80000000, reg(r, 0));
            assertEquals(vv & 1, get(r, ArmRegs.C));
        }
    }
}
