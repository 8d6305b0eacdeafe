package dynvm.translator.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.spi.DisassemblyTarget;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapstoneTest {
    // capstone.h numbers, as the front-ends name them (this module sees none of the front-ends)
    private static final DisassemblyTarget PPC32_BE = new DisassemblyTarget(4, 1 << 2 | 1 << 31),
            A32 = new DisassemblyTarget(0, 0), THUMB = new DisassemblyTarget(0, 1 << 4);

    private static Capstone capstone() {
        Optional<Capstone> cs = Capstone.load();
        assumeTrue(cs.isPresent(), "libcapstone (4 or 5) not installed: apt-get install libcapstone4");
        return cs.get();
    }

    @Test
    void decodesEachTarget() {
        try (Capstone cs = capstone()) {
            Capstone.Insn addi = cs.decode(PPC32_BE, new byte[] {0x38, 0x61, 0x00, 0x10}, 0, 0x10000000L).orElseThrow();
            assertEquals(4, addi.size());
            assertEquals("addi", addi.mnemonic());
            assertEquals("r3, r1, 0x10", addi.operands());
            // e0810002 add r0, r1, r2
            Capstone.Insn add = cs.decode(A32, new byte[] {0x02, 0x00, (byte) 0x81, (byte) 0xe0}, 0, 0x8000).orElseThrow();
            assertEquals("add r0, r1, r2", add.text());
            // 1888 adds r0, r1, r2
            Capstone.Insn adds = cs.decode(THUMB, new byte[] {(byte) 0x88, 0x18}, 0, 0x8000).orElseThrow();
            assertEquals(2, adds.size());
            assertEquals("adds", adds.mnemonic());
        }
    }

    @Test
    void invalidIsEmptyAndStreamsStopThere() {
        try (Capstone cs = capstone()) {
            assertTrue(cs.decode(PPC32_BE, new byte[4], 0, 0).isEmpty());
            assertTrue(cs.decode(A32, new byte[] {1, 2}, 0, 0).isEmpty(), "truncated");
            byte[] code = {0x38, 0x61, 0x00, 0x10, 0x4e, (byte) 0x80, 0x00, 0x20, 0, 0, 0, 0};
            List<Capstone.Insn> l = cs.disassemble(PPC32_BE, code, 0x1000, 10);
            assertEquals(2, l.size());
            assertEquals("blr", l.get(1).text());
        }
    }

    @Test
    void closedInstanceRefuses() {
        Capstone cs = capstone();
        cs.close();
        cs.close();
        try {
            cs.decode(A32, new byte[4], 0, 0);
            throw new AssertionError("expected IllegalStateException");
        } catch (IllegalStateException expected) { }
    }
}
