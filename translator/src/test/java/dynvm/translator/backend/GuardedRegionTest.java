package dynvm.translator.backend;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.ir.IrEmitter;
import dynvm.translator.harness.SnippetRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SKIP_UNLESS/LABEL (conditional execution inside a block) under both engines: the guarded ops
 * run exactly when the condition holds, faults inside a taken guard are precise, a skipped guard
 * never faults, and conditional register writes survive the dead-write pass.
 */
class GuardedRegionTest {
    private static SnippetRunner.Result run(List<ToyIsa.Lower> prog, int... r) {
        ToyIsa isa = new ToyIsa(prog);
        return new SnippetRunner(isa).run(isa.words(), (cpu, mem) -> System.arraycopy(r, 0, cpu.r, 0, r.length));
    }

    /** r0 = 1; if (r1 != 0) { r0 = 2; r2 = load32(r3) }; r4 = r0 + 10 */
    private static final List<ToyIsa.Lower> CONDITIONAL_LOAD = List.of(
            (e, pc) -> e.set(ToyIsa.R[0], e.const32(1)),
            (e, pc) -> {
                int l = e.skipUnless(e.ne(e.get(ToyIsa.R[1]), e.const32(0)));
                e.set(ToyIsa.R[0], e.const32(2));
                e.set(ToyIsa.R[2], e.load32(e.get(ToyIsa.R[3])));
                e.label(l);
            },
            (e, pc) -> e.set(ToyIsa.R[4], e.addImm(e.get(ToyIsa.R[0]), 10)));

    @Test
    void guardedOpsRunOnlyWhenTheConditionHolds() {
        SnippetRunner.Result taken = run(CONDITIONAL_LOAD, 0, 1, 0, SnippetRunner.CODE);
        assertEquals("end", taken.stop());
        assertEquals(2, taken.cpu().r[0]);
        assertEquals(0, taken.cpu().r[2], "loaded the first toy word (index 0)");
        assertEquals(12, taken.cpu().r[4]);

        SnippetRunner.Result skipped = run(CONDITIONAL_LOAD, 0, 0, 77, 0x7000_0000);
        assertEquals("end", skipped.stop(), "a skipped load never faults");
        assertEquals(1, skipped.cpu().r[0]);
        assertEquals(77, skipped.cpu().r[2]);
        assertEquals(11, skipped.cpu().r[4]);
        assertEquals(3, skipped.cpu().insnCount, "a failed condition still retires the instruction");
    }

    @Test
    void faultInsideATakenGuardIsPrecise() {
        SnippetRunner.Result f = run(CONDITIONAL_LOAD, 0, 1, 0, 0x7000_0000);
        assertEquals("fault:0x70000000", f.stop());
        assertEquals(SnippetRunner.CODE + 4, f.cpu().pc);
        assertEquals(2, f.cpu().r[0], "the write before the fault in the same instruction is kept");
    }

    @Test
    void conditionalWriteIsNotKilledAcrossTheGuard() {
        // r5 = 5 unconditionally, then conditionally r5 = 6: the first write must stay
        List<ToyIsa.Lower> prog = List.of((e, pc) -> {
            e.set(ToyIsa.R[5], e.const32(5));
            int l = e.skipUnless(e.ne(e.get(ToyIsa.R[1]), e.const32(0)));
            e.set(ToyIsa.R[5], e.const32(6));
            e.label(l);
        });
        assertEquals(5, run(prog, 0, 0).cpu().r[5]);
        assertEquals(6, run(prog, 0, 1).cpu().r[5]);
    }

    @Test
    void nestedAndAdjacentGuards() {
        // if (r1) { r6 += 1; if (r2) r6 += 2 }  then an empty guard and two labels in a row
        List<ToyIsa.Lower> prog = List.of((e, pc) -> {
            int outer = e.skipUnless(e.ne(e.get(ToyIsa.R[1]), e.const32(0)));
            e.set(ToyIsa.R[6], e.addImm(e.get(ToyIsa.R[6]), 1));
            int inner = e.skipUnless(e.ne(e.get(ToyIsa.R[2]), e.const32(0)));
            e.set(ToyIsa.R[6], e.addImm(e.get(ToyIsa.R[6]), 2));
            e.label(inner);
            e.label(outer);
            int empty = e.skipUnless(e.eq(e.get(ToyIsa.R[1]), e.const32(0)));
            e.label(empty);
        }, (e, pc) -> e.set(ToyIsa.R[7], e.get(ToyIsa.R[6])));
        for (int r1 = 0; r1 < 2; r1++)
            for (int r2 = 0; r2 < 2; r2++) {
                int want = r1 == 0 ? 0 : 1 + (r2 == 0 ? 0 : 2);
                SnippetRunner.Result res = run(prog, 0, r1, r2);
                assertEquals(want, res.cpu().r[6], "r1=" + r1 + " r2=" + r2);
                assertEquals(want, res.cpu().r[7]);
            }
    }

    @Test
    void emitterRejectsTerminalInsideAGuard() {
        IrEmitter e = new IrEmitter(ToyIsa.REGS);
        int l = e.skipUnless(e.ne(e.get(ToyIsa.R[1]), e.const32(0)));
        assertThrows(IllegalStateException.class, () -> e.jump(0));
        e.label(l);
        e.jump(0);
    }
}
