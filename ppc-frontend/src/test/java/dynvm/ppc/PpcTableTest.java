package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.ir.Terminal;
import dynvm.spi.MemoryPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PpcTableTest {
    private static final List<PpcRow> ROWS = PpcTable.ROWS;

    /** Two rows overlap when some word matches both: they agree on every bit both masks fix. */
    private static boolean overlap(PpcRow a, PpcRow b) {
        return ((a.match() ^ b.match()) & a.mask() & b.mask()) == 0;
    }

    @Test
    void everyOverlapIsResolvedBySpecificity() {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++) {
            for (int j = i + 1; j < ROWS.size(); j++) {
                PpcRow a = ROWS.get(i), b = ROWS.get(j);
                if (!overlap(a, b)) continue;
                // a comes first, so it must be strictly more specific and fix every bit b fixes
                boolean nested = (a.mask() & b.mask()) == b.mask() && a.mask() != b.mask();
                if (!nested) bad.add(a.name() + " / " + b.name());
            }
        }
        assertTrue(bad.isEmpty(), "undeclared overlaps: " + bad);
    }

    @Test
    void rowsAreSortedBySpecificity() {
        for (int i = 1; i < ROWS.size(); i++)
            assertTrue(Integer.bitCount(ROWS.get(i - 1).mask()) >= Integer.bitCount(ROWS.get(i).mask()));
    }

    @Test
    void everyRowsOwnEncodingDecodesToItself() {
        for (PpcRow r : ROWS) {
            assertEquals(r.match(), r.match() & r.mask(), r.name() + ": match bits outside the mask");
            assertSame(r, PpcDecoder.find(r.match()), r.name());
        }
    }

    @Test
    void namesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (PpcRow r : ROWS) assertTrue(seen.add(r.name()), "duplicate row " + r.name());
        assertTrue(ROWS.size() > 200, "table has " + ROWS.size() + " rows");
    }

    @Test
    void indexedLookupAgreesWithLinearScan() {
        Random rnd = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            int w = rnd.nextInt();
            if ((n & 1) == 0) { // bias towards the crowded opcodes
                int[] ops = {19, 31, 31, 59, 63};
                w = (w & 0x03ffffff) | ops[n % 5] << 26;
            }
            PpcRow linear = null;
            for (PpcRow r : ROWS) if (r.matches(w)) { linear = r; break; }
            assertSame(linear, PpcDecoder.find(w), String.format("0x%08x", w));
        }
    }

    @Test
    void knownEncodingsDecode() {
        assertEquals("addi", PpcDecoder.find(0x38610010).name());   // addi r3,r1,16
        assertEquals("stwu", PpcDecoder.find(0x9421fff0).name());   // stwu r1,-16(r1)
        assertEquals("bclr", PpcDecoder.find(0x4e800020).name());   // blr
        assertEquals("mfspr", PpcDecoder.find(0x7c0802a6).name());  // mflr r0
        assertEquals("or", PpcDecoder.find(0x7c641b78).name());     // mr r4,r3
        assertEquals("rlwinm.", PpcDecoder.find(0x5463063f).name());
        assertEquals("stwcx.", PpcDecoder.find(0x7d20192d).name());
        assertEquals("lwarx", PpcDecoder.find(0x7d201828).name());
        assertEquals("sc", PpcDecoder.find(0x44000002).name());
        assertEquals("addo.", PpcDecoder.find(PpcAsm.xo(3, 4, 5, 1, 266, 1)).name());
        assertEquals("bcctrl", PpcDecoder.find(0x4e800421).name());
        assertNull(PpcDecoder.find(0x00000000));
        assertNull(PpcDecoder.find(0x7d20192c));                     // stwcx without Rc
    }

    @Test
    void disassemblesFromTheSyntax() {
        assertEquals("addi r3,r1,16", PpcDecoder.disassemble(0x38610010, 0x10000000));
        assertEquals("blt 0x10000010", PpcDecoder.disassemble(PpcAsm.bc(12, 0, 0x10, 0, 0), 0x10000000));
        assertEquals("stwu r1,-16(r1)", PpcDecoder.disassemble(0x9421fff0, 0));
        assertEquals("b 0x0fffff00", PpcDecoder.disassemble(PpcAsm.b(-0x100, 0, 0), 0x10000000));
        assertEquals("cmpw cr7,r3,r4", PpcDecoder.disassemble(PpcAsm.x(28, 3, 4, 0), 0));
        assertEquals("slwi r3,r4,2", PpcDecoder.disassemble(PpcAsm.m(21, 4, 3, 2, 0, 29, 0), 0));
        assertEquals("rlwinm r3,r4,2,3,29", PpcDecoder.disassemble(PpcAsm.m(21, 4, 3, 2, 3, 29, 0), 0));
        assertEquals("mflr r0", PpcDecoder.disassemble(0x7c0802a6, 0));
        assertEquals("sc", PpcDecoder.disassemble(PpcAsm.SC, 0));
        assertEquals(".long 0x00000000", PpcDecoder.disassemble(0, 0));
        assertEquals("addi r3,r1,16", new PpcDecoder().disassemble(0, 0, word(0x38610010)));
    }

    @Test
    void undefinedEncodingLowersToSigill() {
        IrEmitter e = new IrEmitter(PpcRegs.FILE);
        assertEquals(4, new PpcDecoder().lower(0x1000, 0, word(0x07ffffff), e));
        Terminal.Trap t = (Terminal.Trap) e.terminal();
        assertEquals(GuestException.UNDEFINED_INSTRUCTION, t.kind());
        assertEquals(0x1000, t.pc());
        assertEquals("illegal instruction 0x07ffffff", t.reason());
    }

    @Test
    void everyRowLowersWithoutError() {
        // each row's own encoding, with a few operand patterns, must produce well-typed IR
        int[] operands = {0, 0x03fff800, 0x0021f000, 0x00a0083c, 0x03e0ffc0};
        for (PpcRow r : ROWS) {
            for (int ops : operands) {
                int w = r.match() | (ops & ~r.mask());
                IrEmitter e = new IrEmitter(PpcRegs.FILE);
                new PpcDecoder().lower(0x1000, 0, word(w), e);
                assertNotNull(e.ops(), r.name());
                assertTrue(e.ops().size() >= 1, r.name());
            }
        }
    }

    /** A code port holding one word at every address. */
    static MemoryPort word(int w) {
        return new MemoryPort() {
            public int load8(int a) { throw new UnsupportedOperationException(); }
            public int load16(int a) { throw new UnsupportedOperationException(); }
            public int load32(int a) { return w; }
            public long load64(int a) { throw new UnsupportedOperationException(); }
            public void store8(int a, int v) { throw new UnsupportedOperationException(); }
            public void store16(int a, int v) { throw new UnsupportedOperationException(); }
            public void store32(int a, int v) { throw new UnsupportedOperationException(); }
            public void store64(int a, long v) { throw new UnsupportedOperationException(); }
        };
    }

    @Test
    void disassemblyNamesEveryOperandField() {
        int mtfsf = (63 << 26) | (0xff << 17) | (7 << 11) | (711 << 1);
        assertEquals("mtfsf 255,f7", PpcDecoder.disassemble(mtfsf, 0));
        int mtfsfi = (63 << 26) | (5 << 23) | (3 << 12) | (134 << 1);
        assertEquals("mtfsfi 5,3", PpcDecoder.disassemble(mtfsfi, 0));
    }
}
