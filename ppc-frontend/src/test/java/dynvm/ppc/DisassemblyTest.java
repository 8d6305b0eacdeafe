package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.disasm.Disassembly;
import org.junit.jupiter.api.Test;

class DisassemblyTest {
    private static final byte[] ADDI = {0x38, 0x61, 0x00, 0x10};

    @Test
    void ownPrinterWithoutCapstone() {
        try (Disassembly d = Disassembly.ownOnly()) {
            assertEquals("addi r3,r1,16", d.disassemble(new PpcIsa(), ADDI, 0x10000000));
            assertEquals(".long 0x00000000", d.disassemble(new PpcIsa(), new byte[4], 0));
            assertEquals("(truncated)", d.disassemble(new PpcIsa(), new byte[2], 0));
        }
    }

    @Test
    void capstoneTextWhenInstalled() {
        try (Disassembly d = Disassembly.create()) {
            assumeTrue(d.usesCapstone(), "libcapstone not installed: capstone disassembly not checked");
            assertEquals("addi r3, r1, 0x10", d.disassemble(new PpcIsa(), ADDI, 0x10000000));
            assertEquals(".long 0x00000000", d.disassemble(new PpcIsa(), new byte[4], 0), "invalid for capstone: our printer");
        }
    }
}
