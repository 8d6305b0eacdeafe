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
 * The ARMv6/v7 media instructions through both engines, against {@link ArmReference}'s model of
 * the ARM ARM pseudocode: parallel add/subtract with GE, SEL, USAD8, saturation and Q, the
 * halfword extends, packing, RBIT and the bit fields.
 */
class A32MediaTest extends ArmSnippets {
    /** Words whose halfword and byte lanes hit the signed and unsigned edges. */
    static final int[] LANES = {0, -1, 0x7fff8000, 0x80007fff, 0xffff0001, 0x00010000, 0x7f80ff01, 0x807f01ff,
            0x12345678, 0x80008000, 0x7fff7fff, 0xfffe0002};

    private static final String[] PREFIXES = {null, "s", "q", "sh", null, "u", "uq", "uh"};
    private static final String[] OPS = {"add16", "asx", "sax", "sub16", "add8", null, null, "sub8"};

    /** r0 = op(r1, r2), starting from GE = geIn and Q = qIn. */
    private static SnippetRunner.Result with(int n, int m, int geIn, int qIn, int... words) {
        return run((c, mem) -> {
            setReg(c, 1, n);
            setReg(c, 2, m);
            set(c, ArmRegs.GE, geIn);
            set(c, ArmRegs.Q, qIn);
            setNzcv(c, 0b1001);
        }, words);
    }

    @Test
    void parallelAddSubtractLaneByLane() {
        int cases = 0;
        for (int op1 = 0; op1 < 8; op1++)
            for (int op2 = 0; op2 < 8; op2++) {
                if (PREFIXES[op1] == null || OPS[op2] == null) continue;
                String name = PREFIXES[op1] + OPS[op2];
                for (int n : LANES)
                    for (int m : LANES) {
                        ArmReference.WithGe want = ArmReference.parallel(PREFIXES[op1], OPS[op2], n, m, 0b0101);
                        SnippetRunner.Result r = with(n, m, 0b0101, 0, parallel(op1, op2, 0, 1, 2));
                        String what = String.format("%s 0x%08x, 0x%08x", name, n, m);
                        assertEquals(want.value(), reg(r, 0), what);
                        assertEquals(want.ge(), get(r, ArmRegs.GE), what + " GE");
                        assertEquals(0, get(r, ArmRegs.Q), what + ": parallel saturation leaves Q");
                        assertEquals(0b1001, nzcv(r), what);
                        cases++;
                    }
            }
        assertEquals(36 * LANES.length * LANES.length, cases);
    }

    @Test
    void selPicksBytesByEveryGeValue() {
        for (int ge = 0; ge < 16; ge++) {
            SnippetRunner.Result r = with(0x11223344, 0xaabbccdd, ge, 0, sel(0, 1, 2));
            assertEquals(ArmReference.sel(0x11223344, 0xaabbccdd, ge), reg(r, 0), "GE=" + ge);
            assertEquals(ge, get(r, ArmRegs.GE));
        }
    }

    @Test
    void selAfterUadd8UsesItsGe() {
        int n = 0xff7f0170, m = 0x01810180;   // carries out of lanes 3 and 2 (0x100 each) but not 1 and 0
        SnippetRunner.Result r = with(n, m, 0, 0, parallel(5, 4, 0, 1, 2), sel(3, 1, 2));
        ArmReference.WithGe add = ArmReference.parallel("u", "add8", n, m, 0);
        assertEquals(0b1100, add.ge());
        assertEquals(ArmReference.sel(n, m, add.ge()), reg(r, 3));
    }

    @Test
    void usad8AndUsada8() {
        for (int n : LANES)
            for (int m : LANES) {
                SnippetRunner.Result r = run((c, mem) -> { setReg(c, 1, n); setReg(c, 2, m); setReg(c, 3, 1000); },
                        usada8(0, 1, 2, 15), usada8(4, 1, 2, 3));
                assertEquals(ArmReference.usada8(n, m, 0), reg(r, 0));
                assertEquals(ArmReference.usada8(n, m, 1000), reg(r, 4));
            }
    }

    static final int[] SAT_VALUES = {0, 1, -1, 0x7f, 0x80, -0x80, -0x81, 0xff, 0x100, 0x7fff, 0x8000, -0x8000, -0x8001,
            0x7fffffff, 0x80000000, 0x40000000, 0xc0000000, 0x12345678};

    @Test
    void ssatAndUsatAtEveryWidthSetQ() {
        int[][] shifts = {{0, 0}, {0, 2}, {0, 31}, {1, 0}, {1, 1}, {1, 16}};   // {asr, imm5}; ASR #0 is #32
        for (int v : SAT_VALUES)
            for (int[] sh : shifts)
                for (int sat = 0; sat <= 32; sat++) {
                    boolean asr = sh[0] == 1;
                    String what = String.format("sat %d of 0x%08x %s #%d", sat, v, asr ? "asr" : "lsl", sh[1]);
                    if (sat >= 1) {
                        ArmReference.Saturated want = ArmReference.ssat(v, sat, asr, sh[1]);
                        SnippetRunner.Result r = with(v, 0, 0, 0, ssat(0, sat, 1, asr, sh[1]));
                        assertEquals(want.value(), reg(r, 0), "ssat " + what);
                        assertEquals(want.q() ? 1 : 0, get(r, ArmRegs.Q), "ssat Q " + what);
                    }
                    if (sat <= 31) {
                        ArmReference.Saturated want = ArmReference.usat(v, sat, asr, sh[1]);
                        SnippetRunner.Result r = with(v, 0, 0, 0, usat(0, sat, 1, asr, sh[1]));
                        assertEquals(want.value(), reg(r, 0), "usat " + what);
                        assertEquals(want.q() ? 1 : 0, get(r, ArmRegs.Q), "usat Q " + what);
                    }
                }
    }

    @Test
    void qIsSticky() {
        SnippetRunner.Result r = with(5, 0, 0, 1, ssat(0, 8, 1, false, 0), usat(3, 8, 1, false, 0));
        assertEquals(5, reg(r, 0));
        assertEquals(1, get(r, ArmRegs.Q), "Q stays set when nothing saturates");
        r = with(300, 0, 0, 0, ssat(0, 8, 1, false, 0), ssat(3, 16, 1, false, 0));
        assertEquals(127, reg(r, 0));
        assertEquals(300, reg(r, 3));
        assertEquals(1, get(r, ArmRegs.Q), "a later instruction that does not saturate keeps Q");
    }

    @Test
    void ssat16AndUsat16() {
        for (int v : LANES)
            for (int sat = 0; sat <= 16; sat++) {
                String what = String.format("sat %d of 0x%08x", sat, v);
                if (sat >= 1) {
                    ArmReference.Saturated want = ArmReference.ssat16(v, sat);
                    SnippetRunner.Result r = with(v, 0, 0, 0, ssat16(0, sat, 1));
                    assertEquals(want.value(), reg(r, 0), "ssat16 " + what);
                    assertEquals(want.q() ? 1 : 0, get(r, ArmRegs.Q), "ssat16 Q " + what);
                }
                if (sat <= 15) {
                    ArmReference.Saturated want = ArmReference.usat16(v, sat);
                    SnippetRunner.Result r = with(v, 0, 0, 0, usat16(0, sat, 1));
                    assertEquals(want.value(), reg(r, 0), "usat16 " + what);
                    assertEquals(want.q() ? 1 : 0, get(r, ArmRegs.Q), "usat16 Q " + what);
                }
            }
    }

    @Test
    void extendsEveryKindAndRotation() {
        String[] kinds = {"sxtb16", null, "sxtb", "sxth", "uxtb16", null, "uxtb", "uxth"};
        for (int op = 0; op < 8; op++) {
            if (kinds[op] == null) continue;
            for (int m : LANES)
                for (int rot = 0; rot < 4; rot++) {
                    int n = 0x7fff8001, o = op, rr = rot;
                    SnippetRunner.Result r = run((c, mem) -> { setReg(c, 1, m); setReg(c, 2, n); },
                            extend(o, 3, 15, 1, rr), extend(o, 4, 2, 1, rr));
                    String what = String.format("%s 0x%08x ror #%d", kinds[op], m, 8 * rot);
                    assertEquals(ArmReference.extend(kinds[op], 0, m, 8 * rot, false), reg(r, 3), what);
                    assertEquals(ArmReference.extend(kinds[op], n, m, 8 * rot, true), reg(r, 4), what + " accumulating");
                }
        }
    }

    @Test
    void packHalfwords() {
        for (int imm = 0; imm < 32; imm++)
            for (int tb = 0; tb < 2; tb++) {
                int n = 0x12348765, m = 0x8001fedc;
                SnippetRunner.Result r = with(n, m, 0, 0, pkh(tb == 1, 0, 1, 2, imm));
                assertEquals(ArmReference.pkh(tb == 1, n, m, imm), reg(r, 0), (tb == 1 ? "pkhtb #" : "pkhbt #") + imm);
            }
    }

    @Test
    void rbitReversesBits() {
        for (int v : SAT_VALUES) assertEquals(ArmReference.rbit(v), reg(with(v, 0, 0, 0, rbit(0, 1)), 0), Integer.toHexString(v));
        assertEquals(Integer.reverse(0x12345678), ArmReference.rbit(0x12345678));   // the model agrees with the JDK
    }

    private static final int[] LSBS = {0, 1, 7, 15, 16, 30, 31};
    private static final int[] WIDTHS = {1, 2, 8, 15, 16, 31, 32};

    @Test
    void bitFieldsAtTheExtremes() {
        int d = 0xa5a5c3c3, n = 0x8765fedc;
        for (int lsb : LSBS)
            for (int width : WIDTHS) {
                if (lsb + width > 32) continue;
                int msb = lsb + width - 1;
                SnippetRunner.Result r = run((c, mem) -> { setReg(c, 0, d); setReg(c, 3, d); setReg(c, 1, n); },
                        bfi(0, 1, lsb, width), bfi(3, 15, lsb, width), bfx(true, 4, 1, lsb, width), bfx(false, 5, 1, lsb, width));
                String what = "lsb " + lsb + " width " + width;
                assertEquals(ArmReference.bfi(d, n, lsb, msb), reg(r, 0), "bfi " + what);
                assertEquals(ArmReference.bfc(d, lsb, msb), reg(r, 3), "bfc " + what);
                assertEquals(ArmReference.bitfieldExtract(n, lsb, width, false), reg(r, 4), "ubfx " + what);
                assertEquals(ArmReference.bitfieldExtract(n, lsb, width, true), reg(r, 5), "sbfx " + what);
            }
    }

    /** msb &lt; lsb (BFI, BFC) and lsb + width &gt; 32 (SBFX, UBFX) are UNPREDICTABLE: UNDEFINED here, as in qemu. */
    @Test
    void unpredictableBitFieldsAreUndefined() {
        int bfiBad = bfi(0, 1, 8, 1) & ~(31 << 16) | 3 << 16;            // msb 3 < lsb 8
        int bfcBad = bfi(0, 15, 8, 1) & ~(31 << 16) | 3 << 16;
        int ubfxBad = bfx(true, 0, 1, 31, 2);                            // lsb 31, width 2
        int sbfxBad = bfx(false, 0, 1, 16, 17);                          // lsb 16, width 17
        for (int w : new int[]{bfiBad, bfcBad, ubfxBad, sbfxBad}) {
            assertEquals(null, ArmDecoder.find(w), Integer.toHexString(w));
            assertEquals("trap:4", run(w).stop(), Integer.toHexString(w));
        }
    }

    @Test
    void movwAndMovt() {
        SnippetRunner.Result r = run((c, mem) -> setReg(c, 1, 0xdeadbeef), movw(0, 0x1234), movt(1, 0xfedc), movw(2, 0xffff), movt(2, 0x8000));
        assertEquals(0x1234, reg(r, 0));
        assertEquals(0xfedcbeef, reg(r, 1));
        assertEquals(0x8000ffff, reg(r, 2));
    }
}
