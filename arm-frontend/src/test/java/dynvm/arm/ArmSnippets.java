package dynvm.arm;

import static dynvm.arm.ArmRegs.FILE;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;

/**
 * Shared plumbing of the A32 conformance tests: runs words through both engines (the harness
 * asserts they agree) and reads the results back by register.
 */
abstract class ArmSnippets {
    static final SnippetRunner RUNNER = new SnippetRunner(new ArmIsa());
    static final int CODE = SnippetRunner.CODE, DATA = SnippetRunner.DATA;

    static SnippetRunner.Result run(BiConsumer<CpuState, GuestMemory> init, int... words) {
        return RUNNER.run(words, init);
    }

    static SnippetRunner.Result run(int... words) { return run((c, m) -> { }, words); }

    static int get(SnippetRunner.Result r, int reg) { return (int) FILE.read(r.cpu(), reg); }

    static int reg(SnippetRunner.Result r, int n) { return get(r, ArmRegs.R[n]); }

    /** NZCV as a 4-bit number (N = 8, Z = 4, C = 2, V = 1). */
    static int nzcv(SnippetRunner.Result r) {
        return get(r, ArmRegs.N) << 3 | get(r, ArmRegs.Z) << 2 | get(r, ArmRegs.C) << 1 | get(r, ArmRegs.V);
    }

    static void set(CpuState c, int reg, int v) { FILE.write(c, reg, v); }

    static void setReg(CpuState c, int n, int v) { FILE.write(c, ArmRegs.R[n], v); }

    /** Sets NZCV from a 4-bit number (N = 8, Z = 4, C = 2, V = 1). */
    static void setNzcv(CpuState c, int f) {
        set(c, ArmRegs.N, f >> 3 & 1);
        set(c, ArmRegs.Z, f >> 2 & 1);
        set(c, ArmRegs.C, f >> 1 & 1);
        set(c, ArmRegs.V, f & 1);
    }

    static int load32(SnippetRunner.Result r, int addr) { return r.mem().load32le(addr); }
}
