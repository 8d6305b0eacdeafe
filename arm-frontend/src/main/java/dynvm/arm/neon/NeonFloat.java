package dynvm.arm.neon;

import dynvm.arm.ArmRegs;
import dynvm.arm.vfp.VfpStandard32;
import dynvm.ir.Touches;
import dynvm.spi.CpuState;

/**
 * Single-precision lanes (two per D register) under the standard FPSCR value (flush-to-zero,
 * default NaN, round to nearest: {@link VfpStandard32}) whatever FPSCR.FZ/DN/RMode say; the
 * exceptions raised still accumulate in FPSCR's cumulative bits. {@code op} selects the operation
 * (the constants below), a decode-time constant.
 */
public final class NeonFloat {
    private NeonFloat() { }

    static final int FPSCR = ArmRegs.slot(ArmRegs.FPSCR);

    public static final int ADD = 0, SUB = 1, MUL = 2, ABD = 3, MAX = 4, MIN = 5, CEQ = 6, CGE = 7, CGT = 8, ACGE = 9, ACGT = 10,
            RECPS = 11, RSQRTS = 12;
    public static final int MLA = 0, MLS = 1, FMA = 2, FMS = 3;
    public static final int TO_S32 = 0, TO_U32 = 1, FROM_S32 = 2, FROM_U32 = 3;
    public static final int RECPE = 0, RSQRTE = 1, RECPE_U32 = 2, RSQRTE_U32 = 3;

    /** One lane: result in bits 31:0, flags in 63:32. */
    static long one(int x, int y, int op) {
        return switch (op) {
            case ADD -> VfpStandard32.add(x, y, false);
            case SUB -> VfpStandard32.add(x, y, true);
            case MUL -> VfpStandard32.mul(x, y);
            case ABD -> { long r = VfpStandard32.add(x, y, true); yield r & ~0x8000_0000L; }
            case MAX -> VfpStandard32.maxMin(x, y, true);
            case MIN -> VfpStandard32.maxMin(x, y, false);
            case CEQ -> cmp(VfpStandard32.compare(x, y, false), c -> c == 0b0110);
            case CGE -> cmp(VfpStandard32.compare(x, y, true), c -> c == 0b0110 || c == 0b0010);
            case RECPS -> VfpStandard32.step(x, y, false);
            case RSQRTS -> VfpStandard32.step(x, y, true);
            case CGT -> cmp(VfpStandard32.compare(x, y, true), c -> c == 0b0010);
            case ACGE -> cmp(VfpStandard32.compare(x & 0x7fff_ffff, y & 0x7fff_ffff, true), c -> c == 0b0110 || c == 0b0010);
            default -> cmp(VfpStandard32.compare(x & 0x7fff_ffff, y & 0x7fff_ffff, true), c -> c == 0b0010);
        };
    }

    private static long cmp(int r, java.util.function.IntPredicate test) {
        return (long) (r >>> 4) << 32 | (test.test(r & 15) ? 0xffff_ffffL : 0);
    }

    @Touches("fpscr")
    public static long binary(CpuState cpu, long a, long b, int op) {
        long lo = one((int) a, (int) b, op), hi = one((int) (a >>> 32), (int) (b >>> 32), op);
        cpu.r[FPSCR] |= (int) (lo >>> 32) | (int) (hi >>> 32);
        return lo & 0xffff_ffffL | hi << 32;
    }

    /** VPADD/VPMAX/VPMIN.F32: a's pair, then b's pair. */
    @Touches("fpscr")
    public static long pairwise(CpuState cpu, long a, long b, int op) {
        long lo = one((int) a, (int) (a >>> 32), op), hi = one((int) b, (int) (b >>> 32), op);
        cpu.r[FPSCR] |= (int) (lo >>> 32) | (int) (hi >>> 32);
        return lo & 0xffff_ffffL | hi << 32;
    }

    /** VMLA/VMLS (product rounded, then the sum) and VFMA/VFMS (fused) with Dd as the addend. */
    @Touches("fpscr")
    public static long accumulate(CpuState cpu, long d, long a, long b, int op) {
        long r = 0;
        int flags = 0;
        for (int i = 0; i < 2; i++) {
            int x = (int) (a >>> 32 * i), y = (int) (b >>> 32 * i), acc = (int) (d >>> 32 * i);
            long v;
            if (op == FMA || op == FMS) {
                v = VfpStandard32.mulAdd(acc, op == FMS ? x ^ 0x8000_0000 : x, y);
            } else {
                long p = VfpStandard32.mul(x, y);
                int prod = (int) p;
                if (op == MLS) prod ^= 0x8000_0000;      // FPNeg of the product
                v = VfpStandard32.add(acc, prod, false);
                v |= p & 0xffff_ffff_0000_0000L;
            }
            flags |= (int) (v >>> 32);
            r |= (v & 0xffff_ffffL) << 32 * i;
        }
        cpu.r[FPSCR] |= flags;
        return r;
    }

    /** VCVT between F32 and S32/U32: to an integer toward zero (saturating), from one to nearest. */
    @Touches("fpscr")
    public static long convert(CpuState cpu, long a, int op) {
        long r = 0;
        int flags = 0;
        for (int i = 0; i < 2; i++) {
            int x = (int) (a >>> 32 * i);
            long v = switch (op) {
                case TO_S32 -> VfpStandard32.toInt(x, false);
                case TO_U32 -> VfpStandard32.toInt(x, true);
                case FROM_S32 -> VfpStandard32.fromInt(x, false);
                default -> VfpStandard32.fromInt(x, true);
            };
            flags |= (int) (v >>> 32);
            r |= (v & 0xffff_ffffL) << 32 * i;
        }
        cpu.r[FPSCR] |= flags;
        return r;
    }

    /** VCVT between F32 and S32/U32 with {@code fbits} fraction bits (op as {@link #convert}). */
    @Touches("fpscr")
    public static long convertFixed(CpuState cpu, long a, int op, int fbits) {
        long r = 0;
        int flags = 0;
        for (int i = 0; i < 2; i++) {
            int x = (int) (a >>> 32 * i);
            long v = switch (op) {
                case TO_S32 -> VfpStandard32.toFixed(x, fbits, false);
                case TO_U32 -> VfpStandard32.toFixed(x, fbits, true);
                case FROM_S32 -> VfpStandard32.fromFixed(x, fbits, false);
                default -> VfpStandard32.fromFixed(x, fbits, true);
            };
            flags |= (int) (v >>> 32);
            r |= (v & 0xffff_ffffL) << 32 * i;
        }
        cpu.r[FPSCR] |= flags;
        return r;
    }

    /** VRECPE/VRSQRTE, .F32 (the estimate tables under the standard FPSCR value) and .U32. */
    @Touches("fpscr")
    public static long estimate(CpuState cpu, long a, int op) {
        long r = 0;
        int flags = 0;
        for (int i = 0; i < 2; i++) {
            int x = (int) (a >>> 32 * i);
            long v = switch (op) {
                case RECPE -> VfpStandard32.estimate(x, false);
                case RSQRTE -> VfpStandard32.estimate(x, true);
                case RECPE_U32 -> VfpStandard32.recipEstimateU32(x) & 0xffff_ffffL;
                default -> VfpStandard32.rsqrtEstimateU32(x) & 0xffff_ffffL;
            };
            flags |= (int) (v >>> 32);
            r |= (v & 0xffff_ffffL) << 32 * i;
        }
        cpu.r[FPSCR] |= flags;
        return r;
    }

    /** VCVT.F16.F32: the four singles of {@code lo}:{@code hi} to halves, lane 0 lowest. */
    @Touches("fpscr")
    public static long toHalf(CpuState cpu, long lo, long hi) {
        long r = 0;
        int flags = 0;
        for (int i = 0; i < 4; i++) {
            long v = VfpStandard32.singleToHalf((int) ((i < 2 ? lo : hi) >>> 32 * (i & 1)));
            flags |= (int) (v >>> 32);
            r |= (v & 0xffffL) << 16 * i;
        }
        cpu.r[FPSCR] |= flags;
        return r;
    }

    /** VCVT.F32.F16: halves {@code first}, {@code first + 1} of {@code a} to singles. */
    @Touches("fpscr")
    public static long fromHalf(CpuState cpu, long a, int first) {
        long r = 0;
        int flags = 0;
        for (int i = 0; i < 2; i++) {
            long v = VfpStandard32.halfToSingle((int) (a >>> 16 * (first + i)) & 0xffff);
            flags |= (int) (v >>> 32);
            r |= (v & 0xffff_ffffL) << 32 * i;
        }
        cpu.r[FPSCR] |= flags;
        return r;
    }
}
