package dynvm.arm.neon;

import static dynvm.arm.neon.NeonLanes.esize;
import static dynvm.arm.neon.NeonLanes.lane;
import static dynvm.arm.neon.NeonLanes.put;
import static dynvm.arm.neon.NeonLanes.unsigned;

import dynvm.arm.ArmRegs;
import dynvm.ir.Touches;
import dynvm.spi.CpuState;

/**
 * Saturating lane arithmetic: like {@link NeonLanes}, and a lane that saturated sets the
 * cumulative FPSCR.QC (bit 27), which only a VMSR clears.
 */
public final class NeonSat {
    private NeonSat() { }

    static final int FPSCR = ArmRegs.slot(ArmRegs.FPSCR);
    public static final int QC = 1 << 27;

    @Touches("fpscr")
    public static long qadd(CpuState cpu, long a, long b, int ctl) { return addSub(cpu, a, b, ctl, false); }

    @Touches("fpscr")
    public static long qsub(CpuState cpu, long a, long b, int ctl) { return addSub(cpu, a, b, ctl, true); }

    private static long addSub(CpuState cpu, long a, long b, int ctl, boolean sub) {
        int es = esize(ctl);
        boolean u = unsigned(ctl), sat = false;
        long r = 0;
        for (int i = 0; i < 64 / es; i++) {
            long x = lane(a, i, es, u), y = lane(b, i, es, u), v;
            if (es == 64) {
                if (u) {
                    v = sub ? x - y : x + y;
                    boolean over = sub ? Long.compareUnsigned(x, y) < 0 : Long.compareUnsigned(v, x) < 0;
                    if (over) { v = sub ? 0 : -1L; sat = true; }
                } else {
                    v = sub ? x - y : x + y;
                    boolean over = sub ? ((x ^ y) & (x ^ v)) < 0 : (~(x ^ y) & (x ^ v)) < 0;
                    if (over) { v = x < 0 ? Long.MIN_VALUE : Long.MAX_VALUE; sat = true; }
                }
            } else {
                v = sub ? x - y : x + y;
                long lo = u ? 0 : -(1L << (es - 1)), hi = u ? (1L << es) - 1 : (1L << (es - 1)) - 1;
                if (v < lo) { v = lo; sat = true; }
                else if (v > hi) { v = hi; sat = true; }
            }
            r = put(r, i, es, v);
        }
        if (sat) cpu.r[FPSCR] |= QC;
        return r;
    }
}
