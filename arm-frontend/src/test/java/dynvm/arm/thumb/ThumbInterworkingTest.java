package dynvm.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.arm.a32.A32Asm;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** ARM and Thumb code calling each other through BX, BLX (register and immediate) and back. */
class ThumbInterworkingTest extends ThumbSnippets {
    /** Two Thumb halfwords as one word, the first at the lower address. */
    private static int thumb(int first, int second) { return ThumbAsm.words(first, second)[0]; }

    @Test
    void armBxIntoThumbAndThumbBxPcBack() {
        int[] words = {
                A32Asm.dpImm(A32Asm.ADD, false, 1, 15, 5, 0),   // 0: r1 = CODE + 8 + 5 (word 3, Thumb)
                A32Asm.movImm(0, 1),                              // 4
                A32Asm.bx(1),                                     // 8
                thumb(ThumbAsm.movImm(2, 2), ThumbAsm.NOP),       // 12: Thumb
                thumb(ThumbAsm.bx(15), ThumbAsm.NOP),             // 16: bx pc -> ARM at 20
                A32Asm.movImm(3, 3),                              // 20: ARM again
                A32Asm.blxImm(1, 0),                              // 24: blx to 36 (Thumb), lr = 28
                A32Asm.movImm(5, 5),                              // 28: the Thumb function returns here
                A32Asm.b(0),                                      // 32: to 40 = end
                thumb(ThumbAsm.movImm(6, 6), ThumbAsm.bx(14)),    // 36: Thumb function: bx lr to ARM
        };
        SnippetRunner.Result r = runArm((c, m) -> { }, words);
        assertEquals("end", r.stop());
        assertEquals(CODE + 40, r.cpu().pc);
        for (int i : new int[]{0, 2, 3, 5, 6}) assertEquals(i == 0 ? 1 : i, reg(r, i), "r" + i);
        assertEquals(CODE + 13, reg(r, 1));
        assertEquals(CODE + 28, reg(r, 14));
        assertEquals(0, get(r, ArmRegs.T));
    }

    @Test
    void thumbBlxCallsArmWhichReturnsWithBxLr() {
        int[] words = {
                ThumbAsm.words(ThumbAsm.blxImm(4))[0],                    // 0: blx to Align(4 + 4, 4) = 8
                thumb(ThumbAsm.movImm(1, 1), ThumbAsm.b(6)),               // 4: back here in Thumb; b to 16 = end
                A32Asm.movImm(2, 2),                                        // 8: ARM function
                A32Asm.bx(14),                                              // 12: lr = CODE + 5 -> Thumb
        };
        SnippetRunner.Result r = runArm((c, m) -> set(c, ArmRegs.T, 1), words);
        assertEquals("end", r.stop());
        assertEquals(CODE + 16, r.cpu().pc);
        assertEquals(1, reg(r, 1));
        assertEquals(2, reg(r, 2));
        assertEquals(CODE + 5, reg(r, 14));
        assertEquals(1, get(r, ArmRegs.T));
    }

    @Test
    void thumbBlxRegisterToArmAndPopPcBackToThumb() {
        // the ARM function saves lr with STMDB and returns with LDMIA to pc, which interworks (ARMv5T)
        int[] words = {
                thumb(ThumbAsm.blx(4), ThumbAsm.movImm(3, 3)),               // 0: blx r4 (ARM at 8); 2: back here
                thumb(ThumbAsm.b(8), ThumbAsm.NOP),                          // 4: b to 16 = end
                A32Asm.ldm(false, true, false, true, 13, 1 << 14),          // 8: stmdb sp!, {lr}
                A32Asm.ldm(true, false, true, true, 13, 1 << 15),           // 12: ldmia sp!, {pc}
        };
        SnippetRunner.Result r = runArm((c, m) -> { set(c, ArmRegs.T, 1); setReg(c, 4, CODE + 8); }, words);
        assertEquals("end", r.stop());
        assertEquals(CODE + 16, r.cpu().pc);
        assertEquals(3, reg(r, 3));
        assertEquals(CODE + 3, reg(r, 14));
        assertEquals(DATA - 16, reg(r, 13));
        assertEquals(1, get(r, ArmRegs.T));
    }
}
