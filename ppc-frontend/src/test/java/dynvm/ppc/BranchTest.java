package dynvm.ppc;

import static dynvm.ppc.PpcAsm.b;
import static dynvm.ppc.PpcAsm.bc;
import static dynvm.ppc.PpcAsm.bcctr;
import static dynvm.ppc.PpcAsm.bclr;
import static dynvm.ppc.PpcAsm.li;
import static dynvm.ppc.PpcAsm.spr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** Branch semantics through both engines: every BO form, CTR decrement, LK and AA. */
class BranchTest extends PpcSnippets {
    private static final int BI = 6; // CR1.EQ

    /** The manual's condition: ctr_ok and cond_ok, with CTR already decremented when BO[2]=0. */
    private static boolean expectTaken(int bo, boolean crBit, int ctrAfter) {
        boolean ctrOk = (bo & 4) != 0 || ((ctrAfter != 0) != ((bo & 2) != 0));
        boolean condOk = (bo & 16) != 0 || (crBit == ((bo & 8) != 0));
        return ctrOk && condOk;
    }

    private static SnippetRunner.Result runWith(int[] words, boolean crBit, int ctr, int lr) {
        return run((c, m) -> {
            // the tested bit is CR1.EQ; the other bits of the field hold the opposite value
            set(c, PpcRegs.CR[1], crBit ? 2 : 0b1101);
            set(c, PpcRegs.CTR, ctr);
            set(c, PpcRegs.LR, lr);
        }, words);
    }

    @Test
    void bcEveryBoForm() {
        for (int bo = 0; bo < 32; bo++) {
            for (int bit = 0; bit < 2; bit++) {
                for (int ctr : new int[]{0, 1, 2}) {
                    // bc BO,6,+8 ; li r3,1 ; li r4,1
                    SnippetRunner.Result r = runWith(new int[]{bc(bo, BI, 8, 0, 0), li(3, 1), li(4, 1)}, bit == 1, ctr, 0);
                    int ctrAfter = (bo & 4) == 0 ? ctr - 1 : ctr;
                    String what = "bo=" + bo + " bit=" + bit + " ctr=" + ctr;
                    assertEquals(expectTaken(bo, bit == 1, ctrAfter) ? 0 : 1, gpr(r, 3), what);
                    assertEquals(1, gpr(r, 4), what);
                    assertEquals(ctrAfter, get(r, PpcRegs.CTR), what);
                    assertEquals("end", r.stop());
                }
            }
        }
    }

    @Test
    void bclrEveryBoForm() {
        int target = CODE + 8;
        for (int bo = 0; bo < 32; bo++) {
            for (int bit = 0; bit < 2; bit++) {
                for (int ctr : new int[]{0, 1, 2}) {
                    // low two bits of LR are ignored
                    SnippetRunner.Result r = runWith(new int[]{bclr(bo, BI, 0), li(3, 1), li(4, 1)}, bit == 1, ctr, target | 3);
                    int ctrAfter = (bo & 4) == 0 ? ctr - 1 : ctr;
                    String what = "bo=" + bo + " bit=" + bit + " ctr=" + ctr;
                    assertEquals(expectTaken(bo, bit == 1, ctrAfter) ? 0 : 1, gpr(r, 3), what);
                    assertEquals(ctrAfter, get(r, PpcRegs.CTR), what);
                }
            }
        }
    }

    @Test
    void bcctrEveryBoFormThatDoesNotDecrement() {
        for (int bo = 0; bo < 32; bo++) {
            for (int bit = 0; bit < 2; bit++) {
                SnippetRunner.Result r = runWith(new int[]{bcctr(bo, BI, 0), li(3, 1), li(4, 1)}, bit == 1, CODE + 8, 0);
                if ((bo & 4) == 0) {
                    assertEquals("trap:4", r.stop(), "bcctr with BO[2]=0 is an invalid form");
                    continue;
                }
                assertEquals(expectTaken(bo, bit == 1, CODE + 8) ? 0 : 1, gpr(r, 3), "bo=" + bo + " bit=" + bit);
                assertEquals(CODE + 8, get(r, PpcRegs.CTR));
            }
        }
    }

    @Test
    void unconditionalBranchesAndLink() {
        SnippetRunner.Result r = run(b(8, 0, 0), li(3, 1), li(4, 1));
        assertEquals(0, gpr(r, 3));
        assertEquals(1, gpr(r, 4));
        r = run(b(8, 0, 1), li(3, 1), li(4, 1));          // bl
        assertEquals(0, gpr(r, 3));
        assertEquals(CODE + 4, get(r, PpcRegs.LR));
        r = run(li(3, 1), b(0x100, 1, 1));                // bla 0x100 leaves the snippet
        assertEquals("end", r.stop());
        assertEquals(0x100, r.cpu().pc);
        assertEquals(CODE + 8, get(r, PpcRegs.LR));
        r = run(b(-0x10000, 0, 0));                       // backwards, out of the snippet
        assertEquals(CODE - 0x10000, r.cpu().pc);
        r = run(bc(20, 0, 0x200, 1, 0));                  // bca 20,0,0x200: absolute, always
        assertEquals(0x200, r.cpu().pc);
    }

    @Test
    void bclSetsLinkEvenWhenNotTaken() {
        // bcl 12,6,+8 with CR1.EQ clear: falls through, LR still = pc+4
        SnippetRunner.Result r = runWith(new int[]{bc(12, BI, 8, 0, 1), li(3, 1)}, false, 0, 0);
        assertEquals(1, gpr(r, 3));
        assertEquals(CODE + 4, get(r, PpcRegs.LR));
    }

    @Test
    void bclrlGoesToTheOldLink() {
        // blrl at CODE+4 with LR = CODE+12: jumps there and leaves LR = CODE+8
        SnippetRunner.Result r = runWith(new int[]{li(3, 1), bclr(20, 0, 1), li(4, 1), li(5, 1)}, false, 0, CODE + 12);
        assertEquals(1, gpr(r, 3));
        assertEquals(0, gpr(r, 4));
        assertEquals(1, gpr(r, 5));
        assertEquals(CODE + 8, get(r, PpcRegs.LR));
    }

    @Test
    void bctrlThroughCtr() {
        SnippetRunner.Result r = runWith(new int[]{bcctr(20, 0, 1), li(3, 1), li(4, 1)}, false, CODE + 9, 0);
        assertEquals(0, gpr(r, 3));
        assertEquals(1, gpr(r, 4));
        assertEquals(CODE + 4, get(r, PpcRegs.LR));
    }

    @Test
    void bdnzLoopCounts() {
        // li r3,0 ; li r4,5 ; mtctr r4 ; loop: addi r3,r3,3 ; bdnz loop
        SnippetRunner.Result r = run(li(3, 0), li(4, 5), spr(467, 4, 9), PpcAsm.addi(3, 3, 3), bc(16, 0, -4, 0, 0));
        assertEquals(15, gpr(r, 3));
        assertEquals(0, get(r, PpcRegs.CTR));
        assertEquals("end", r.stop());
    }

    @Test
    void countedLoopWithCompareBranch() {
        // sum 1..100 with cmpwi/blt: li r3,0; li r4,1; loop: add r3,r3,r4; addi r4,r4,1; cmpwi r4,101; blt loop
        SnippetRunner.Result r = run(li(3, 0), li(4, 1), PpcAsm.xo(3, 3, 4, 0, 266, 0), PpcAsm.addi(4, 4, 1),
                PpcAsm.d(11, 0, 4, 101), bc(12, 0, -12, 0, 0));
        assertEquals(5050, gpr(r, 3));
        assertEquals(0b1010 & 2 | 2, cr(r, 0)); // r4 == 101 at the end: EQ
    }
}
