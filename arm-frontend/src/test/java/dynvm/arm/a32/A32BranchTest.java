package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.arm.ArmSnippets;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** Branches and interworking through both engines. */
class A32BranchTest extends ArmSnippets {
    /** Two Thumb instructions in one word: movs r0, #5; movs r1, #6. */
    private static final int THUMB_PAIR = 0x21062005;

    @Test
    void branchForwardAndBackward() {
        // b +1 word skips one instruction; a countdown loop with subs / bne
        SnippetRunner.Result r = run(b(0), movImm(0, 1), movImm(1, 2));
        assertEquals(0, reg(r, 0));
        assertEquals(2, reg(r, 1));
        r = run(movImm(0, 10), movImm(1, 0), dpImm(ADD, false, 1, 1, 3, 0), dpImm(SUB, true, 0, 0, 1, 0), cond(NE, b(-4)));
        assertEquals(0, reg(r, 0));
        assertEquals(30, reg(r, 1));
    }

    @Test
    void conditionalBranchLinkOnlyLinksWhenTaken() {
        SnippetRunner.Result r = run((c, m) -> { setReg(c, LR, 7); setNzcv(c, 0); }, cond(EQ, bl(0)), movImm(0, 1));
        assertEquals(7, reg(r, LR));
        assertEquals(1, reg(r, 0));
        r = run((c, m) -> { setReg(c, LR, 7); setNzcv(c, 4); }, cond(EQ, bl(0)), movImm(0, 1), movImm(2, 2));
        assertEquals(CODE + 4, reg(r, LR));
        assertEquals(0, reg(r, 0));
        assertEquals(2, reg(r, 2));
    }

    @Test
    void bxToThumbSetsTAndRunsThumbCode() {
        SnippetRunner.Result r = run((c, m) -> setReg(c, 3, CODE + 9), bx(3), movImm(0, 1), THUMB_PAIR);
        assertEquals("end", r.stop());
        assertEquals(1, get(r, ArmRegs.T));
        assertEquals(5, reg(r, 0));
        assertEquals(6, reg(r, 1));
        assertEquals(CODE + 12, r.cpu().pc);
        // bx to an even address stays in ARM state; blx r3 links pc+4
        r = run((c, m) -> setReg(c, 3, 0x1000), blx(3));
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(0x1000, r.cpu().pc);
        assertEquals(CODE + 4, reg(r, LR));
        // blx lr: the target is read before lr is written
        r = run((c, m) -> setReg(c, LR, 0x2001), blx(LR));
        assertEquals(0x2000, r.cpu().pc);
        assertEquals(1, get(r, ArmRegs.T));
        assertEquals(CODE + 4, reg(r, LR));
    }

    @Test
    void conditionalBxNotTakenFallsThrough() {
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 3, 0x1001); setNzcv(c, 0); }, cond(EQ, bx(3)), movImm(0, 1));
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(1, reg(r, 0));
        assertEquals(CODE + 8, r.cpu().pc);
    }

    @Test
    void blxImmediateAlwaysEntersThumb() {
        // blx to pc+8+0*4+2 (H=1) = CODE+10: the second halfword of THUMB_PAIR (movs r1, #6)
        SnippetRunner.Result r = run(blxImm(0, 1), NOP, THUMB_PAIR);
        assertEquals(1, get(r, ArmRegs.T));
        assertEquals(CODE + 4, reg(r, LR));
        assertEquals(0, reg(r, 0));
        assertEquals(6, reg(r, 1));
    }

    /** LDR and LDM to pc interwork (ARMv5T LoadWritePC). */
    @Test
    void loadsToPcInterwork() {
        SnippetRunner.Result r = run((c, m) -> { m.store32le(DATA, 0x3001); setReg(c, 1, DATA); }, ldr(PC, 1, 0));
        assertEquals(0x3000, r.cpu().pc);
        assertEquals(1, get(r, ArmRegs.T));
        r = run((c, m) -> { m.store32le(DATA, 7); m.store32le(DATA + 4, 0x4000); setReg(c, SP, DATA); },
                ldm(true, false, true, true, SP, 1 << 4 | 1 << PC));          // pop {r4, pc}
        assertEquals(7, reg(r, 4));
        assertEquals(0x4000, r.cpu().pc);
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(DATA + 8, reg(r, SP));
    }
}
