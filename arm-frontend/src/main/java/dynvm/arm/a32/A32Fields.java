package dynvm.arm.a32;

/** Field extraction for A32 words, named by bit position as the ARM ARM encoding diagrams are. */
final class A32Fields {
    private A32Fields() { }

    static int cond(int w) { return w >>> 28; }
    /** The register field at bits [lo+3:lo] (lo = 0, 8, 12 or 16). */
    static int reg(int w, int lo) { return (w >>> lo) & 15; }
    static int r0(int w) { return w & 15; }
    static int r8(int w) { return (w >>> 8) & 15; }
    static int r12(int w) { return (w >>> 12) & 15; }
    static int r16(int w) { return (w >>> 16) & 15; }
    static boolean bit(int w, int n) { return ((w >>> n) & 1) != 0; }
    static int bits(int w, int hi, int lo) { return (w >>> lo) & ((1 << (hi - lo + 1)) - 1); }

    /** Data-processing opcode, bits 24:21. */
    static int opcode(int w) { return (w >>> 21) & 15; }
    /** S bit (set flags), bit 20. */
    static boolean s(int w) { return bit(w, 20); }
    /** Shift type, bits 6:5. */
    static int shiftType(int w) { return (w >>> 5) & 3; }
    /** Immediate shift amount, bits 11:7. */
    static int imm5(int w) { return (w >>> 7) & 31; }

    /** Branch offset: imm24 sign-extended, times 4. */
    static int branchOffset(int w) { return (w << 8) >> 6; }

    /** The value a read of r15 gives in ARM state. */
    static int pcRead(int pc) { return pc + 8; }

    static final String[] COND_NAMES = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", ""};
    static final String[] SHIFT_NAMES = {"lsl", "lsr", "asr", "ror"};
}
