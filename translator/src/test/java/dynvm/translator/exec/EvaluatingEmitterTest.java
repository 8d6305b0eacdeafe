package dynvm.translator.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.RegisterFile;
import org.junit.jupiter.api.Test;

class EvaluatingEmitterTest {
    /**
     * A guarded region whose condition fails numbers its temps without evaluating them; the
     * instruction's later ops must still find room however many temps the region took (a skipped
     * VLDM of 28 singles in a Thumb IT block took more than twice the initial 128: the interpreter
     * died of an ArrayIndexOutOfBoundsException).
     */
    @Test
    void manyTempsInASkippedRegion() {
        RegisterFile regs = new RegisterFile();
        int r0 = regs.add("r0", Type.I32), r1 = regs.add("r1", Type.I32);
        EvaluatingEmitter e = new EvaluatingEmitter(regs);
        CpuState cpu = new CpuState(regs);
        for (int cond : new int[]{0, 1}) {
            regs.write(cpu, r0, 5);
            regs.write(cpu, r1, 0);
            e.begin(cpu, null);
            int label = e.skipUnless(e.ne(e.get(r0), e.const32(cond == 0 ? 5 : 6)));
            int v = e.get(r0);
            for (int i = 0; i < 1000; i++) v = e.add(v, e.const32(1));
            e.set(r1, v);
            e.label(label);
            e.set(r0, e.add(e.get(r0), e.const32(1)));
            assertEquals(cond == 0 ? 0 : 1005, regs.read(cpu, r1), "the region runs only when its condition holds");
            assertEquals(6, regs.read(cpu, r0), "the op after the region runs");
        }
    }
}
