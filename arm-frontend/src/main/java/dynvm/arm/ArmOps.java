package dynvm.arm;

import static dynvm.arm.ArmRegs.C;
import static dynvm.arm.ArmRegs.N;
import static dynvm.arm.ArmRegs.NEXT_PC;
import static dynvm.arm.ArmRegs.Q;
import static dynvm.arm.ArmRegs.R;
import static dynvm.arm.ArmRegs.T;
import static dynvm.arm.ArmRegs.V;
import static dynvm.arm.ArmRegs.Z;

import dynvm.ir.IrEmitter;

/**
 * IR building blocks shared by the A32 and Thumb front-ends, named after the ARM ARM pseudocode
 * (ConditionPassed, Shift_C, ARMExpandImm_C, AddWithCarry, BXWritePC, ...). Every method is static
 * and stateless; values are IR temps (I32 unless said otherwise), flags are I32 temps holding 0/1.
 *
 * <p>Conditional execution: a front-end guards an instruction with
 * {@code int l = e.skipUnless(condition(e, cond)); ...; e.label(l);}. Instructions that
 * write the pc never set a terminal inside the guard: they call one of the {@code *WritePc}
 * methods (which only write NEXT_PC and, for interworking, T) and the front-end ends the block
 * after the label with {@link #endAtNextPc}. No temp lives across a label.
 */
public final class ArmOps {
    private ArmOps() { }

    /** The "always" condition. */
    public static final int AL = 14;
    /** Shift types as encoded in bits 6:5 (A32) and in Thumb. */
    public static final int LSL = 0, LSR = 1, ASR = 2, ROR = 3;
    /** Data-processing opcodes as encoded in A32 bits 24:21. */
    public static final int AND = 0, EOR = 1, SUB = 2, RSB = 3, ADD = 4, ADC = 5, SBC = 6, RSC = 7,
            TST = 8, TEQ = 9, CMP = 10, CMN = 11, ORR = 12, MOV = 13, BIC = 14, MVN = 15;

    /** A shifter operand: its value and its carry-out (I32 0/1 temp, or -1 when not asked for). */
    public record Operand(int value, int carry) { }

    /** Result of AddWithCarry: the sum and its carry and overflow (I32 0/1 temps). */
    public record Sum(int value, int carry, int overflow) { }

    // ---------------------------------------------------------------- conditions

    /** ConditionPassed for {@code cond} 0..14 as a BOOL temp (14 = AL gives a constant true). */
    public static int condition(IrEmitter e, int cond) {
        return switch (cond) {
            case 0 -> isSet(e, Z);
            case 1 -> e.bnot(isSet(e, Z));
            case 2 -> isSet(e, C);
            case 3 -> e.bnot(isSet(e, C));
            case 4 -> isSet(e, N);
            case 5 -> e.bnot(isSet(e, N));
            case 6 -> isSet(e, V);
            case 7 -> e.bnot(isSet(e, V));
            case 8 -> e.gtu(e.get(C), e.get(Z));           // HI: C=1 and Z=0, i.e. C > Z
            case 9 -> e.leu(e.get(C), e.get(Z));           // LS
            case 10 -> e.eq(e.get(N), e.get(V));           // GE
            case 11 -> e.ne(e.get(N), e.get(V));           // LT
            case 12 -> e.eq(e.or(e.get(Z), e.xor(e.get(N), e.get(V))), e.const32(0));  // GT
            case 13 -> e.ne(e.or(e.get(Z), e.xor(e.get(N), e.get(V))), e.const32(0));  // LE
            case AL -> e.eq(e.const32(0), e.const32(0));
            default -> throw new IllegalArgumentException("condition " + cond);
        };
    }

    private static int isSet(IrEmitter e, int flag) { return e.ne(e.get(flag), e.const32(0)); }

    // ---------------------------------------------------------------- registers

    /** Register {@code r}; r15 reads as the constant {@code pcValue} (pc+8 in ARM, pc+4 in Thumb). */
    public static int readReg(IrEmitter e, int r, int pcValue) {
        return r == 15 ? e.const32(pcValue) : e.get(R[r]);
    }

    /** Writes r0..r14; pc writes go through the *WritePc methods. */
    public static void writeReg(IrEmitter e, int r, int value) {
        if (r == 15) throw new IllegalArgumentException("pc is written with a *WritePc method");
        e.set(R[r], value);
    }

    /** Writes r0..r14 and ignores a write to pc where the architecture calls it UNPREDICTABLE. */
    public static void writeRegUnlessPc(IrEmitter e, int r, int value) {
        if (r != 15) e.set(R[r], value);
    }

    // ---------------------------------------------------------------- shifter operands

    /** ARMExpandImm_C: imm8 rotated right by twice imm4; the carry-out is bit 31 when rotated. */
    public static Operand expandImm(IrEmitter e, int imm12, boolean wantCarry) {
        int value = expandImmValue(imm12);
        int carry = !wantCarry ? -1 : (imm12 >>> 8) == 0 ? e.get(C) : e.const32(value >>> 31);
        return new Operand(e.const32(value), carry);
    }

    /** The constant of ARMExpandImm. */
    public static int expandImmValue(int imm12) {
        return Integer.rotateRight(imm12 & 0xff, 2 * ((imm12 >>> 8) & 15));
    }

    /**
     * Shift by an immediate as encoded (DecodeImmShift then Shift_C): LSR/ASR #0 mean #32 and
     * ROR #0 means RRX.
     */
    public static Operand shiftImm(IrEmitter e, int x, int type, int imm5, boolean wantCarry) {
        imm5 &= 31;
        switch (type) {
            case LSL:
                if (imm5 == 0) return new Operand(x, wantCarry ? e.get(C) : -1);
                return new Operand(e.shlImm(x, imm5), wantCarry ? bit(e, x, 32 - imm5) : -1);
            case LSR:
                if (imm5 == 0) return new Operand(e.const32(0), wantCarry ? bit(e, x, 31) : -1);
                return new Operand(e.shruImm(x, imm5), wantCarry ? bit(e, x, imm5 - 1) : -1);
            case ASR: {
                int n = imm5 == 0 ? 32 : imm5;
                return new Operand(e.shrsImm(x, Math.min(n, 31)), wantCarry ? bit(e, x, n - 1) : -1);
            }
            default:
                if (imm5 == 0) {   // RRX: C into bit 31, bit 0 out
                    int v = e.or(e.shruImm(x, 1), e.shlImm(e.get(C), 31));
                    return new Operand(v, wantCarry ? bit(e, x, 0) : -1);
                }
                int v = e.rotl(x, e.const32(32 - imm5));
                return new Operand(v, wantCarry ? bit(e, x, imm5 - 1) : -1);
        }
    }

    /**
     * Shift by a register (Shift_C with the amount = bottom byte of {@code rs}): amount 0 leaves
     * value and carry; LSL/LSR by 32 give 0 with the carry from bit 0/31, beyond 32 give 0 and 0;
     * ASR by 32 or more fills with the sign; ROR uses the amount mod 32 (carry = bit 31 of result).
     */
    public static Operand shiftReg(IrEmitter e, int x, int type, int rs, boolean wantCarry) {
        int n = e.andImm(rs, 0xff);
        int zero = e.const32(0), k32 = e.const32(32);
        int isZero = e.eq(n, zero);
        int small = e.ltu(n, k32);
        int value, carry = -1;
        switch (type) {
            case LSL -> {
                value = e.select(small, e.shl(x, n), zero);
                if (wantCarry) {
                    int out = e.andImm(e.shru(x, e.sub(k32, n)), 1);
                    carry = e.select(isZero, e.get(C), e.select(e.leu(n, k32), out, zero));
                }
            }
            case LSR -> {
                value = e.select(small, e.shru(x, n), zero);
                if (wantCarry) {
                    int out = e.andImm(e.shru(x, e.addImm(n, -1)), 1);
                    carry = e.select(isZero, e.get(C), e.select(e.leu(n, k32), out, zero));
                }
            }
            case ASR -> {
                value = e.shrs(x, e.select(small, n, e.const32(31)));
                if (wantCarry) {
                    int out = e.andImm(e.shru(x, e.select(e.leu(n, k32), e.addImm(n, -1), e.const32(31))), 1);
                    carry = e.select(isZero, e.get(C), out);
                }
            }
            default -> {
                value = e.rotl(x, e.neg(n));
                if (wantCarry) carry = e.select(isZero, e.get(C), e.shruImm(value, 31));
            }
        }
        return new Operand(value, carry);
    }

    /** Bit {@code n} of {@code x} as a 0/1 temp. */
    public static int bit(IrEmitter e, int x, int n) {
        return n == 31 ? e.shruImm(x, 31) : e.andImm(n == 0 ? x : e.shruImm(x, n), 1);
    }

    // ---------------------------------------------------------------- arithmetic and flags

    /** AddWithCarry(a, b, cin) with {@code cin} an I32 0/1 temp. */
    public static Sum addWithCarry(IrEmitter e, int a, int b, int cin) {
        int wide = e.add64(e.add64(e.zext32to64(a), e.zext32to64(b)), e.zext32to64(cin));
        int r = e.lo32(wide);
        return new Sum(r, e.hi32(wide), overflow(e, a, b, r));
    }

    /** a + b, i.e. AddWithCarry(a, b, 0). */
    public static Sum add(IrEmitter e, int a, int b) {
        int r = e.add(a, b);
        return new Sum(r, e.boolToI32(e.ltu(r, a)), overflow(e, a, b, r));
    }

    /** a - b, i.e. AddWithCarry(a, NOT b, 1): carry = no borrow (a >= b unsigned). */
    public static Sum sub(IrEmitter e, int a, int b) {
        int r = e.sub(a, b);
        int ov = e.shruImm(e.and(e.xor(a, b), e.xor(a, r)), 31);
        return new Sum(r, e.boolToI32(e.geu(a, b)), ov);
    }

    /** Signed overflow of r = a + b (+ c): both addends differ in sign from r. */
    private static int overflow(IrEmitter e, int a, int b, int r) {
        return e.shruImm(e.and(e.xor(a, r), e.xor(b, r)), 31);
    }

    /** N and Z from a result. */
    public static void setNZ(IrEmitter e, int result) {
        e.set(N, e.shruImm(result, 31));
        e.set(Z, e.boolToI32(e.eq(result, e.const32(0))));
    }

    /** N, Z, C and V from an AddWithCarry result. */
    public static void setNZCV(IrEmitter e, Sum s) {
        setNZ(e, s.value());
        e.set(C, s.carry());
        e.set(V, s.overflow());
    }

    /**
     * One data-processing operation (A32 opcode numbering) on {@code rn} (ignored by MOV/MVN) and a
     * shifter operand; with {@code setFlags} it updates NZ and C (logical ops: shifter carry-out)
     * or NZCV (arithmetic). Returns the result temp; the caller writes Rd (not for TST..CMN).
     * Logical ops need an operand with its carry when {@code setFlags}.
     */
    public static int dataProcessing(IrEmitter e, int opc, boolean setFlags, int rn, Operand op2) {
        int b = op2.value();
        Sum sum = switch (opc) {
            case SUB, CMP -> sub(e, rn, b);
            case RSB -> sub(e, b, rn);
            case ADD, CMN -> add(e, rn, b);
            case ADC -> addWithCarry(e, rn, b, e.get(C));
            case SBC -> addWithCarry(e, rn, e.not(b), e.get(C));
            case RSC -> addWithCarry(e, b, e.not(rn), e.get(C));
            default -> null;
        };
        if (sum != null) {
            if (setFlags) setNZCV(e, sum);
            return sum.value();
        }
        int r = switch (opc) {
            case AND, TST -> e.and(rn, b);
            case EOR, TEQ -> e.xor(rn, b);
            case ORR -> e.or(rn, b);
            case MOV -> b;
            case BIC -> e.and(rn, e.not(b));
            case MVN -> e.not(b);
            default -> throw new IllegalArgumentException("data-processing opcode " + opc);
        };
        if (setFlags) {
            setNZ(e, r);
            if (op2.carry() >= 0) e.set(C, op2.carry());
        }
        return r;
    }

    /** TST, TEQ, CMP, CMN: flags only, no destination. */
    public static boolean isTest(int opc) { return opc >= TST && opc <= CMN; }

    /** Logical ops take C from the shifter; arithmetic ones compute it. */
    public static boolean isLogical(int opc) {
        return opc == AND || opc == EOR || opc == TST || opc == TEQ || opc == ORR || opc == MOV || opc == BIC || opc == MVN;
    }

    /** MOV and MVN ignore Rn. */
    public static boolean ignoresRn(int opc) { return opc == MOV || opc == MVN; }

    // ---------------------------------------------------------------- saturation (Q flag)

    /** SignedSat(a + b) with Q set on saturation. */
    public static int qadd(IrEmitter e, int a, int b) {
        int r = e.add(a, b);
        return saturate(e, a, r, e.lts(e.and(e.xor(a, r), e.xor(b, r)), e.const32(0)));
    }

    /** SignedSat(a - b) with Q set on saturation. */
    public static int qsub(IrEmitter e, int a, int b) {
        int r = e.sub(a, b);
        return saturate(e, a, r, e.lts(e.and(e.xor(a, b), e.xor(a, r)), e.const32(0)));
    }

    /** On overflow the true result has the sign of {@code a}: clamp to MIN or MAX and set Q. */
    private static int saturate(IrEmitter e, int a, int r, int ovBool) {
        int limit = e.xor(e.shrsImm(a, 31), e.const32(0x7fffffff));
        e.set(Q, e.or(e.get(Q), e.boolToI32(ovBool)));
        return e.select(ovBool, limit, r);
    }

    /** a + b, setting Q (without saturating) on signed overflow: SMLAxy, SMLAWy. */
    public static int addSetQ(IrEmitter e, int a, int b) {
        int r = e.add(a, b);
        e.set(Q, e.or(e.get(Q), overflow(e, a, b, r)));
        return r;
    }

    // ---------------------------------------------------------------- multiplies

    /** Full 64-bit product of two 32-bit values (I64 temp). */
    public static int mulLong(IrEmitter e, int a, int b, boolean signed) {
        return signed ? e.mul64(e.sext32to64(a), e.sext32to64(b)) : e.mul64(e.zext32to64(a), e.zext32to64(b));
    }

    /** The I64 value hi:lo. */
    public static int pair(IrEmitter e, int lo, int hi) {
        return e.or64(e.shl64(e.zext32to64(hi), e.const32(32)), e.zext32to64(lo));
    }

    /** N and Z of a 64-bit result given as its halves. */
    public static void setNZ64(IrEmitter e, int lo, int hi) {
        e.set(N, e.shruImm(hi, 31));
        e.set(Z, e.boolToI32(e.eq(e.or(lo, hi), e.const32(0))));
    }

    /** The signed top (1) or bottom (0) halfword of {@code x}. */
    public static int half(IrEmitter e, int x, boolean top) {
        return top ? e.shrsImm(x, 16) : e.sext16(x);
    }

    // ---------------------------------------------------------------- loads and stores

    /**
     * Loads 1, 2 or 4 bytes, sign- or zero-extending to 32 bits (MemU[]): unaligned words load as
     * is (ARMv6+), except in the system context with SCTLR.A = 1 ({@link ArmAlignment#memU}).
     */
    public static int load(IrEmitter e, int size, boolean signed, int addr) {
        ArmAlignment.memU(e, addr, size, false);
        return access(e, size, signed, addr);
    }

    /** A load that must be aligned to its size in the system context (MemA[]: SWP, LDREX). */
    public static int loadAligned(IrEmitter e, int size, int addr) {
        ArmAlignment.memA(e, addr, size, false);
        return access(e, size, false, addr);
    }

    private static int access(IrEmitter e, int size, boolean signed, int addr) {
        return switch (size) {
            case 1 -> signed ? e.sext8(e.load8(addr)) : e.load8(addr);
            case 2 -> signed ? e.sext16(e.load16(addr)) : e.load16(addr);
            case 4 -> e.load32(addr);
            default -> throw new IllegalArgumentException("size " + size);
        };
    }

    /** Stores the low 1, 2 or 4 bytes of {@code value} (MemU[], see {@link #load}). */
    public static void store(IrEmitter e, int size, int addr, int value) {
        ArmAlignment.memU(e, addr, size, true);
        switch (size) {
            case 1 -> e.store8(addr, value);
            case 2 -> e.store16(addr, value);
            case 4 -> e.store32(addr, value);
            default -> throw new IllegalArgumentException("size " + size);
        }
    }

    // ---------------------------------------------------------------- pc writes

    /** BranchWritePC: the target with bits the state ignores cleared (ARM ~3, Thumb ~1). No state change. */
    public static void branchWritePc(IrEmitter e, int value, boolean thumb) {
        e.set(NEXT_PC, e.andImm(value, thumb ? ~1 : ~3));
    }

    /** BXWritePC: bit 0 selects the state (1 = Thumb), the rest is the target. */
    public static void bxWritePc(IrEmitter e, int value) {
        e.set(T, e.andImm(value, 1));
        e.set(NEXT_PC, e.andImm(value, ~1));
    }

    /** LoadWritePC (LDR, LDM, POP to pc): interworks from ARMv5T on. */
    public static void loadWritePc(IrEmitter e, int value) { bxWritePc(e, value); }

    /**
     * ALUWritePC (data-processing to pc): from ARMv7 on it interworks in ARM state (BXWritePC, so
     * bit 0 selects Thumb); in Thumb state it never does (BranchWritePC).
     */
    public static void aluWritePc(IrEmitter e, int value, boolean thumb) {
        if (thumb) branchWritePc(e, value, true);
        else bxWritePc(e, value);
    }

    /**
     * Ends the block at NEXT_PC after an instruction that wrote it. For a conditional instruction
     * pass its condition code (0..13; -1 or AL for none): temps do not live across a label, so the
     * condition is evaluated again here, which is exact because no instruction that writes the pc
     * also writes the flags. When it fails the block continues at {@code fallThrough}. Ends with
     * an indirect jump, so the dispatcher re-reads T after interworking.
     */
    public static void endAtNextPc(IrEmitter e, int cond, int fallThrough) {
        int target = e.get(NEXT_PC);
        if (cond >= 0 && cond < AL) target = e.select(condition(e, cond), target, e.const32(fallThrough));
        e.jumpIndirect(target);
    }
}
