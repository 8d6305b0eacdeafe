package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Thumb encoding table as data: overlaps, coverage of the ARMv5T space, disassembly. */
class ThumbTableTest {
    private static final List<ThumbRow> ROWS = ThumbTable.ROWS;

    @Test
    void everyOverlapIsResolvedBySpecificity() {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++) {
            for (int j = i + 1; j < ROWS.size(); j++) {
                ThumbRow a = ROWS.get(i), b = ROWS.get(j);
                if (((a.match() ^ b.match()) & a.mask() & b.mask()) != 0) continue;
                boolean nested = (a.mask() & b.mask()) == b.mask() && a.mask() != b.mask();
                if (!nested) bad.add(a.name() + "/" + b.name());
            }
        }
        assertTrue(bad.isEmpty(), "undeclared overlaps: " + bad);
    }

    @Test
    void everyRowsOwnEncodingDecodesToItself() {
        for (ThumbRow r : ROWS) {
            assertEquals(r.match(), r.match() & r.mask(), r.name());
            assertSame(r, ThumbTable.find(r.match()), r.name() + String.format(" %04x", r.match()));
        }
        assertEquals(2, ThumbTable.PAIRS.size());
        for (ThumbRow r : ThumbTable.PAIRS) assertSame(r, ThumbTable.findPair(r.match()));
    }

    /** The ARMv5T Thumb holes, from the ARM ARM's encoding chart, written independently of the table. */
    private static boolean undefinedInV5T(int hw) {
        int misc = (hw >>> 8) & 0xff;
        if ((hw & 0xf000) == 0xb000) {
            // 1011 xxxx: only ADD/SUB sp (0000), PUSH (010x), POP (110x) and BKPT (1110) exist
            int op = misc & 15;
            return !(op == 0 || op == 4 || op == 5 || op == 12 || op == 13 || op == 14);
        }
        if (misc == 0xde) return true;                               // B<cond> with cond 1110
        if ((hw & 0xf801) == 0xe801) return true;                    // BLX suffix with bit 0 set
        if ((hw & 0xff00) == 0x4700) return (hw & 7) != 0;           // BX/BLX: bits 2:0 should be zero
        return false;
    }

    @Test
    void exactlyTheArchitecturalHolesAreUndefined() {
        int undefined = 0;
        for (int hw = 0; hw < 0x10000; hw++) {
            boolean none = ThumbTable.find(hw) == null;
            assertEquals(undefinedInV5T(hw), none, String.format("0x%04x", hw));
            if (none) undefined++;
        }
        assertEquals(10 * 256 + 256 + 1024 + 224, undefined);
    }

    @Test
    void pairsNeedAPrefixAndAMatchingSuffix() {
        assertNotNull(ThumbTable.findPair(0xf3fffffc));
        assertNotNull(ThumbTable.findPair(0xf000effe));
        assertNull(ThumbTable.findPair(0xf000efff), "BLX suffix with bit 0 set");
        assertNull(ThumbTable.findPair(0xf0004770), "prefix followed by bx lr");
        assertNull(ThumbTable.findPair(0xf800f800), "two suffixes");
    }

    /** Encodings and text checked against GNU objdump (operand spacing normalised). */
    @Test
    void disassemblyMatchesObjdump() {
        int pc = 0x1000;
        String[][] cases = {
                {"00d1", "lsls r1, r2, #3"}, {"0811", "lsrs r1, r2, #32"}, {"1047", "asrs r7, r0, #1"},
                {"0011", "lsls r1, r2, #0"}, {"1888", "adds r0, r1, r2"}, {"1fe3", "subs r3, r4, #7"},
                {"25c8", "movs r5, #200"}, {"2eff", "cmp r6, #255"}, {"3201", "adds r2, #1"}, {"3a09", "subs r2, #9"},
                {"4008", "ands r0, r1"}, {"4251", "negs r1, r2"}, {"4363", "muls r3, r4"}, {"43f5", "mvns r5, r6"},
                {"44f8", "add r8, pc"}, {"4548", "cmp r0, r9"}, {"46f7", "mov pc, lr"}, {"4770", "bx lr"},
                {"4798", "blx r3"}, {"4803", "ldr r0, [pc, #12] @ 0x1010"}, {"5088", "str r0, [r1, r2]"},
                {"5f77", "ldrsh r7, [r6, r5]"}, {"67d1", "str r1, [r2, #124]"}, {"7fd1", "ldrb r1, [r2, #31]"},
                {"8fd1", "ldrh r1, [r2, #62]"}, {"93ff", "str r3, [sp, #1020]"}, {"a104", "add r1, pc, #16"},
                {"aa02", "add r2, sp, #8"}, {"b07f", "add sp, #508"}, {"b081", "sub sp, #4"},
                {"b530", "push {r4, r5, lr}"}, {"bd01", "pop {r0, pc}"}, {"c006", "stmia r0!, {r1, r2}"},
                {"c803", "ldmia r0, {r0, r1}"}, {"c905", "ldmia r1!, {r0, r2}"}, {"d008", "beq 0x1014"},
                {"dccc", "bgt 0xf9c"}, {"df42", "svc #66"}, {"e3e6", "b 0x17d0"}, {"be11", "bkpt #17"},
                {"de00", ".short 0xde00"}, {"b672", ".short 0xb672"},
        };
        for (String[] c : cases) {
            int hw = Integer.parseInt(c[0], 16);
            assertEquals(c[1], ThumbDisassembler.format(ThumbTable.find(hw), hw, pc), c[0]);
        }
        // pairs: objdump at 0x4c gives bl 0x400048, at 0x50 blx 0x1050
        assertEquals("bl 0x400048", ThumbDisassembler.format(ThumbTable.findPair(0xf3fffffc), 0xf3fffffc, 0x4c));
        assertEquals("blx 0x1050", ThumbDisassembler.format(ThumbTable.findPair(0xf000effe), 0xf000effe, 0x50));
    }
}
