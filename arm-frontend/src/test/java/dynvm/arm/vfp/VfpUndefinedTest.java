package dynvm.arm.vfp;

import static dynvm.arm.vfp.VfpAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dynvm.arm.a32.A32Asm;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * Encodings VFPv3-D16 ({@code -cpu cortex-a9}) does not have trap with SIGILL under both engines, whatever their condition:
 * d16-d31, VFPv4 fused multiply-adds, half-precision conversions, privileged system registers,
 * and the UNPREDICTABLE forms this implementation makes UNDEFINED.
 */
class VfpUndefinedTest extends VfpSnippets {
    static void assertUndefined(String what, int word) {
        assertNull(Vfp.disassemble(word, 8), what + " disassembles");
        assertTraps(what, word);
    }

    /** cortex-a9: the VFPv3-D16 model without NEON (the default, cortex-a15, has much of what traps here). */
    static final SnippetRunner A9 = new SnippetRunner(new dynvm.arm.ArmIsa(dynvm.arm.ArmCpuModel.CORTEX_A9));

    /** Traps on cortex-a9 (D16, VFPv3), though a wider model has it (so it disassembles). */
    static void assertTraps(String what, int word) {
        SnippetRunner.Result r = A9.run(new int[] {word}, (c, m) -> { });
        assertEquals("trap:4", r.stop(), what);
        r = A9.run(new int[] {A32Asm.cond(A32Asm.EQ, word)}, (c, m) -> setNzcv(c, 0));
        assertEquals("trap:4", r.stop(), what + " with a failing condition");
    }

    @Test
    void notInVfpV3D16() {
        assertTraps("vadd.f64 d16, d0, d1", vadd(true, 16, 0, 1));
        assertTraps("vadd.f64 d0, d17, d1", vadd(true, 0, 17, 1));
        assertTraps("vadd.f64 d0, d1, d31", vadd(true, 0, 1, 31));
        assertTraps("vcvt.f64.f32 d16, s0", vcvtFloat(true, 16, 0));
        assertTraps("vldr d16, [r0]", vldr(true, 16, 0, 0));
        assertTraps("vldmia r0, {d15-d16}", vldm(true, true, false, true, 0, 15, 4));
        assertTraps("vmov.32 d16[0], r0", vmovToScalar(16, 0, 0));
        assertTraps("vmov d16, r0, r1", vmovD(false, 16, 0, 1));
        assertTraps("vfma.f64 (VFPv4)", vfma(true, 0, 1, 2));
        assertTraps("vfma.f32 (VFPv4)", vfma(false, 0, 1, 2));
        assertTraps("vcvtb.f32.f16 (half precision)", vcvtb(0, 1));
        assertUndefined("vmrs r0, fpsid (privileged)", vmrsReg(0, 0));
        assertUndefined("vmrs r0, mvfr0", vmrsReg(7, 0));
        assertUndefined("vmrs r0, fpexc", vmrsReg(8, 0));
        assertUndefined("vmov.8 d0[1], r0 (Advanced SIMD)", vmovToScalar(0, 0, 0) | 1 << 22);
    }

    @Test
    void unpredictableFormsAreUndefined() {
        assertUndefined("vldmia r0, {d16-d32} (past d31)", vldm(true, true, false, true, 0, 16, 34));
        assertUndefined("vmov s0, pc", vmovToS(0, 15));
        assertUndefined("vmov r0, r0, d0", vmovD(true, 0, 0, 0));
        assertUndefined("vmov s31, s32, r0, r1", vmovTwoS(false, 31, 0, 1));
        assertUndefined("vldmia r0, {} (no registers)", vldm(true, true, false, true, 0, 0, 0));
        assertUndefined("vldmia r0, {d0-d16} (17 doubles)", vldm(true, true, false, true, 0, 0, 34));
        assertUndefined("vldmia r0, {s30-s32}", vldm(true, true, false, false, 0, 30, 3));
        assertUndefined("vldmia pc!, {d0}", vldm(true, true, true, true, 15, 0, 2));
        assertUndefined("vcvt.s16.f32 s0, s0, #17 (frac_bits < 0)", vcvtFixed(false, true, false, 16, 0, 16) & ~0x2f | 0x8 | 1 << 5);
        assertUndefined("vdiv with op = 1", vdiv(true, 0, 1, 2) | 1 << 6);
        assertUndefined("vcvt.f64.f32 with op = 0", vcvtFloat(true, 0, 1) & ~(1 << 7));
    }
}
