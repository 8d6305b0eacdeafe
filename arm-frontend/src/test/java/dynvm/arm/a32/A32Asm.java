package dynvm.arm.a32;

/**
 * A tiny A32 encoder for tests, laid out after the ARM ARM encoding diagrams (checked against GNU
 * as during development). Every method gives the AL-condition word; {@link #cond} changes it.
 */
public final class A32Asm {
    private A32Asm() { }

    public static final int EQ = 0, NE = 1, CS = 2, CC = 3, MI = 4, PL = 5, VS = 6, VC = 7, HI = 8, LS = 9,
            GE = 10, LT = 11, GT = 12, LE = 13, AL = 14;
    public static final int LSL = 0, LSR = 1, ASR = 2, ROR = 3;
    public static final int AND = 0, EOR = 1, SUB = 2, RSB = 3, ADD = 4, ADC = 5, SBC = 6, RSC = 7,
            TST = 8, TEQ = 9, CMP = 10, CMN = 11, ORR = 12, MOV = 13, BIC = 14, MVN = 15;
    public static final int SP = 13, LR = 14, PC = 15;

    private static final int ALWAYS = 0xe0000000;

    public static int cond(int c, int word) { return (word & 0x0fffffff) | c << 28; }

    // ---- data processing
    /** op Rd, Rn, #imm8 ROR (2*rot). */
    public static int dpImm(int opc, boolean s, int rd, int rn, int imm8, int rot) {
        return ALWAYS | 1 << 25 | opc << 21 | (s ? 1 << 20 : 0) | rn << 16 | rd << 12 | rot << 8 | imm8;
    }

    /** op Rd, Rn, Rm, type #imm5. */
    public static int dpReg(int opc, boolean s, int rd, int rn, int rm, int type, int imm5) {
        return ALWAYS | opc << 21 | (s ? 1 << 20 : 0) | rn << 16 | rd << 12 | imm5 << 7 | type << 5 | rm;
    }

    /** op Rd, Rn, Rm, type Rs. */
    public static int dpRegReg(int opc, boolean s, int rd, int rn, int rm, int type, int rs) {
        return ALWAYS | opc << 21 | (s ? 1 << 20 : 0) | rn << 16 | rd << 12 | rs << 8 | type << 5 | 1 << 4 | rm;
    }

    public static int movImm(int rd, int imm8) { return dpImm(MOV, false, rd, 0, imm8, 0); }

    public static int movReg(int rd, int rm) { return dpReg(MOV, false, rd, 0, rm, LSL, 0); }

    public static int clz(int rd, int rm) { return ALWAYS | 0x016f0f10 | rd << 12 | rm; }

    // ---- multiplies
    public static int mul(boolean s, int rd, int rn, int rm) { return ALWAYS | (s ? 1 << 20 : 0) | rd << 16 | rm << 8 | 0x90 | rn; }

    public static int mla(boolean s, int rd, int rn, int rm, int ra) { return mul(s, rd, rn, rm) | 1 << 21 | ra << 12; }

    /** op = 4 UMULL, 5 UMLAL, 6 SMULL, 7 SMLAL, 2 UMAAL. */
    public static int mulLong(int op, boolean s, int rdLo, int rdHi, int rn, int rm) {
        return ALWAYS | op << 21 | (s ? 1 << 20 : 0) | rdHi << 16 | rdLo << 12 | rm << 8 | 0x90 | rn;
    }

    /** SMLA&lt;x&gt;&lt;y&gt; (x, y = 1 for the top half). */
    public static int smla(int x, int y, int rd, int rn, int rm, int ra) { return ALWAYS | 0x01000080 | rd << 16 | ra << 12 | rm << 8 | y << 6 | x << 5 | rn; }

    public static int smul(int x, int y, int rd, int rn, int rm) { return ALWAYS | 0x01600080 | rd << 16 | rm << 8 | y << 6 | x << 5 | rn; }

    public static int smlal(int x, int y, int rdLo, int rdHi, int rn, int rm) {
        return ALWAYS | 0x01400080 | rdHi << 16 | rdLo << 12 | rm << 8 | y << 6 | x << 5 | rn;
    }

    public static int smlaw(int y, int rd, int rn, int rm, int ra) { return ALWAYS | 0x01200080 | rd << 16 | ra << 12 | rm << 8 | y << 6 | rn; }

    public static int smulw(int y, int rd, int rn, int rm) { return ALWAYS | 0x012000a0 | rd << 16 | rm << 8 | y << 6 | rn; }

    /** op = 0 QADD, 1 QSUB, 2 QDADD, 3 QDSUB: Rd, Rm, Rn. */
    public static int qop(int op, int rd, int rm, int rn) { return ALWAYS | 0x01000050 | op << 21 | rn << 16 | rd << 12 | rm; }

    // ---- loads and stores
    /** LDR/STR(B) Rt, [Rn, #+-imm12] with P, U, W. */
    public static int mem(boolean load, boolean byt, boolean p, boolean u, boolean w, int rt, int rn, int imm12) {
        return ALWAYS | 1 << 26 | (p ? 1 << 24 : 0) | (u ? 1 << 23 : 0) | (byt ? 1 << 22 : 0) | (w ? 1 << 21 : 0)
                | (load ? 1 << 20 : 0) | rn << 16 | rt << 12 | imm12;
    }

    /** LDR/STR(B) Rt, [Rn, +-Rm, type #imm5] with P, U, W. */
    public static int memReg(boolean load, boolean byt, boolean p, boolean u, boolean w, int rt, int rn, int rm, int type, int imm5) {
        return mem(load, byt, p, u, w, rt, rn, 0) | 1 << 25 | imm5 << 7 | type << 5 | rm;
    }

    public static int ldr(int rt, int rn, int off) { return mem(true, false, true, off >= 0, false, rt, rn, Math.abs(off)); }

    public static int str(int rt, int rn, int off) { return mem(false, false, true, off >= 0, false, rt, rn, Math.abs(off)); }

    /** Extra load/store: sh = bits 6:5 (1 H, 2 SB / D, 3 SH / D), immediate offset. */
    public static int extra(boolean load, int sh, boolean p, boolean u, boolean w, int rt, int rn, int imm8) {
        return ALWAYS | (p ? 1 << 24 : 0) | (u ? 1 << 23 : 0) | 1 << 22 | (w ? 1 << 21 : 0) | (load ? 1 << 20 : 0)
                | rn << 16 | rt << 12 | (imm8 & 0xf0) << 4 | 0x90 | sh << 5 | imm8 & 15;
    }

    public static int extraReg(boolean load, int sh, boolean p, boolean u, boolean w, int rt, int rn, int rm) {
        return ALWAYS | (p ? 1 << 24 : 0) | (u ? 1 << 23 : 0) | (w ? 1 << 21 : 0) | (load ? 1 << 20 : 0)
                | rn << 16 | rt << 12 | 0x90 | sh << 5 | rm;
    }

    /** LDM/STM: p, u as in the mode (IA = p0 u1, IB = p1 u1, DA = p0 u0, DB = p1 u0). */
    public static int ldm(boolean load, boolean p, boolean u, boolean w, int rn, int list) {
        return ALWAYS | 1 << 27 | (p ? 1 << 24 : 0) | (u ? 1 << 23 : 0) | (w ? 1 << 21 : 0) | (load ? 1 << 20 : 0) | rn << 16 | list;
    }

    public static int swp(boolean byt, int rt, int rt2, int rn) { return ALWAYS | 0x01000090 | (byt ? 1 << 22 : 0) | rn << 16 | rt << 12 | rt2; }

    public static int ldrex(int rt, int rn) { return ALWAYS | 0x01900f9f | rn << 16 | rt << 12; }

    public static int strex(int rd, int rt, int rn) { return ALWAYS | 0x01800f90 | rn << 16 | rd << 12 | rt; }

    // ---- branches
    /** B to pc + 8 + 4 * words. */
    public static int b(int words) { return ALWAYS | 0x0a000000 | words & 0xffffff; }

    public static int bl(int words) { return ALWAYS | 0x0b000000 | words & 0xffffff; }

    public static int blxImm(int words, int h) { return 0xfa000000 | h << 24 | words & 0xffffff; }

    public static int bx(int rm) { return ALWAYS | 0x012fff10 | rm; }

    public static int blx(int rm) { return ALWAYS | 0x012fff30 | rm; }

    // ---- misc
    public static int svc(int imm24) { return ALWAYS | 0x0f000000 | imm24; }

    public static int bkpt(int imm16) { return ALWAYS | 0x01200070 | (imm16 & 0xfff0) << 4 | imm16 & 15; }

    public static int udf(int imm16) { return ALWAYS | 0x07f000f0 | (imm16 & 0xfff0) << 4 | imm16 & 15; }

    public static int mrs(int rd) { return ALWAYS | 0x010f0000 | rd << 12; }

    /** MSR APSR_&lt;mask&gt;, Rm (mask bits: 8 = nzcvq, 4 = g). */
    public static int msr(int mask, int rm) { return ALWAYS | 0x0120f000 | mask << 16 | rm; }

    public static int msrImm(int mask, int imm8, int rot) { return ALWAYS | 0x0320f000 | mask << 16 | rot << 8 | imm8; }

    public static int mrcTls(int rt) { return ALWAYS | 0x0e1d0f70 | rt << 12; }

    /** ARMv6 extends: op = bits 22:20 (2 SXTB, 3 SXTH, 6 UXTB, 7 UXTH); rn = 15 for the plain form. */
    public static int extend(int op, int rd, int rn, int rm, int rot) { return ALWAYS | 0x06800070 | op << 20 | rn << 16 | rd << 12 | rot << 10 | rm; }

    public static int rev(int rd, int rm) { return ALWAYS | 0x06bf0f30 | rd << 12 | rm; }

    public static int rev16(int rd, int rm) { return ALWAYS | 0x06bf0fb0 | rd << 12 | rm; }

    public static int revsh(int rd, int rm) { return ALWAYS | 0x06ff0fb0 | rd << 12 | rm; }

    // ---- ARMv6/v7 media and multiplies (checked against GNU as in A32TableTest)
    /** Parallel add/subtract: op1 = bits 22:20 (1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH), op2 = bits 7:5 (0 ADD16 .. 7 SUB8). */
    public static int parallel(int op1, int op2, int rd, int rn, int rm) { return ALWAYS | 0x06000f10 | op1 << 20 | rn << 16 | rd << 12 | op2 << 5 | rm; }

    public static int sel(int rd, int rn, int rm) { return ALWAYS | 0x06800fb0 | rn << 16 | rd << 12 | rm; }

    /** USADA8 Rd, Rn, Rm, Ra; ra = 15 gives USAD8. */
    public static int usada8(int rd, int rn, int rm, int ra) { return ALWAYS | 0x07800010 | rd << 16 | ra << 12 | rm << 8 | rn; }

    /** SSAT Rd, #sat (1..32), Rn, (asr ? ASR : LSL) #imm5. */
    public static int ssat(int rd, int sat, int rn, boolean asr, int imm5) {
        return ALWAYS | 0x06a00010 | (sat - 1) << 16 | rd << 12 | imm5 << 7 | (asr ? 1 << 6 : 0) | rn;
    }

    /** USAT Rd, #sat (0..31), Rn, shift. */
    public static int usat(int rd, int sat, int rn, boolean asr, int imm5) {
        return ALWAYS | 0x06e00010 | sat << 16 | rd << 12 | imm5 << 7 | (asr ? 1 << 6 : 0) | rn;
    }

    public static int ssat16(int rd, int sat, int rn) { return ALWAYS | 0x06a00f30 | (sat - 1) << 16 | rd << 12 | rn; }

    public static int usat16(int rd, int sat, int rn) { return ALWAYS | 0x06e00f30 | sat << 16 | rd << 12 | rn; }

    /** PKHBT (tb false, LSL) / PKHTB (tb true, ASR) Rd, Rn, Rm, #imm5. */
    public static int pkh(boolean tb, int rd, int rn, int rm, int imm5) { return ALWAYS | 0x06800010 | rn << 16 | rd << 12 | imm5 << 7 | (tb ? 1 << 6 : 0) | rm; }

    public static int rbit(int rd, int rm) { return ALWAYS | 0x06ff0f30 | rd << 12 | rm; }

    /** BFI Rd, Rn, #lsb, #width; rn = 15 gives BFC. */
    public static int bfi(int rd, int rn, int lsb, int width) { return ALWAYS | 0x07c00010 | (lsb + width - 1) << 16 | rd << 12 | lsb << 7 | rn; }

    /** SBFX / UBFX Rd, Rn, #lsb, #width. */
    public static int bfx(boolean unsigned, int rd, int rn, int lsb, int width) {
        return ALWAYS | 0x07a00050 | (unsigned ? 1 << 22 : 0) | (width - 1) << 16 | rd << 12 | lsb << 7 | rn;
    }

    public static int mls(int rd, int rn, int rm, int ra) { return ALWAYS | 0x00600090 | rd << 16 | ra << 12 | rm << 8 | rn; }

    /**
     * ARMv6 signed multiplies: cond 0111 0 op1 Rd Ra Rm op2 1 Rn (op1 0: SMLAD/SMLSD, 4: SMLALD/SMLSLD with
     * Ra = RdLo and Rd = RdHi, 5: SMMLA/SMMLS); op2 = bits 7:5 (0 add, 2 subtract, 6 SMMLS; +1 = X or R). ra = 15: no accumulate.
     */
    public static int signedMultiply(int op1, int op2, int rd, int ra, int rm, int rn) {
        return ALWAYS | 0x07000010 | op1 << 20 | rd << 16 | ra << 12 | rm << 8 | op2 << 5 | rn;
    }

    public static int movw(int rd, int imm16) { return ALWAYS | 0x03000000 | (imm16 & 0xf000) << 4 | rd << 12 | imm16 & 0xfff; }

    public static int movt(int rd, int imm16) { return movw(rd, imm16) | 0x00400000; }

    /** DMB / DSB / ISB with option: kind 5 DMB, 4 DSB, 6 ISB. */
    public static int barrier(int kind, int option) { return 0xf57ff000 | kind << 4 | option; }

    public static final int NOP = 0xe320f000;
}
