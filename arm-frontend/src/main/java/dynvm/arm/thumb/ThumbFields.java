package dynvm.arm.thumb;

/**
 * Operand fields of 16-bit Thumb encodings, named after the bit position they start at (the
 * ARM ARM places a 3-bit register at bits 2:0, 5:3, 8:6 or 10:8 depending on the form).
 */
final class ThumbFields {
    private ThumbFields() { }

    /** Low register at bits 2:0 (Rd, Rt or Rdn). */
    static int r0(int insn) { return insn & 7; }

    /** Low register at bits 5:3 (Rn or Rm). */
    static int r3(int insn) { return (insn >>> 3) & 7; }

    /** Low register at bits 8:6 (Rm). */
    static int r6(int insn) { return (insn >>> 6) & 7; }

    /** Low register at bits 10:8 (Rd / Rn of the 8-bit immediate forms). */
    static int r8(int insn) { return (insn >>> 8) & 7; }

    /** High-register form: Rdn is H1 (bit 7) : bits 2:0. */
    static int hd(int insn) { return (insn >>> 4) & 8 | insn & 7; }

    /** High-register form: Rm is H2 (bit 6) : bits 5:3, i.e. bits 6:3. */
    static int hm(int insn) { return (insn >>> 3) & 15; }

    static int imm3(int insn) { return (insn >>> 6) & 7; }

    static int imm5(int insn) { return (insn >>> 6) & 31; }

    static int imm7(int insn) { return insn & 0x7f; }

    static int imm8(int insn) { return insn & 0xff; }

    /** Register list of PUSH/POP/LDMIA/STMIA, bits 7:0. */
    static int list(int insn) { return insn & 0xff; }

    /** Target of B&lt;cond&gt;: pc + 4 + SignExtend(imm8:'0'). */
    static int condTarget(int insn, int pc) { return pc + 4 + ((byte) insn << 1); }

    /** Target of the unconditional B: pc + 4 + SignExtend(imm11:'0'). */
    static int branchTarget(int insn, int pc) { return pc + 4 + ((insn << 21) >> 20); }

    /** Target of CBZ/CBNZ: pc + 4 + ZeroExtend(i:imm5:'0'), i at bit 9. */
    static int cbTarget(int insn, int pc) { return pc + 4 + ((insn >>> 3 & 0x40) | (insn >>> 2 & 0x3e)); }

    /** Align(pc + 4, 4): the base of pc-relative loads and ADR. */
    static int literalBase(int pc) { return (pc + 4) & ~3; }
}
