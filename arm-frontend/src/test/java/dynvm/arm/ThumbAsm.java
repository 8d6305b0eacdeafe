package dynvm.arm;

/**
 * A tiny Thumb (ARMv5T, 16-bit) encoder for tests: one method per form, fields in the order
 * the assembler takes them. Branch offsets are bytes relative to the instruction's pc + 4.
 * {@link #words} packs halfwords into the little-endian words SnippetRunner stores.
 */
final class ThumbAsm {
    private ThumbAsm() { }

    static final int AND = 0, EOR = 1, LSL = 2, LSR = 3, ASR = 4, ADC = 5, SBC = 6, ROR = 7,
            TST = 8, NEG = 9, CMP = 10, CMN = 11, ORR = 12, MUL = 13, BIC = 14, MVN = 15;
    static final int STR = 0, STRH = 1, STRB = 2, LDRSB = 3, LDR = 4, LDRH = 5, LDRB = 6, LDRSH = 7;
    static final int EQ = 0, NE = 1, CS = 2, CC = 3, MI = 4, PL = 5, VS = 6, VC = 7, HI = 8, LS = 9, GE = 10, LT = 11, GT = 12, LE = 13;
    /** mov r8, r8: pads an odd number of halfwords. */
    static final int NOP = 0x46c0;

    /** Packs halfwords two per word, the first in the low half (little-endian memory order). */
    static int[] words(int... hws) {
        int[] w = new int[(hws.length + 1) / 2];
        for (int i = 0; i < hws.length; i++) w[i / 2] |= (hws[i] & 0xffff) << (16 * (i & 1));
        if ((hws.length & 1) != 0) w[w.length - 1] |= NOP << 16;
        return w;
    }

    /** Concatenates halfwords and halfword arrays (BL pairs). */
    static int[] seq(Object... parts) {
        int n = 0;
        for (Object p : parts) n += p instanceof int[] a ? a.length : 1;
        int[] out = new int[n];
        int i = 0;
        for (Object p : parts) {
            if (p instanceof int[] a) for (int x : a) out[i++] = x;
            else out[i++] = (Integer) p;
        }
        return out;
    }

    private static int lo(int r) {
        if (r < 0 || r > 7) throw new IllegalArgumentException("low register expected: r" + r);
        return r;
    }

    private static int fit(int v, int bits, int scale) {
        if (v % scale != 0 || v < 0 || v / scale >= 1 << bits) throw new IllegalArgumentException("immediate out of range: " + v);
        return v / scale;
    }

    private static int soff(int v, int bits) {
        if ((v & 1) != 0 || (v >> 1) < -(1 << (bits - 1)) || (v >> 1) >= 1 << (bits - 1)) throw new IllegalArgumentException("offset out of range: " + v);
        return (v >> 1) & ((1 << bits) - 1);
    }

    // shift by immediate, add/sub
    static int lslImm(int rd, int rm, int sh) { return fit(sh, 5, 1) << 6 | lo(rm) << 3 | lo(rd); }
    static int lsrImm(int rd, int rm, int sh) { return 0x0800 | (sh & 31) << 6 | lo(rm) << 3 | lo(rd); }
    static int asrImm(int rd, int rm, int sh) { return 0x1000 | (sh & 31) << 6 | lo(rm) << 3 | lo(rd); }
    static int addReg(int rd, int rn, int rm) { return 0x1800 | lo(rm) << 6 | lo(rn) << 3 | lo(rd); }
    static int subReg(int rd, int rn, int rm) { return 0x1a00 | lo(rm) << 6 | lo(rn) << 3 | lo(rd); }
    static int addImm3(int rd, int rn, int imm) { return 0x1c00 | fit(imm, 3, 1) << 6 | lo(rn) << 3 | lo(rd); }
    static int subImm3(int rd, int rn, int imm) { return 0x1e00 | fit(imm, 3, 1) << 6 | lo(rn) << 3 | lo(rd); }

    // 8-bit immediate
    static int movImm(int rd, int imm) { return 0x2000 | lo(rd) << 8 | fit(imm, 8, 1); }
    static int cmpImm(int rn, int imm) { return 0x2800 | lo(rn) << 8 | fit(imm, 8, 1); }
    static int addImm8(int rdn, int imm) { return 0x3000 | lo(rdn) << 8 | fit(imm, 8, 1); }
    static int subImm8(int rdn, int imm) { return 0x3800 | lo(rdn) << 8 | fit(imm, 8, 1); }

    /** Data-processing register op (AND..MVN): op rdn, rm. */
    static int dp(int op, int rdn, int rm) { return 0x4000 | op << 6 | lo(rm) << 3 | lo(rdn); }

    // high registers and branch-exchange
    private static int hi(int base, int rd, int rm) { return base | (rd & 8) << 4 | rm << 3 | rd & 7; }
    static int addHi(int rd, int rm) { return hi(0x4400, rd, rm); }
    static int cmpHi(int rn, int rm) { return hi(0x4500, rn, rm); }
    static int movHi(int rd, int rm) { return hi(0x4600, rd, rm); }
    static int bx(int rm) { return 0x4700 | rm << 3; }
    static int blx(int rm) { return 0x4780 | rm << 3; }

    // loads and stores
    static int ldrLit(int rt, int off) { return 0x4800 | lo(rt) << 8 | fit(off, 8, 4); }
    static int memReg(int op, int rt, int rn, int rm) { return 0x5000 | op << 9 | lo(rm) << 6 | lo(rn) << 3 | lo(rt); }
    static int strImm(int rt, int rn, int off) { return 0x6000 | fit(off, 5, 4) << 6 | lo(rn) << 3 | lo(rt); }
    static int ldrImm(int rt, int rn, int off) { return 0x6800 | fit(off, 5, 4) << 6 | lo(rn) << 3 | lo(rt); }
    static int strbImm(int rt, int rn, int off) { return 0x7000 | fit(off, 5, 1) << 6 | lo(rn) << 3 | lo(rt); }
    static int ldrbImm(int rt, int rn, int off) { return 0x7800 | fit(off, 5, 1) << 6 | lo(rn) << 3 | lo(rt); }
    static int strhImm(int rt, int rn, int off) { return 0x8000 | fit(off, 5, 2) << 6 | lo(rn) << 3 | lo(rt); }
    static int ldrhImm(int rt, int rn, int off) { return 0x8800 | fit(off, 5, 2) << 6 | lo(rn) << 3 | lo(rt); }
    static int strSp(int rt, int off) { return 0x9000 | lo(rt) << 8 | fit(off, 8, 4); }
    static int ldrSp(int rt, int off) { return 0x9800 | lo(rt) << 8 | fit(off, 8, 4); }

    // address generation and sp adjustment
    static int adr(int rd, int off) { return 0xa000 | lo(rd) << 8 | fit(off, 8, 4); }
    static int addRdSp(int rd, int off) { return 0xa800 | lo(rd) << 8 | fit(off, 8, 4); }
    static int addSp(int off) { return 0xb000 | fit(off, 7, 4); }
    static int subSp(int off) { return 0xb080 | fit(off, 7, 4); }

    // multiple
    static int push(int list, boolean lr) { return 0xb400 | (lr ? 0x100 : 0) | fit(list, 8, 1); }
    static int pop(int list, boolean pc) { return 0xbc00 | (pc ? 0x100 : 0) | fit(list, 8, 1); }
    static int stmia(int rn, int list) { return 0xc000 | lo(rn) << 8 | fit(list, 8, 1); }
    static int ldmia(int rn, int list) { return 0xc800 | lo(rn) << 8 | fit(list, 8, 1); }

    // branches and exceptions
    static int bcond(int cond, int off) { return 0xd000 | cond << 8 | soff(off, 8); }
    static int svc(int imm) { return 0xdf00 | fit(imm, 8, 1); }
    static int b(int off) { return 0xe000 | soff(off, 11); }
    static int bkpt(int imm) { return 0xbe00 | fit(imm, 8, 1); }
    static int blPrefix(int off) { return 0xf000 | (off >> 12) & 0x7ff; }
    static int blSuffix(int off) { return 0xf800 | (off >> 1) & 0x7ff; }
    static int blxSuffix(int off) { return 0xe800 | (off >> 1) & 0x7fe; }
    /** BL to pc + 4 + off, as its two halfwords. */
    static int[] bl(int off) { return new int[]{blPrefix(off), blSuffix(off)}; }
    /** BLX (immediate, to ARM) to Align(pc + 4 + off, 4). */
    static int[] blxImm(int off) { return new int[]{blPrefix(off), blxSuffix(off)}; }
}
