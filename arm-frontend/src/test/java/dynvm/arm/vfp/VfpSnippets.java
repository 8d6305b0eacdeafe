package dynvm.arm.vfp;

import static dynvm.arm.ArmRegs.FILE;

import dynvm.arm.ArmRegs;
import dynvm.arm.ArmSnippets;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;

/** Plumbing of the VFP tests: runs words under both engines from given d0-d15 and FPSCR, reads them back. */
abstract class VfpSnippets extends ArmSnippets {
    /** Runs {@code words} with FPSCR = {@code fpscr} and d0.. = {@code d}, plus any other set-up. */
    public static SnippetRunner.Result vfp(int fpscr, long[] d, BiConsumer<CpuState, GuestMemory> more, int... words) {
        return run((c, m) -> {
            for (int i = 0; i < d.length; i++) FILE.write(c, ArmRegs.D[i], d[i]);
            set(c, ArmRegs.FPSCR, fpscr);
            more.accept(c, m);
        }, words);
    }

    public static SnippetRunner.Result vfp(int fpscr, long[] d, int... words) { return vfp(fpscr, d, (c, m) -> { }, words); }

    public static long d(SnippetRunner.Result r, int i) { return FILE.read(r.cpu(), ArmRegs.D[i]); }

    public static int s(SnippetRunner.Result r, int i) {
        long v = d(r, i >> 1);
        return (int) ((i & 1) == 0 ? v : v >>> 32);
    }

    public static int fpscr(SnippetRunner.Result r) { return get(r, ArmRegs.FPSCR); }

    /** d registers holding the singles s0, s1, s2, ... in order. */
    public static long[] singles(int... s) {
        long[] d = new long[(s.length + 1) / 2];
        for (int i = 0; i < s.length; i++) d[i / 2] |= (s[i] & 0xffff_ffffL) << (32 * (i & 1));
        return d;
    }

    public static int rmode(int mode) { return mode << 22; }

    public static long bitsD(double v) { return Double.doubleToRawLongBits(v); }

    public static int bitsF(float v) { return Float.floatToRawIntBits(v); }

    public static String hex(long v) { return String.format("0x%x", v); }
}
