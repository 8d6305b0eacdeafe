package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpFastPath.MISS32;
import static dynvm.arm.vfp.VfpFastPath.MISS64;
import static dynvm.arm.vfp.VfpFastPath.MISS_FIXED;

import dynvm.arm.ArmRegs;
import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.arm.vfp.VfpFloat.Result;
import dynvm.ir.Touches;
import dynvm.spi.CpuState;

/**
 * Run-time helpers the VFP lowering calls: one per operation and precision, on raw bits (singles
 * as int, doubles as long). Each reads FPSCR from the CPU state and ORs the exceptions it raised
 * into its cumulative bits (VCMP also writes NZCV).
 *
 * <p>Each helper first asks {@link VfpFastPath} (unless {@code -Ddynvm.fpFastPath=false}), which
 * answers the common case (zeros and normal numbers well inside the exponent range, any FPSCR) at
 * Java double speed with the same bits and flags, or declines without touching the FPSCR; the
 * exact model in {@link VfpFloat} does everything else (NaN, infinity and denormal operands,
 * results near underflow or overflow, FZ effects, saturating conversions).
 */
public final class VfpArith {
    private VfpArith() { }

    static final int FPSCR = ArmRegs.slot(ArmRegs.FPSCR);

    private static final boolean FAST = VfpFastPath.ENABLED;

    private static int fpscr(CpuState cpu) { return cpu.r[FPSCR]; }

    private static long done(CpuState cpu, Result r) {
        cpu.r[FPSCR] |= r.flags();
        return r.bits();
    }

    // ---------------------------------------------------------------- double precision

    @Touches("fpscr")
    public static long add64(CpuState cpu, long a, long b) { return addSub64(cpu, a, b, false); }

    @Touches("fpscr")
    public static long sub64(CpuState cpu, long a, long b) { return addSub64(cpu, a, b, true); }

    private static long addSub64(CpuState cpu, long a, long b, boolean sub) {
        long r = FAST ? VfpFastPath.add64(cpu, a, b, sub) : MISS64;
        return r != MISS64 ? r : done(cpu, VfpFloat.add(Fmt.F64, a, b, sub, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static long mul64(CpuState cpu, long a, long b) {
        long r = FAST ? VfpFastPath.mul64(cpu, a, b) : MISS64;
        return r != MISS64 ? r : done(cpu, VfpFloat.mul(Fmt.F64, a, b, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static long div64(CpuState cpu, long a, long b) {
        long r = FAST ? VfpFastPath.div64(cpu, a, b) : MISS64;
        return r != MISS64 ? r : done(cpu, VfpFloat.div(Fmt.F64, a, b, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static long sqrt64(CpuState cpu, long a) {
        long r = FAST ? VfpFastPath.sqrt64(cpu, a) : MISS64;
        return r != MISS64 ? r : done(cpu, VfpFloat.sqrt(Fmt.F64, a, fpscr(cpu)));
    }

    // ---------------------------------------------------------------- single precision

    @Touches("fpscr")
    public static int add32(CpuState cpu, int a, int b) { return addSub32(cpu, a, b, false); }

    @Touches("fpscr")
    public static int sub32(CpuState cpu, int a, int b) { return addSub32(cpu, a, b, true); }

    private static int addSub32(CpuState cpu, int a, int b, boolean sub) {
        int r = FAST ? VfpFastPath.add32(cpu, a, b, sub) : MISS32;
        return r != MISS32 ? r : (int) done(cpu, VfpFloat.add(Fmt.F32, a, b, sub, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static int mul32(CpuState cpu, int a, int b) {
        int r = FAST ? VfpFastPath.mul32(cpu, a, b) : MISS32;
        return r != MISS32 ? r : (int) done(cpu, VfpFloat.mul(Fmt.F32, a, b, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static int div32(CpuState cpu, int a, int b) {
        int r = FAST ? VfpFastPath.div32(cpu, a, b) : MISS32;
        return r != MISS32 ? r : (int) done(cpu, VfpFloat.div(Fmt.F32, a, b, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static int sqrt32(CpuState cpu, int a) {
        int r = FAST ? VfpFastPath.sqrt32(cpu, a) : MISS32;
        return r != MISS32 ? r : (int) done(cpu, VfpFloat.sqrt(Fmt.F32, a, fpscr(cpu)));
    }

    // ---------------------------------------------------------------- fused multiply-add (VFPv4)

    /** FPMulAdd: addend + op1 * op2 rounded once. */
    @Touches("fpscr")
    public static long fma64(CpuState cpu, long addend, long op1, long op2) {
        long r = FAST ? VfpFastPath.fma64(cpu, addend, op1, op2) : MISS64;
        return r != MISS64 ? r : done(cpu, VfpFloat.mulAdd(Fmt.F64, addend, op1, op2, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static int fma32(CpuState cpu, int addend, int op1, int op2) {
        int r = FAST ? VfpFastPath.fma32(cpu, addend, op1, op2) : MISS32;
        return r != MISS32 ? r : (int) done(cpu, VfpFloat.mulAdd(Fmt.F32, addend, op1, op2, fpscr(cpu)));
    }

    // ---------------------------------------------------------------- comparison

    /** VCMP (quietNaNExc = 0) and VCMPE (1): FPSCR NZCV and IOC/IDC. */
    @Touches("fpscr")
    public static void cmp64(CpuState cpu, long a, long b, int quietNaNExc) {
        int f = fpscr(cpu), r = FAST ? VfpFastPath.cmp64(a, b, f) : -1;
        setCompare(cpu, r >= 0 ? r : VfpFloat.compare(Fmt.F64, a, b, quietNaNExc != 0, f));
    }

    @Touches("fpscr")
    public static void cmp32(CpuState cpu, int a, int b, int quietNaNExc) {
        int f = fpscr(cpu), r = FAST ? VfpFastPath.cmp32(a, b, f) : -1;
        setCompare(cpu, r >= 0 ? r : VfpFloat.compare(Fmt.F32, a, b, quietNaNExc != 0, f));
    }

    private static void setCompare(CpuState cpu, int r) {
        cpu.r[FPSCR] = cpu.r[FPSCR] & 0x0fff_ffff | (r & 15) << 28 | r >>> 4;
    }

    // ---------------------------------------------------------------- conversions

    @Touches("fpscr")
    public static long cvtF32ToF64(CpuState cpu, int a) {
        long r = FAST ? VfpFastPath.cvtF32ToF64(a) : MISS64;
        return r != MISS64 ? r : done(cpu, VfpFloat.singleToDouble(a, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static int cvtF64ToF32(CpuState cpu, long a) {
        int r = FAST ? VfpFastPath.cvtF64ToF32(cpu, a) : MISS32;
        return r != MISS32 ? r : (int) done(cpu, VfpFloat.doubleToSingle(a, fpscr(cpu)));
    }

    /** VCVTB/VCVTT.F32.F16: the half in bits 15:0 of {@code h}, exactly (VFPv3-HP, VFPv4). */
    @Touches("fpscr")
    public static int cvtF16ToF32(CpuState cpu, int h) {
        return (int) done(cpu, VfpFloat.halfToSingle(h & 0xffff, fpscr(cpu)));
    }

    /** VCVTB/VCVTT.F16.F32: the half in bits 15:0 of the result, rounded by the FPSCR mode. */
    @Touches("fpscr")
    public static int cvtF32ToF16(CpuState cpu, int a) {
        return (int) done(cpu, VfpFloat.singleToHalf(a, fpscr(cpu)));
    }

    /**
     * Fixed-point control word of the conversions (a constant in the IR): fraction bits in 7:0,
     * bit 8 = 16-bit operand, bit 9 = unsigned, bit 10 = the fixed rounding instead of the FPSCR
     * mode: toward zero to an integer (FPToFixed's round_zero), to nearest from one (FixedToFP's
     * round_to_nearest, which the fixed-point VCVT sets: round_nearest = !to_fixed).
     */
    static int control(int fbits, int size, boolean unsigned, boolean fixedRounding) {
        return fbits | (size == 16 ? 1 << 8 : 0) | (unsigned ? 1 << 9 : 0) | (fixedRounding ? 1 << 10 : 0);
    }

    /** FixedToFP's FPSCR: the mode forced to round to nearest when asked. */
    private static int fromFixedFpscr(CpuState cpu, int ctl) {
        int f = fpscr(cpu);
        return (ctl & 1 << 10) != 0 ? f & ~(3 << VfpFloat.RMODE_SHIFT) : f;
    }

    private static int size(int ctl) { return (ctl & 1 << 8) != 0 ? 16 : 32; }

    private static boolean unsigned(int ctl) { return (ctl & 1 << 9) != 0; }

    /** VCVT to integer or fixed point from a double: the result sign- or zero-extended to 32 bits. */
    @Touches("fpscr")
    public static int toFixed64(CpuState cpu, long a, int ctl) {
        long r = FAST ? VfpFastPath.toFixed64(cpu, a, ctl) : MISS_FIXED;
        if (r != MISS_FIXED) return (int) r;
        return (int) done(cpu, VfpFloat.toFixed(Fmt.F64, a, size(ctl), ctl & 0xff, unsigned(ctl), (ctl & 1 << 10) != 0, fpscr(cpu)));
    }

    @Touches("fpscr")
    public static int toFixed32(CpuState cpu, int a, int ctl) {
        long r = FAST ? VfpFastPath.toFixed32(cpu, a, ctl) : MISS_FIXED;
        if (r != MISS_FIXED) return (int) r;
        return (int) done(cpu, VfpFloat.toFixed(Fmt.F32, a, size(ctl), ctl & 0xff, unsigned(ctl), (ctl & 1 << 10) != 0, fpscr(cpu)));
    }

    /** VCVT from a 16- or 32-bit integer or fixed-point value to a double: always exact, so no FPSCR (and no state sync). */
    public static long fromFixed64(int v, int ctl) {
        return bits(Math.scalb((double) fixedValue(v, ctl), -(ctl & 0xff)) + 0.0);
    }

    /** VCVT from an integer (FPSCR rounding) or fixed-point value (to nearest) to a single. */
    @Touches("fpscr")
    public static int fromFixed32(CpuState cpu, int v, int ctl) {
        int f = fromFixedFpscr(cpu, ctl);
        if (FAST) return VfpFastPath.fromFixed32(cpu, fixedValue(v, ctl), ctl & 0xff, f);    // never misses
        return (int) done(cpu, VfpFloat.fromFixed(Fmt.F32, v, size(ctl), ctl & 0xff, unsigned(ctl), f));
    }

    private static long bits(double x) { return Double.doubleToRawLongBits(x); }

    private static long fixedValue(int v, int ctl) {
        if (size(ctl) == 16) return unsigned(ctl) ? v & 0xffff : (short) v;
        return unsigned(ctl) ? v & 0xffff_ffffL : v;
    }
}
