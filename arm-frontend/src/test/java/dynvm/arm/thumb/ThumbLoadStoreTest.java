package dynvm.arm.thumb;

import static dynvm.arm.thumb.ThumbAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** Thumb loads and stores through both engines: every addressing form, widths, sign extension, multiples. */
class ThumbLoadStoreTest extends ThumbSnippets {
    /** Bytes 0x80 0x81 ... at DATA, so every width and sign extension is visible. */
    private static SnippetRunner.Result withData(java.util.function.BiConsumer<dynvm.spi.CpuState, dynvm.microkernel.mem.GuestMemory> more, int... code) {
        return run((c, m) -> {
            for (int i = 0; i < 64; i++) m.store8(DATA + i, 0x80 + i);
            more.accept(c, m);
        }, code);
    }

    private static int dataWord(SnippetRunner.Result r, int off) { return r.mem().load32le(DATA + off); }

    @Test
    void literalLoadsAreWordAlignedRelativeToPcPlus4() {
        // 0: ldr r0,[pc,#4] -> Align(4,4)+4 = 8 ; 2: ldr r1,[pc,#4] -> Align(6,4)+4 = 8 ; 4: ldr r2,[pc,#0] -> 8 ; 6: b +4 -> 12
        int[] hws = {ldrLit(0, 4), ldrLit(1, 4), ldrLit(2, 0), b(4), 0x5678, 0xf234};
        SnippetRunner.Result r = run(hws);
        assertEquals(0xf2345678, reg(r, 0));
        assertEquals(0xf2345678, reg(r, 1));
        assertEquals(0xf2345678, reg(r, 2));
        assertEquals("end", r.stop());
    }

    @Test
    void registerOffsetLoadsExtendAsNamed() {
        SnippetRunner.Result r = withData((c, m) -> { setReg(c, 1, DATA); setReg(c, 2, 2); setReg(c, 3, 4); },
                memReg(LDR, 0, 1, 3), memReg(LDRH, 4, 1, 2), memReg(LDRB, 5, 1, 3), memReg(LDRSB, 6, 1, 2), memReg(LDRSH, 7, 1, 2));
        assertEquals(0x87868584, reg(r, 0));
        assertEquals(0x8382, reg(r, 4));
        assertEquals(0x84, reg(r, 5));
        assertEquals(0xffffff82, reg(r, 6));
        assertEquals(0xffff8382, reg(r, 7));
        // positive values are not sign-extended
        r = run((c, m) -> { m.store16le(DATA, 0x7f7f); setReg(c, 1, DATA); setReg(c, 2, 0); },
                memReg(LDRSB, 6, 1, 2), memReg(LDRSH, 7, 1, 2));
        assertEquals(0x7f, reg(r, 6));
        assertEquals(0x7f7f, reg(r, 7));
    }

    @Test
    void registerOffsetStoresWriteTheirWidth() {
        SnippetRunner.Result r = withData((c, m) -> { setReg(c, 0, 0x11223344); setReg(c, 1, DATA); setReg(c, 2, 8); setReg(c, 3, 16); setReg(c, 4, 24); },
                memReg(STR, 0, 1, 2), memReg(STRH, 0, 1, 3), memReg(STRB, 0, 1, 4));
        assertEquals(0x11223344, dataWord(r, 8));
        assertEquals(0x93923344, dataWord(r, 16));
        assertEquals(0x9b9a9944, dataWord(r, 24));
    }

    @Test
    void immediateOffsetsScaleBySize() {
        SnippetRunner.Result r = withData((c, m) -> { setReg(c, 1, DATA); setReg(c, 0, 0xa1b2c3d4); },
                ldrImm(2, 1, 124 - 64), ldrbImm(3, 1, 31), ldrhImm(4, 1, 62), strImm(0, 1, 32), strbImm(0, 1, 29), strhImm(0, 1, 42));
        assertEquals(0xbfbebdbc, reg(r, 2));
        assertEquals(0x9f, reg(r, 3));
        assertEquals(0xbfbe, reg(r, 4));
        assertEquals(0xa1b2c3d4, dataWord(r, 32));
        assertEquals(0x9f9ed49c, dataWord(r, 28));
        assertEquals(0xc3d4a9a8, dataWord(r, 40));
    }

    @Test
    void spRelative() {
        SnippetRunner.Result r = withData((c, m) -> { setReg(c, 13, DATA); setReg(c, 5, 0x55); },
                ldrSp(0, 4), strSp(5, 1020), ldrSp(6, 1020));
        assertEquals(0x87868584, reg(r, 0));
        assertEquals(0x55, r.mem().load32le(DATA + 1020));
        assertEquals(0x55, reg(r, 6));
        assertEquals(DATA, reg(r, 13));
    }

    @Test
    void pushStoresLowestRegisterLowestAndPopRestores() {
        SnippetRunner.Result r = run((c, m) -> {
            setReg(c, 13, DATA + 64);
            for (int i = 0; i < 8; i++) setReg(c, i, 0x100 + i);
            setReg(c, 14, 0xabc);
        }, push(0b10010010, true), movImm(1, 0), movImm(4, 0), movImm(7, 0), pop(0b10010010, false));
        assertEquals(DATA + 60, reg(r, 13), "pushed four words, popped three");
        assertEquals(0x101, r.mem().load32le(DATA + 48));
        assertEquals(0x104, r.mem().load32le(DATA + 52));
        assertEquals(0x107, r.mem().load32le(DATA + 56));
        assertEquals(0xabc, r.mem().load32le(DATA + 60));
        assertEquals(0x101, reg(r, 1));
        assertEquals(0x104, reg(r, 4));
        assertEquals(0x107, reg(r, 7));
        assertEquals(0xabc, reg(r, 14));
    }

    @Test
    void popToPcInterworks() {
        // to Thumb: bit 0 set, continue at CODE + 8
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 13, DATA); m.store32le(DATA, 5); m.store32le(DATA + 4, CODE + 8 + 1); },
                pop(0b1, true), movImm(1, 1), movImm(2, 1), movImm(3, 1), movImm(4, 1));
        assertEquals(5, reg(r, 0));
        assertEquals(DATA + 8, reg(r, 13));
        assertEquals(0, reg(r, 1));
        assertEquals(0, reg(r, 3));
        assertEquals(1, reg(r, 4));
        assertEquals(1, get(r, ArmRegs.T));
        // to ARM: bit 0 clear switches state (pc leaves the snippet, so it stops there)
        r = run((c, m) -> { setReg(c, 13, DATA); m.store32le(DATA, 0x20000000); }, pop(0, true));
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(0x20000000, r.cpu().pc);
        assertEquals(DATA + 4, reg(r, 13));
    }

    @Test
    void stmiaAlwaysWritesBackAndLdmiaOnlyWithoutTheBase() {
        SnippetRunner.Result r = run((c, m) -> {
            setReg(c, 0, DATA); setReg(c, 1, 11); setReg(c, 2, 22); setReg(c, 3, DATA + 32);
        }, stmia(0, 0b110), stmia(3, 0b1010));
        assertEquals(DATA + 8, reg(r, 0));
        assertEquals(11, r.mem().load32le(DATA));
        assertEquals(22, r.mem().load32le(DATA + 4));
        assertEquals(11, r.mem().load32le(DATA + 32));
        assertEquals(DATA + 32, r.mem().load32le(DATA + 36), "a listed base stores its original value");
        assertEquals(DATA + 40, reg(r, 3));

        r = withData((c, m) -> { setReg(c, 3, DATA); setReg(c, 5, DATA + 8); },
                ldmia(3, 0b110), ldmia(5, 0b100001));
        assertEquals(DATA + 8, reg(r, 3), "written back");
        assertEquals(0x83828180, reg(r, 1));
        assertEquals(0x87868584, reg(r, 2));
        assertEquals(0x8f8e8d8c, reg(r, 5), "base in the list: loaded value, no writeback");
        assertEquals(0x8b8a8988, reg(r, 0), "r0 loaded by the second ldmia");
    }

    @Test
    void emptyRegisterListsAreUndefined() {
        for (int hw : new int[]{push(0, false), pop(0, false), stmia(0, 0), ldmia(0, 0)}) {
            SnippetRunner.Result r = run((c, m) -> setReg(c, 13, DATA), hw);
            assertEquals("trap:4", r.stop(), Integer.toHexString(hw));
            assertEquals(CODE, r.cpu().pc);
        }
    }

    @Test
    void faultingLoadMultipleLeavesRegistersUnchanged() {
        // the first word is the last of the window, the second is beyond it
        int base = CODE + SnippetRunner.WINDOW - 4;
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 0, base); setReg(c, 1, 7); }, ldmia(0, 0b110));
        assertEquals(String.format("fault:0x%08x", base + 4), r.stop());
        assertEquals(7, reg(r, 1));
        assertEquals(base, reg(r, 0));
        assertEquals(CODE, r.cpu().pc);
    }
}
