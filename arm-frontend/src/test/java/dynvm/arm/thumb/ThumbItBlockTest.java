package dynvm.arm.thumb;

import static dynvm.arm.thumb.ThumbAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmReference;
import dynvm.arm.ArmRegs;
import dynvm.ir.IrEmitter;
import dynvm.ir.Op;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * IT blocks through both engines (the interpreter decodes every instruction from the IT state in
 * the CPU, the translator decodes whole blocks): every block length and then/else pattern under
 * every condition, AL, flags changed inside a block, branches and SVC as the last instruction,
 * narrow flag-setting forms inside and outside, the UNPREDICTABLE cases we make UNDEFINED, and a
 * block decoded from the middle of an IT block. Expected conditions come from
 * {@link ArmReference#passed} and the ARM ARM's description of IT (A8.8.54), not from the decoder.
 */
class ThumbItBlockTest extends ThumbSnippets {
    private static final String[] PATTERNS = {"", "t", "e", "tt", "te", "et", "ee", "ttt", "tte", "tet", "tee", "ett", "ete", "eet", "eee"};
    private static final int[] FLAGS = {0b0000, 0b0100, 0b1010, 0b0111};

    /** The condition of the k-th instruction (0-based) of "IT{pattern} firstcond". */
    private static int conditionOf(int firstcond, String pattern, int k) {
        if (k == 0) return firstcond;
        boolean then = pattern.charAt(k - 1) == 't';
        return then ? firstcond : firstcond ^ 1;
    }

    @Test
    void everyLengthPatternAndCondition() {
        for (int fc = 0; fc < 14; fc++) {
            for (String p : PATTERNS) {
                for (int f : FLAGS) {
                    int n = p.length() + 1, flags = f;
                    int[] code = new int[n + 2];
                    code[0] = it(fc, p);
                    // adds rk, #1 is "add rk, #1" inside the block: no flags, so every condition sees the initial ones
                    for (int k = 0; k < n; k++) code[1 + k] = addImm8(k, 1);
                    code[n + 1] = addImm8(7, 1);          // after the block: unconditional and sets flags again
                    SnippetRunner.Result r = run((c, m) -> setNzcv(c, flags), code);
                    String what = String.format("it%s %s, nzcv=%s", p, ThumbDisassembler.condName(fc), Integer.toBinaryString(f));
                    for (int k = 0; k < n; k++)
                        assertEquals(ArmReference.passed(conditionOf(fc, p, k), f) ? 1 : 0, reg(r, k), what + " insn " + k);
                    assertEquals(1, reg(r, 7), what);
                    assertEquals(0, nzcv(r), what + ": adds after the block sets flags (1 is positive, non-zero)");
                    assertEquals(0, get(r, ArmRegs.ITSTATE), what);
                }
            }
        }
    }

    @Test
    void alwaysBlocksExecuteEverything() {
        for (String p : new String[]{"", "t", "tt", "ttt"}) {
            int n = p.length() + 1;
            int[] code = new int[n + 1];
            code[0] = it(ArmOps.AL, p);
            for (int k = 0; k < n; k++) code[1 + k] = addImm8(k, 1);
            SnippetRunner.Result r = run((c, m) -> setNzcv(c, 0b1111), code);
            for (int k = 0; k < n; k++) assertEquals(1, reg(r, k), "it" + p + " al, insn " + k);
            assertEquals(0b1111, nzcv(r), "no flags inside");
        }
    }

    @Test
    void aFlagSettingInstructionInsideChangesLaterConditions() {
        // itte eq; cmp r0, #5 (eq); addeq r1, #1; addne r2, #1 -- CMP always sets flags
        for (int r0 : new int[]{5, 6}) {
            for (int f : new int[]{0b0100, 0b0000}) {
                int flags = f, x = r0;
                SnippetRunner.Result r = run((c, m) -> { setNzcv(c, flags); setReg(c, 0, x); },
                        it(EQ, "te"), cmpImm(0, 5), addImm8(1, 1), addImm8(2, 1));
                boolean first = ArmReference.passed(EQ, f);
                int after = first ? (x == 5 ? 0b0110 : 0b0010) : f;      // 5-5: Z C; 6-5: C
                assertEquals(ArmReference.passed(EQ, after) ? 1 : 0, reg(r, 1), "r0=" + x + " f=" + f);
                assertEquals(ArmReference.passed(NE, after) ? 1 : 0, reg(r, 2), "r0=" + x + " f=" + f);
                assertEquals(after, nzcv(r));
            }
        }
    }

    @Test
    void narrowFormsSetFlagsOnlyOutsideAndWideFormsByTheirS() {
        // outside: adds r0, r1, #1 with r1 = -1 gives Z and C
        SnippetRunner.Result r = run((c, m) -> setReg(c, 1, -1), addImm3(0, 1, 1));
        assertEquals(0b0110, nzcv(r));
        // inside it al: the same encoding is add, flags untouched
        r = run((c, m) -> setReg(c, 1, -1), it(ArmOps.AL, ""), addImm3(0, 1, 1));
        assertEquals(0, reg(r, 0));
        assertEquals(0, nzcv(r));
        // wide forms: add.w never, adds.w always (also inside a block)
        r = run((c, m) -> setReg(c, 1, -1), seq(it(ArmOps.AL, "t"), dpImm(8, false, 0, 1, 1), dpImm(8, true, 2, 1, 1)));
        assertEquals(0, reg(r, 0));
        assertEquals(0, reg(r, 2));
        assertEquals(0b0110, nzcv(r));
        // muls, lsls, negs, movs inside a block do not touch flags either
        r = run((c, m) -> { setNzcv(c, 0b0001); setReg(c, 1, 0x80000000); },
                it(VS, "ttt"), dp(MUL, 1, 1), dp(NEG, 2, 1), lslImm(3, 1, 1), movImm(4, 0));
        assertEquals(0, reg(r, 1));
        assertEquals(0b0001, nzcv(r));
    }

    @Test
    void aBranchAsTheLastInstructionIsConditional() {
        for (int f : new int[]{0b0100, 0b0000}) {
            int flags = f;
            boolean taken = ArmReference.passed(EQ, f);
            // itt eq; addeq r0, #1; beq +2 (skips movs r1, #1); movs r1, #1; movs r2, #1
            SnippetRunner.Result r = run((c, m) -> setNzcv(c, flags), it(EQ, "t"), addImm8(0, 1), b(0), movImm(1, 1), movImm(2, 1));
            assertEquals(taken ? 1 : 0, reg(r, 0), "f=" + f);
            assertEquals(taken ? 0 : 1, reg(r, 1), "f=" + f);
            assertEquals(1, reg(r, 2));
            assertEquals(0, get(r, ArmRegs.ITSTATE));
            // it ne; bx r3 (to the last instruction, Thumb)
            r = run((c, m) -> { setNzcv(c, flags); setReg(c, 3, CODE + 8 + 1); }, it(NE, ""), bx(3), movImm(1, 1), NOP, movImm(2, 1));
            assertEquals(taken ? 1 : 0, reg(r, 1), "bxne, f=" + f);
            // ite eq; moveq r0, #1; b.w +2 (else): skips movs r1, #1
            r = run((c, m) -> setNzcv(c, flags), seq(it(EQ, "e"), movImm(0, 1), bw(2, false), movImm(1, 1), movImm(2, 1)));
            assertEquals(taken ? 1 : 0, reg(r, 0));
            assertEquals(taken ? 1 : 0, reg(r, 1), "b.w in the else slot");
            assertEquals(1, reg(r, 2));
        }
    }

    @Test
    void svcInsideABlockPassesItsConditionToTheService() {
        // itt eq; svceq #0; addeq r0, #1: the block ends at the service, whose condition operand the
        // VM checks (it makes the call only when non-zero); ITSTATE is advanced before it either way
        for (int f : new int[]{0b0100, 0b0000}) {
            int flags = f;
            SnippetRunner.Result r = run((c, m) -> setNzcv(c, flags), it(EQ, "t"), svc(0), addImm8(0, 1));
            assertEquals("service:1", r.stop());
            assertEquals(CODE + 4, r.cpu().pc);
            assertEquals(ArmReference.passed(EQ, f) ? 1 : 0, r.cpu().serviceArgs[0], "f=" + f);
            assertEquals(EQ << 4 | 0x8, get(r, ArmRegs.ITSTATE), "the addeq is still to come");
        }
    }

    @Test
    void bkptIsUnconditionalAndUnpredictableFormsAreUndefined() {
        assertEquals("trap:5", run((c, m) -> setNzcv(c, 0), it(EQ, ""), bkpt(1)).stop());
        assertEquals("trap:4", run(it(EQ, "t"), bcond(NE, 0), NOP).stop(), "b<cond> inside IT");
        assertEquals("trap:4", run(it(EQ, "t"), cbz(0, 0), NOP).stop(), "cbz inside IT");
        assertEquals("trap:4", run(it(EQ, "t"), it(NE, ""), NOP).stop(), "it inside IT");
        assertEquals("trap:4", run(seq(it(EQ, ""), bcondW(NE, 0))).stop(), "b<cond>.w inside IT");
    }

    @Test
    void aBlockMayStartInTheMiddleOfAnItBlock() {
        // the second instruction of "itet gt" (IT[7:0] = 1100 1010; after one ITAdvance 110:10100): condition LE, one more to go
        int state = ThumbItState.advance(it(GT, "et") & 0xff);
        assertEquals(0xd4, state, "ITSTATE after the first instruction");
        IrEmitter e = new IrEmitter(ArmRegs.FILE);
        int len = ThumbDecoder.lower(0x8000, ArmDecoder.THUMB | state << ArmDecoder.IT_SHIFT, new ThumbCode(addImm8(0, 1)), e);
        assertEquals(2, len);
        assertTrue(e.ops().stream().anyMatch(i -> i.op == Op.SKIP_UNLESS), "guarded by LE");
        assertEquals(ArmDecoder.THUMB | 0xc8 << ArmDecoder.IT_SHIFT, e.takeNextContext(), "one instruction (GT) left");
        // a block built from there with room for one instruction ends with ITSTATE written: the next block resumes
        SnippetRunner.Result r = run((c, m) -> setNzcv(c, 0b0000), it(GT, "et"), addImm8(0, 1), addImm8(1, 1), addImm8(2, 1), addImm8(3, 1));
        assertEquals(1, reg(r, 0));
        assertEquals(0, reg(r, 1));
        assertEquals(1, reg(r, 2));
        assertEquals(0, nzcv(r), "adds after the block: 1, flags N Z C V clear");
        assertEquals(1, reg(r, 3));
    }
}
