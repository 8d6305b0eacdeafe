package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.arm.ArmSnippets;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** Multiplies, DSP multiplies and saturating arithmetic; expected values from Java long arithmetic. */
class A32MultiplyTest extends ArmSnippets {
    private static final int[] VALUES = {0, 1, -1, 3, 0x7fffffff, 0x80000000, 0x12345678, 0xfffe0001, 0x00018000};

    private static SnippetRunner.Result with(int a, int b, int lo, int hi, int word) {
        return run((c, m) -> {
            setReg(c, 1, a);
            setReg(c, 2, b);
            setReg(c, 3, lo);
            setReg(c, 4, hi);
            setNzcv(c, 0b0011);
        }, word);
    }

    @Test
    void mulAndMlaSetOnlyNz() {
        for (int a : VALUES)
            for (int b : VALUES) {
                SnippetRunner.Result r = with(a, b, 7, 0, mul(true, 0, 1, 2));
                int p = a * b;
                assertEquals(p, reg(r, 0));
                assertEquals((p < 0 ? 8 : 0) | (p == 0 ? 4 : 0) | 0b0011, nzcv(r), "muls C and V unchanged");
                r = with(a, b, 7, 0, mla(false, 0, 1, 2, 3));
                assertEquals(p + 7, reg(r, 0));
                assertEquals(0b0011, nzcv(r));
            }
    }

    @Test
    void longMultiplies() {
        for (int a : VALUES)
            for (int b : VALUES) {
                long ua = a & 0xffffffffL, ub = b & 0xffffffffL, acc = 0x00000005_fffffffeL;
                long[] want = {ua * ub, ua * ub + acc, (long) a * b, (long) a * b + acc};
                int[] ops = {4, 5, 6, 7};
                for (int k = 0; k < 4; k++) {
                    SnippetRunner.Result r = with(a, b, (int) acc, (int) (acc >>> 32), mulLong(ops[k], true, 3, 4, 1, 2));
                    long got = (reg(r, 4) & 0xffffffffL) << 32 | (reg(r, 3) & 0xffffffffL);
                    assertEquals(want[k], got, "op " + ops[k] + " " + a + "*" + b);
                    assertEquals((want[k] < 0 ? 8 : 0) | (want[k] == 0 ? 4 : 0) | 0b0011, nzcv(r));
                }
                SnippetRunner.Result r = with(a, b, -1, -1, mulLong(2, false, 3, 4, 1, 2));   // umaal
                long got = (reg(r, 4) & 0xffffffffL) << 32 | (reg(r, 3) & 0xffffffffL);
                assertEquals(ua * ub + 0xffffffffL + 0xffffffffL, got, "umaal");
            }
    }

    private static int half(int x, int top) { return top == 1 ? x >> 16 : (short) x; }

    @Test
    void halfwordMultiplies() {
        int a = 0x8001fffe, b = 0x7fff0003;
        for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++) {
                int p = half(a, x) * half(b, y);
                SnippetRunner.Result r = with(a, b, 10, 0, smul(x, y, 0, 1, 2));
                assertEquals(p, reg(r, 0), "smul" + x + y);
                r = with(a, b, 10, 0, smla(x, y, 0, 1, 2, 3));
                assertEquals(p + 10, reg(r, 0), "smla" + x + y);
                assertEquals(0, get(r, ArmRegs.Q));
                r = with(a, b, -2, 5, smlal(x, y, 3, 4, 1, 2));
                long acc = 5L << 32 | 0xfffffffeL;
                assertEquals(acc + p, (reg(r, 4) & 0xffffffffL) << 32 | (reg(r, 3) & 0xffffffffL), "smlal" + x + y);
            }
        for (int y = 0; y < 2; y++) {
            int want = (int) (((long) a * half(b, y)) >> 16);
            assertEquals(want, reg(with(a, b, 0, 0, smulw(y, 0, 1, 2)), 0), "smulw" + y);
            assertEquals(want + 100, reg(with(a, b, 100, 0, smlaw(y, 0, 1, 2, 3)), 0), "smlaw" + y);
        }
    }

    /** SMLAxy sets Q on overflow of the accumulation and does not saturate; Q is sticky. */
    @Test
    void smlaSetsQOnOverflow() {
        SnippetRunner.Result r = with(0x4000, 0x4000, 0x7fffffff, 0, smla(0, 0, 0, 1, 2, 3));
        assertEquals(0x7fffffff + 0x10000000, reg(r, 0));
        assertEquals(1, get(r, ArmRegs.Q));
        r = run((c, m) -> { set(c, ArmRegs.Q, 1); setReg(c, 1, 1); setReg(c, 2, 1); }, smla(0, 0, 0, 1, 2, 3));
        assertEquals(1, get(r, ArmRegs.Q));
    }

    private static int sat(long v) { return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)); }

    private static boolean saturates(long v) { return v != sat(v); }

    @Test
    void saturatingArithmetic() {
        int[] vs = {0, 1, -1, 0x40000000, 0x7fffffff, 0x80000000, 0xc0000000, 0x3fffffff};
        for (int m : vs)
            for (int n : vs) {
                long dn = 2L * n;
                long[] exact = {(long) m + n, (long) m - n, (long) m + sat(dn), (long) m - sat(dn)};
                for (int op = 0; op < 4; op++) {
                    SnippetRunner.Result r = with(m, n, 0, 0, qop(op, 0, 1, 2));
                    String what = "q op " + op + " " + m + ", " + n;
                    assertEquals(sat(exact[op]), reg(r, 0), what);
                    boolean q = saturates(exact[op]) || op >= 2 && saturates(dn);
                    assertEquals(q ? 1 : 0, get(r, ArmRegs.Q), what + " Q");
                    assertEquals(0b0011, nzcv(r));
                }
            }
    }
}
