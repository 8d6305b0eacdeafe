package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmReference;
import dynvm.arm.ArmSnippets;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** Every condition code against every NZCV combination, through both engines. */
class A32ConditionTest extends ArmSnippets {
    /** movCC rCC, #1 for the fourteen conditions in one snippet; the register says whether it ran. */
    @Test
    void everyConditionAgainstEveryFlagCombination() {
        int[] code = new int[14];
        for (int c = 0; c < 14; c++) code[c] = cond(c, movImm(c, 1));
        for (int f = 0; f < 16; f++) {
            int flags = f;
            SnippetRunner.Result r = run((c, m) -> {
                for (int i = 0; i < 14; i++) setReg(c, i, 0);
                setNzcv(c, flags);
            }, code);
            for (int c = 0; c < 14; c++)
                assertEquals(ArmReference.passed(c, f) ? 1 : 0, reg(r, c), "cond " + c + " nzcv " + Integer.toBinaryString(f));
            assertEquals(f, nzcv(r));
        }
    }

    /** A failed condition skips loads and stores entirely (no fault from a bad address). */
    @Test
    void failedConditionSkipsMemoryAccess() {
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, 0x100); setNzcv(c, 0); }, cond(EQ, ldr(0, 1, 0)), cond(NE, movImm(2, 7)));
        assertEquals("end", r.stop());
        assertEquals(7, reg(r, 2));
        r = run((c, m) -> { setReg(c, 1, 0x100); setNzcv(c, 4); }, cond(EQ, ldr(0, 1, 0)));
        assertEquals("fault:0x00000100", r.stop());
    }

    /** Conditional flag-setting instructions only set flags when they run. */
    @Test
    void conditionalCompare() {
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, 5); setNzcv(c, 0); }, cond(EQ, dpImm(CMP, true, 0, 1, 5, 0)));
        assertEquals(0, nzcv(r));
        r = run((c, m) -> { setReg(c, 1, 5); setNzcv(c, 0); }, cond(NE, dpImm(CMP, true, 0, 1, 5, 0)));
        assertEquals(0b0110, nzcv(r));
    }
}
