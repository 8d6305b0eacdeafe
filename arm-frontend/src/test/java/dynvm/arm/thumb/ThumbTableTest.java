package dynvm.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Thumb encoding table as data: overlaps, coverage of the ARMv7 16-bit space, the 32-bit lookup, disassembly. */
class ThumbTableTest {
    private static final List<ThumbRow> ROWS = ThumbTable.ROWS;

    @Test
    void everyOverlapIsResolvedBySpecificity() {
        for (List<ThumbRow> rows : List.of(ROWS, ThumbTable.WIDE)) {
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                for (int j = i + 1; j < rows.size(); j++) {
                    ThumbRow a = rows.get(i), b = rows.get(j);
                    if (((a.match() ^ b.match()) & a.mask() & b.mask()) != 0) continue;
                    boolean nested = (a.mask() & b.mask()) == b.mask() && a.mask() != b.mask();
                    if (!nested) bad.add(a.name() + String.format("(%08x/%08x)", a.mask(), a.match()) + "/" + b.name()
                            + String.format("(%08x/%08x)", b.mask(), b.match()));
                }
            }
            assertTrue(bad.isEmpty(), "undeclared overlaps: " + bad);
        }
    }

    @Test
    void everyRowDecodesSomeEncoding() {
        java.util.Random rnd = new java.util.Random(1);
        for (ThumbRow r : ROWS) {
            assertEquals(r.match(), r.match() & r.mask(), r.name());
            assertFalse(r.wide(), r.name());
            boolean reached = false;
            for (int hw = 0; hw < 0x10000 && !reached; hw++) reached = ThumbTable.find(hw) == r && r.defined().test(hw);
            assertTrue(reached, r.name() + String.format(" %04x", r.match()));
        }
        for (ThumbRow r : ThumbTable.WIDE) {
            assertEquals(r.match(), r.match() & r.mask(), r.name());
            if (r.name().equals("vfp")) continue;   // defined by Vfp's own table, tested there
            assertTrue(ThumbDecoder.isWide(r.match() >>> 16), r.name());
            boolean reached = false;
            for (int t = 0; t < 20_000 && !reached; t++) {
                int w = r.match() | rnd.nextInt() & ~r.mask();
                reached = ThumbTable.findWide(w) == r && r.defined().test(w);
            }
            assertTrue(reached, r.name() + " " + r.syntax() + String.format(" %08x", r.match()));
        }
    }

    @Test
    void wideLookupAgreesWithALinearScan() {
        java.util.Random rnd = new java.util.Random(2);
        for (int t = 0; t < 200_000; t++) {
            int w = 0xe8000000 + rnd.nextInt(0x18000000);
            ThumbRow linear = null;
            for (ThumbRow r : ThumbTable.WIDE) if (r.matches(w)) { linear = r; break; }
            assertSame(linear, ThumbTable.findWide(w), String.format("%08x", w));
        }
    }

    /**
     * The ARMv7 16-bit holes (A6.2), from the ARM ARM's encoding tables, written independently of
     * the table: 11101/11110/11111 start 32-bit instructions; in the miscellaneous space
     * (1011 xxxx) SETEND must be exactly 1011 0110 0101 E000, CPS 1011 0110 011m 0aif, and
     * 1011 0110 0xxx, 0111, 1000, 1010 10xx have nothing; BX/BLX want bits 2:0 zero; register
     * lists may not be empty.
     */
    private static boolean undefinedInV7(int hw) {
        if (hw >>> 11 >= 0b11101) return true;
        int op = hw >>> 8 & 0xff;
        if (op == 0xb6) return !(hw == 0xb650 || hw == 0xb658 || (hw & 0xffe8) == 0xb660);
        if (op == 0xb7 || op == 0xb8 || (hw & 0xffc0) == 0xba80) return true;
        if ((hw & 0xff00) == 0x4700) return (hw & 7) != 0;
        if ((hw & 0xfeff) == 0xb400 || (hw & 0xfeff) == 0xbc00) return (hw & 0x1ff) == 0;       // push/pop {}
        if ((hw & 0xf000) == 0xc000) return (hw & 0xff) == 0;                                     // ldmia/stmia {}
        return false;
    }

    @Test
    void exactlyTheArchitecturalHolesAreUndefined() {
        int undefined = 0;
        for (int hw = 0; hw < 0x10000; hw++) {
            ThumbRow r = ThumbTable.find(hw);
            boolean none = r == null || !r.defined().test(hw);
            assertEquals(undefinedInV7(hw), none, String.format("0x%04x", hw));
            if (none) undefined++;
        }
        assertEquals(0x1800 + 238 + 256 + 256 + 64 + 224 + 2 + 16, undefined);
    }

    /**
     * 32-bit encodings and IT blocks: text from GNU objdump (binutils 2.40, -march armv7-a) with
     * its "@ 0x.." comments dropped; targets at pc 0.
     */
    @Test
    void wideDisassemblyMatchesObjdump() {
        String[][] cases = {
                {"f10100ff", "add.w r0, r1, #255"}, {"f04f10ff", "mov.w r0, #16711935"}, {"f040407f", "orr.w r0, r0, #4278190080"},
                {"f11110ab", "adds.w r0, r1, #11206827"}, {"f05f0301", "movs.w r3, #1"}, {"f60170ff", "addw r0, r1, #4095"},
                {"f2412034", "movw r0, #4660"}, {"f6cf70ff", "movt r0, #65535"}, {"ea4f0081", "mov.w r0, r1, lsl #2"},
                {"ea6100f2", "orn r0, r1, r2, ror #3"}, {"eb010032", "add.w r0, r1, r2, rrx"}, {"f0910f01", "teq r1, #1"},
                {"eac100c2", "pkhbt r0, r1, r2, lsl #3"}, {"eac100e2", "pkhtb r0, r1, r2, asr #3"}, {"f3808800", "msr CPSR_f, r0"},
                {"f3808c00", "msr CPSR_fs, r0"}, {"f3ef8000", "mrs r0, CPSR"}, {"f3bf8f5b", "dmb ish"}, {"f3bf8f4f", "dsb sy"},
                {"f3bf8f6f", "isb sy"}, {"f3bf8f2f", "clrex"}, {"f3af8000", "nop.w"}, {"f3af8001", "yield.w"}, {"f3af80f3", "dbg #3"},
                {"f34100c3", "sbfx r0, r1, #3, #4"}, {"f36f00c6", "bfc r0, #3, #4"}, {"f36100c6", "bfi r0, r1, #3, #4"},
                {"f30100c7", "ssat r0, #8, r1, lsl #3"}, {"f3a10004", "usat16 r0, #4, r1"}, {"f2af000c", "subw r0, pc, #12"},
                {"ee1d0f70", "mrc 15, 0, r0, cr13, cr0, {3}"}, {"fa01f002", "lsl.w r0, r1, r2"}, {"fa41f092", "sxtab r0, r1, r2, ror #8"},
                {"fa91f002", "sadd16 r0, r1, r2"}, {"fb013002", "mla r0, r1, r2, r3"}, {"fb113012", "smlabt r0, r1, r2, r3"},
                {"fb820103", "smull r0, r1, r2, r3"}, {"fa91f042", "uadd16 r0, r1, r2"}, {"fa91f052", "uqadd16 r0, r1, r2"},
                {"fa81f022", "shadd8 r0, r1, r2"}, {"faa1f042", "uasx r0, r1, r2"}, {"fa82f081", "qadd r0, r1, r2"},
                {"fa82f0b1", "qdsub r0, r1, r2"}, {"fa91f081", "rev.w r0, r1"}, {"fa91f0a1", "rbit r0, r1"}, {"fab1f081", "clz r0, r1"},
                {"faa1f082", "sel r0, r1, r2"}, {"fb71f002", "usad8 r0, r1, r2"}, {"fb713002", "usada8 r0, r1, r2, r3"},
                {"fb213002", "smlad r0, r1, r2, r3"}, {"fb21f012", "smuadx r0, r1, r2"}, {"fb31f002", "smulwb r0, r1, r2"},
                {"fb313012", "smlawt r0, r1, r2, r3"}, {"fb51f012", "smmulr r0, r1, r2"}, {"fb613002", "smmls r0, r1, r2, r3"},
                {"fbc20193", "smlalbt r0, r1, r2, r3"}, {"fbc201c3", "smlald r0, r1, r2, r3"}, {"fbd201d3", "smlsldx r0, r1, r2, r3"},
                {"fbe20163", "umaal r0, r1, r2, r3"}, {"fbe20103", "umlal r0, r1, r2, r3"}, {"fb013012", "mls r0, r1, r2, r3"},
                {"fb01f002", "mul.w r0, r1, r2"}, {"fb11f002", "smulbb r0, r1, r2"}, {"fa0ff091", "sxth.w r0, r1, ror #8"},
                {"fa31f082", "uxtab16 r0, r1, r2"}, {"fa2ff081", "sxtb16 r0, r1"}, {"fa51f002", "asrs.w r0, r1, r2"},
                {"ea7f00e1", "mvns.w r0, r1, asr #3"}, {"f4417080", "orr.w r0, r1, #256"}, {"f010 0f01".replace(" ", ""), "tst.w r0, #1"},
                {"ebb00f41", "cmp.w r0, r1, lsl #1"},
        };
        for (String[] c : cases) {
            int w = (int) Long.parseLong(c[0], 16);
            assertEquals(c[1], ThumbDisassembler.format(ThumbTable.findWide(w), w, 0), c[0]);
        }
        // at 0xb4.. in objdump's listing: b.w/bl/blx/beq.w to 0x72 (blx: 0x74, word-aligned)
        assertEquals("b.w 0x72", ThumbDisassembler.format(ThumbTable.findWide(0xf7ffbfdd), 0xf7ffbfdd, 0xb4));
        assertEquals("bl 0x72", ThumbDisassembler.format(ThumbTable.findWide(0xf7ffffdb), 0xf7ffffdb, 0xb8));
        assertEquals("blx 0x74", ThumbDisassembler.format(ThumbTable.findWide(0xf7ffefda), 0xf7ffefda, 0xbc));
        assertEquals("beq.w 0x72", ThumbDisassembler.format(ThumbTable.findWide(0xf43fafd7), 0xf43fafd7, 0xc0));
        // itte eq; adds r0, r0, r1 (16-bit, no S inside); add.w; movs r0, #1 in the else slot; then cbz, setend, cpsie
        int it = 0xbf06;
        assertEquals("itte eq", ThumbDisassembler.format(ThumbTable.find(it), it, 0x64));
        assertEquals("addeq r0, r0, r1", ThumbDisassembler.format(ThumbTable.find(0x1840), 0x1840, 0x66, it & 0xff));
        int s2 = ThumbItState.advance(it & 0xff), s3 = ThumbItState.advance(s2);
        assertEquals("addeq.w r0, r1, #1", ThumbDisassembler.format(ThumbTable.findWide(0xf1010001), 0xf1010001, 0x68, s2));
        assertEquals("movne r0, #1", ThumbDisassembler.format(ThumbTable.find(0x2001), 0x2001, 0x6c, s3));
        assertEquals("cbz r0, 0x72", ThumbDisassembler.format(ThumbTable.find(0xb100), 0xb100, 0x6e));
        assertEquals("setend le", ThumbDisassembler.format(ThumbTable.find(0xb650), 0xb650, 0x78));
        assertEquals("cpsie i", ThumbDisassembler.format(ThumbTable.find(0xb662), 0xb662, 0x7a));
        assertEquals("rev16 r2, r3", ThumbDisassembler.format(ThumbTable.find(0xba5a), 0xba5a, 0x74));
        assertEquals("sxth r0, r1", ThumbDisassembler.format(ThumbTable.find(0xb208), 0xb208, 0x72));
    }

    /** Encodings and text checked against GNU objdump (operand spacing normalised). */
    @Test
    void disassemblyMatchesObjdump() {
        int pc = 0x1000;
        String[][] cases = {
                {"00d1", "lsls r1, r2, #3"}, {"0811", "lsrs r1, r2, #32"}, {"1047", "asrs r7, r0, #1"},
                {"0011", "movs r1, r2"}, {"1888", "adds r0, r1, r2"}, {"1fe3", "subs r3, r4, #7"},
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
                {"de00", "udf #0"}, {"b6ff", ".short 0xb6ff"}, {"b672", "cpsid i"},
        };
        for (String[] c : cases) {
            int hw = Integer.parseInt(c[0], 16);
            assertEquals(c[1], ThumbDisassembler.format(ThumbTable.find(hw), hw, pc), c[0]);
        }
        // 32-bit: objdump at 0x4c gives bl 0x400048, at 0x50 blx 0x1050
        assertEquals("bl 0x400048", ThumbDisassembler.format(ThumbTable.findWide(0xf3fffffc), 0xf3fffffc, 0x4c));
        assertEquals("blx 0x1050", ThumbDisassembler.format(ThumbTable.findWide(0xf000effe), 0xf000effe, 0x50));
    }
}
