package dynvm.ppc;

import static dynvm.ppc.PpcRegs.FILE;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;

/**
 * Shared plumbing of the conformance tests: runs words through both engines (the harness asserts
 * they agree) and reads the results back by register.
 */
abstract class PpcSnippets {
    static final SnippetRunner RUNNER = new SnippetRunner(new PpcIsa());
    static final int CODE = SnippetRunner.CODE, DATA = SnippetRunner.DATA;

    static SnippetRunner.Result run(BiConsumer<CpuState, GuestMemory> init, int... words) {
        return RUNNER.run(words, init);
    }

    static SnippetRunner.Result run(int... words) { return run((c, m) -> { }, words); }

    static int get(SnippetRunner.Result r, int reg) { return (int) FILE.read(r.cpu(), reg); }

    static int gpr(SnippetRunner.Result r, int n) { return get(r, PpcRegs.GPR[n]); }

    static int cr(SnippetRunner.Result r, int field) { return get(r, PpcRegs.CR[field]); }

    static void set(CpuState c, int reg, int v) { FILE.write(c, reg, v); }

    static void setGpr(CpuState c, int n, int v) { FILE.write(c, PpcRegs.GPR[n], v); }

    /** Sets two source registers r4, r5 and optionally XER[SO] and XER[CA]. */
    static BiConsumer<CpuState, GuestMemory> operands(int a, int b, int so, int ca) {
        return (c, m) -> {
            setGpr(c, 4, a);
            setGpr(c, 5, b);
            set(c, PpcRegs.XER_SO, so);
            set(c, PpcRegs.XER_CA, ca);
        };
    }
}
