package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encoding table's invariants, the test encoder, and disassembly against GNU objdump's output. */
class A32TableTest {
    private static final List<A32Row> ROWS = A32Table.ROWS;

    /** Rows of different spaces (cond = 1111 or not) never compete; within a space they overlap when they agree on common mask bits. */
    private static boolean overlap(A32Row a, A32Row b) {
        return a.unconditional() == b.unconditional() && ((a.match() ^ b.match()) & a.mask() & b.mask()) == 0;
    }

    @Test
    void everyOverlapIsResolvedBySpecificity() {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ROWS.size(); i++)
            for (int j = i + 1; j < ROWS.size(); j++) {
                A32Row a = ROWS.get(i), b = ROWS.get(j);
                if (!overlap(a, b)) continue;
                boolean nested = (a.mask() & b.mask()) == b.mask() && a.mask() != b.mask();
                if (!nested) bad.add(a.name() + String.format("(%08x/%08x)", a.mask(), a.match()) + " / " + b.name()
                        + String.format("(%08x/%08x)", b.mask(), b.match()));
            }
        assertTrue(bad.isEmpty(), "undeclared overlaps: " + bad);
    }

    @Test
    void everyRowsOwnEncodingDecodesToItself() {
        for (A32Row r : ROWS) {
            assertEquals(r.match(), r.match() & r.mask(), r.name() + ": match bits outside the mask");
            int word = r.unconditional() ? r.match() : r.match() | 0xe0000000;
            A32Row found = A32Table.find(word);
            // either the row itself, or a more specific row nested inside it (nop inside the hint space)
            assertTrue(found == r || (found.mask() & r.mask()) == r.mask() && found.mask() != r.mask(), r.name() + " found " + found.name());
        }
        assertTrue(ROWS.size() > 200, "table has " + ROWS.size() + " rows");
    }

    @Test
    void indexedLookupAgreesWithLinearScan() {
        Random rnd = new Random(7);
        for (int n = 0; n < 100_000; n++) {
            int w = rnd.nextInt();
            A32Row linear = null;
            for (A32Row r : ROWS) if (r.unconditional() == ((w >>> 28) == 0xf) && r.matches(w)) { linear = r; break; }
            assertSame(linear, A32Table.find(w), String.format("0x%08x", w));
        }
    }

    @Test
    void undefinedSpaceHasNoRow() {
        assertNull(A32Table.find(0xf4000000));   // NEON element load/store
        assertNull(A32Table.find(0xee110f10));   // mrc p15 SCTLR
        assertNull(A32Table.find(0xe14f0000));   // mrs r0, SPSR
    }

    /** A32Asm words against GNU as (arm-linux-gnueabi-as, constants recorded from objdump). */
    @Test
    void encoderMatchesGnuAs() {
        assertEquals(0xe20100ff, dpImm(AND, false, 0, 1, 0xff, 0));               // and r0, r1, #255
        assertEquals(0xe0132184, dpReg(AND, true, 2, 3, 4, LSL, 3));              // ands r2, r3, r4, lsl #3
        assertEquals(0xe0365837, dpRegReg(EOR, true, 5, 6, 7, LSR, 8));           // eors r5, r6, r7, lsr r8
        assertEquals(0xe0020291, mul(false, 2, 1, 2));                            // mul r2, r1, r2
        assertEquals(0xe0810392, mulLong(4, false, 0, 1, 2, 3));                  // umull r0, r1, r2, r3
        assertEquals(0xe10032c1, smla(0, 1, 0, 1, 2, 3));                         // smlabt r0, r1, r2, r3
        assertEquals(0xe10032a1, smla(1, 0, 0, 1, 2, 3));                         // smlatb r0, r1, r2, r3
        assertEquals(0xe16002e1, smul(1, 1, 0, 1, 2));                            // smultt r0, r1, r2
        assertEquals(0xe12032c1, smlaw(1, 0, 1, 2, 3));                           // smlawt r0, r1, r2, r3
        assertEquals(0xe12002a1, smulw(0, 0, 1, 2));                              // smulwb r0, r1, r2
        assertEquals(0xe1220051, qop(1, 0, 1, 2));                                // qsub r0, r1, r2
        assertEquals(0xe5310004, mem(true, false, true, false, true, 0, 1, 4));    // ldr r0, [r1, #-4]!
        assertEquals(0xe7310102, memReg(true, false, true, false, true, 0, 1, 2, LSL, 2));   // ldr r0, [r1, -r2, lsl #2]!
        assertEquals(0xe1f100f2, extra(true, 3, true, true, true, 0, 1, 2));      // ldrsh r0, [r1, #2]!
        assertEquals(0xe1c120d8, extra(false, 2, true, true, false, 2, 1, 8));    // ldrd r2, r3, [r1, #8]
        assertEquals(0xe8b0000e, ldm(true, false, true, true, 0, 0b1110));        // ldm r0!, {r1, r2, r3}
        assertEquals(0xe92d4010, ldm(false, true, false, true, SP, 0x4010));      // push {r4, lr}
        assertEquals(0xe1020091, swp(false, 0, 1, 2));                            // swp r0, r1, [r2]
        assertEquals(0xe1812f90, strex(2, 0, 1));                // strex r2, r0, [r1]
        assertEquals(0xe12fff1e, bx(LR));
        assertEquals(0xe12fff33, blx(3));
        assertEquals(0xef000000, svc(0));
        assertEquals(0xe1212374, bkpt(0x1234));
        assertEquals(0xe7fabcfd, udf(0xabcd));
        assertEquals(0xe128f000, msr(8, 0));                                      // msr CPSR_f, r0
        assertEquals(0xe328f20f, msrImm(8, 0x0f, 2));                             // msr CPSR_f, #0xf0000000
        assertEquals(0xe6bf0471, extend(3, 0, 15, 1, 1));                         // sxth r0, r1, ror #8
        assertEquals(0xe6f10472, extend(7, 0, 1, 2, 1));                          // uxtah r0, r1, r2, ror #8
        assertEquals(0xe6ff0fb1, revsh(0, 1));
        assertEquals(0xe3010234, movw(0, 0x1234));                                // movw r0, #4660
        assertEquals(0xe34f1fff, movt(1, 0xffff));                                // movt r1, #65535
        assertEquals(0xe6110f12, parallel(1, 0, 0, 1, 2));                        // sadd16 r0, r1, r2
        assertEquals(0xe6243f35, parallel(2, 1, 3, 4, 5));                        // qasx r3, r4, r5
        assertEquals(0xe6710ff2, parallel(7, 7, 0, 1, 2));                        // uhsub8 r0, r1, r2
        assertEquals(0xe6810fb2, sel(0, 1, 2));
        assertEquals(0xe780f211, usada8(0, 1, 2, 15));                            // usad8 r0, r1, r2
        assertEquals(0xe7803211, usada8(0, 1, 2, 3));
        assertEquals(0xe6a70111, ssat(0, 8, 1, false, 2));                        // ssat r0, #8, r1, lsl #2
        assertEquals(0xe6bf0051, ssat(0, 32, 1, true, 0));                        // ssat r0, #32, r1, asr #32
        assertEquals(0xe6ff01d1, usat(0, 31, 1, true, 3));
        assertEquals(0xe6af0f31, ssat16(0, 16, 1));
        assertEquals(0xe6e00f31, usat16(0, 0, 1));
        assertEquals(0xe68f0471, extend(0, 0, 15, 1, 1));                         // sxtb16 r0, r1, ror #8
        assertEquals(0xe6c10c72, extend(4, 0, 1, 2, 3));                          // uxtab16 r0, r1, r2, ror #24
        assertEquals(0xe6810212, pkh(false, 0, 1, 2, 4));                         // pkhbt r0, r1, r2, lsl #4
        assertEquals(0xe68102d2, pkh(true, 0, 1, 2, 5));                          // pkhtb r0, r1, r2, asr #5
        assertEquals(0xe6ff0f31, rbit(0, 1));
        assertEquals(0xe7c70191, bfi(0, 1, 3, 5));                                // bfi r0, r1, #3, #5
        assertEquals(0xe7df0f9f, bfi(0, 15, 31, 1));                              // bfc r0, #31, #1
        assertEquals(0xe7a401d1, bfx(false, 0, 1, 3, 5));                         // sbfx r0, r1, #3, #5
        assertEquals(0xe7ff0051, bfx(true, 0, 1, 0, 32));                         // ubfx r0, r1, #0, #32
        assertEquals(0xe0603291, mls(0, 1, 2, 3));
        assertEquals(0xe700f231, signedMultiply(0, 1, 0, 15, 2, 1));              // smuadx r0, r1, r2
        assertEquals(0xe7003271, signedMultiply(0, 3, 0, 3, 2, 1));               // smlsdx r0, r1, r2, r3
        assertEquals(0xe7410372, signedMultiply(4, 3, 1, 0, 3, 2));               // smlsldx r0, r1, r2, r3
        assertEquals(0xe750f231, signedMultiply(5, 1, 0, 15, 2, 1));              // smmulr r0, r1, r2
        assertEquals(0xe75032f1, signedMultiply(5, 7, 0, 3, 2, 1));               // smmlsr r0, r1, r2, r3
        assertEquals(0xf57ff05b, barrier(5, 0xb));                                // dmb ish
    }

    /** Disassembly of words assembled by GNU as, as objdump prints them (aliases aside). */
    @Test
    void disassemblesLikeObjdump() {
        String[][] cases = {
                {"e0365837", "eors\tr5, r6, r7, lsr r8"},
                {"e0410042", "sub\tr0, r1, r2, asr #32"},
                {"e0a21063", "adc\tr1, r2, r3, rrx"},
                {"e3510fff", "cmp\tr1, #1020"},
                {"01a0f00e", "moveq\tpc, lr"},
                // UAL aliases, as objdump prints them (intmath-arm.objdump)
                {"e1a0a14a", "asr\tr10, r10, #2"}, {"e1a04e32", "lsr\tr4, r2, lr"}, {"e1b00061", "rrxs\tr0, r1"},
                {"51a00021", "lsrpl\tr0, r1, #32"}, {"e1a00001", "mov\tr0, r1"},
                {"e92d4010", "push\t{r4, lr}"}, {"e8bd8010", "pop\t{r4, pc}"}, {"e52d0004", "push\t{r0}"},
                {"149d1004", "popne\t{r1}"}, {"e92e4010", "stmdb\tlr!, {r4, lr}"},
                {"e0330291", "mlas\tr3, r1, r2, r0"},
                {"e10032c1", "smlabt\tr0, r1, r2, r3"},
                {"e5310004", "ldr\tr0, [r1, #-4]!"},
                {"e4910004", "ldr\tr0, [r1], #4"},
                {"e7d10002", "ldrb\tr0, [r1, r2]"},
                {"e68101c2", "str\tr0, [r1], r2, asr #3"},
                {"e4f10004", "ldrbt\tr0, [r1], #4"},
                {"e1f100f2", "ldrsh\tr0, [r1, #2]!"},
                {"e18100b2", "strh\tr0, [r1, r2]"},
                {"e9b08002", "ldmib\tr0!, {r1, pc}"},
                {"e1923f9f", "ldrex\tr3, [r2]"},
                {"01823f91", "strexeq\tr3, r1, [r2]"},
                {"e12fff1e", "bx\tlr"},
                {"e6af0071", "sxtb\tr0, r1"},
                {"e6ef0871", "uxtb\tr0, r1, ror #16"},
                {"e6bf0f31", "rev\tr0, r1"},
                {"f5d0f020", "pld\t[r0, #32]"},
                {"f57ff01f", "clrex"},
                {"e320f001", "yield"},
                {"e16f0f11", "clz\tr0, r1"},
                // ARMv6/v7, from arm-linux-gnueabi-as -march=armv7-a (objdump's "asr #0", "ROR", "dsb un" quirks aside)
                {"e3010234", "movw\tr0, #4660"},
                {"e34f1fff", "movt\tr1, #65535"},
                {"e6243f35", "qasx\tr3, r4, r5"},
                {"e6610f92", "uqadd8\tr0, r1, r2"},
                {"e6810fb2", "sel\tr0, r1, r2"},
                {"e7803211", "usada8\tr0, r1, r2, r3"},
                {"e6a70111", "ssat\tr0, #8, r1, lsl #2"},
                {"e6bf0051", "ssat\tr0, #32, r1, asr #32"},
                {"e6e00011", "usat\tr0, #0, r1"},
                {"e6af0f31", "ssat16\tr0, #16, r1"},
                {"e6c10c72", "uxtab16\tr0, r1, r2, ror #24"},
                {"e6810052", "pkhtb\tr0, r1, r2, asr #32"},
                {"e6810012", "pkhbt\tr0, r1, r2"},
                {"e6ff0f31", "rbit\tr0, r1"},
                {"e7df0011", "bfi\tr0, r1, #0, #32"},
                {"e7df0f9f", "bfc\tr0, #31, #1"},
                {"e7a401d1", "sbfx\tr0, r1, #3, #5"},
                {"e7e00fd1", "ubfx\tr0, r1, #31, #1"},
                {"e0603291", "mls\tr0, r1, r2, r3"},
                {"e7410372", "smlsldx\tr0, r1, r2, r3"},
                {"e75032f1", "smmlsr\tr0, r1, r2, r3"},
                {"f57ff05b", "dmb\tish"},
                {"f57ff047", "dsb\tnsh"},
                {"f57ff06f", "isb\tsy"},
                {"f650f001", "pli\t[r0, -r1]"},
                {"f450f004", "pli\t[r0, #-4]"},
                {"f591f008", "pldw\t[r1, #8]"},
                {"e320f003", "wfi"},
                {"e320f0f5", "dbg\t#5"},
        };
        for (String[] c : cases) {
            int w = (int) Long.parseLong(c[0], 16);
            assertEquals(c[1], ArmDecoder.disassemble(w, 0), c[0]);
        }
        assertEquals("bne\t0x00001000", ArmDecoder.disassemble(0x1a0003fe, 0));
        assertEquals("blx\t0x0000000a", ArmDecoder.disassemble(0xfb000000, 0));
        // Advanced SIMD words disassemble on every model (objdump: vst4.8 {d0-d3}, [r0], r0); unallocated ones stay .word
        assertEquals("vst4.8 {d0-d3}, [r0], r0", ArmDecoder.disassemble(0xf4000000, 0));
        assertEquals(".word 0xf4000f00", ArmDecoder.disassemble(0xf4000f00, 0));
    }
}
