package dynvm.translator.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The exact semantics of the IR ops that are more than one JVM instruction. Both engines call
 * these (the backend as invokestatic, which C1 and C2 inline), so they cannot disagree. The
 * unsigned compares flip the sign bits instead of calling {@code Integer.compareUnsigned}: C1
 * inlines that as a three-way value and a test of it, C2 alone makes it one compare.
 */
public final class IrRuntime {
    private IrRuntime() { }

    /** {@code a < b} as unsigned 32-bit numbers, one signed compare: the unsigned compares here and in tier 0's nodes. */
    public static boolean below(int a, int b) { return (a ^ Integer.MIN_VALUE) < (b ^ Integer.MIN_VALUE); }

    /**
     * Little-endian byte-array views for the backend's inline memory path (read with GETSTATIC:
     * C1 folds a static final VarHandle and inlines the access to one unaligned load or store).
     */
    public static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN),
            LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public static int mulhs(int a, int b) { return (int) (((long) a * (long) b) >> 32); }
    public static int mulhu(int a, int b) { return (int) (((a & 0xffffffffL) * (b & 0xffffffffL)) >>> 32); }
    public static int divs(int a, int b) { return b == 0 ? 0 : a / b; }
    public static int divu(int a, int b) { return b == 0 ? 0 : Integer.divideUnsigned(a, b); }
    public static int rems(int a, int b) { return b == 0 ? 0 : a % b; }
    public static int remu(int a, int b) { return b == 0 ? 0 : Integer.remainderUnsigned(a, b); }
    public static int bswap16(int a) { return ((a & 0xff) << 8) | ((a >>> 8) & 0xff); }

    public static int eq(int a, int b) { return a == b ? 1 : 0; }
    public static int ne(int a, int b) { return a != b ? 1 : 0; }
    public static int lts(int a, int b) { return a < b ? 1 : 0; }
    public static int ltu(int a, int b) { return below(a, b) ? 1 : 0; }
    public static int les(int a, int b) { return a <= b ? 1 : 0; }
    public static int leu(int a, int b) { return below(b, a) ? 0 : 1; }
    public static int gts(int a, int b) { return a > b ? 1 : 0; }
    public static int gtu(int a, int b) { return below(b, a) ? 1 : 0; }
    public static int ges(int a, int b) { return a >= b ? 1 : 0; }
    public static int geu(int a, int b) { return below(a, b) ? 0 : 1; }
    public static int eq64(long a, long b) { return a == b ? 1 : 0; }
    public static int lts64(long a, long b) { return a < b ? 1 : 0; }
    public static int ltu64(long a, long b) { return (a ^ Long.MIN_VALUE) < (b ^ Long.MIN_VALUE) ? 1 : 0; }
    public static int select(int c, int a, int b) { return c != 0 ? a : b; }
    public static long select64(int c, long a, long b) { return c != 0 ? a : b; }

    public static int feq(double a, double b) { return a == b ? 1 : 0; }
    public static int flt(double a, double b) { return a < b ? 1 : 0; }
    public static int funord(double a, double b) { return Double.isNaN(a) || Double.isNaN(b) ? 1 : 0; }
    /** Raw bits, so NaN payloads survive (Double.doubleToLongBits would canonicalise them). */
    public static long f64ToBits(double a) { return Double.doubleToRawLongBits(a); }
    public static int f32ToBits(float a) { return Float.floatToRawIntBits(a); }
}
