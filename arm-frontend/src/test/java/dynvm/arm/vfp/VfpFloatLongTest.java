package dynvm.arm.vfp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.vfp.VfpFloat.Fmt;
import dynvm.arm.vfp.VfpFloat.Result;
import dynvm.arm.vfp.VfpFloat.Unpacked;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VfpFloat}'s long arithmetic (errorClass, FPRound, FPAdd, FPMul, FPToFixed) against the
 * BigInteger model it replaced, kept here verbatim as {@link Big}: the same bits and flags for
 * random and edge inputs, in every format, rounding mode, with FZ and DN. The far-apart additions
 * (gaps of 0 to beyond 1,100 bits, a lone low bit, denormals) are where the sticky shortcut could
 * differ from the exact sum.
 */
class VfpFloatLongTest {

    /** The previous, all-BigInteger model (commit 243b2a6). */
    static final class Big {
        static int errorClass(BigInteger mant, int shift, boolean sticky) {
            BigInteger rem = mant.and(BigInteger.ONE.shiftLeft(shift).subtract(BigInteger.ONE));
            int c = rem.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
            if (c < 0) return rem.signum() == 0 && !sticky ? VfpFloat.EXACT : VfpFloat.BELOW_HALF;
            if (c == 0) return sticky ? VfpFloat.ABOVE_HALF : VfpFloat.HALF;
            return VfpFloat.ABOVE_HALF;
        }

        static Result round(Fmt fmt, boolean sign, BigInteger mant, int exp, boolean sticky, int fpscr) {
            int exponent = exp + mant.bitLength() - 1;
            if ((fpscr & VfpFloat.FZ) != 0 && fmt != Fmt.F16 && exponent < fmt.minExp) return new Result(fmt.zero(sign), VfpFloat.UFC);
            int biasedExp = Math.max(exponent - fmt.minExp + 1, 0);
            int ulpExp = (biasedExp > 0 ? exponent : fmt.minExp) - fmt.f;
            int shift = ulpExp - exp;
            long intMant;
            int error;
            if (shift <= 0) {
                intMant = mant.shiftLeft(-shift).longValueExact();
                error = VfpFloat.EXACT;
            } else {
                intMant = mant.shiftRight(shift).longValueExact();
                error = errorClass(mant, shift, sticky);
            }
            int flags = 0;
            if (biasedExp == 0 && error != VfpFloat.EXACT) flags |= VfpFloat.UFC;
            boolean roundUp, overflowToInf;
            switch (VfpFloat.rmode(fpscr)) {
                case VfpFloat.RN -> {
                    roundUp = error == VfpFloat.ABOVE_HALF || error == VfpFloat.HALF && (intMant & 1) != 0;
                    overflowToInf = true;
                }
                case VfpFloat.RP -> {
                    roundUp = error != VfpFloat.EXACT && !sign;
                    overflowToInf = !sign;
                }
                case VfpFloat.RM -> {
                    roundUp = error != VfpFloat.EXACT && sign;
                    overflowToInf = sign;
                }
                default -> {
                    roundUp = false;
                    overflowToInf = false;
                }
            }
            if (roundUp) {
                intMant++;
                if (intMant == 1L << fmt.f) biasedExp = 1;
                if (intMant == 1L << (fmt.f + 1)) {
                    biasedExp++;
                    intMant >>>= 1;
                }
            }
            long result;
            if (biasedExp >= fmt.maxBiased) {
                result = overflowToInf ? fmt.infinity(sign) : fmt.maxNormal(sign);
                flags |= VfpFloat.OFC;
                error = VfpFloat.ABOVE_HALF;
            } else {
                result = fmt.zero(sign) | (long) biasedExp << fmt.f | intMant & fmt.fracMask;
            }
            if (error != VfpFloat.EXACT) flags |= VfpFloat.IXC;
            return new Result(result, flags);
        }

        static Result add(Fmt fmt, long a, long b, boolean sub, int fpscr) {
            Unpacked x = VfpFloat.unpack(fmt, a, fpscr), y = VfpFloat.unpack(fmt, b, fpscr);
            int in = x.flags() | y.flags();
            Result nan = VfpFloat.processNaNs(fmt, x, a, y, b, fpscr);
            if (nan != null) return nan.or(in);
            boolean sy = y.sign() ^ sub;
            boolean infX = x.type() == VfpFloat.INF, infY = y.type() == VfpFloat.INF;
            if (infX && infY && x.sign() != sy) return new Result(fmt.defaultNaN, in | VfpFloat.IOC);
            if (infX) return new Result(fmt.infinity(x.sign()), in);
            if (infY) return new Result(fmt.infinity(sy), in);
            if (x.type() == VfpFloat.ZERO && y.type() == VfpFloat.ZERO && x.sign() == sy) return new Result(fmt.zero(x.sign()), in);
            int e = Math.min(x.type() == VfpFloat.ZERO ? Integer.MAX_VALUE : x.exp(), y.type() == VfpFloat.ZERO ? Integer.MAX_VALUE : y.exp());
            BigInteger sum = signed(x, x.sign(), e).add(signed(y, sy, e));
            if (sum.signum() == 0) return new Result(fmt.zero(VfpFloat.rmode(fpscr) == VfpFloat.RM), in);
            return round(fmt, sum.signum() < 0, sum.abs(), e, false, fpscr).or(in);
        }

        private static BigInteger signed(Unpacked u, boolean sign, int exp) {
            if (u.type() == VfpFloat.ZERO) return BigInteger.ZERO;
            BigInteger m = BigInteger.valueOf(u.mant()).shiftLeft(u.exp() - exp);
            return sign ? m.negate() : m;
        }

        static Result mul(Fmt fmt, long a, long b, int fpscr) {
            Unpacked x = VfpFloat.unpack(fmt, a, fpscr), y = VfpFloat.unpack(fmt, b, fpscr);
            int in = x.flags() | y.flags();
            Result nan = VfpFloat.processNaNs(fmt, x, a, y, b, fpscr);
            if (nan != null) return nan.or(in);
            boolean sign = x.sign() ^ y.sign();
            if (x.type() == VfpFloat.INF && y.type() == VfpFloat.ZERO || x.type() == VfpFloat.ZERO && y.type() == VfpFloat.INF) {
                return new Result(fmt.defaultNaN, in | VfpFloat.IOC);
            }
            if (x.type() == VfpFloat.INF || y.type() == VfpFloat.INF) return new Result(fmt.infinity(sign), in);
            if (x.type() == VfpFloat.ZERO || y.type() == VfpFloat.ZERO) return new Result(fmt.zero(sign), in);
            BigInteger p = BigInteger.valueOf(x.mant()).multiply(BigInteger.valueOf(y.mant()));
            return round(fmt, sign, p, x.exp() + y.exp(), false, fpscr).or(in);
        }

        static Result toFixed(Fmt fmt, long a, int size, int fbits, boolean unsigned, boolean roundZero, int fpscr) {
            Unpacked x = VfpFloat.unpack(fmt, a, fpscr);
            int flags = x.flags();
            if (x.nan()) return new Result(0, flags | VfpFloat.IOC);
            if (x.type() == VfpFloat.ZERO) return new Result(0, flags);
            long max = unsigned ? (1L << size) - 1 : (1L << (size - 1)) - 1, min = unsigned ? 0 : -(1L << (size - 1));
            if (x.type() == VfpFloat.INF) return new Result(x.sign() ? min : max, flags | VfpFloat.IOC);
            int shift = -(x.exp() + fbits);
            BigInteger mag = BigInteger.valueOf(x.mant()), floor;
            int frac;
            if (shift <= 0) {
                floor = mag.shiftLeft(-shift);
                frac = VfpFloat.EXACT;
            } else {
                floor = mag.shiftRight(shift);
                frac = errorClass(mag, shift, false);
            }
            BigInteger intResult;
            int error;
            if (!x.sign()) {
                intResult = floor;
                error = frac;
            } else {
                intResult = floor.negate().subtract(frac == VfpFloat.EXACT ? BigInteger.ZERO : BigInteger.ONE);
                error = frac == VfpFloat.BELOW_HALF ? VfpFloat.ABOVE_HALF : frac == VfpFloat.ABOVE_HALF ? VfpFloat.BELOW_HALF : frac;
            }
            boolean roundUp;
            if (roundZero) roundUp = error != VfpFloat.EXACT && intResult.signum() < 0;
            else roundUp = switch (VfpFloat.rmode(fpscr)) {
                case VfpFloat.RN -> error == VfpFloat.ABOVE_HALF || error == VfpFloat.HALF && intResult.testBit(0);
                case VfpFloat.RP -> error != VfpFloat.EXACT;
                case VfpFloat.RM -> false;
                default -> error != VfpFloat.EXACT && intResult.signum() < 0;
            };
            if (roundUp) intResult = intResult.add(BigInteger.ONE);
            if (intResult.compareTo(BigInteger.valueOf(max)) > 0) return new Result(max, flags | VfpFloat.IOC);
            if (intResult.compareTo(BigInteger.valueOf(min)) < 0) return new Result(min, flags | VfpFloat.IOC);
            return new Result(intResult.longValue(), flags | (error != VfpFloat.EXACT ? VfpFloat.IXC : 0));
        }
    }

    static final int[] SHIFTS = {1, 2, 3, 31, 32, 33, 52, 53, 54, 62, 63, 64, 65, 66, 100, 127, 128, 129, 200, 1100};

    /** A non-negative significand below 2^63: random width, a lone bit, all ones, halves and neighbours. */
    static long mant(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> 1;
            case 1 -> 1L << r.nextInt(63);
            case 2 -> (1L << r.nextInt(1, 64)) - 1;
            case 3 -> (1L << r.nextInt(63)) + r.nextInt(-1, 2) & Long.MAX_VALUE;
            case 4 -> 0;
            default -> r.nextLong() >>> r.nextInt(1, 64);
        };
    }

    @Test
    void errorClassEqualsBigInteger() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            long m = mant(r);
            int shift = i % 3 == 0 ? SHIFTS[r.nextInt(SHIFTS.length)] : r.nextInt(1, 140);
            boolean sticky = r.nextBoolean();
            assertEquals(Big.errorClass(BigInteger.valueOf(m), shift, sticky), VfpFloat.errorClass(m, shift, sticky),
                    () -> "mant " + Long.toHexString(m) + " shift " + shift + " sticky " + sticky);
        }
        for (int shift : SHIFTS) {
            for (long m : new long[]{0, 1, 2, 3, Long.MAX_VALUE, 1L << 62, (1L << 62) - 1, (1L << 62) + 1}) {
                for (boolean sticky : new boolean[]{false, true}) {
                    assertEquals(Big.errorClass(BigInteger.valueOf(m), shift, sticky), VfpFloat.errorClass(m, shift, sticky),
                            "mant " + Long.toHexString(m) + " shift " + shift + " sticky " + sticky);
                }
            }
        }
    }

    @Test
    void roundEqualsBigInteger() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 100_000; i++) {
            Fmt fmt = Fmt.values()[r.nextInt(3)];
            boolean sign = r.nextBoolean(), sticky = r.nextBoolean();
            int fpscr = VfpFastPathTest.fpscr(r);
            BigInteger m = BigInteger.valueOf(mant(r) | 1).shiftLeft(r.nextInt(0, 90));    // up to ~150 bits
            if (r.nextBoolean()) m = m.or(BigInteger.valueOf(r.nextLong() & Long.MAX_VALUE));
            int exp = r.nextInt(-1250, 1100);
            int top = exp + m.bitLength() - 1;
            int shift = Math.max(top, fmt.minExp) - fmt.f - exp;
            if (sticky && shift <= 0) continue;                          // callers never do that
            Result want = Big.round(fmt, sign, m, exp, sticky, fpscr), got = VfpFloat.round(fmt, sign, m, exp, sticky, fpscr);
            String what = fmt + " " + sign + " " + m.toString(16) + " 2^" + exp + " sticky " + sticky + " fpscr " + Integer.toHexString(fpscr);
            assertEquals(want, got, what);
        }
    }

    /** A double operand for addition: FastPathTest's kinds, or a random significand at a random gap from the other one. */
    static long far64(SplittableRandom r, long other) {
        if (r.nextInt(3) == 0) return VfpFastPathTest.operand64(r, other);
        int otherExp = (int) (other >>> 52 & 0x7ff);
        int e = Math.floorMod(otherExp - r.nextInt(-70, 1100) * (r.nextBoolean() ? 1 : -1), 0x7ff);
        long frac = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 0xf_ffff_ffff_ffffL;
            default -> r.nextLong() & 0xf_ffff_ffff_ffffL;
        };
        return (r.nextBoolean() ? Long.MIN_VALUE : 0) | (long) e << 52 | frac;
    }

    static long far32(SplittableRandom r, long other) {
        if (r.nextInt(3) == 0) return VfpFastPathTest.operand32(r, other);
        int otherExp = (int) (other >>> 23 & 0xff);
        int e = Math.floorMod(otherExp - r.nextInt(-30, 160) * (r.nextBoolean() ? 1 : -1), 0xff);
        long frac = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 0x7f_ffff;
            default -> r.nextInt() & 0x7f_ffff;
        };
        return (r.nextBoolean() ? 0x8000_0000L : 0) | (long) e << 23 | frac;
    }

    static long far16(SplittableRandom r, long other) {
        int otherExp = (int) (other >>> 10 & 0x1f);
        int e = r.nextInt(4) == 0 ? r.nextInt(0x20) : Math.floorMod(otherExp - r.nextInt(-12, 30), 0x1f);
        long frac = r.nextInt(3) == 0 ? r.nextInt(2) : r.nextInt() & 0x3ff;
        return (r.nextBoolean() ? 0x8000L : 0) | (long) e << 10 | frac;
    }

    @Test
    void addMulToFixedEqualBigInteger() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 300_000; i++) {
            Fmt fmt = i % 5 == 4 ? Fmt.F16 : i % 2 == 0 ? Fmt.F64 : Fmt.F32;
            long a = fmt == Fmt.F64 ? VfpFastPathTest.operand64(r, 0) : fmt == Fmt.F32 ? VfpFastPathTest.operand32(r, 0) : far16(r, r.nextInt(0x10000));
            long b = fmt == Fmt.F64 ? far64(r, a) : fmt == Fmt.F32 ? far32(r, a) : far16(r, a);
            int fpscr = VfpFastPathTest.fpscr(r);
            boolean sub = r.nextBoolean();
            String what = fmt + " " + Long.toHexString(a) + " " + Long.toHexString(b) + " fpscr " + Integer.toHexString(fpscr);
            assertEquals(Big.add(fmt, a, b, sub, fpscr), VfpFloat.add(fmt, a, b, sub, fpscr), (sub ? "sub " : "add ") + what);
            assertEquals(Big.mul(fmt, a, b, fpscr), VfpFloat.mul(fmt, a, b, fpscr), "mul " + what);
            if (fmt != Fmt.F16) {
                int size = r.nextBoolean() ? 32 : 16, fbits = r.nextInt(4) == 0 ? 0 : r.nextInt(size + 1);
                boolean unsigned = r.nextBoolean(), rz = r.nextBoolean();
                assertEquals(Big.toFixed(fmt, a, size, fbits, unsigned, rz, fpscr), VfpFloat.toFixed(fmt, a, size, fbits, unsigned, rz, fpscr),
                        "toFixed " + size + " " + fbits + " " + unsigned + " " + rz + " " + what);
            }
        }
    }
}
