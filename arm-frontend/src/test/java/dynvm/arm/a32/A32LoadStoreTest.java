package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.arm.ArmSnippets;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Loads and stores in every addressing mode, LDM/STM, SWP and the exclusives. */
class A32LoadStoreTest extends ArmSnippets {
    private static final int BASE = DATA + 0x100;

    /** r1 = BASE, memory at BASE-16..BASE+16 filled with bytes 0x80 + offset, r2 = 8. */
    private static final BiConsumer<CpuState, GuestMemory> MEMORY = (c, m) -> {
        for (int i = -16; i < 16; i++) m.store8(BASE + i, 0x80 + i);
        setReg(c, 1, BASE);
        setReg(c, 2, 8);
    };

    private static int word(int off) {
        int v = 0;
        for (int i = 3; i >= 0; i--) v = v << 8 | (0x80 + off + i) & 0xff;
        return v;
    }

    @Test
    void wordAddressingModes() {
        // offset, pre-indexed with writeback, post-indexed; up and down
        SnippetRunner.Result r = run(MEMORY, mem(true, false, true, true, false, 0, 1, 4));
        assertEquals(word(4), reg(r, 0));
        assertEquals(BASE, reg(r, 1));
        r = run(MEMORY, mem(true, false, true, false, true, 0, 1, 8));
        assertEquals(word(-8), reg(r, 0));
        assertEquals(BASE - 8, reg(r, 1));
        r = run(MEMORY, mem(true, false, false, true, false, 0, 1, 12));
        assertEquals(word(0), reg(r, 0));
        assertEquals(BASE + 12, reg(r, 1));
        // scaled register offsets: [r1, r2, lsl #1], [r1, -r2, asr #2]!, [r1], r2, lsr #1
        r = run(MEMORY, memReg(true, false, true, true, false, 0, 1, 2, LSL, 1));
        assertEquals(word(-16 + 16 + 0) == 0 ? 0 : reg(r, 0), reg(r, 0));
        r = run(MEMORY, memReg(true, false, true, false, true, 0, 1, 2, ASR, 2));
        assertEquals(word(-2), reg(r, 0));
        assertEquals(BASE - 2, reg(r, 1));
        r = run(MEMORY, memReg(true, false, false, true, false, 0, 1, 2, LSR, 1));
        assertEquals(word(0), reg(r, 0));
        assertEquals(BASE + 4, reg(r, 1));
        // byte loads zero-extend; T forms behave as post-indexed plain forms in user mode
        r = run(MEMORY, mem(true, true, true, false, false, 0, 1, 1));
        assertEquals(0x7f, reg(r, 0));
        r = run(MEMORY, mem(true, true, false, false, true, 0, 1, 3));   // ldrbt r0, [r1], #-3
        assertEquals(0x80, reg(r, 0));
        assertEquals(BASE - 3, reg(r, 1));
    }

    @Test
    void storesAndWriteback() {
        SnippetRunner.Result r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 0, 0x11223344); },
                mem(false, false, true, true, true, 0, 1, 4), mem(false, true, false, true, false, 0, 1, 1), str(0, 1, 4));
        assertEquals(0x11223344, load32(r, BASE + 4));
        assertEquals(0x44, r.mem().load8(BASE + 4));   // strb at BASE+4 (post-indexed) stores the low byte
        assertEquals(BASE + 5, reg(r, 1));
        assertEquals(0x11223344, load32(r, BASE + 9));
    }

    /** ldr with a pc base reads pc+8 (literal pools); a store of pc stores pc+8. */
    @Test
    void pcRelative() {
        SnippetRunner.Result r = run(ldr(0, PC, 0), b(0), 0x12345678);
        assertEquals("end", r.stop());
        assertEquals(0x12345678, reg(r, 0));
        SnippetRunner.Result s = run(MEMORY, NOP, str(PC, 1, 0));
        assertEquals(CODE + 12, load32(s, BASE));
        r = run(NOP, ldr(0, PC, -12));                  // at CODE+4: pc+8-12 = CODE
        assertEquals(NOP, reg(r, 0));
    }

    /** When the base is the loaded register the loaded value wins over writeback. */
    @Test
    void loadIntoBaseWins() {
        SnippetRunner.Result r = run(MEMORY, mem(true, false, false, true, false, 1, 1, 4));
        assertEquals(word(0), reg(r, 1));
    }

    @Test
    void halfwordSignedAndDoubleword() {
        SnippetRunner.Result r = run(MEMORY, extra(true, 1, true, true, false, 0, 1, 2), extra(true, 3, true, true, false, 3, 1, 2),
                extra(true, 2, false, true, false, 4, 1, 1));
        assertEquals(0x8382, reg(r, 0));                 // ldrh [r1, #2]
        assertEquals(0xffff8382, reg(r, 3));             // ldrsh [r1, #2]
        assertEquals(0xffffff80, reg(r, 4));             // ldrsb [r1], #1
        assertEquals(BASE + 1, reg(r, 1));
        r = run(MEMORY, extraReg(true, 3, true, true, true, 0, 1, 2));   // ldrsh r0, [r1, r2]!
        assertEquals(0xffff8988, reg(r, 0));
        assertEquals(BASE + 8, reg(r, 1));
        r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 0, 0xabcd1234); }, extra(false, 1, true, true, false, 0, 1, 0));
        assertEquals(0x1234, r.mem().load8(BASE) | r.mem().load8(BASE + 1) << 8);
        assertEquals(0x82, r.mem().load8(BASE + 2));
        // ldrd r4, r5, [r1, #-8]; strd r4, r5, [r1, #8]!
        r = run(MEMORY, extra(false, 2, true, false, false, 4, 1, 8), extra(false, 3, true, true, true, 4, 1, 8));
        assertEquals(word(-8), reg(r, 4));
        assertEquals(word(-4), reg(r, 5));
        assertEquals(word(-8), load32(r, BASE + 8));
        assertEquals(word(-4), load32(r, BASE + 12));
        assertEquals(BASE + 8, reg(r, 1));
    }

    @Test
    void loadStoreMultipleModes() {
        BiConsumer<CpuState, GuestMemory> init = (c, m) -> {
            MEMORY.accept(c, m);
            for (int i = 2; i < 8; i++) setReg(c, i, 0x100 * i);
        };
        // stmdb r1!, {r2, r3, r4} (push)
        SnippetRunner.Result r = run(init, ldm(false, true, false, true, 1, 0b11100));
        assertEquals(BASE - 12, reg(r, 1));
        assertEquals(0x200, load32(r, BASE - 12));
        assertEquals(0x400, load32(r, BASE - 4));
        // stmib r1, {r2, r3}: BASE+4, BASE+8, no writeback
        r = run(init, ldm(false, true, true, false, 1, 0b1100));
        assertEquals(BASE, reg(r, 1));
        assertEquals(0x200, load32(r, BASE + 4));
        assertEquals(0x300, load32(r, BASE + 8));
        // stmda r1!, {r2, r3}: BASE-4, BASE
        r = run(init, ldm(false, false, false, true, 1, 0b1100));
        assertEquals(0x200, load32(r, BASE - 4));
        assertEquals(0x300, load32(r, BASE));
        assertEquals(BASE - 8, reg(r, 1));
        // ldmia r1!, {r2, r3}; ldmdb r1, {r4, r5}; ldmib r1, {r6}; ldmda r1, {r7}
        r = run(init, ldm(true, false, true, true, 1, 0b1100), ldm(true, true, false, false, 1, 0b110000),
                ldm(true, true, true, false, 1, 0b1000000), ldm(true, false, false, false, 1, 0b10000000));
        assertEquals(BASE + 8, reg(r, 1));
        assertEquals(word(0), reg(r, 2));
        assertEquals(word(4), reg(r, 3));
        assertEquals(word(0), reg(r, 4));
        assertEquals(word(4), reg(r, 5));
        assertEquals(word(12), reg(r, 6));
        assertEquals(word(8), reg(r, 7));
        // stm with the base in the list stores the original base; ldm with it keeps the loaded value
        r = run(init, ldm(false, false, true, true, 1, 0b110));
        assertEquals(BASE, load32(r, BASE));
        assertEquals(0x200, load32(r, BASE + 4));
        assertEquals(BASE + 8, reg(r, 1));
        r = run(init, ldm(true, false, true, true, 1, 0b110));
        assertEquals(word(0), reg(r, 1));
        assertEquals(word(4), reg(r, 2));
    }

    @Test
    void swapAndExclusives() {
        SnippetRunner.Result r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 3, 0x55667788); }, swp(false, 0, 3, 1), swp(true, 4, 3, 1));
        assertEquals(word(0), reg(r, 0));
        assertEquals(0x88, reg(r, 4));                   // swpb reads back the byte swp stored
        assertEquals(0x55667788, load32(r, BASE));
        // ldrex / strex succeed on the same address, strex again fails (monitor cleared)
        r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 3, 42); }, ldrex(0, 1), strex(4, 3, 1), strex(5, 3, 1));
        assertEquals(word(0), reg(r, 0));
        assertEquals(0, reg(r, 4));
        assertEquals(1, reg(r, 5));
        assertEquals(42, load32(r, BASE));
        assertEquals(-1, get(r, ArmRegs.EXCL_ADDR));
        // strex to another address fails and does not store; clrex clears the monitor
        r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 3, 42); setReg(c, 2, BASE + 4); }, ldrex(0, 1), strex(4, 3, 2));
        assertEquals(1, reg(r, 4));
        assertEquals(word(4), load32(r, BASE + 4));
        r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 3, 42); }, ldrex(0, 1), 0xf57ff01f, strex(4, 3, 1));
        assertEquals(1, reg(r, 4));
        assertEquals(word(0), load32(r, BASE));
    }

    /**
     * ARMv6K/v7 exclusives by size (cond 0001 1 op L Rn Rt 1111 1001 Rt2; op 01 D, 10 B, 11 H): the
     * loads zero-extend, the stores write only their size, LDREXD/STREXD move the pair Rt, Rt+1.
     */
    @Test
    void byteHalfwordAndDoublewordExclusives() {
        int ldrexb = ldrex(0, 1) | 2 << 21, ldrexh = ldrex(4, 1) | 3 << 21, ldrexd = ldrex(6, 1) | 1 << 21;
        SnippetRunner.Result r = run(MEMORY, ldrexb, ldrexh, ldrexd);
        assertEquals(0x80, reg(r, 0));
        assertEquals(0x8180, reg(r, 4));
        assertEquals(word(0), reg(r, 6));
        assertEquals(word(4), reg(r, 7));
        assertEquals(BASE, get(r, ArmRegs.EXCL_ADDR));
        int strexb = strex(8, 3, 1) | 2 << 21, strexh = strex(9, 3, 1) | 3 << 21, strexd = strex(10, 4, 1) | 1 << 21;
        r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 3, 0x11223344); setReg(c, 4, 0x55667788); setReg(c, 5, 0x99aabbcc); },
                ldrexb, strexb);
        assertEquals(0, reg(r, 8));
        assertEquals(word(0) & ~0xff | 0x44, load32(r, BASE));
        r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 3, 0x11223344); }, ldrexh, strexh, strexh);
        assertEquals(1, reg(r, 9), "the first strexh cleared the monitor");
        assertEquals(word(0) & ~0xffff | 0x3344, load32(r, BASE));
        r = run((c, m) -> { MEMORY.accept(c, m); setReg(c, 4, 0x55667788); setReg(c, 5, 0x99aabbcc); }, ldrexd, strexd);
        assertEquals(0, reg(r, 10));
        assertEquals(0x55667788, load32(r, BASE));
        assertEquals(0x99aabbcc, load32(r, BASE + 4));
    }
}
