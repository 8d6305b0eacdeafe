package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.a32.A32Asm;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * Every VMOV form, VMRS/VMSR, VLDR/VSTR (with the literal form), VLDM/VSTM with and without
 * writeback, VPUSH/VPOP and FLDMX/FSTMX, under both engines. Expected values follow from the ARM
 * ARM's register mapping (Sn is the low word of D(n/2) for even n) and little-endian memory.
 */
class VfpTransferTest extends VfpSnippets {
    static final long D0 = 0x0123_4567_89ab_cdefL, D1 = 0xfedc_ba98_7654_3210L;

    @Test
    void immediateAndRegisterMoves() {
        SnippetRunner.Result r = vfp(0, new long[]{D0, D1, 0, 0}, vmovImm(true, 2, 0x70), vmovImm(false, 7, 0x84), vmovReg(true, 0, 1),
                vmovReg(false, 2, 3));
        assertEquals(hex(bitsD(1.0)), hex(d(r, 2)), "vmov.f64 d2, #1.0 (imm8 0x70)");
        assertEquals(hex(bitsF(-2.5f)), hex(s(r, 7)), "vmov.f32 s7, #-2.5 (imm8 0x84)");
        assertEquals(hex(D1), hex(d(r, 0)), "vmov.f64 d0, d1");
        assertEquals(hex((int) (D1 >>> 32)), hex(s(r, 2)), "vmov.f32 s2, s3: s3 is the high word of d1");
        assertEquals(0, s(r, 6), "the other half of d3 untouched");
        // every VFPExpandImm value: sign, 3-bit exponent, 4-bit fraction
        for (int imm8 = 0; imm8 < 256; imm8 += 7) {
            r = vfp(0, new long[0], vmovImm(true, 0, imm8), vmovImm(false, 2, imm8));
            double v = (imm8 >> 7 == 1 ? -1 : 1) * (16 + (imm8 & 15)) / 16.0 * Math.pow(2, ((imm8 >> 4) & 7) ^ 4 ) / 8;
            assertEquals(hex(bitsD(v)), hex(d(r, 0)), "imm8 " + imm8);
            assertEquals(hex(bitsF((float) v)), hex(s(r, 2)), "imm8 " + imm8);
        }
    }

    @Test
    void coreRegisterMoves() {
        SnippetRunner.Result r = vfp(0, new long[]{D0, D1, 0, 0}, (c, m) -> {
            setReg(c, 1, 0x1111_1111);
            setReg(c, 2, 0x2222_2222);
        }, vmovToS(5, 1), vmovFromS(3, 0), vmovFromS(4, 1), vmovD(false, 3, 1, 2), vmovD(true, 1, 5, 6),
                vmovTwoS(false, 4, 2, 1), vmovTwoS(true, 1, 7, 8), vmovToScalar(0, 1, 2), vmovFromScalar(9, 1, 0));
        assertEquals(0x1111_1111, s(r, 5), "vmov s5, r1");
        assertEquals(0x89ab_cdef, reg(r, 3), "vmov r3, s0");
        assertEquals(0x0123_4567, reg(r, 4), "vmov r4, s1");
        assertEquals(hex(0x2222_2222_1111_1111L), hex(d(r, 3)), "vmov d3, r1, r2");
        assertEquals(0x7654_3210, reg(r, 5), "vmov r5, r6, d1");
        assertEquals(0xfedc_ba98, reg(r, 6));
        assertEquals(hex(0x1111_1111_2222_2222L), hex(d(r, 2)), "vmov s4, s5, r2, r1");
        assertEquals(0x0123_4567, reg(r, 7), "vmov r7, r8, s1, s2");
        assertEquals(0x7654_3210, reg(r, 8));
        assertEquals(hex(0x2222_2222_89ab_cdefL), hex(d(r, 0)), "vmov.32 d0[1], r2");
        assertEquals(0x7654_3210, reg(r, 9), "vmov.32 r9, d1[0]");
    }

    @Test
    void systemRegisterMoves() {
        SnippetRunner.Result r = vfp(0, new long[0], (c, m) -> setReg(c, 1, 0xffff_ffff), vmsr(1), vmrs(2), VMRS_APSR);
        assertEquals(0xfbc0_009f, reg(r, 2), "only NZCV, QC, DN, FZ, RMode and the cumulative bits exist");
        assertEquals(0b1111, nzcv(r), "vmrs APSR_nzcv");
        r = vfp(0x6000_0000, new long[0], (c, m) -> setNzcv(c, 0b1001), VMRS_APSR);
        assertEquals(0b0110, nzcv(r));
        r = vfp(0x0000_0000, new long[0], (c, m) -> setNzcv(c, 0b1001), A32Asm.cond(A32Asm.EQ, VMRS_APSR));
        assertEquals(0b1001, nzcv(r), "conditional vmrs that fails");
        r = vfp(0, new long[]{bitsD(1), bitsD(3)}, (c, m) -> setNzcv(c, 0b0100), A32Asm.cond(A32Asm.NE, vdiv(true, 2, 0, 1)));
        assertEquals(0, d(r, 2), "a failed condition skips the division");
        assertEquals(0, fpscr(r), "and its flags");
    }

    @Test
    void singleLoadsAndStores() {
        int base = DATA + 0x100;
        SnippetRunner.Result r = vfp(0, new long[]{D0, D1}, (c, m) -> {
            setReg(c, 3, base);
            m.store32le(base + 8, 0xaabb_ccdd);
            m.store32le(base + 12, 0x1122_3344);
            m.store32le(base - 8, 0x5566_7788);
        }, vldr(true, 2, 3, 8), vldr(false, 7, 3, -8), vstr(true, 1, 3, 16), vstr(false, 0, 3, -4));
        assertEquals(hex(0x1122_3344_aabb_ccddL), hex(d(r, 2)), "vldr d2, [r3, #8]");
        assertEquals(0x5566_7788, s(r, 7), "vldr s7, [r3, #-8]");
        assertEquals(0x7654_3210, load32(r, base + 16), "vstr d1: low word first");
        assertEquals(0xfedc_ba98, load32(r, base + 20));
        assertEquals(0x89ab_cdef, load32(r, base - 4), "vstr s0, [r3, #-4]");
        // literal: Align(pc, 4) + 8 + offset; the code is at CODE, so pc + 8 reads CODE + 8
        r = vfp(0, new long[0], vldr(true, 0, 15, 0), A32Asm.NOP, 0x4000_0000, 0x3ff0_0000);
        assertEquals(hex(0x3ff0_0000_4000_0000L), hex(d(r, 0)), "vldr d0, [pc] reads the two words at pc + 8");
    }

    @Test
    void multipleLoadsAndStoresWithWriteback() {
        int base = DATA + 0x200;
        SnippetRunner.Result r = vfp(0, new long[]{D0, D1, 3, 4}, (c, m) -> {
            setReg(c, 0, base);
            setReg(c, 1, base + 0x40);
            setReg(c, 2, base + 0x80);
        }, vldm(false, true, true, true, 0, 0, 4), vldm(false, false, true, false, 1, 1, 3), vldm(false, true, false, true, 2, 3, 2));
        assertEquals(base + 16, reg(r, 0), "vstmia r0!, {d0-d1}");
        assertEquals(0x89ab_cdef, load32(r, base));
        assertEquals(0xfedc_ba98, load32(r, base + 12));
        assertEquals(base + 0x40 - 12, reg(r, 1), "vstmdb r1!, {s1-s3}");
        assertEquals(0x0123_4567, load32(r, base + 0x40 - 12), "s1 at the lowest address");
        assertEquals(0x7654_3210, load32(r, base + 0x40 - 8));
        assertEquals(0xfedc_ba98, load32(r, base + 0x40 - 4));
        assertEquals(base + 0x80, reg(r, 2), "no writeback");
        assertEquals(4, load32(r, base + 0x80), "vstmia r2, {d3}");
        // loads back: vldmdb with writeback, vldmia without
        r = vfp(0, new long[0], (c, m) -> {
            setReg(c, 0, base + 16);
            for (int i = 0; i < 8; i++) m.store32le(base + 4 * i, 0x100 + i);
        }, vldm(true, false, true, true, 0, 4, 4), vldm(true, true, false, false, 0, 0, 3));
        assertEquals(base, reg(r, 0), "vldmdb r0!, {d4-d5}");
        assertEquals(hex(0x101_0000_0100L), hex(d(r, 4)));
        assertEquals(hex(0x103_0000_0102L), hex(d(r, 5)));
        assertEquals(0x100, s(r, 0), "vldmia r0, {s0-s2} from the written-back base");
        assertEquals(0x102, s(r, 2));
    }

    /**
     * VLDR/VSTR/VLDM/VSTM read MemA[address, 4]: an address that is not word aligned is an
     * alignment fault whatever SCTLR.A says (ARM ARM A3.2.1), in user mode too (SIGBUS: Linux cannot
     * emulate a coprocessor transfer; qemu-arm agrees), before any register or byte is written.
     * Doubles need word alignment only.
     */
    @Test
    void unalignedLoadsAndStoresFault() {
        int base = DATA + 0x100;
        for (int off : new int[]{1, 2, 3}) {
            for (int w : new int[]{vldr(true, 0, 3, 0), vldr(false, 1, 3, 0), vstr(true, 0, 3, 0), vstr(false, 0, 3, 4),
                    vldm(true, true, true, true, 3, 0, 4), vldm(false, true, true, false, 3, 0, 2), vldm(false, false, true, true, 3, 0, 5)}) {
                SnippetRunner.Result r = vfp(0, new long[]{D0, D1}, (c, m) -> setReg(c, 3, base + off), w);
                assertEquals(true, r.stop().startsWith("fault"), String.format("%08x at base + %d: %s", w, off, r.stop()));
                assertEquals(base + off, reg(r, 3), "no writeback");
                assertEquals(hex(D0), hex(d(r, 0)), "no register written");
                assertEquals(0, load32(r, base), "no byte stored");
            }
        }
        SnippetRunner.Result r = vfp(0, new long[]{D0, D1}, (c, m) -> setReg(c, 3, base + 4), vstr(true, 1, 3, 0), vldr(true, 2, 3, 0));
        assertEquals("end", r.stop(), "a double on a word boundary");
        assertEquals(hex(D1), hex(d(r, 2)));
    }

    @Test
    void pushPopAndTheXForms() {
        int sp = DATA + 0x400;
        SnippetRunner.Result r = vfp(0, new long[]{0, 0, 0, 0, 0, 0, 0, 0, D0, D1}, (c, m) -> setReg(c, 13, sp),
                vpush(true, 8, 2), vmovImm(true, 8, 0x70), vmovImm(true, 9, 0x70), vpop(true, 8, 2));
        assertEquals(sp, reg(r, 13), "vpush then vpop restore sp");
        assertEquals(hex(D0), hex(d(r, 8)), "vpop {d8-d9}");
        assertEquals(hex(D1), hex(d(r, 9)));
        assertEquals(0x89ab_cdef, load32(r, sp - 16), "d8 at the lowest address");
        r = vfp(0, new long[]{D0, D1}, (c, m) -> setReg(c, 13, sp), vpush(false, 1, 2));
        assertEquals(sp - 8, reg(r, 13), "vpush {s1-s2}");
        assertEquals(0x0123_4567, load32(r, sp - 8));
        // FSTMX/FLDMX: imm8 odd, imm8 / 2 doubles, the base moves by 4 * imm8
        r = vfp(0, new long[]{D0, D1}, (c, m) -> setReg(c, 0, sp), vldm(false, false, true, true, 0, 0, 5), vldm(true, true, true, true, 0, 2, 5));
        assertEquals(sp, reg(r, 0), "fstmdbx r0!, {d0-d1} then fldmiax r0!, {d2-d3}");
        assertEquals(hex(D0), hex(d(r, 2)));
        assertEquals(hex(D1), hex(d(r, 3)));
        assertEquals(0x89ab_cdef, load32(r, sp - 20), "the doubles start at Rn - 4 * imm8");
    }
}
