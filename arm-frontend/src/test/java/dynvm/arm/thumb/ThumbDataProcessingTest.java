package dynvm.arm.thumb;

import static dynvm.arm.thumb.ThumbAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * Thumb data processing through both engines. Expected values come from the ARM ARM's
 * pseudocode, re-stated here independently (AddWithCarry on longs, Shift_C case by case).
 */
class ThumbDataProcessingTest extends ThumbSnippets {
    private static final int[] VALUES = {0, 1, -1, 0x7fffffff, 0x80000000, 0x12345678};
    /** Initial NZCV: all clear, all set, only C, only V. */
    private static final int[] FLAGS = {0b0000, 0b1111, 0b0010, 0b0001};
    /** Two initial NZCV that differ in every flag (C and V: what must be kept or replaced). */
    private static final int[] FLAG_PAIR = {0b0101, 0b1010};

    private static int nz(int r) { return (r < 0 ? 8 : 0) | (r == 0 ? 4 : 0); }

    /** {result, nzcv} of AddWithCarry(a, b, cin). */
    private static int[] addWithCarry(int a, int b, int cin) {
        long u = (a & 0xffffffffL) + (b & 0xffffffffL) + cin;
        long s = (long) a + (long) b + cin;
        int r = (int) u;
        return new int[]{r, nz(r) | ((u >>> 32) != 0 ? 2 : 0) | (s != r ? 1 : 0)};
    }

    private static SnippetRunner.Result exec(int flags, int r0, int r1, int... code) {
        return run((c, m) -> {
            setNzcv(c, flags);
            setReg(c, 0, r0);
            setReg(c, 1, r1);
        }, code);
    }

    @Test
    void shiftByImmediate() {
        for (int x : VALUES) {
            for (int sh : new int[]{0, 1, 2, 16, 30, 31}) {
                for (int f : new int[]{0b0000, 0b0011}) {
                    int cin = f >>> 1 & 1;
                    // LSL #0 is MOVS: C unchanged
                    int lsl = x << sh, lslC = sh == 0 ? cin : x >>> (32 - sh) & 1;
                    int n = sh == 0 ? 32 : sh;
                    int lsr = n == 32 ? 0 : x >>> n, lsrC = x >>> (n - 1) & 1;
                    int asr = x >> Math.min(n, 31), asrC = (x >> Math.min(n - 1, 31)) & 1;
                    String what = "x=" + Integer.toHexString(x) + " sh=" + sh + " f=" + f;
                    SnippetRunner.Result r = exec(f, x, 0, lslImm(2, 0, sh), lsrImm(3, 0, sh), asrImm(4, 0, sh));
                    assertEquals(lsl, reg(r, 2), "lsl " + what);
                    assertEquals(lsr, reg(r, 3), "lsr " + what);
                    assertEquals(asr, reg(r, 4), "asr " + what);
                    // flags come from the last one (ASR); V is untouched
                    assertEquals(nz(asr) | asrC << 1 | (f & 1), nzcv(r), "asr flags " + what);
                    assertEquals(nz(lsl) | lslC << 1 | (f & 1), nzcv(exec(f, x, 0, lslImm(2, 0, sh))), "lsl flags " + what);
                    assertEquals(nz(lsr) | lsrC << 1 | (f & 1), nzcv(exec(f, x, 0, lsrImm(3, 0, sh))), "lsr flags " + what);
                }
            }
        }
    }

    @Test
    void addSubtractRegisterAndImmediates() {
        for (int a : VALUES) {
            for (int b : VALUES) {
                int[] add = addWithCarry(a, b, 0), sub = addWithCarry(a, ~b, 1);
                String what = Integer.toHexString(a) + "," + Integer.toHexString(b);
                SnippetRunner.Result r = exec(0b1111, a, b, addReg(2, 0, 1));
                assertEquals(add[0], reg(r, 2), "adds " + what);
                assertEquals(add[1], nzcv(r), "adds flags " + what);
                r = exec(0, a, b, subReg(3, 0, 1));
                assertEquals(sub[0], reg(r, 3), "subs " + what);
                assertEquals(sub[1], nzcv(r), "subs flags " + what);
            }
            for (int imm : new int[]{0, 1, 7}) {
                int[] add = addWithCarry(a, imm, 0), sub = addWithCarry(a, ~imm, 1);
                SnippetRunner.Result r = exec(0b1111, a, 0, addImm3(2, 0, imm), subImm3(3, 0, imm));
                assertEquals(add[0], reg(r, 2));
                assertEquals(sub[0], reg(r, 3));
                assertEquals(sub[1], nzcv(r), "subs #imm3 flags " + Integer.toHexString(a) + " " + imm);
                assertEquals(add[1], nzcv(exec(0, a, 0, addImm3(2, 0, imm))), "adds #imm3 flags");
            }
            for (int imm : new int[]{0, 1, 0x7f, 0x80, 0xff}) {
                int[] add = addWithCarry(a, imm, 0), sub = addWithCarry(a, ~imm, 1);
                SnippetRunner.Result r = exec(0, a, 0, addImm8(0, imm));
                assertEquals(add[0], reg(r, 0));
                assertEquals(add[1], nzcv(r), "adds #imm8");
                r = exec(0b1111, a, 0, subImm8(0, imm));
                assertEquals(sub[0], reg(r, 0));
                assertEquals(sub[1], nzcv(r), "subs #imm8");
                r = exec(0, a, 0, cmpImm(0, imm));
                assertEquals(a, reg(r, 0), "cmp writes nothing");
                assertEquals(sub[1], nzcv(r), "cmp #imm8");
            }
        }
    }

    @Test
    void movImmediateSetsOnlyNZ() {
        for (int f : FLAGS) {
            for (int imm : new int[]{0, 1, 0x80, 0xff}) {
                SnippetRunner.Result r = exec(f, 0, 0, movImm(5, imm));
                assertEquals(imm, reg(r, 5));
                assertEquals(nz(imm) | (f & 3), nzcv(r), "movs #" + imm + " from " + f);
            }
        }
    }

    /** {result, nzcv, writes Rd} of format-4 op on Rdn = a, Rm = b, from the ARM ARM. */
    private static int[] format4(int op, int a, int b, int flags) {
        int cin = flags >>> 1 & 1, v = flags & 1;
        int s = b & 0xff;
        int res, c = cin;
        switch (op) {
            case AND, TST -> res = a & b;
            case EOR -> res = a ^ b;
            case ORR -> res = a | b;
            case BIC -> res = a & ~b;
            case MVN -> res = ~b;
            case MUL -> res = a * b;
            case LSL -> {
                res = s == 0 ? a : s < 32 ? a << s : 0;
                c = s == 0 ? cin : s <= 32 ? a >>> (32 - s) & 1 : 0;
            }
            case LSR -> {
                res = s == 0 ? a : s < 32 ? a >>> s : 0;
                c = s == 0 ? cin : s <= 32 ? a >>> (s - 1) & 1 : 0;
            }
            case ASR -> {
                res = s == 0 ? a : s < 32 ? a >> s : a >> 31;
                c = s == 0 ? cin : s < 32 ? a >>> (s - 1) & 1 : a >>> 31;
            }
            case ROR -> {
                int k = s & 31;
                res = Integer.rotateRight(a, k);
                c = s == 0 ? cin : k == 0 ? a >>> 31 : a >>> (k - 1) & 1;
            }
            default -> {
                int[] sum = switch (op) {
                    case ADC -> addWithCarry(a, b, cin);
                    case SBC -> addWithCarry(a, ~b, cin);
                    case NEG -> addWithCarry(0, ~b, 1);
                    case CMP -> addWithCarry(a, ~b, 1);
                    case CMN -> addWithCarry(a, b, 0);
                    default -> throw new IllegalStateException();
                };
                return new int[]{sum[0], sum[1], op == CMP || op == CMN ? 0 : 1};
            }
        }
        return new int[]{res, nz(res) | c << 1 | v, op == TST ? 0 : 1};
    }

    @Test
    void everyFormat4OpKeepsOrSetsEachFlag() {
        int[] amounts = {0, 1, 31, 32, 33, 255, 257};
        int[] logical = {0, -1, 0x80000000, 0x12345678};
        for (int op = 0; op < 16; op++) {
            boolean shift = op == LSL || op == LSR || op == ASR || op == ROR;
            boolean arithmetic = op == ADC || op == SBC || op == NEG || op == CMP || op == CMN;
            int[] as = arithmetic || shift ? VALUES : logical;
            int[] bs = shift ? amounts : arithmetic ? VALUES : logical;
            for (int a : as) {
                for (int b : bs) {
                    for (int f : FLAG_PAIR) {
                        int[] want = format4(op, a, b, f);
                        SnippetRunner.Result r = exec(f, a, b, dp(op, 0, 1));
                        String what = "op=" + op + " a=" + Integer.toHexString(a) + " b=" + Integer.toHexString(b) + " f=" + f;
                        assertEquals(want[2] == 1 ? want[0] : a, reg(r, 0), what);
                        assertEquals(b, reg(r, 1), what);
                        assertEquals(want[1], nzcv(r), "flags " + what);
                    }
                }
            }
        }
    }

    @Test
    void sameRegisterOperands() {
        // muls r0, r0 squares; eors r0, r0 clears; negs r0, r0
        assertEquals(49, reg(exec(0, 7, 0, dp(MUL, 0, 0)), 0));
        SnippetRunner.Result r = exec(0b1011, 7, 0, dp(EOR, 0, 0));
        assertEquals(0, reg(r, 0));
        assertEquals(0b0111, nzcv(r));
        assertEquals(-7, reg(exec(0, 7, 0, dp(NEG, 0, 0)), 0));
    }

    @Test
    void highRegisterAddCmpMov() {
        SnippetRunner.Result r = run((c, m) -> {
            setNzcv(c, 0b0101);
            setReg(c, 8, 100);
            setReg(c, 9, 0x80000000);
            setReg(c, 2, 5);
        }, addHi(8, 2), movHi(3, 9), addHi(10, 15), movHi(11, 15), addHi(2, 2));
        assertEquals(105, reg(r, 8));
        assertEquals(0x80000000, reg(r, 3));
        assertEquals(CODE + 4 + 4, reg(r, 10), "pc reads as pc + 4");
        assertEquals(CODE + 6 + 4, reg(r, 11));
        assertEquals(10, reg(r, 2));
        assertEquals(0b0101, nzcv(r), "add/mov with high registers leave the flags");
        for (int a : VALUES) {
            for (int b : VALUES) {
                int ra = a, rb = b;
                r = run((c, m) -> { setReg(c, 12, ra); setReg(c, 1, rb); }, cmpHi(12, 1));
                assertEquals(addWithCarry(a, ~b, 1)[1], nzcv(r), "cmp ip, r1 " + a + "," + b);
            }
        }
        r = run((c, m) -> setReg(c, 8, CODE + 4), cmpHi(8, 15));
        assertEquals(0b0110, nzcv(r), "cmp r8, pc: pc reads as CODE + 4");
    }

    @Test
    void movAndAddToPcBranchWithoutInterworking() {
        // mov pc, r8 with bit 0 set: stays in Thumb, bit 0 ignored
        SnippetRunner.Result r = run((c, m) -> setReg(c, 8, CODE + 6 + 1),
                movHi(15, 8), movImm(0, 1), movImm(1, 1), movImm(2, 1));
        assertEquals(0, reg(r, 0));
        assertEquals(0, reg(r, 1));
        assertEquals(1, reg(r, 2));
        assertEquals(1, get(r, ArmRegs.T));
        assertEquals("end", r.stop());
        // add pc, r1: pc + 4 + 2 skips one instruction
        r = run((c, m) -> setReg(c, 1, 2), addHi(15, 1), movImm(0, 1), movImm(2, 1), movImm(3, 1));
        assertEquals(0, reg(r, 0));
        assertEquals(0, reg(r, 2), "skipped");
        assertEquals(1, reg(r, 3));
    }

    @Test
    void adrAndSpArithmetic() {
        // at CODE + 2, adr reads Align(pc + 4, 4) = CODE + 4
        SnippetRunner.Result r = run((c, m) -> setReg(c, 13, 0x1000), NOP, adr(0, 8), addRdSp(1, 1020), addSp(508), subSp(4), adr(2, 0));
        assertEquals(CODE + 4 + 8, reg(r, 0));
        assertEquals(0x1000 + 1020, reg(r, 1));
        assertEquals(0x1000 + 508 - 4, reg(r, 13));
        assertEquals(CODE + 12, reg(r, 2), "at CODE + 10: Align(CODE + 14, 4)");
    }
}
