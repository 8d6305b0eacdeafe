package dynvm.arm.thumb;

import static dynvm.arm.thumb.ThumbAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmReference;
import dynvm.arm.ArmRegs;
import dynvm.arm.a32.A32Misc;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * Representative rows of every 32-bit Thumb-2 family through both engines, with edge values;
 * expected results from {@link ArmReference} (ThumbExpandImm_C, Shift_C, AddWithCarry and the
 * ARMv6/v7 media model), never from the front-end.
 */
class Thumb32Test extends ThumbSnippets {
    private static final int[] VALUES = {0, 1, -1, 0x7fffffff, 0x80000000, 0x12345678, 0xffff8000};
    private static final int[] FLAGS = {0b0000, 0b1111, 0b0010, 0b0101};
    /** Thumb-2 opcode (bits 24:21) to the A32 numbering ArmReference uses; ORN is ORR with the operand inverted. */
    private static final int[][] OPS = {{0, 0}, {1, 14}, {2, 12}, {3, -3}, {4, 1}, {8, 4}, {10, 5}, {11, 6}, {13, 2}, {14, 3}};

    private static SnippetRunner.Result exec(int flags, int r1, int r2, int r3, int[]... code) {
        return run((c, m) -> {
            setNzcv(c, flags);
            setReg(c, 1, r1);
            setReg(c, 2, r2);
            setReg(c, 3, r3);
        }, seq((Object[]) code));
    }

    /** The four replicated patterns (imm8 non-zero) and every rotation of a few 7-bit values. */
    private static int[] immediates() {
        java.util.List<Integer> l = new java.util.ArrayList<>();
        for (int p = 0; p < 4; p++) for (int imm8 : new int[]{1, 0x80, 0xab, 0xff}) l.add(p << 8 | imm8);
        for (int rot = 8; rot < 32; rot++) for (int low7 : new int[]{0, 0x55, 0x7f}) l.add(rot << 7 | low7);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void thumbExpandImmValueAndCarry() {
        for (int imm12 : immediates()) {
            for (int cin = 0; cin < 2; cin++) {
                ArmReference.Shifted x = ArmReference.thumbExpandImmC(imm12, cin);
                // ands.w r0, r1, #imm with r1 = -1: r0 = the constant, C = its carry; V unchanged
                SnippetRunner.Result r = exec(cin << 1 | 1, -1, 0, 0, dpImm(0, true, 0, 1, imm12));
                String what = String.format("imm12=0x%03x C=%d", imm12, cin);
                assertEquals(x.value(), reg(r, 0), what);
                assertEquals((x.value() < 0 ? 8 : 0) | (x.value() == 0 ? 4 : 0) | x.carry() << 1 | 1, nzcv(r), what);
            }
        }
    }

    private static int[] reference(int op, int a, ArmReference.Shifted b, int flags) {
        if (op >= 0) return ArmReference.dataProcessing(op, a, b, flags);
        return ArmReference.dataProcessing(12, a, new ArmReference.Shifted(~b.value(), b.carry()), flags);   // ORN
    }

    @Test
    void dataProcessingImmediateAndShiftedRegisterWithAndWithoutS() {
        int[] imms = {0x0ff, 0x1ab, 0x4ff, 0x7ff};
        for (int[] op : OPS) {
            for (int a : VALUES) {
                for (int f : FLAGS) {
                    for (int imm12 : imms) {
                        ArmReference.Shifted b = ArmReference.thumbExpandImmC(imm12, f >>> 1 & 1);
                        int[] exp = reference(op[1], a, b, f);
                        SnippetRunner.Result r = exec(f, a, 0, 0, dpImm(op[0], false, 4, 1, imm12), dpImm(op[0], true, 5, 1, imm12));
                        String what = String.format("op %d a=%08x imm12=%03x f=%d", op[0], a, imm12, f);
                        assertEquals(exp[0], reg(r, 4), what);
                        assertEquals(exp[0], reg(r, 5), what);
                        assertEquals(exp[1], nzcv(r), what);
                    }
                    for (int[] sh : new int[][]{{0, 0}, {0, 31}, {1, 0}, {1, 1}, {2, 0}, {2, 17}, {3, 0}, {3, 8}}) {
                        int bv = 0x80000001;
                        ArmReference.Shifted b = ArmReference.shiftImm(bv, sh[0], sh[1], f >>> 1 & 1);
                        int[] exp = reference(op[1], a, b, f);
                        SnippetRunner.Result r = exec(f, a, bv, 0, dpReg(op[0], false, 4, 1, 2, sh[0], sh[1]), dpReg(op[0], true, 5, 1, 2, sh[0], sh[1]));
                        String what = String.format("op %d a=%08x shift %d #%d f=%d", op[0], a, sh[0], sh[1], f);
                        assertEquals(exp[0], reg(r, 4), what);
                        assertEquals(exp[0], reg(r, 5), what);
                        assertEquals(exp[1], nzcv(r), what);
                    }
                }
            }
        }
    }

    @Test
    void movesAndTests() {
        for (int f : FLAGS) {
            for (int a : VALUES) {
                int imm12 = 0x4ff;   // rotated: carry = bit 31 of 0x7f800000 = 0
                ArmReference.Shifted b = ArmReference.thumbExpandImmC(imm12, f >>> 1 & 1);
                // movs.w r4, #imm (ORR with Rn = 1111); mvns.w r5, r1 (ORN with Rn = 1111, shifted register)
                SnippetRunner.Result r = exec(f, a, 0, 0, dpImm(2, true, 4, 15, imm12));
                assertEquals(b.value(), reg(r, 4));
                assertEquals(ArmReference.dataProcessing(13, 0, b, f)[1], nzcv(r));
                r = exec(f, a, 0, 0, dpReg(3, true, 5, 15, 1, 0, 0));
                assertEquals(~a, reg(r, 5));
                assertEquals(ArmReference.dataProcessing(15, 0, new ArmReference.Shifted(a, f >>> 1 & 1), f)[1], nzcv(r));
                // tst/teq/cmn/cmp.w r1, #imm: Rd = 1111, S = 1, flags only
                for (int[] t : new int[][]{{0, 8}, {4, 9}, {8, 11}, {13, 10}}) {
                    r = exec(f, a, 0, 0x5a5a, dpImm(t[0], true, 15, 1, imm12));
                    assertEquals(ArmReference.dataProcessing(t[1], a, b, f)[1], nzcv(r), "test op " + t[0]);
                    assertEquals(0x5a5a, reg(r, 3));
                }
            }
        }
    }

    @Test
    void plainImmediates() {
        SnippetRunner.Result r = exec(0, 1000, 0, 0, plainImm(0, 4, 1, 4095), plainImm(0b01010, 5, 1, 4095),
                movw(6, 0xbeef), movw(7, 0x1234), movt(7, 0xdead));
        assertEquals(1000 + 4095, reg(r, 4));
        assertEquals(1000 - 4095, reg(r, 5));
        assertEquals(0xbeef, reg(r, 6));
        assertEquals(0xdead1234, reg(r, 7));
        // adr: Align(pc + 4, 4) -/+ imm12, from CODE + 2 (not word-aligned)
        r = exec(0, 0, 0, 0, new int[]{NOP}, plainImm(0, 4, 15, 0x10), plainImm(0b01010, 5, 15, 0x10));
        assertEquals(((CODE + 2 + 4) & ~3) + 0x10, reg(r, 4));
        assertEquals(((CODE + 6 + 4) & ~3) - 0x10, reg(r, 5));
    }

    /** SSAT/USAT/SBFX/UBFX/BFI/BFC: op (bits 24:20), Rd, Rn, imm3:imm2 and the low five bits. */
    private static int[] bitOp(int op, int rd, int rn, int imm5, int low5) {
        return wide(0xf3000000 | (op & 15) << 20 | rn << 16 | (imm5 >>> 2) << 12 | rd << 8 | (imm5 & 3) << 6 | low5);
    }

    @Test
    void saturateAndBitFields() {
        for (int a : VALUES) {
            for (int sat : new int[]{1, 8, 16, 31, 32}) {
                ArmReference.Saturated s = ArmReference.ssat(a, sat, false, 3);
                SnippetRunner.Result r = exec(0, a, 0, 0, bitOp(0b0000, 4, 1, 3, sat - 1));
                assertEquals(s.value(), reg(r, 4), "ssat #" + sat + ", " + a);
                assertEquals(s.q() ? 1 : 0, get(r, ArmRegs.Q));
                ArmReference.Saturated u = ArmReference.usat(a, sat - 1, true, 5);
                r = exec(0, a, 0, 0, bitOp(0b1010, 4, 1, 5, sat - 1));
                assertEquals(u.value(), reg(r, 4), "usat #" + (sat - 1) + ", " + a + ", asr #5");
                assertEquals(u.q() ? 1 : 0, get(r, ArmRegs.Q));
            }
            for (int[] lw : new int[][]{{0, 1}, {0, 32}, {4, 8}, {31, 1}, {12, 20}}) {
                int lsb = lw[0], width = lw[1];
                SnippetRunner.Result r = exec(0, a, 0x0f0f0f0f, 0, bitOp(0b0100, 4, 1, lsb, width - 1), bitOp(0b1100, 5, 1, lsb, width - 1),
                        bitOp(0b0110, 2, 1, lsb, lsb + width - 1), movw(6, 0xffff), movt(6, 0xffff), bitOp(0b0110, 6, 15, lsb, lsb + width - 1));
                assertEquals(ArmReference.bitfieldExtract(a, lsb, width, true), reg(r, 4), "sbfx");
                assertEquals(ArmReference.bitfieldExtract(a, lsb, width, false), reg(r, 5), "ubfx");
                assertEquals(ArmReference.bfi(0x0f0f0f0f, a, lsb, lsb + width - 1), reg(r, 2), "bfi");
                assertEquals(ArmReference.bfc(-1, lsb, lsb + width - 1), reg(r, 6), "bfc");
            }
        }
    }

    @Test
    void mediaRegisterForms() {
        String[] prefixes = {"s", "q", "sh", "u", "uq", "uh"};
        String[] ops = {"add8", "add16", "asx", null, "sub8", "sub16", "sax"};
        for (int n : VALUES) {
            for (int m : new int[]{0x7fff8000, 0x01ff80fe, -1}) {
                for (int op1 = 0; op1 < ops.length; op1++) {
                    if (ops[op1] == null) continue;
                    for (int p = 0; p < 6; p++) {
                        int insn = 0xfa80f000 | op1 << 20 | 1 << 16 | 4 << 8 | (p / 3) << 6 | (p % 3) << 4 | 2;
                        int geIn = 0b1010;
                        SnippetRunner.Result r = run((c, mm) -> { setReg(c, 1, n); setReg(c, 2, m); set(c, ArmRegs.GE, geIn); }, wide(insn));
                        ArmReference.WithGe x = ArmReference.parallel(prefixes[p], ops[op1], n, m, geIn);
                        String what = prefixes[p] + ops[op1] + String.format(" %08x %08x", n, m);
                        assertEquals(x.value(), reg(r, 4), what);
                        assertEquals(x.ge(), get(r, ArmRegs.GE), what);
                    }
                }
                // qadd r4, r2, r1 (Rd, Rm, Rn); sel; rbit; clz; uxtab16 r4, r1, r2, ror #8
                SnippetRunner.Result r = run((c, mm) -> { setReg(c, 1, n); setReg(c, 2, m); set(c, ArmRegs.GE, 0b0110); },
                        seq(wide(0xfa81f482), wide(0xfaa1f582), wide(0xfa92f6a2), wide(0xfab2f782), wide(0xfa31f892)));
                assertEquals((int) ArmReference.signedSat((long) m + n, 32), reg(r, 4), "qadd");
                assertEquals(ArmReference.sel(n, m, 0b0110), reg(r, 5), "sel");
                assertEquals(ArmReference.rbit(m), reg(r, 6), "rbit");
                assertEquals(Integer.numberOfLeadingZeros(m), reg(r, 7), "clz");
                assertEquals(ArmReference.extend("uxtb16", n, m, 8, true), reg(r, 8), "uxtab16");
            }
        }
    }

    @Test
    void multiplies() {
        for (int n : VALUES) {
            for (int m : new int[]{3, -7, 0x10001, 0x80000000}) {
                int a = 0x11111111;
                // mla r4, r1, r2, r3; mls r5, ...; smull r6, r7, r1, r2; umaal r8, r9, r1, r2 (r8 = r9 = a); smmulr r10, r1, r2
                SnippetRunner.Result r = run((c, mm) -> { setReg(c, 1, n); setReg(c, 2, m); setReg(c, 3, a); setReg(c, 8, a); setReg(c, 9, a); },
                        seq(wide(0xfb013402), wide(0xfb013512), wide(0xfb816702), wide(0xfbe18962), wide(0xfb51fa12)));
                String what = String.format("%08x * %08x", n, m);
                assertEquals(n * m + a, reg(r, 4), "mla " + what);
                assertEquals(ArmReference.mls(n, m, a), reg(r, 5), "mls " + what);
                long p = (long) n * m;
                assertEquals((int) p, reg(r, 6), "smull lo " + what);
                assertEquals((int) (p >>> 32), reg(r, 7), "smull hi " + what);
                long u = ArmReference.umaal(n, m, a, a);
                assertEquals((int) u, reg(r, 8), "umaal lo " + what);
                assertEquals((int) (u >>> 32), reg(r, 9), "umaal hi " + what);
                assertEquals(ArmReference.mostSignificantMultiply(n, m, 0, 0, true), reg(r, 10), "smmulr " + what);
            }
        }
    }

    @Test
    void branchesAndLinks() {
        // bl +6 at CODE: lr = CODE + 4 | 1, lands on movs r1, #1 (CODE + 10)
        SnippetRunner.Result r = run(seq(bw(6, true), movImm(0, 1), NOP, NOP, movImm(1, 1)));
        assertEquals(0, reg(r, 0));
        assertEquals(1, reg(r, 1));
        assertEquals(CODE + 4 + 1, reg(r, 14));
        // beq.w over one instruction, both ways
        for (int f : new int[]{0b0100, 0}) {
            int flags = f;
            r = run((c, m) -> setNzcv(c, flags), seq(bcondW(EQ, 2), movImm(0, 1), movImm(1, 1)));
            assertEquals(ArmReference.passed(EQ, f) ? 0 : 1, reg(r, 0));
            assertEquals(1, reg(r, 1));
        }
        // cbz / cbnz to pc + 4: over the next instruction
        for (int v : new int[]{0, 5}) {
            r = run((c, m) -> setReg(c, 0, v), cbz(0, 0), movImm(1, 1), cbnz(0, 0), movImm(2, 1), NOP);
            assertEquals(v == 0 ? 0 : 1, reg(r, 1), "cbz " + v);
            assertEquals(v != 0 ? 0 : 1, reg(r, 2), "cbnz " + v);
        }
    }

    @Test
    void statusRegisterAndHints() {
        // msr APSR_nzcvq, r1; mrs r4, APSR; nop.w; dmb ish; clrex
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, 0xa8000000); set(c, ArmRegs.GE, 0b0101); },
                seq(wide(0xf3818800), wide(0xf3ef8400), wide(0xf3af8000), wide(0xf3bf8f5b), wide(0xf3bf8f2f)));
        assertEquals(0b1010, nzcv(r));
        assertEquals(1, get(r, ArmRegs.Q));
        assertEquals(0xa8000000 | 0b0101 << 16 | A32Misc.USR_MODE, reg(r, 4));
        assertEquals(-1, get(r, ArmRegs.EXCL_ADDR));
        // 16-bit ARMv6 extras: sxth, uxtb, rev16, revsh
        r = run((c, m) -> setReg(c, 1, 0x12348765), 0xb20a, 0xb2cb, 0xba4c, 0xbacd);
        assertEquals(0xffff8765, reg(r, 2));
        assertEquals(0x65, reg(r, 3));
        assertEquals(0x34126587, reg(r, 4));
        assertEquals(0x6587, reg(r, 5));
    }
}
