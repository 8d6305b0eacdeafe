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
public abstract class ArmSnippets {
    public static final SnippetRunner RUNNER = new SnippetRunner(new ArmIsa());
    public static final int CODE = SnippetRunner.CODE, DATA = SnippetRunner.DATA;

    public static SnippetRunner.Result run(BiConsumer<CpuState, GuestMemory> init, int... words) {
        return RUNNER.run(words, init);
    }

    public static SnippetRunner.Result run(int... words) { return run((c, m) -> { }, words); }

    public static int get(SnippetRunner.Result r, int reg) { return (int) FILE.read(r.cpu(), reg); }

    public static int reg(SnippetRunner.Result r, int n) { return get(r, ArmRegs.R[n]); }

    /** NZCV as a 4-bit number (N = 8, Z = 4, C = 2, V = 1). */
    public static int nzcv(SnippetRunner.Result r) {
        return get(r, ArmRegs.N) << 3 | get(r, ArmRegs.Z) << 2 | get(r, ArmRegs.C) << 1 | get(r, ArmRegs.V);
    }

    public static void set(CpuState c, int reg, int v) { FILE.write(c, reg, v); }

    public static void setReg(CpuState c, int n, int v) { FILE.write(c, ArmRegs.R[n], v); }

    /** Sets NZCV from a 4-bit number (N = 8, Z = 4, C = 2, V = 1). */
    public static void setNzcv(CpuState c, int f) {
        set(c, ArmRegs.N, f >> 3 & 1);
        set(c, ArmRegs.Z, f >> 2 & 1);
        set(c, ArmRegs.C, f >> 1 & 1);
        set(c, ArmRegs.V, f & 1);
    }

    public static int load32(SnippetRunner.Result r, int addr) { return r.mem().load32le(addr); }
}
