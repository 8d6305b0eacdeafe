package dynvm.arm;

/**
 * An independent model of the ARM ARM pseudocode the tests compute expected values with
 * (Shift_C, AddWithCarry, the ARMv6/v7 media and multiply instructions), written in long
 * arithmetic straight from the manual's definitions, lane by lane where the manual works on lanes.
 */
public final class ArmReference {
    private ArmReference() { }

    /** Value and carry-out of a shift: Shift_C(x, type, amount, carry_in). */
    public record Shifted(int value, int carry) { }

    public static Shifted shiftC(int x, int type, int amount, int cin) {
        if (amount == 0) return new Shifted(x, cin);
        long ux = x & 0xffffffffL;
        switch (type) {
            case 0: {   // LSL: extended = x:Zeros(amount)
                long ext = amount >= 64 ? 0 : ux << amount;
                int carry = amount > 32 ? 0 : (int) ((ux >>> (32 - amount)) & 1);
                return new Shifted(amount >= 32 ? 0 : (int) ext, carry);
            }
            case 1: {   // LSR
                int carry = amount > 32 ? 0 : (int) ((ux >>> (amount - 1)) & 1);
                return new Shifted(amount >= 32 ? 0 : (int) (ux >>> amount), carry);
            }
            case 2: {   // ASR: sign-extended to 64 bits
                long sx = x;
                int n = Math.min(amount, 63);
                return new Shifted((int) (sx >> n), (int) ((sx >> (n - 1)) & 1));
            }
            default: {  // ROR
                int m = amount % 32;
                int v = m == 0 ? x : (int) ((ux >>> m) | (ux << (32 - m)));
                return new Shifted(v, v >>> 31);
            }
        }
    }

    /** RRX: carry into bit 31, bit 0 out. */
    public static Shifted rrx(int x, int cin) { return new Shifted((x >>> 1) | cin << 31, x & 1); }

    /** DecodeImmShift then Shift_C. */
    public static Shifted shiftImm(int x, int type, int imm5, int cin) {
        if (type == 3 && imm5 == 0) return rrx(x, cin);
        int amount = (type == 1 || type == 2) && imm5 == 0 ? 32 : imm5;
        return shiftC(x, type, amount, cin);
    }

    /** AddWithCarry: result, carry, overflow. */
    public record Sum(int value, int carry, int overflow) { }

    public static Sum addWithCarry(int a, int b, int cin) {
        long unsigned = (a & 0xffffffffL) + (b & 0xffffffffL) + cin;
        long signed = (long) a + (long) b + cin;
        int r = (int) unsigned;
        return new Sum(r, (r & 0xffffffffL) == unsigned ? 0 : 1, r == signed ? 0 : 1);
    }

    /** NZCV (8/4/2/1) after a data-processing op with S, from flags {@code nzcvIn}. */
    public static int[] dataProcessing(int opc, int a, Shifted op2, int nzcvIn) {
        int b = op2.value(), cin = nzcvIn >> 1 & 1;
        Sum s = switch (opc) {
            case 2, 10 -> addWithCarry(a, ~b, 1);
            case 3 -> addWithCarry(b, ~a, 1);
            case 4, 11 -> addWithCarry(a, b, 0);
            case 5 -> addWithCarry(a, b, cin);
            case 6 -> addWithCarry(a, ~b, cin);
            case 7 -> addWithCarry(b, ~a, cin);
            default -> null;
        };
        int r, c, v;
        if (s != null) {
            r = s.value();
            c = s.carry();
            v = s.overflow();
        } else {
            r = switch (opc) {
                case 0, 8 -> a & b;
                case 1, 9 -> a ^ b;
                case 12 -> a | b;
                case 13 -> b;
                case 14 -> a & ~b;
                default -> ~b;
            };
            c = op2.carry();
            v = nzcvIn & 1;
        }
        int flags = (r < 0 ? 8 : 0) | (r == 0 ? 4 : 0) | c << 1 | v;
        return new int[]{r, flags};
    }

    /**
     * ThumbExpandImm_C(imm12, carry_in), from the ARM ARM's table of modified immediate constants
     * in Thumb (A6.3.2): value and carry-out.
     */
    public static Shifted thumbExpandImmC(int imm12, int cin) {
        int a = imm12 & 0xff;
        if ((imm12 >>> 10 & 3) == 0) {
            long v = switch (imm12 >>> 8 & 3) {
                case 0 -> a;                                           // 00000000 00000000 00000000 abcdefgh
                case 1 -> (long) a << 16 | a;                          // 00000000 abcdefgh 00000000 abcdefgh
                case 2 -> (long) a << 24 | (long) a << 8;              // abcdefgh 00000000 abcdefgh 00000000
                default -> (long) a << 24 | (long) a << 16 | (long) a << 8 | a;
            };
            return new Shifted((int) v, cin);
        }
        long unrotated = 0x80 | imm12 & 0x7f;                          // 1bcdefgh
        int rot = imm12 >>> 7 & 31;                                    // 8..31
        long v = (unrotated >>> rot | unrotated << (32 - rot)) & 0xffffffffL;
        return new Shifted((int) v, (int) (v >>> 31));
    }

    /** ConditionPassed, from the ARM ARM table. */
    public static boolean passed(int cond, int nzcv) {
        boolean n = (nzcv & 8) != 0, z = (nzcv & 4) != 0, c = (nzcv & 2) != 0, v = (nzcv & 1) != 0;
        boolean base = switch (cond >> 1) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c && !z;
            case 5 -> n == v;
            case 6 -> n == v && !z;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !base : base;
    }

    // ---------------------------------------------------------------- ARMv6 media (A8 pseudocode)

    /** A result and the GE bits after it (unchanged ones passed through). */
    public record WithGe(int value, int ge) { }

    /** Lane {@code i} of {@code bits} (8 or 16) of x, as SInt or UInt. */
    public static int lane(int x, int i, int bits, boolean signed) {
        int raw = (x >>> (bits * i)) & ((1 << bits) - 1);
        return signed && raw >= 1 << (bits - 1) ? raw - (1 << bits) : raw;
    }

    public static long signedSat(long v, int n) {
        long max = (1L << (n - 1)) - 1, min = -(1L << (n - 1));
        return v > max ? max : v < min ? min : v;
    }

    public static long unsignedSat(long v, int n) {
        long max = (1L << n) - 1;
        return v > max ? max : v < 0 ? 0 : v;
    }

    /**
     * &lt;prefix&gt;&lt;op&gt; Rd, Rn, Rm for prefix s q sh u uq uh and op add16 asx sax sub16 add8 sub8, from
     * the pseudocode of each (e.g. SASX: diff = SInt(n[15:0]) - SInt(m[31:16]); sum = SInt(n[31:16]) +
     * SInt(m[15:0]); GE[1:0] = diff >= 0 ? '11' : '00'; GE[3:2] = sum >= 0 ...).
     */
    public static WithGe parallel(String prefix, String op, int n, int m, int geIn) {
        boolean signed = prefix.startsWith("s") || prefix.equals("q");
        int bits = op.endsWith("8") ? 8 : 16, lanes = 32 / bits;
        int result = 0, ge = 0;
        for (int i = 0; i < lanes; i++) {
            int a = lane(n, i, bits, signed);
            int b;
            boolean add;
            switch (op) {
                case "asx" -> { b = lane(m, 1 - i, bits, signed); add = i == 1; }
                case "sax" -> { b = lane(m, 1 - i, bits, signed); add = i == 0; }
                default -> { b = lane(m, i, bits, signed); add = op.startsWith("add"); }
            }
            long exact = add ? (long) a + b : (long) a - b;
            long r = switch (prefix) {
                case "q" -> signedSat(exact, bits);
                case "uq" -> unsignedSat(exact, bits);
                case "sh", "uh" -> Math.floorDiv(exact, 2);
                default -> exact;
            };
            result |= (int) ((r & ((1L << bits) - 1)) << (bits * i));
            boolean geSet = prefix.equals("s") ? exact >= 0 : add ? exact >= 1L << bits : exact >= 0;
            if (geSet) ge |= (bits == 16 ? 0b11 : 0b1) << (i * (bits / 8));
        }
        boolean setsGe = prefix.equals("s") || prefix.equals("u");
        return new WithGe(result, setsGe ? ge : geIn);
    }

    /** SEL: byte i from n if GE[i] else from m. */
    public static int sel(int n, int m, int ge) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            int from = (ge >> i & 1) != 0 ? n : m;
            r |= from & (0xff << (8 * i));
        }
        return r;
    }

    /** USADA8 (USAD8 with a = 0). */
    public static int usada8(int n, int m, int a) {
        int sum = a;
        for (int i = 0; i < 4; i++) sum += Math.abs(lane(n, i, 8, false) - lane(m, i, 8, false));
        return sum;
    }

    /** A result and whether it saturated (sets Q). */
    public record Saturated(int value, boolean q) { }

    /** SSAT Rd, #sat, Rn {, shift}: the operand is Shift(n, sh ? ASR : LSL, imm5) with ASR #0 = #32. */
    public static Saturated ssat(int n, int sat, boolean asr, int imm5) {
        long operand = asr ? (long) n >> (imm5 == 0 ? 32 : imm5) : (long) (n << imm5);
        long r = signedSat(operand, sat);
        return new Saturated((int) r, r != operand);
    }

    public static Saturated usat(int n, int sat, boolean asr, int imm5) {
        long operand = asr ? (long) n >> (imm5 == 0 ? 32 : imm5) : (long) (n << imm5);
        long r = unsignedSat(operand, sat);
        return new Saturated((int) r, r != operand);
    }

    public static Saturated ssat16(int n, int sat) {
        long lo = lane(n, 0, 16, true), hi = lane(n, 1, 16, true);
        long rlo = signedSat(lo, sat), rhi = signedSat(hi, sat);
        return new Saturated((int) (rlo & 0xffff | rhi << 16), rlo != lo || rhi != hi);
    }

    public static Saturated usat16(int n, int sat) {
        long lo = lane(n, 0, 16, true), hi = lane(n, 1, 16, true);
        long rlo = unsignedSat(lo, sat), rhi = unsignedSat(hi, sat);
        return new Saturated((int) (rlo | rhi << 16), rlo != lo || rhi != hi);
    }

    /**
     * The extends: rotated = ROR(m, rot); kind sxtb sxth uxtb uxth sxtb16 uxtb16; with
     * {@code accumulate} the (halfword-wise for b16) sum with n.
     */
    public static int extend(String kind, int n, int m, int rot, boolean accumulate) {
        int x = Integer.rotateRight(m, rot);
        if (kind.endsWith("16")) {
            boolean signed = kind.startsWith("s");
            int lo = lane(x, 0, 8, signed), hi = lane(x, 2, 8, signed);
            if (accumulate) {
                lo += lane(n, 0, 16, false);
                hi += lane(n, 1, 16, false);
            }
            return lo & 0xffff | hi << 16;
        }
        int v = switch (kind) {
            case "sxtb" -> (byte) x;
            case "sxth" -> (short) x;
            case "uxtb" -> x & 0xff;
            default -> x & 0xffff;
        };
        return accumulate ? n + v : v;
    }

    /** PKHBT: n[15:0] with (m LSL imm)[31:16]; PKHTB: n[31:16] with (m ASR imm, 0 = 32)[15:0]. */
    public static int pkh(boolean tb, int n, int m, int imm5) {
        if (!tb) return n & 0xffff | (m << imm5) & 0xffff0000;
        long shifted = (long) m >> (imm5 == 0 ? 32 : imm5);
        return n & 0xffff0000 | (int) shifted & 0xffff;
    }

    /** RBIT, bit by bit. */
    public static int rbit(int m) {
        int r = 0;
        for (int i = 0; i < 32; i++) if ((m >>> i & 1) != 0) r |= 1 << (31 - i);
        return r;
    }

    /** BFI: d with bits msb:lsb replaced by n[msb-lsb:0], bit by bit. */
    public static int bfi(int d, int n, int lsb, int msb) {
        int r = d;
        for (int i = lsb; i <= msb; i++) r = (r & ~(1 << i)) | ((n >>> (i - lsb)) & 1) << i;
        return r;
    }

    /** BFC: bits msb:lsb cleared. */
    public static int bfc(int d, int lsb, int msb) {
        int r = d;
        for (int i = lsb; i <= msb; i++) r &= ~(1 << i);
        return r;
    }

    /** UBFX / SBFX Rd, Rn, #lsb, #width. */
    public static int bitfieldExtract(int n, int lsb, int width, boolean signed) {
        long field = ((n & 0xffffffffL) >>> lsb) & ((1L << width) - 1);
        if (signed && (field >>> (width - 1) & 1) != 0) field -= 1L << width;
        return (int) field;
    }

    /** MLS. */
    public static int mls(int n, int m, int a) { return (int) ((long) a - (long) n * m); }

    /** UMAAL: the unsigned 64-bit n * m + lo + hi. */
    public static long umaal(int n, int m, int lo, int hi) {
        return (n & 0xffffffffL) * (m & 0xffffffffL) + (lo & 0xffffffffL) + (hi & 0xffffffffL);
    }

    /** The two products of the dual multiplies: n.lo * m'.lo and n.hi * m'.hi, m' = m ROR 16 when swapped. */
    private static long[] dualProducts(int n, int m, boolean swap) {
        int mm = swap ? Integer.rotateRight(m, 16) : m;
        return new long[]{(long) lane(n, 0, 16, true) * lane(mm, 0, 16, true), (long) lane(n, 1, 16, true) * lane(mm, 1, 16, true)};
    }

    /**
     * SMUAD/SMUSD/SMLAD/SMLSD(X): result = product1 +- product2 (+ a), Q when the exact result
     * differs from its low word sign-extended. {@code a} null for the non-accumulating forms.
     */
    public static Saturated dualMultiply(boolean subtract, int n, int m, Integer a, boolean swap) {
        long[] p = dualProducts(n, m, swap);
        long exact = (subtract ? p[0] - p[1] : p[0] + p[1]) + (a == null ? 0 : a);
        return new Saturated((int) exact, exact != (int) exact);
    }

    /** SMLALD/SMLSLD(X): hi:lo + product1 +- product2, modulo 2^64. */
    public static long dualMultiplyLong(boolean subtract, int n, int m, int lo, int hi, boolean swap) {
        long[] p = dualProducts(n, m, swap);
        long acc = (long) hi << 32 | lo & 0xffffffffL;
        return acc + (subtract ? p[0] - p[1] : p[0] + p[1]);
    }

    /** SMMUL / SMMLA / SMMLS (accumulate 0 = none, 1 = add, -1 = subtract) with optional rounding. */
    public static int mostSignificantMultiply(int n, int m, int a, int accumulate, boolean round) {
        java.math.BigInteger product = java.math.BigInteger.valueOf((long) n * m);
        java.math.BigInteger v = java.math.BigInteger.valueOf(a).shiftLeft(32);
        v = accumulate == 0 ? product : accumulate > 0 ? v.add(product) : v.subtract(product);
        if (round) v = v.add(java.math.BigInteger.valueOf(0x80000000L));
        return v.shiftRight(32).intValue();
    }
}
