package dynvm.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmRegs;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.ir.Terminal;
import dynvm.microkernel.mem.MemoryFault;
import org.junit.jupiter.api.Test;

/** The decoder's contract: lengths, pairing of BL halves, terminals, trap reasons, disassembly. */
class ThumbDecoderTest {
    private static final int BASE = ThumbCode.BASE;

    private static IrEmitter emitter() { return new IrEmitter(ArmRegs.FILE); }

    @Test
    void pairIsOneFourByteInstructionEndingInALinkedJump() {
        IrEmitter e = emitter();
        int[] bl = ThumbAsm.bl(0x100);
        assertEquals(4, ThumbDecoder.lower(BASE, 1, new ThumbCode(bl[0], bl[1]), e));
        assertEquals(new Terminal.Jump(BASE + 4 + 0x100), e.terminal());
        assertEquals("bl 0x8104", ThumbDecoder.disassemble(BASE, 1, new ThumbCode(bl[0], bl[1])));
    }

    @Test
    void blxPairEndsIndirectlySoTheDispatcherSeesT() {
        IrEmitter e = emitter();
        int[] blx = ThumbAsm.blxImm(0x100);
        assertEquals(4, ThumbDecoder.lower(BASE + 2, 1, new ThumbCode(ThumbAsm.NOP, blx[0], blx[1]), e));
        assertInstanceOf(Terminal.IndirectJump.class, e.terminal());
        assertEquals("blx 0x8104", ThumbDecoder.disassemble(BASE + 2, 1, new ThumbCode(ThumbAsm.NOP, blx[0], blx[1])), "Align(0x8006 + 0x100, 4)");
    }

    @Test
    void aWideInstructionFetchesItsSecondHalfBeforeEmittingAnything() {
        IrEmitter e = emitter();
        assertThrows(MemoryFault.class, () -> ThumbDecoder.lower(BASE, 1, new ThumbCode(ThumbAsm.blPrefix(0x1000)), e));
        assertTrue(e.ops().isEmpty(), "nothing emitted");
        // ARMv7: a BL prefix followed by anything is one 32-bit instruction (here udf.w: SIGILL)
        IrEmitter e2 = emitter();
        assertEquals(4, ThumbDecoder.lower(BASE, 1, new ThumbCode(0xf7f0, 0xa005), e2));
        assertEquals(GuestException.UNDEFINED_INSTRUCTION, assertInstanceOf(Terminal.Trap.class, e2.terminal()).kind());
    }

    @Test
    void undefinedHalfwordTrapsWithSigillNamingIt() {
        IrEmitter e = emitter();
        assertEquals(2, ThumbDecoder.lower(BASE, 1, new ThumbCode(0xb800), e));
        Terminal.Trap t = assertInstanceOf(Terminal.Trap.class, e.terminal());
        assertEquals(GuestException.UNDEFINED_INSTRUCTION, t.kind());
        assertEquals(BASE, t.pc());
        assertTrue(t.reason().contains("0xb800"), t.reason());
    }

    @Test
    void svcIsASyscallServiceResumingAfterIt() {
        IrEmitter e = emitter();
        ThumbDecoder.lower(BASE, 1, new ThumbCode(ThumbAsm.svc(0)), e);
        Terminal.ServiceCall s = assertInstanceOf(Terminal.ServiceCall.class, e.terminal());
        assertEquals(dynvm.spi.Services.SYSCALL, s.service());
        assertEquals(BASE + 2, s.nextPc());
    }

    @Test
    void armDecoderDispatchesOnTheTBit() {
        ArmDecoder d = new ArmDecoder();
        ThumbCode code = new ThumbCode(ThumbAsm.movImm(0, 1), ThumbAsm.NOP);
        assertEquals(2, d.lower(BASE, 1, code, emitter()));
        assertEquals("movs r0, #1", d.disassemble(BASE, 1, code));
    }
}
