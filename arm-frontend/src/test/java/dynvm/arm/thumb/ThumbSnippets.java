package dynvm.arm.thumb;

import static dynvm.arm.ArmRegs.FILE;

import dynvm.arm.ArmIsa;
import dynvm.arm.ArmRegs;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;

/**
 * Shared plumbing of the Thumb conformance tests: runs halfwords through both engines in Thumb
 * state (the harness asserts they agree) and reads registers and flags back.
 */
abstract class ThumbSnippets {
    public static final SnippetRunner RUNNER = new SnippetRunner(new ArmIsa());
    public static final int CODE = SnippetRunner.CODE, DATA = SnippetRunner.DATA;

    /** Runs the halfwords in Thumb state after {@code init}. */
    public static SnippetRunner.Result run(BiConsumer<CpuState, GuestMemory> init, int... halfwords) {
        return RUNNER.run(ThumbAsm.words(halfwords), (c, m) -> {
            set(c, ArmRegs.T, 1);
            init.accept(c, m);
        });
    }

    public static SnippetRunner.Result run(int... halfwords) { return run((c, m) -> { }, halfwords); }

    /** Runs 32-bit words as given, starting in ARM state (for code that mixes ARM and Thumb). */
    public static SnippetRunner.Result runArm(BiConsumer<CpuState, GuestMemory> init, int... words) {
        return RUNNER.run(words, init);
    }

    public static int get(SnippetRunner.Result r, int reg) { return (int) FILE.read(r.cpu(), reg); }

    public static int reg(SnippetRunner.Result r, int n) { return get(r, ArmRegs.R[n]); }

    public static void set(CpuState c, int reg, int v) { FILE.write(c, reg, v); }

    public static void setReg(CpuState c, int n, int v) { FILE.write(c, ArmRegs.R[n], v); }

    /** NZCV packed as in the CPSR's top nibble (N = 8, Z = 4, C = 2, V = 1). */
    public static int nzcv(SnippetRunner.Result r) {
        return get(r, ArmRegs.N) << 3 | get(r, ArmRegs.Z) << 2 | get(r, ArmRegs.C) << 1 | get(r, ArmRegs.V);
    }

    public static void setNzcv(CpuState c, int flags) {
        set(c, ArmRegs.N, flags >>> 3 & 1);
        set(c, ArmRegs.Z, flags >>> 2 & 1);
        set(c, ArmRegs.C, flags >>> 1 & 1);
        set(c, ArmRegs.V, flags & 1);
    }
}
