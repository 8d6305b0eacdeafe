package dynvm.arm;

/**
 * An independent model of the ARM ARM pseudocode the tests compute expected values with
 * (Shift_C, AddWithCarry), written in long arithmetic straight from the manual's definitions.
 */
final class ArmReference {
    private ArmReference() { }

    /** Value and carry-out of a shift: Shift_C(x, type, amount, carry_in). */
    record Shifted(int value, int carry) { }

    static Shifted shiftC(int x, int type, int amount, int cin) {
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
    static Shifted rrx(int x, int cin) { return new Shifted((x >>> 1) | cin << 31, x & 1); }

    /** DecodeImmShift then Shift_C. */
    static Shifted shiftImm(int x, int type, int imm5, int cin) {
        if (type == 3 && imm5 == 0) return rrx(x, cin);
        int amount = (type == 1 || type == 2) && imm5 == 0 ? 32 : imm5;
        return shiftC(x, type, amount, cin);
    }

    /** AddWithCarry: result, carry, overflow. */
    record Sum(int value, int carry, int overflow) { }

    static Sum addWithCarry(int a, int b, int cin) {
        long unsigned = (a & 0xffffffffL) + (b & 0xffffffffL) + cin;
        long signed = (long) a + (long) b + cin;
        int r = (int) unsigned;
        return new Sum(r, (r & 0xffffffffL) == unsigned ? 0 : 1, r == signed ? 0 : 1);
    }

    /** NZCV (8/4/2/1) after a data-processing op with S, from flags {@code nzcvIn}. */
    static int[] dataProcessing(int opc, int a, Shifted op2, int nzcvIn) {
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

    /** ConditionPassed, from the ARM ARM table. */
    static boolean passed(int cond, int nzcv) {
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
}
