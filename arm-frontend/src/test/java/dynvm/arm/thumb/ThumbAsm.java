package dynvm.arm.thumb;

/**
 * A tiny Thumb (ARMv5T, 16-bit) encoder for tests: one method per form, fields in the order
 * the assembler takes them. Branch offsets are bytes relative to the instruction's pc + 4.
 * {@link #words} packs halfwords into the little-endian words SnippetRunner stores.
 */
public final class ThumbAsm {
    private ThumbAsm() { }

    public static final int AND = 0, EOR = 1, LSL = 2, LSR = 3, ASR = 4, ADC = 5, SBC = 6, ROR = 7,
            TST = 8, NEG = 9, CMP = 10, CMN = 11, ORR = 12, MUL = 13, BIC = 14, MVN = 15;
    public static final int STR = 0, STRH = 1, STRB = 2, LDRSB = 3, LDR = 4, LDRH = 5, LDRB = 6, LDRSH = 7;
    public static final int EQ = 0, NE = 1, CS = 2, CC = 3, MI = 4, PL = 5, VS = 6, VC = 7, HI = 8, LS = 9, GE = 10, LT = 11, GT = 12, LE = 13;
    /** mov r8, r8: pads an odd number of halfwords. */
    public static final int NOP = 0x46c0;

    /** Packs halfwords two per word, the first in the low half (little-endian memory order). */
    public static int[] words(int... hws) {
        int[] w = new int[(hws.length + 1) / 2];
        for (int i = 0; i < hws.length; i++) w[i / 2] |= (hws[i] & 0xffff) << (16 * (i & 1));
        if ((hws.length & 1) != 0) w[w.length - 1] |= NOP << 16;
        return w;
    }

    /** Concatenates halfwords and halfword arrays (BL pairs). */
    public static int[] seq(Object... parts) {
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
    public static int lslImm(int rd, int rm, int sh) { return fit(sh, 5, 1) << 6 | lo(rm) << 3 | lo(rd); }
    public static int lsrImm(int rd, int rm, int sh) { return 0x0800 | (sh & 31) << 6 | lo(rm) << 3 | lo(rd); }
    public static int asrImm(int rd, int rm, int sh) { return 0x1000 | (sh & 31) << 6 | lo(rm) << 3 | lo(rd); }
    public static int addReg(int rd, int rn, int rm) { return 0x1800 | lo(rm) << 6 | lo(rn) << 3 | lo(rd); }
    public static int subReg(int rd, int rn, int rm) { return 0x1a00 | lo(rm) << 6 | lo(rn) << 3 | lo(rd); }
    public static int addImm3(int rd, int rn, int imm) { return 0x1c00 | fit(imm, 3, 1) << 6 | lo(rn) << 3 | lo(rd); }
    public static int subImm3(int rd, int rn, int imm) { return 0x1e00 | fit(imm, 3, 1) << 6 | lo(rn) << 3 | lo(rd); }

    // 8-bit immediate
    public static int movImm(int rd, int imm) { return 0x2000 | lo(rd) << 8 | fit(imm, 8, 1); }
    public static int cmpImm(int rn, int imm) { return 0x2800 | lo(rn) << 8 | fit(imm, 8, 1); }
    public static int addImm8(int rdn, int imm) { return 0x3000 | lo(rdn) << 8 | fit(imm, 8, 1); }
    public static int subImm8(int rdn, int imm) { return 0x3800 | lo(rdn) << 8 | fit(imm, 8, 1); }

    /** Data-processing register op (AND..MVN): op rdn, rm. */
    public static int dp(int op, int rdn, int rm) { return 0x4000 | op << 6 | lo(rm) << 3 | lo(rdn); }

    // high registers and branch-exchange
    private static int hi(int base, int rd, int rm) { return base | (rd & 8) << 4 | rm << 3 | rd & 7; }
    public static int addHi(int rd, int rm) { return hi(0x4400, rd, rm); }
    public static int cmpHi(int rn, int rm) { return hi(0x4500, rn, rm); }
    public static int movHi(int rd, int rm) { return hi(0x4600, rd, rm); }
    public static int bx(int rm) { return 0x4700 | rm << 3; }
    public static int blx(int rm) { return 0x4780 | rm << 3; }

    // loads and stores
    public static int ldrLit(int rt, int off) { return 0x4800 | lo(rt) << 8 | fit(off, 8, 4); }
    public static int memReg(int op, int rt, int rn, int rm) { return 0x5000 | op << 9 | lo(rm) << 6 | lo(rn) << 3 | lo(rt); }
    public static int strImm(int rt, int rn, int off) { return 0x6000 | fit(off, 5, 4) << 6 | lo(rn) << 3 | lo(rt); }
    public static int ldrImm(int rt, int rn, int off) { return 0x6800 | fit(off, 5, 4) << 6 | lo(rn) << 3 | lo(rt); }
    public static int strbImm(int rt, int rn, int off) { return 0x7000 | fit(off, 5, 1) << 6 | lo(rn) << 3 | lo(rt); }
    public static int ldrbImm(int rt, int rn, int off) { return 0x7800 | fit(off, 5, 1) << 6 | lo(rn) << 3 | lo(rt); }
    public static int strhImm(int rt, int rn, int off) { return 0x8000 | fit(off, 5, 2) << 6 | lo(rn) << 3 | lo(rt); }
    public static int ldrhImm(int rt, int rn, int off) { return 0x8800 | fit(off, 5, 2) << 6 | lo(rn) << 3 | lo(rt); }
    public static int strSp(int rt, int off) { return 0x9000 | lo(rt) << 8 | fit(off, 8, 4); }
    public static int ldrSp(int rt, int off) { return 0x9800 | lo(rt) << 8 | fit(off, 8, 4); }

    // address generation and sp adjustment
    public static int adr(int rd, int off) { return 0xa000 | lo(rd) << 8 | fit(off, 8, 4); }
    public static int addRdSp(int rd, int off) { return 0xa800 | lo(rd) << 8 | fit(off, 8, 4); }
    public static int addSp(int off) { return 0xb000 | fit(off, 7, 4); }
    public static int subSp(int off) { return 0xb080 | fit(off, 7, 4); }

    // multiple
    public static int push(int list, boolean lr) { return 0xb400 | (lr ? 0x100 : 0) | fit(list, 8, 1); }
    public static int pop(int list, boolean pc) { return 0xbc00 | (pc ? 0x100 : 0) | fit(list, 8, 1); }
    public static int stmia(int rn, int list) { return 0xc000 | lo(rn) << 8 | fit(list, 8, 1); }
    public static int ldmia(int rn, int list) { return 0xc800 | lo(rn) << 8 | fit(list, 8, 1); }

    // branches and exceptions
    public static int bcond(int cond, int off) { return 0xd000 | cond << 8 | soff(off, 8); }
    public static int svc(int imm) { return 0xdf00 | fit(imm, 8, 1); }
    public static int b(int off) { return 0xe000 | soff(off, 11); }
    public static int bkpt(int imm) { return 0xbe00 | fit(imm, 8, 1); }
    public static int blPrefix(int off) { return 0xf000 | (off >> 12) & 0x7ff; }
    public static int blSuffix(int off) { return 0xf800 | (off >> 1) & 0x7ff; }
    public static int blxSuffix(int off) { return 0xe800 | (off >> 1) & 0x7fe; }
    /** BL to pc + 4 + off, as its two halfwords. */
    public static int[] bl(int off) { return new int[]{blPrefix(off), blSuffix(off)}; }
    /** BLX (immediate, to ARM) to Align(pc + 4 + off, 4). */
    public static int[] blxImm(int off) { return new int[]{blPrefix(off), blxSuffix(off)}; }

    // ---- ARMv7 (Thumb-2) forms; a 32-bit instruction is returned as its two halfwords

    /** The halfwords of {@code hw1 << 16 | hw2}. */
    public static int[] wide(int insn) { return new int[]{insn >>> 16, insn & 0xffff}; }

    /** IT firstcond with the then/else pattern of the further instructions, e.g. it(EQ, "te") = itte eq. */
    public static int it(int firstcond, String pattern) {
        int c0 = firstcond & 1, mask = 0;
        for (int k = 0; k < pattern.length(); k++) mask |= (pattern.charAt(k) == 't' ? c0 : 1 - c0) << (3 - k);
        mask |= 1 << (3 - pattern.length());
        return 0xbf00 | firstcond << 4 | mask;
    }

    public static int cbz(int rn, int off) { return 0xb100 | (off & 0x40) << 3 | (off & 0x3e) << 2 | lo(rn); }
    public static int cbnz(int rn, int off) { return 0xb900 | (off & 0x40) << 3 | (off & 0x3e) << 2 | lo(rn); }

    /** Modified-immediate data processing: op (bits 24:21) S Rn Rd, imm12 = i:imm3:imm8. */
    public static int[] dpImm(int op, boolean s, int rd, int rn, int imm12) {
        return wide(0xf0000000 | (imm12 & 0x800) << 15 | op << 21 | (s ? 1 << 20 : 0) | rn << 16 | (imm12 & 0x700) << 4 | rd << 8 | imm12 & 0xff);
    }

    /** Shifted-register data processing: op S Rn Rd Rm, type, imm5. */
    public static int[] dpReg(int op, boolean s, int rd, int rn, int rm, int type, int imm5) {
        return wide(0xea000000 | op << 21 | (s ? 1 << 20 : 0) | rn << 16 | (imm5 & 0x1c) << 10 | rd << 8 | (imm5 & 3) << 6 | type << 4 | rm);
    }

    /** Plain binary immediate: op (bits 24:20), Rn, Rd, imm12 (i:imm3:imm8). */
    public static int[] plainImm(int op, int rd, int rn, int imm12) {
        return wide(0xf2000000 | (imm12 & 0x800) << 15 | op << 20 | rn << 16 | (imm12 & 0x700) << 4 | rd << 8 | imm12 & 0xff);
    }

    public static int[] movw(int rd, int imm16) { return plainImm(0b00100, rd, imm16 >>> 12, imm16 & 0xfff); }
    public static int[] movt(int rd, int imm16) { return plainImm(0b01100, rd, imm16 >>> 12, imm16 & 0xfff); }

    /** B.W (T4) / BL to pc + 4 + off. */
    public static int[] bw(int off, boolean link) {
        int s = off >>> 24 & 1, i1 = off >>> 23 & 1, i2 = off >>> 22 & 1;
        int j1 = ~(i1 ^ s) & 1, j2 = ~(i2 ^ s) & 1;
        return wide(0xf0009000 | (link ? 0x4000 : 0) | s << 26 | (off >>> 12 & 0x3ff) << 16 | j1 << 13 | j2 << 11 | (off >>> 1 & 0x7ff));
    }

    /** B&lt;cond&gt;.W (T3) to pc + 4 + off. */
    public static int[] bcondW(int cond, int off) {
        int s = off >>> 20 & 1, j2 = off >>> 19 & 1, j1 = off >>> 18 & 1;
        return wide(0xf0008000 | s << 26 | cond << 22 | (off >>> 12 & 0x3f) << 16 | j1 << 13 | j2 << 11 | (off >>> 1 & 0x7ff));
    }
}
