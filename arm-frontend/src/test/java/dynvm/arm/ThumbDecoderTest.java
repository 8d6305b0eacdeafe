package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.ir.IrEmitter;
import dynvm.ir.Terminal;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.MemoryPort;
import org.junit.jupiter.api.Test;

/** The decoder's contract: lengths, pairing of BL halves, terminals, trap reasons, disassembly. */
class ThumbDecoderTest {
    private static final int BASE = 0x8000;

    /** Little-endian halfwords at BASE; anything else faults like unmapped memory. */
    private record Code(int... hws) implements MemoryPort {
        private int at(int a) {
            int i = (a - BASE) / 2;
            if (a < BASE || i >= hws.length || (a & 1) != 0) throw new MemoryFault(a, false);
            return hws[i] & 0xffff;
        }
        @Override public int load8(int a) { throw new UnsupportedOperationException(); }
        @Override public int load16(int a) { return at(a); }
        @Override public int load32(int a) { return at(a) | at(a + 2) << 16; }
        @Override public long load64(int a) { throw new UnsupportedOperationException(); }
        @Override public void store8(int a, int v) { throw new UnsupportedOperationException(); }
        @Override public void store16(int a, int v) { throw new UnsupportedOperationException(); }
        @Override public void store32(int a, int v) { throw new UnsupportedOperationException(); }
        @Override public void store64(int a, long v) { throw new UnsupportedOperationException(); }
    }

    private static IrEmitter emitter() { return new IrEmitter(ArmRegs.FILE); }

    @Test
    void pairIsOneFourByteInstructionEndingInALinkedJump() {
        IrEmitter e = emitter();
        int[] bl = ThumbAsm.bl(0x100);
        assertEquals(4, ThumbDecoder.lower(BASE, 1, new Code(bl[0], bl[1]), e));
        assertEquals(new Terminal.Jump(BASE + 4 + 0x100), e.terminal());
        assertEquals("bl 0x8104", ThumbDecoder.disassemble(BASE, 1, new Code(bl[0], bl[1])));
    }

    @Test
    void blxPairEndsIndirectlySoTheDispatcherSeesT() {
        IrEmitter e = emitter();
        int[] blx = ThumbAsm.blxImm(0x100);
        assertEquals(4, ThumbDecoder.lower(BASE + 2, 1, new Code(ThumbAsm.NOP, blx[0], blx[1]), e));
        assertInstanceOf(Terminal.IndirectJump.class, e.terminal());
        assertEquals("blx 0x8104", ThumbDecoder.disassemble(BASE + 2, 1, new Code(ThumbAsm.NOP, blx[0], blx[1])), "Align(0x8006 + 0x100, 4)");
    }

    @Test
    void aWideInstructionFetchesItsSecondHalfBeforeEmittingAnything() {
        IrEmitter e = emitter();
        assertThrows(MemoryFault.class, () -> ThumbDecoder.lower(BASE, 1, new Code(ThumbAsm.blPrefix(0x1000)), e));
        assertTrue(e.ops().isEmpty(), "nothing emitted");
        // ARMv7: a BL prefix followed by anything is one 32-bit instruction (here udf.w: SIGILL)
        IrEmitter e2 = emitter();
        assertEquals(4, ThumbDecoder.lower(BASE, 1, new Code(0xf7f0, 0xa005), e2));
        assertEquals(4, assertInstanceOf(Terminal.Trap.class, e2.terminal()).signal());
    }

    @Test
    void undefinedHalfwordTrapsWithSigillNamingIt() {
        IrEmitter e = emitter();
        assertEquals(2, ThumbDecoder.lower(BASE, 1, new Code(0xb800), e));
        Terminal.Trap t = assertInstanceOf(Terminal.Trap.class, e.terminal());
        assertEquals(4, t.signal());
        assertEquals(BASE, t.pc());
        assertTrue(t.reason().contains("0xb800"), t.reason());
    }

    @Test
    void svcIsASyscallServiceResumingAfterIt() {
        IrEmitter e = emitter();
        ThumbDecoder.lower(BASE, 1, new Code(ThumbAsm.svc(0)), e);
        Terminal.ServiceCall s = assertInstanceOf(Terminal.ServiceCall.class, e.terminal());
        assertEquals(dynvm.spi.Services.SYSCALL, s.service());
        assertEquals(BASE + 2, s.nextPc());
    }

    @Test
    void armDecoderDispatchesOnTheTBit() {
        ArmDecoder d = new ArmDecoder();
        Code code = new Code(ThumbAsm.movImm(0, 1), ThumbAsm.NOP);
        assertEquals(2, d.lower(BASE, 1, code, emitter()));
        assertEquals("movs r0, #1", d.disassemble(BASE, 1, code));
    }
}
