package dynvm.ppc;

import static dynvm.ppc.PpcAsm.d;
import static dynvm.ppc.PpcAsm.li;
import static dynvm.ppc.PpcAsm.x;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.ir.IrEmitter;
import dynvm.ir.Terminal;
import dynvm.spi.Services;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** System call, cache, synchronisation, trap and privileged instructions. */
class SystemOpsTest extends PpcSnippets {

    @Test
    void scIsASyscallServiceContinuingAfterIt() {
        SnippetRunner.Result r = run(li(0, 4), PpcAsm.SC, li(3, 9));
        assertEquals("service:" + Services.SYSCALL, r.stop());
        assertEquals(4, gpr(r, 0));
        assertEquals(0, gpr(r, 3));
        Terminal.ServiceCall t = (Terminal.ServiceCall) lower(PpcAsm.SC, 0x1000);
        assertEquals(0x1004, t.nextPc());
    }

    @Test
    void syncEieioIsyncAndCacheHintsAreNoOps() {
        SnippetRunner.Result r = run(x(31, 0, 0, 0, 598, 0), x(31, 0, 0, 0, 854, 0), PpcAsm.xl(0, 0, 0, 150),
                x(31, 0, 3, 4, 86, 0), x(31, 0, 3, 4, 54, 0), x(31, 0, 3, 4, 278, 0), x(31, 0, 3, 4, 246, 0),
                x(31, 1, 0, 0, 598, 0), li(3, 5));   // lwsync too
        assertEquals("end", r.stop());
        assertEquals(5, gpr(r, 3));
    }

    @Test
    void dcbzZeroesTheAlignedBlock() {
        SnippetRunner.Result r = run((c, m) -> {
                    for (int i = 0; i < 96; i += 4) m.store32be(DATA + i, -1);
                    setGpr(c, 4, DATA);
                    setGpr(c, 5, 0x25);
                },
                x(31, 0, 4, 5, 1014, 0));    // dcbz r4,r5 -> block DATA+0x20..0x3f
        for (int i = 0; i < 96; i += 4)
            assertEquals(i >= 0x20 && i < 0x40 ? 0 : -1, r.mem().load32be(DATA + i), "offset " + i);
    }

    @Test
    void icbiInvalidatesTheBlock() {
        SnippetRunner.Result r = run((c, m) -> setGpr(c, 4, DATA + 0x47), x(31, 0, 0, 4, 982, 0));
        assertEquals("service:" + Services.ICACHE_INVALIDATE, r.stop());
        Terminal.ServiceCall t = (Terminal.ServiceCall) lower(x(31, 0, 0, 4, 982, 0), 0x1000);
        assertEquals(2, t.args().length);
        assertEquals(0x1004, t.nextPc());
    }

    @Test
    void unconditionalTrapIsSigtrapAtTheInstruction() {
        SnippetRunner.Result r = run(li(3, 1), x(31, 31, 0, 0, 4, 0));   // trap
        assertEquals("trap:5", r.stop());
        assertEquals(CODE + 4, r.cpu().pc);
        assertEquals(1, gpr(r, 3));
    }

    @Test
    void trapNeverIsANoOp() {
        SnippetRunner.Result r = run(d(3, 0, 3, 0), li(3, 1));           // twi 0,r3,0
        assertEquals("end", r.stop());
        assertEquals(1, gpr(r, 3));
    }

    @Test
    void conditionalTrapCarriesItsCondition() {
        // tweq r3,r4 ends the block with the BREAKPOINT service; the engine decides from the operand
        assertEquals("service:" + Services.BREAKPOINT, run(x(31, 4, 3, 4, 4, 0)).stop());
        IrEmitter e = new IrEmitter(PpcRegs.FILE);
        new PpcDecoder().lower(0x1000, 0, PpcTableTest.word(d(3, 12, 3, 0)), e);  // twgei r3,0 (TO = lt? no: 12 = gt|eq)
        Terminal.ServiceCall t = (Terminal.ServiceCall) e.terminal();
        assertEquals(Services.BREAKPOINT, t.service());
        assertEquals(0x1004, t.nextPc());
        assertEquals(1, t.args().length);
        assertEquals(dynvm.ir.Type.I32, e.typeOf(t.args()[0]));
        // a TO covering every signed outcome is unconditional
        assertTrue(lower(d(3, 28, 3, 0), 0x1000) instanceof Terminal.Trap);
    }

    @Test
    void privilegedInstructionsAreSigill() {
        int[] words = {x(31, 3, 0, 0, 83, 0), x(31, 3, 0, 0, 146, 0), x(31, 0, 0, 4, 470, 0), PpcAsm.xl(0, 0, 0, 50),
                x(31, 0, 0, 4, 306, 0)};
        for (int w : words) {
            SnippetRunner.Result r = run(li(3, 1), w);
            assertEquals("trap:4", r.stop(), PpcDecoder.disassemble(w, 0));
            assertEquals(CODE + 4, r.cpu().pc);
            Terminal.Trap t = (Terminal.Trap) lower(w, 0x1000);
            assertEquals("privileged instruction", t.reason());
        }
    }

    @Test
    void illegalInstructionIsSigillAtItsPc() {
        SnippetRunner.Result r = run(li(3, 1), 0);
        assertEquals("trap:4", r.stop());
        assertEquals(CODE + 4, r.cpu().pc);
        assertArrayEquals(new int[]{1}, new int[]{gpr(r, 3)});
    }

    private static Terminal lower(int word, int pc) {
        IrEmitter e = new IrEmitter(PpcRegs.FILE);
        new PpcDecoder().lower(pc, 0, PpcTableTest.word(word), e);
        return e.terminal();
    }
}
