package dynvm.bench;

/**
 * Hand-encoded PowerPC code for the benchmarks, assembled with {@code powerpc-linux-gnu-as} and
 * copied here with its disassembly, so the benchmarks need no toolchain. Each getter returns a
 * fresh copy (the arrays stay private and unchanged).
 */
final class PpcCode {
    private PpcCode() { }

    /**
     * Table-driven CRC-32, one byte per iteration, the whole loop one guest block (the translator
     * turns it into a JVM loop). In: r3 = crc, r4 = buffer - 1, r5 = table, ctr = length.
     * Runs 7 instructions per byte, then {@code sc} ends the run.
     */
    private static final int[] CRC_LOOP = {
        0x8cc40001, // loop: lbzu   r6,1(r4)
        0x7cc61a78, //       xor    r6,r6,r3
        0x54c615ba, //       rlwinm r6,r6,2,22,29   (r6 & 0xff) << 2
        0x7cc5302e, //       lwzx   r6,r5,r6
        0x5463c23e, //       srwi   r3,r3,8
        0x7c633278, //       xor    r3,r3,r6
        0x4200ffe8, //       bdnz   loop
        0x44000002, //       sc
    };

    /**
     * The same loop with an unconditional branch in the middle, so every iteration is two blocks
     * joined by the dispatcher's successor links: measures block-to-block dispatch. 8 instructions
     * per byte.
     */
    private static final int[] CRC_TWO_BLOCKS = {
        0x8cc40001, // loop: lbzu   r6,1(r4)
        0x7cc61a78, //       xor    r6,r6,r3
        0x54c615ba, //       rlwinm r6,r6,2,22,29
        0x48000004, //       b      mid
        0x7cc5302e, // mid:  lwzx   r6,r5,r6
        0x5463c23e, //       srwi   r3,r3,8
        0x7c633278, //       xor    r3,r3,r6
        0x4200ffe4, //       bdnz   loop
        0x44000002, //       sc
    };

    /** A 32-instruction straight-line block (loads, ALU with carry and CR updates, stores) ending in blr. */
    private static final int[] STRAIGHT_32 = {
        0x80610000, // lwz     r3,0(r1)
        0x80810004, // lwz     r4,4(r1)
        0x80a10008, // lwz     r5,8(r1)
        0x80c1000c, // lwz     r6,12(r1)
        0x7ce32214, // add     r7,r3,r4
        0x7d053050, // subf    r8,r5,r6
        0x7d2741d6, // mullw   r9,r7,r8
        0x31490011, // addic   r10,r9,17
        0x7d6a1914, // adde    r11,r10,r3
        0x556c2834, // slwi    r12,r11,5
        0x7d833a78, // xor     r3,r12,r7
        0x7c644378, // or      r4,r3,r8
        0x7c854839, // and.    r5,r4,r9
        0x7ca61e70, // srawi   r6,r5,3
        0x7cc72030, // slw     r7,r6,r4
        0x7ce82c30, // srw     r8,r7,r5
        0x7f881800, // cmpw    cr7,r8,r3
        0x7d2800d0, // neg     r9,r8
        0x7d492396, // divwu   r10,r9,r4
        0x7d6a1816, // mulhwu  r11,r10,r3
        0x7d6c0774, // extsb   r12,r11
        0x7d830034, // cntlzw  r3,r12
        0x3c831234, // addis   r4,r3,0x1234
        0x60855678, // ori     r5,r4,0x5678
        0x90610010, // stw     r3,16(r1)
        0x90810014, // stw     r4,20(r1)
        0x90a10018, // stw     r5,24(r1)
        0x94c1ffe0, // stwu    r6,-32(r1)
        0xa0e10002, // lhz     r7,2(r1)
        0xb0e10006, // sth     r7,6(r1)
        0x38210020, // addi    r1,r1,32
        0x4e800020, // blr
    };

    static int[] crcLoop() { return CRC_LOOP.clone(); }

    static int[] crcTwoBlocks() { return CRC_TWO_BLOCKS.clone(); }

    static int[] straight32() { return STRAIGHT_32.clone(); }

    /**
     * {@link #straight32}'s first 31 instructions as a loop body: its {@code blr} becomes
     * {@code bdnz} back to the start (0x4200ff84, -124), then {@code sc}. One 32-instruction block
     * of loads, carry arithmetic, a divide, shifts, a compare and stores per iteration; r1 must
     * point at 32 writable bytes below and 28 above.
     */
    static int[] mixedLoop() {
        int[] code = java.util.Arrays.copyOf(STRAIGHT_32, 33);
        code[31] = 0x4200ff84;
        code[32] = 0x44000002;
        return code;
    }
}
