package dynvm.arm;

import static dynvm.arm.ArmRegs.GE;
import static dynvm.arm.ArmRegs.Q;

import dynvm.ir.IrEmitter;

/**
 * IR builders for the ARMv5TE..v7 media and multiply operations, shared by the A32 and Thumb-2
 * decoders and named after the ARM ARM (DDI 0406) pseudocode: parallel add/subtract (SADD16,
 * UQSUB8, ...), SEL, USAD8, saturation (SSAT, USAT, SSAT16, USAT16, QDADD, QDSUB), extension
 * with rotation (SXTB, UXTAB16, ...), packing (PKHBT), reversal (REV, RBIT), bit fields (BFI,
 * UBFX) and the multiplies (MLS, UMAAL, SMULxy, SMLAD, SMMLA, ...).
 *
 * <p>Every method takes operand <em>values</em> (I32 temps, already read from the registers) and
 * field values, never encodings, and returns the result temp(s); the caller writes the
 * destination. Flags the pseudocode writes (GE, Q) are written here. 64-bit results come back as
 * a {@link Wide} (lo, hi).
 */
public final class ArmMedia {
    private ArmMedia() { }

    /** A 64-bit result as its two halves (RdLo, RdHi). */
    public record Wide(int lo, int hi) { }

    // ---------------------------------------------------------------- parallel add and subtract

    /** The six prefixes of the parallel instructions: signed/unsigned, modular (GE), saturating, halving. */
    public enum Prefix {
        S, Q, SH, U, UQ, UH;

        public boolean signed() { return this == S || this == Q || this == SH; }

        /** The modular forms, which set GE. */
        public boolean setsGe() { return this == S || this == U; }

        public String mnemonic() { return name().toLowerCase(); }
    }

    /** The six parallel operations. ASX: bottom lane subtracts m.top, top lane adds m.bottom; SAX the reverse. */
    public enum ParallelOp {
        ADD16, ASX, SAX, SUB16, ADD8, SUB8;

        public int laneBits() { return this == ADD8 || this == SUB8 ? 8 : 16; }

        public String mnemonic() { return name().toLowerCase(); }
    }

    /**
     * {@code <prefix><op> Rd, Rn, Rm}: computes each lane exactly (as the pseudocode's integers),
     * then keeps its low bits (S, U, setting GE per lane), saturates it (Q, UQ; APSR.Q is not
     * touched) or halves it (SH, UH). GE: signed lanes set when the result is >= 0; unsigned
     * additions when they carry out of the lane, unsigned subtractions when they do not borrow.
     */
    public static int parallelAddSub(IrEmitter e, Prefix p, ParallelOp op, int n, int m) {
        int bits = op.laneBits(), lanes = 32 / bits;
        int result = -1, ge = -1;
        for (int i = 0; i < lanes; i++) {
            int j = op == ParallelOp.ASX || op == ParallelOp.SAX ? 1 - i : i;   // the crossed lane of m
            boolean add = switch (op) {
                case ADD16, ADD8 -> true;
                case SUB16, SUB8 -> false;
                case ASX -> i == 1;
                case SAX -> i == 0;
            };
            int a = lane(e, n, i, bits, p.signed()), b = lane(e, m, j, bits, p.signed());
            int v = add ? e.add(a, b) : e.sub(a, b);
            int r = switch (p) {
                case S, U -> v;
                case Q -> signedSat(e, v, bits);
                case UQ -> unsignedSat(e, v, bits);
                case SH, UH -> e.shrsImm(v, 1);
            };
            int placed = i == lanes - 1 ? e.shlImm(r, 32 - bits) : e.shlImm(e.andImm(r, (1 << bits) - 1), i * bits);
            result = result < 0 ? placed : e.or(result, placed);
            if (p.setsGe()) {
                int threshold = !p.signed() && add ? 1 << bits : 0;
                int laneGe = e.boolToI32(e.ges(v, e.const32(threshold)));
                // 16-bit lanes set two GE bits each, byte lanes one
                int geBits = bits == 16 ? e.mul(laneGe, e.const32(3 << 2 * i)) : e.shlImm(laneGe, i);
                ge = ge < 0 ? geBits : e.or(ge, geBits);
            }
        }
        if (p.setsGe()) e.set(GE, ge);
        return result;
    }

    /** Lane {@code i} of {@code bits} bits, sign- or zero-extended. */
    private static int lane(IrEmitter e, int x, int i, int bits, boolean signed) {
        int top = 32 - bits * (i + 1);
        int up = top == 0 ? x : e.shlImm(x, top);
        return signed ? e.shrsImm(up, 32 - bits) : e.shruImm(up, 32 - bits);
    }

    /** SEL: each byte from n where its GE bit is set, else from m. */
    public static int sel(IrEmitter e, int n, int m) {
        int ge = e.get(GE), mask = -1;
        for (int i = 0; i < 4; i++) {
            int byteMask = e.and(e.neg(ArmOps.bit(e, ge, i)), e.const32(0xff << 8 * i));
            mask = mask < 0 ? byteMask : e.or(mask, byteMask);
        }
        return e.or(e.and(n, mask), e.and(m, e.not(mask)));
    }

    /** USAD8 (a = -1) / USADA8: the sum of the absolute differences of the unsigned bytes, plus a. */
    public static int usada8(IrEmitter e, int n, int m, int a) {
        int sum = a;
        for (int i = 0; i < 4; i++) {
            int d = e.sub(lane(e, n, i, 8, false), lane(e, m, i, 8, false));
            int abs = e.select(e.lts(d, e.const32(0)), e.neg(d), d);
            sum = sum < 0 ? abs : e.add(sum, abs);
        }
        return sum;
    }

    // ---------------------------------------------------------------- saturation

    /** SignedSat(v, bits) for 1 <= bits <= 32, without touching Q. */
    public static int signedSat(IrEmitter e, int v, int bits) {
        if (bits == 32) return v;
        int min = e.const32(-(1 << (bits - 1))), max = e.const32((1 << (bits - 1)) - 1);
        return e.select(e.lts(v, min), min, e.select(e.gts(v, max), max, v));
    }

    /** UnsignedSat(v, bits) for 0 <= bits <= 31 (v signed), without touching Q. */
    public static int unsignedSat(IrEmitter e, int v, int bits) {
        int zero = e.const32(0), max = e.const32((int) ((1L << bits) - 1));
        return e.select(e.lts(v, zero), zero, e.select(e.gts(v, max), max, v));
    }

    /** Sets Q when {@code result != v} (the saturation changed the value). */
    private static void qIfChanged(IrEmitter e, int v, int result) {
        e.set(Q, e.or(e.get(Q), e.boolToI32(e.ne(v, result))));
    }

    /**
     * The operand of SSAT/USAT: {@code x} shifted as DecodeImmShift(sh:'0', imm5) says:
     * sh = 0 LSL #imm5, sh = 1 ASR #imm5 (ASR #0 means #32).
     */
    public static int saturateOperand(IrEmitter e, int x, int sh, int imm5) {
        return ArmOps.shiftImm(e, x, sh == 0 ? ArmOps.LSL : ArmOps.ASR, imm5, false).value();
    }

    /** SSAT: SignedSatQ(operand, saturateTo) for saturateTo = sat_imm + 1 (1..32); sets Q on saturation. */
    public static int ssat(IrEmitter e, int operand, int saturateTo) {
        int r = signedSat(e, operand, saturateTo);
        if (saturateTo < 32) qIfChanged(e, operand, r);
        return r;
    }

    /** USAT: UnsignedSatQ(operand, saturateTo) for saturateTo = sat_imm (0..31); sets Q on saturation. */
    public static int usat(IrEmitter e, int operand, int saturateTo) {
        int r = unsignedSat(e, operand, saturateTo);
        qIfChanged(e, operand, r);
        return r;
    }

    /** SSAT16: each signed halfword saturated to saturateTo = sat_imm + 1 (1..16) bits; Q on saturation. */
    public static int ssat16(IrEmitter e, int x, int saturateTo) {
        int lo = lane(e, x, 0, 16, true), hi = lane(e, x, 1, 16, true);
        int rlo = signedSat(e, lo, saturateTo), rhi = signedSat(e, hi, saturateTo);
        qIfChanged(e, e.or(e.xor(lo, rlo), e.xor(hi, rhi)), e.const32(0));
        return e.or(e.andImm(rlo, 0xffff), e.shlImm(rhi, 16));
    }

    /** USAT16: each signed halfword saturated to 0 .. 2^saturateTo - 1 (saturateTo 0..15); Q on saturation. */
    public static int usat16(IrEmitter e, int x, int saturateTo) {
        int lo = lane(e, x, 0, 16, true), hi = lane(e, x, 1, 16, true);
        int rlo = unsignedSat(e, lo, saturateTo), rhi = unsignedSat(e, hi, saturateTo);
        qIfChanged(e, e.or(e.xor(lo, rlo), e.xor(hi, rhi)), e.const32(0));
        return e.or(rlo, e.shlImm(rhi, 16));
    }

    /** QADD Rd, Rm, Rn: SignedSatQ(m + n). */
    public static int qadd(IrEmitter e, int m, int n) { return ArmOps.qadd(e, m, n); }

    /** QSUB Rd, Rm, Rn: SignedSatQ(m - n). */
    public static int qsub(IrEmitter e, int m, int n) { return ArmOps.qsub(e, m, n); }

    /** QDADD Rd, Rm, Rn: SignedSatQ(m + SignedSatQ(2 * n)); either saturation sets Q. */
    public static int qdadd(IrEmitter e, int m, int n) { return ArmOps.qadd(e, m, ArmOps.qadd(e, n, n)); }

    /** QDSUB Rd, Rm, Rn: SignedSatQ(m - SignedSatQ(2 * n)). */
    public static int qdsub(IrEmitter e, int m, int n) { return ArmOps.qsub(e, m, ArmOps.qadd(e, n, n)); }

    // ---------------------------------------------------------------- extension, packing, reversal

    /** The extend operations: byte/halfword to 32 bits, or the two even bytes to halfwords (B16). */
    public enum Extend {
        SXTB, SXTH, UXTB, UXTH, SXTB16, UXTB16;

        public boolean signed() { return this == SXTB || this == SXTH || this == SXTB16; }

        public String mnemonic() { return name().toLowerCase(); }

        /** The accumulating form's name: sxtab, uxtah, sxtab16, ... */
        public String accumulateMnemonic() { return mnemonic().substring(0, 3) + "a" + mnemonic().substring(3); }
    }

    /** ROR(x, rotation) for rotation 0, 8, 16 or 24. */
    public static int ror(IrEmitter e, int x, int rotation) {
        return rotation == 0 ? x : e.rotl(x, e.const32(32 - rotation));
    }

    /** SXTB Rd, Rm, ROR #rotation and friends: the extension of ROR(m, rotation). */
    public static int extend(IrEmitter e, Extend k, int m, int rotation) {
        int x = ror(e, m, rotation);
        return switch (k) {
            case SXTB -> e.sext8(x);
            case SXTH -> e.sext16(x);
            case UXTB -> e.zext8(x);
            case UXTH -> e.zext16(x);
            case SXTB16 -> e.or(e.andImm(e.sext8(x), 0xffff), e.shlImm(e.shrsImm(e.shlImm(x, 8), 24), 16));
            case UXTB16 -> e.andImm(x, 0x00ff00ff);
        };
    }

    /**
     * SXTAB Rd, Rn, Rm, ROR #rotation and friends: n plus the extension; the B16 forms add each
     * halfword separately (no carry between them).
     */
    public static int extendAdd(IrEmitter e, Extend k, int n, int m, int rotation) {
        int x = extend(e, k, m, rotation);
        if (k != Extend.SXTB16 && k != Extend.UXTB16) return e.add(n, x);
        int lo = e.andImm(e.add(n, x), 0xffff);
        int hi = e.add(e.andImm(n, 0xffff0000), e.andImm(x, 0xffff0000));
        return e.or(hi, lo);
    }

    /** PKHBT Rd, Rn, Rm, LSL #imm5: bottom half from n, top half from m shifted left. */
    public static int pkhbt(IrEmitter e, int n, int m, int imm5) {
        int shifted = ArmOps.shiftImm(e, m, ArmOps.LSL, imm5, false).value();
        return e.or(e.andImm(n, 0xffff), e.andImm(shifted, 0xffff0000));
    }

    /** PKHTB Rd, Rn, Rm, ASR #imm5 (0 means 32): top half from n, bottom half from m shifted right. */
    public static int pkhtb(IrEmitter e, int n, int m, int imm5) {
        int shifted = ArmOps.shiftImm(e, m, ArmOps.ASR, imm5, false).value();
        return e.or(e.andImm(n, 0xffff0000), e.andImm(shifted, 0xffff));
    }

    /** REV: byte reversal of the word. */
    public static int rev(IrEmitter e, int m) { return e.bswap32(m); }

    /** REV16: bytes reversed in each halfword. */
    public static int rev16(IrEmitter e, int m) {
        return e.or(e.andImm(e.shruImm(m, 8), 0x00ff00ff), e.andImm(e.shlImm(m, 8), 0xff00ff00));
    }

    /** REVSH: the bottom halfword byte-reversed and sign-extended. */
    public static int revsh(IrEmitter e, int m) {
        return e.or(e.shrsImm(e.shlImm(m, 24), 16), e.andImm(e.shruImm(m, 8), 0xff));
    }

    /** RBIT: bit reversal (swap neighbours, pairs, nibbles, then the bytes). */
    public static int rbit(IrEmitter e, int m) {
        int x = m;
        int[] masks = {0x55555555, 0x33333333, 0x0f0f0f0f};
        for (int k = 0; k < 3; k++) {
            int s = 1 << k;
            x = e.or(e.andImm(e.shruImm(x, s), masks[k]), e.shlImm(e.andImm(x, masks[k]), s));
        }
        return e.bswap32(x);
    }

    /** CLZ: count of leading zero bits. */
    public static int clz(IrEmitter e, int m) { return e.clz(m); }

    // ---------------------------------------------------------------- bit fields

    /** Bits msb:lsb set. */
    private static int fieldMask(int lsb, int msb) { return (int) (((1L << (msb + 1)) - 1) & -(1L << lsb)); }

    /** BFI Rd, Rn, #lsb, #width (msb = lsb + width - 1 >= lsb): d with bits msb:lsb from the bottom of n. */
    public static int bfi(IrEmitter e, int d, int n, int lsb, int msb) {
        int mask = fieldMask(lsb, msb);
        return e.or(e.andImm(d, ~mask), e.andImm(lsb == 0 ? n : e.shlImm(n, lsb), mask));
    }

    /** BFC Rd, #lsb, #width (msb >= lsb): d with bits msb:lsb cleared. */
    public static int bfc(IrEmitter e, int d, int lsb, int msb) { return e.andImm(d, ~fieldMask(lsb, msb)); }

    /** UBFX Rd, Rn, #lsb, #widthMinus1 + 1 (lsb + widthMinus1 <= 31): the field zero-extended. */
    public static int ubfx(IrEmitter e, int n, int lsb, int widthMinus1) {
        int up = 31 - (lsb + widthMinus1);
        return e.shruImm(up == 0 ? n : e.shlImm(n, up), 31 - widthMinus1);
    }

    /** SBFX Rd, Rn, #lsb, #widthMinus1 + 1 (lsb + widthMinus1 <= 31): the field sign-extended. */
    public static int sbfx(IrEmitter e, int n, int lsb, int widthMinus1) {
        int up = 31 - (lsb + widthMinus1);
        return e.shrsImm(up == 0 ? n : e.shlImm(n, up), 31 - widthMinus1);
    }

    // ---------------------------------------------------------------- 32-bit multiplies

    /** MUL: the low 32 bits of n * m. */
    public static int mul(IrEmitter e, int n, int m) { return e.mul(n, m); }

    /** MLA: n * m + a. */
    public static int mla(IrEmitter e, int n, int m, int a) { return e.add(e.mul(n, m), a); }

    /** MLS: a - n * m. */
    public static int mls(IrEmitter e, int n, int m, int a) { return e.sub(a, e.mul(n, m)); }

    // ---------------------------------------------------------------- 64-bit multiplies

    /** UMULL / SMULL: the 64-bit product. */
    public static Wide mull(IrEmitter e, int n, int m, boolean signed) {
        return split(e, ArmOps.mulLong(e, n, m, signed));
    }

    /** UMLAL / SMLAL: the 64-bit product plus hi:lo. */
    public static Wide mlal(IrEmitter e, int n, int m, int lo, int hi, boolean signed) {
        return split(e, e.add64(ArmOps.mulLong(e, n, m, signed), ArmOps.pair(e, lo, hi)));
    }

    /** UMAAL: n * m + lo + hi, unsigned (never overflows 64 bits). */
    public static Wide umaal(IrEmitter e, int n, int m, int lo, int hi) {
        int p = ArmOps.mulLong(e, n, m, false);
        return split(e, e.add64(e.add64(p, e.zext32to64(lo)), e.zext32to64(hi)));
    }

    private static Wide split(IrEmitter e, int v64) { return new Wide(e.lo32(v64), e.hi32(v64)); }

    // ---------------------------------------------------------------- 16-bit multiplies (ARMv5TE)

    /** SMUL&lt;x&gt;&lt;y&gt;: the signed half of n (top if nTop) times the half of m. */
    public static int smulxy(IrEmitter e, int n, int m, boolean nTop, boolean mTop) {
        return e.mul(ArmOps.half(e, n, nTop), ArmOps.half(e, m, mTop));
    }

    /** SMLA&lt;x&gt;&lt;y&gt;: the product plus a, setting Q (without saturating) on overflow. */
    public static int smlaxy(IrEmitter e, int n, int m, int a, boolean nTop, boolean mTop) {
        return ArmOps.addSetQ(e, smulxy(e, n, m, nTop, mTop), a);
    }

    /** SMLAL&lt;x&gt;&lt;y&gt;: hi:lo plus the product, 64-bit. */
    public static Wide smlalxy(IrEmitter e, int n, int m, int lo, int hi, boolean nTop, boolean mTop) {
        int p = e.sext32to64(smulxy(e, n, m, nTop, mTop));
        return split(e, e.add64(p, ArmOps.pair(e, lo, hi)));
    }

    /** SMULW&lt;y&gt;: bits 47:16 of n times the signed half of m. */
    public static int smulwy(IrEmitter e, int n, int m, boolean mTop) {
        int p = e.mul64(e.sext32to64(n), e.sext32to64(ArmOps.half(e, m, mTop)));
        return e.lo32(e.shrs64(p, e.const32(16)));
    }

    /**
     * SMLAW&lt;y&gt;: bits 47:16 of (n * m.half + a &lt;&lt; 16), i.e. SMULWy + a since the low 16 bits
     * of a &lt;&lt; 16 are zero; Q on overflow.
     */
    public static int smlawy(IrEmitter e, int n, int m, int a, boolean mTop) {
        return ArmOps.addSetQ(e, smulwy(e, n, m, mTop), a);
    }

    // ---------------------------------------------------------------- dual 16-bit multiplies (ARMv6)

    /** product1 = n.bottom * m'.bottom, product2 = n.top * m'.top, with m' = m ROR 16 when {@code swap} (X). */
    private static int[] dualProducts(IrEmitter e, int n, int m, boolean swap) {
        int mm = swap ? ror(e, m, 16) : m;
        return new int[]{smulxy(e, n, mm, false, false), smulxy(e, n, mm, true, true)};
    }

    /** SMUAD(X): product1 + product2; Q on overflow (only 0x8000 * 0x8000 twice). */
    public static int smuad(IrEmitter e, int n, int m, boolean swap) {
        int[] p = dualProducts(e, n, m, swap);
        return ArmOps.addSetQ(e, p[0], p[1]);
    }

    /** SMUSD(X): product1 - product2 (cannot overflow). */
    public static int smusd(IrEmitter e, int n, int m, boolean swap) {
        int[] p = dualProducts(e, n, m, swap);
        return e.sub(p[0], p[1]);
    }

    /** SMLAD(X): product1 + product2 + a; Q when the exact sum does not fit 32 bits. */
    public static int smlad(IrEmitter e, int n, int m, int a, boolean swap) {
        int[] p = dualProducts(e, n, m, swap);
        return addExactSetQ(e, e.add64(e.sext32to64(p[0]), e.sext32to64(p[1])), a);
    }

    /** SMLSD(X): product1 - product2 + a; Q when the exact result does not fit 32 bits. */
    public static int smlsd(IrEmitter e, int n, int m, int a, boolean swap) {
        int[] p = dualProducts(e, n, m, swap);
        return addExactSetQ(e, e.sub64(e.sext32to64(p[0]), e.sext32to64(p[1])), a);
    }

    /** The low word of {@code v64 + a}, with Q set when that loses the exact value. */
    private static int addExactSetQ(IrEmitter e, int v64, int a) {
        int r = e.add64(v64, e.sext32to64(a));
        int lo = e.lo32(r);
        e.set(Q, e.or(e.get(Q), e.boolToI32(e.bnot(e.eq64(r, e.sext32to64(lo))))));
        return lo;
    }

    /** SMLALD(X): hi:lo + product1 + product2 (64-bit, wraps). */
    public static Wide smlald(IrEmitter e, int n, int m, int lo, int hi, boolean swap) {
        int[] p = dualProducts(e, n, m, swap);
        int sum = e.add64(e.sext32to64(p[0]), e.sext32to64(p[1]));
        return split(e, e.add64(ArmOps.pair(e, lo, hi), sum));
    }

    /** SMLSLD(X): hi:lo + product1 - product2 (64-bit, wraps). */
    public static Wide smlsld(IrEmitter e, int n, int m, int lo, int hi, boolean swap) {
        int[] p = dualProducts(e, n, m, swap);
        int diff = e.sub64(e.sext32to64(p[0]), e.sext32to64(p[1]));
        return split(e, e.add64(ArmOps.pair(e, lo, hi), diff));
    }

    // ---------------------------------------------------------------- most-significant-word multiplies

    /** SMMUL(R): the top word of n * m (signed), rounded when {@code round} (+ 0x80000000 first). */
    public static int smmul(IrEmitter e, int n, int m, boolean round) {
        return topWord(e, ArmOps.mulLong(e, n, m, true), round);
    }

    /** SMMLA(R): the top word of (a &lt;&lt; 32) + n * m. */
    public static int smmla(IrEmitter e, int n, int m, int a, boolean round) {
        return topWord(e, e.add64(e.shl64(e.zext32to64(a), e.const32(32)), ArmOps.mulLong(e, n, m, true)), round);
    }

    /** SMMLS(R): the top word of (a &lt;&lt; 32) - n * m. */
    public static int smmls(IrEmitter e, int n, int m, int a, boolean round) {
        return topWord(e, e.sub64(e.shl64(e.zext32to64(a), e.const32(32)), ArmOps.mulLong(e, n, m, true)), round);
    }

    private static int topWord(IrEmitter e, int v64, boolean round) {
        return e.hi32(round ? e.add64(v64, e.const64(0x80000000L)) : v64);
    }
}
