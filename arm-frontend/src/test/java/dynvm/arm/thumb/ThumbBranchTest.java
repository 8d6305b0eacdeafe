package dynvm.arm.thumb;

import static dynvm.arm.thumb.ThumbAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** Thumb branches through both engines: every condition, B, BL/BLX pairs and halves, BX/BLX, SVC, BKPT, undefined. */
class ThumbBranchTest extends ThumbSnippets {
    /** The ARM ARM's condition table, over N Z C V bits. */
    private static boolean passes(int cond, int f) {
        boolean n = (f & 8) != 0, z = (f & 4) != 0, c = (f & 2) != 0, v = (f & 1) != 0;
        return switch (cond) {
            case EQ -> z; case NE -> !z; case CS -> c; case CC -> !c; case MI -> n; case PL -> !n;
            case VS -> v; case VC -> !v; case HI -> c && !z; case LS -> !c || z;
            case GE -> n == v; case LT -> n != v; case GT -> !z && n == v; case LE -> z || n != v;
            default -> throw new IllegalArgumentException();
        };
    }

    @Test
    void everyConditionAgainstEveryFlagCombination() {
        for (int cond = 0; cond < 14; cond++) {
            for (int f = 0; f < 16; f++) {
                int flags = f;
                // b<cond> over one instruction; mov r2, r8 and mov r3, r8 do not touch the flags
                SnippetRunner.Result r = run((c, m) -> { setNzcv(c, flags); setReg(c, 8, 1); },
                        bcond(cond, 0), movHi(2, 8), movHi(3, 8));
                String what = "cond=" + cond + " nzcv=" + f;
                assertEquals(passes(cond, f) ? 0 : 1, reg(r, 2), what);
                assertEquals(1, reg(r, 3), what);
                assertEquals(f, nzcv(r), what);
                assertEquals("end", r.stop());
            }
        }
    }

    @Test
    void backwardConditionalBranchLoops() {
        // 0: movs r0,#5 ; 2: adds r1,#3 ; 4: subs r0,#1 ; 6: bne 2 (off = 2 - 10 = -8)
        SnippetRunner.Result r = run(movImm(0, 5), addImm8(1, 3), subImm8(0, 1), bcond(NE, -8));
        assertEquals(0, reg(r, 0));
        assertEquals(15, reg(r, 1));
        assertEquals(1 + 5 * 3, r.cpu().insnCount, "movs, then five rounds of adds, subs, bne");
    }

    @Test
    void unconditionalBranchBothWays() {
        // 0: b 6 ; 2: movs r0,#1 ; 4: b 8 ; 6: b 4 ; 8: (end)
        SnippetRunner.Result r = run(b(2), movImm(0, 1), b(0), b(-6));
        assertEquals(0, reg(r, 0));
        assertEquals("end", r.stop());
        assertEquals(CODE + 8, r.cpu().pc);
    }

    @Test
    void condition1110IsUdfAnd1111IsSvc() {
        SnippetRunner.Result r = run(0xde05);
        assertEquals("trap:4", r.stop());
        assertEquals(CODE, r.cpu().pc);
        r = run(movImm(7, 4), svc(0));
        assertEquals("service:1", r.stop());
        assertEquals(CODE + 4, r.cpu().pc, "resumes after the svc");
        assertEquals(4, reg(r, 7));
    }

    @Test
    void bkptTrapsAndTheArmv7HolesAreUndefined() {
        assertEquals("trap:5", run(movImm(0, 1), bkpt(3)).stop());
        for (int hw : new int[]{0xb600, 0xb700, 0xb800, 0xba80, 0xb640, 0xb668, 0x4701}) {
            SnippetRunner.Result r = run(movImm(0, 1), hw);
            assertEquals("trap:4", r.stop(), Integer.toHexString(hw));
            assertEquals(CODE + 2, r.cpu().pc);
            assertEquals(1, reg(r, 0));
        }
    }

    @Test
    void blPairLinksAndBranches() {
        // 0: bl 6 (off 2) ; 4: movs r0,#1 ; 6: movs r2,#1
        SnippetRunner.Result r = run(seq(bl(2), movImm(0, 1), movImm(2, 1)));
        assertEquals(0, reg(r, 0));
        assertEquals(1, reg(r, 2));
        assertEquals(CODE + 4 + 1, reg(r, 14));
        assertEquals(1, get(r, ArmRegs.T));
        assertEquals(2, r.cpu().insnCount, "the pair is one instruction, then movs r2");
        // a far backward BL leaves the snippet at the exact target
        r = run(seq(bl(-0x400000)));
        assertEquals(CODE + 4 - 0x400000, r.cpu().pc);
        assertEquals("end", r.stop());
    }

    @Test
    void blxPairEntersArmStateWordAligned() {
        // at CODE + 2: target = Align(CODE + 6 + 0x100, 4) = CODE + 0x104
        SnippetRunner.Result r = run(seq(NOP, blxImm(0x100)));
        assertEquals(CODE + 0x104, r.cpu().pc);
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(CODE + 6 + 1, reg(r, 14));
    }

    @Test
    void bxAndBlxRegisterInterwork() {
        // bx r0 with bit 0 set stays in Thumb
        SnippetRunner.Result r = run((c, m) -> setReg(c, 0, CODE + 6 + 1), bx(0), movImm(1, 1), movImm(2, 1), movImm(3, 1));
        assertEquals(0, reg(r, 1));
        assertEquals(0, reg(r, 2));
        assertEquals(1, reg(r, 3));
        assertEquals(1, get(r, ArmRegs.T));
        // bx to ARM
        r = run((c, m) -> setReg(c, 0, 0x30000000), bx(0));
        assertEquals(0x30000000, r.cpu().pc);
        assertEquals(0, get(r, ArmRegs.T));
        // bx pc: pc + 4, bit 0 clear -> ARM state at CODE + 4
        r = run(bx(15), NOP);
        assertEquals(CODE + 4, r.cpu().pc);
        assertEquals(0, get(r, ArmRegs.T));
        // blx r3 links to the next instruction with bit 0 set
        r = run((c, m) -> setReg(c, 3, CODE + 0x200 + 1), NOP, blx(3));
        assertEquals(CODE + 0x200, r.cpu().pc);
        assertEquals(CODE + 4 + 1, reg(r, 14));
        assertEquals(1, get(r, ArmRegs.T));
        // blx lr reads lr before writing it
        r = run((c, m) -> setReg(c, 14, 0x40000000), blx(14));
        assertEquals(0x40000000, r.cpu().pc);
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(CODE + 2 + 1, reg(r, 14));
    }
}
