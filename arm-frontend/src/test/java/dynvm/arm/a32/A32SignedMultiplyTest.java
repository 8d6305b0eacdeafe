package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmReference;
import dynvm.arm.ArmRegs;
import dynvm.arm.ArmSnippets;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * MLS, UMAAL and the ARMv6 signed multiplies (dual 16-bit, most-significant-word) through both
 * engines, against {@link ArmReference}; plus the hints, barriers and preloads of ARMv7 and the
 * divides it leaves out.
 */
class A32SignedMultiplyTest extends ArmSnippets {
    /** Halfword edges: 0x8000 * 0x8000 overflows the dual sums. */
    static final int[] VALUES = {0, 1, -1, 0x80008000, 0x7fff7fff, 0x80007fff, 0x7fff8000, 0x00018000, 0x12345678,
            0xfffe0003, 0x7fffffff, 0x80000000};

    private static SnippetRunner.Result with(int n, int m, int a, int b, int q, int... words) {
        return run((c, mem) -> {
            setReg(c, 1, n);
            setReg(c, 2, m);
            setReg(c, 3, a);
            setReg(c, 4, b);
            set(c, ArmRegs.Q, q);
            setNzcv(c, 0b0110);
        }, words);
    }

    private static long pair(SnippetRunner.Result r, int lo, int hi) {
        return (long) reg(r, hi) << 32 | reg(r, lo) & 0xffffffffL;
    }

    @Test
    void mlsAndUmaalWithCarries() {
        int[] vs = {0, 1, -1, 0x80000000, 0x7fffffff, 0x12345678};
        for (int n : vs)
            for (int m : vs)
                for (int a : vs) {
                    SnippetRunner.Result r = with(n, m, a, -1, 0, mls(0, 1, 2, 3));
                    assertEquals(ArmReference.mls(n, m, a), reg(r, 0), "mls");
                    assertEquals(0b0110, nzcv(r));
                    r = with(n, m, a, -1, 0, mulLong(2, false, 3, 4, 1, 2));   // umaal r3, r4, r1, r2
                    assertEquals(ArmReference.umaal(n, m, a, -1), pair(r, 3, 4), String.format("umaal %x %x %x", n, m, a));
                }
        // the largest case: 0xffffffff^2 + 2 * 0xffffffff = 2^64 - 1
        assertEquals(-1L, pair(with(-1, -1, -1, -1, 0, mulLong(2, false, 3, 4, 1, 2)), 3, 4));
    }

    @Test
    void dualMultiplies() {
        int acc = 0x7ffffff0;
        for (int n : VALUES)
            for (int m : VALUES)
                for (int x = 0; x < 2; x++) {
                    boolean swap = x == 1;
                    String what = String.format("0x%08x, 0x%08x%s", n, m, swap ? " x" : "");
                    // SMUAD(X) / SMUSD(X) r0; SMLAD(X) / SMLSD(X) r5 with Ra = r3
                    SnippetRunner.Result r = with(n, m, acc, 0, 0, signedMultiply(0, x, 0, 15, 2, 1));
                    ArmReference.Saturated want = ArmReference.dualMultiply(false, n, m, null, swap);
                    assertEquals(want.value(), reg(r, 0), "smuad " + what);
                    assertEquals(want.q() ? 1 : 0, get(r, ArmRegs.Q), "smuad Q " + what);
                    r = with(n, m, acc, 0, 0, signedMultiply(0, 2 + x, 0, 15, 2, 1));
                    assertEquals(ArmReference.dualMultiply(true, n, m, null, swap).value(), reg(r, 0), "smusd " + what);
                    assertEquals(0, get(r, ArmRegs.Q), "smusd never overflows");
                    for (int a : new int[]{acc, -acc, -1}) {
                        r = with(n, m, a, 0, 0, signedMultiply(0, x, 5, 3, 2, 1));
                        want = ArmReference.dualMultiply(false, n, m, a, swap);
                        assertEquals(want.value(), reg(r, 5), "smlad " + what + " + " + a);
                        assertEquals(want.q() ? 1 : 0, get(r, ArmRegs.Q), "smlad Q " + what + " + " + a);
                        r = with(n, m, a, 0, 0, signedMultiply(0, 2 + x, 5, 3, 2, 1));
                        want = ArmReference.dualMultiply(true, n, m, a, swap);
                        assertEquals(want.value(), reg(r, 5), "smlsd " + what + " + " + a);
                        assertEquals(want.q() ? 1 : 0, get(r, ArmRegs.Q), "smlsd Q " + what + " + " + a);
                    }
                    // SMLALD(X) / SMLSLD(X) r3 (lo), r4 (hi)
                    int lo = 0xfffffff0, hi = 0x7fffffff;
                    r = with(n, m, lo, hi, 0, signedMultiply(4, x, 4, 3, 2, 1));
                    assertEquals(ArmReference.dualMultiplyLong(false, n, m, lo, hi, swap), pair(r, 3, 4), "smlald " + what);
                    r = with(n, m, lo, hi, 0, signedMultiply(4, 2 + x, 4, 3, 2, 1));
                    assertEquals(ArmReference.dualMultiplyLong(true, n, m, lo, hi, swap), pair(r, 3, 4), "smlsld " + what);
                    assertEquals(0, get(r, ArmRegs.Q));
                    assertEquals(0b0110, nzcv(r));
                }
    }

    /** Q, once set, stays set through a dual multiply that does not overflow. */
    @Test
    void dualMultiplyQIsSticky() {
        SnippetRunner.Result r = with(0x80008000, 0x80008000, 0, 0, 0, signedMultiply(0, 0, 0, 15, 2, 1));
        assertEquals(0x80000000, reg(r, 0));
        assertEquals(1, get(r, ArmRegs.Q));
        r = with(1, 1, 0, 0, 1, signedMultiply(0, 0, 0, 15, 2, 1));
        assertEquals(1, reg(r, 0));
        assertEquals(1, get(r, ArmRegs.Q));
    }

    @Test
    void mostSignificantWordMultiplies() {
        for (int n : VALUES)
            for (int m : VALUES)
                for (int rnd = 0; rnd < 2; rnd++) {
                    boolean round = rnd == 1;
                    String what = String.format("0x%08x, 0x%08x%s", n, m, round ? " r" : "");
                    int a = 0x40000001;
                    SnippetRunner.Result r = with(n, m, a, 0, 0, signedMultiply(5, rnd, 0, 15, 2, 1),
                            signedMultiply(5, rnd, 5, 3, 2, 1), signedMultiply(5, 6 + rnd, 6, 3, 2, 1));
                    assertEquals(ArmReference.mostSignificantMultiply(n, m, 0, 0, round), reg(r, 0), "smmul " + what);
                    assertEquals(ArmReference.mostSignificantMultiply(n, m, a, 1, round), reg(r, 5), "smmla " + what);
                    assertEquals(ArmReference.mostSignificantMultiply(n, m, a, -1, round), reg(r, 6), "smmls " + what);
                    assertEquals(0, get(r, ArmRegs.Q));
                }
    }

    /** ARMv7 hints, barriers and preloads: decoded, no effect. */
    @Test
    void hintsBarriersAndPreloadsDoNothing() {
        int[] words = {NOP, 0xe320f001, 0xe320f002, 0xe320f003, 0xe320f004, 0xe320f0f5, barrier(5, 0xb), barrier(5, 0xf),
                barrier(4, 0xe), barrier(6, 0xf), 0xf450f004, 0xf6d0f101, 0xf591f008, movImm(0, 3)};
        for (int w : words) assertEquals(true, ArmDecoder.find(w) != null, Integer.toHexString(w));
        SnippetRunner.Result r = run((c, m) -> setNzcv(c, 0b1010), words);
        assertEquals("end", r.stop());
        assertEquals(3, reg(r, 0));
        assertEquals(0b1010, nzcv(r));
    }

    /**
     * SDIV and UDIV are optional in ARMv7-A: the table has them (the cortex-a15 model runs them,
     * ArmCpuModelTest, and it is the default), cortex-a9 has no divider: UNDEFINED.
     */
    @Test
    void divideIsUndefinedOnCortexA9() {
        SnippetRunner a9 = new SnippetRunner(new dynvm.arm.ArmIsa(dynvm.arm.ArmCpuModel.CORTEX_A9));
        int[] words = {0xe710f211, 0xe730f211};                             // sdiv / udiv r0, r1, r2
        String[] names = {"sdiv", "udiv"};
        for (int i = 0; i < words.length; i++) {
            assertEquals(names[i], ArmDecoder.find(words[i]).name());
            assertEquals("trap:4", a9.run(new int[] {words[i]}, (c, m) -> { }).stop());
        }
    }
}
