package dynvm.arm.thumb;

/**
 * Operand fields of 32-bit Thumb encodings, on {@code insn = hw1 << 16 | hw2}. Register fields
 * are named as the ARM ARM names them in most forms: Rn = hw1[3:0], Rd = hw2[11:8], Rt =
 * hw2[15:12], Rm = hw2[3:0].
 */
public final class Thumb32Fields {
    private Thumb32Fields() { }

    public static int rn(int insn) { return insn >>> 16 & 15; }

    public static int rd(int insn) { return insn >>> 8 & 15; }

    public static int rt(int insn) { return insn >>> 12 & 15; }

    public static int rm(int insn) { return insn & 15; }

    /** The S bit, hw1[4]. */
    static boolean s(int insn) { return (insn & 1 << 20) != 0; }

    /** i:imm3:imm8, the 12-bit immediate of the modified-immediate and plain-immediate forms. */
    static int imm12(int insn) { return (insn >>> 15 & 0x800) | (insn >>> 4 & 0x700) | insn & 0xff; }

    /** imm4:i:imm3:imm8 of MOVW/MOVT. */
    static int imm16(int insn) { return (insn >>> 4 & 0xf000) | imm12(insn); }

    /** imm3:imm2, the shift amount field of the shifted-register forms. */
    static int imm5(int insn) { return (insn >>> 10 & 0x1c) | (insn >>> 6 & 3); }

    /** The shift type, hw2[5:4]. */
    static int shiftType(int insn) { return insn >>> 4 & 3; }

    /**
     * ThumbExpandImm: imm12[11:10] = 00 selects one of four byte-replication patterns of imm8
     * (00000000 00000000 00000000 abcdefgh, 00000000 abcdefgh 00000000 abcdefgh, abcdefgh 00000000
     * abcdefgh 00000000, abcdefgh x 4); otherwise '1':imm12[6:0] rotated right by imm12[11:7].
     */
    static int expandImm(int imm12) {
        int imm8 = imm12 & 0xff;
        if ((imm12 & 0xc00) != 0) return Integer.rotateRight(0x80 | imm12 & 0x7f, imm12 >>> 7 & 31);
        return switch (imm12 >>> 8 & 3) {
            case 0 -> imm8;
            case 1 -> imm8 << 16 | imm8;
            case 2 -> imm8 << 24 | imm8 << 8;
            default -> imm8 * 0x01010101;
        };
    }

    /** ThumbExpandImm_C takes its carry-out from bit 31 of the rotated value, not from C. */
    static boolean expandImmRotates(int imm12) { return (imm12 & 0xc00) != 0; }

    /**
     * The replication patterns 01, 10, 11 with imm8 = 0 are UNPREDICTABLE: we treat them as
     * UNDEFINED (qemu does too).
     */
    static boolean expandImmDefined(int imm12) { return (imm12 & 0xc00) != 0 || (imm12 & 0x300) == 0 || (imm12 & 0xff) != 0; }

    /** Offset of B.W T4, BL and BLX: SignExtend(S:I1:I2:imm10:imm11:'0') with In = NOT(Jn XOR S). */
    static int branchOffset24(int insn) {
        int s = insn >>> 26 & 1, j1 = insn >>> 13 & 1, j2 = insn >>> 11 & 1;
        int i1 = ~(j1 ^ s) & 1, i2 = ~(j2 ^ s) & 1;
        int v = s << 24 | i1 << 23 | i2 << 22 | (insn >>> 16 & 0x3ff) << 12 | (insn & 0x7ff) << 1;
        return v << 7 >> 7;
    }

    /** Offset of B&lt;cond&gt;.W (T3): SignExtend(S:J2:J1:imm6:imm11:'0'). */
    static int branchOffset20(int insn) {
        int s = insn >>> 26 & 1, j1 = insn >>> 13 & 1, j2 = insn >>> 11 & 1;
        int v = s << 20 | j2 << 19 | j1 << 18 | (insn >>> 16 & 0x3f) << 12 | (insn & 0x7ff) << 1;
        return v << 11 >> 11;
    }

    /** The condition of B&lt;cond&gt;.W, hw1[9:6]. */
    static int branchCond(int insn) { return insn >>> 22 & 15; }

    static int bTarget(int insn, int pc) { return pc + 4 + branchOffset24(insn); }

    static int bCondTarget(int insn, int pc) { return pc + 4 + branchOffset20(insn); }

    /** BLX immediate: Align(pc + 4, 4) + offset (the offset's bit 1 is H = 0). */
    static int blxTarget(int insn, int pc) { return ((pc + 4) & ~3) + branchOffset24(insn); }
}
