package dynvm.ir;

import static dynvm.ir.Type.*;

/**
 * Every IR operation, in one place, with its result and operand types.
 *
 * <p>Semantics are exact and shared by both engines (the interpreter evaluates them, the backend
 * emits bytecode for them). Integer ops follow Java semantics: shifts and rotates use the low 5
 * (or 6) bits of the amount, DIVS/DIVU/REMS/REMU of anything by zero give 0 and MIN/-1 gives MIN
 * (front-ends guard the cases their architecture defines differently). FP ops round to nearest;
 * the payload of a NaN result is unspecified (the JIT may commute operands), so front-ends that
 * define NaN propagation handle NaN operands themselves (usually in a helper).
 */
public enum Op {
    // constants and guest registers (imm = value or register index)
    CONST_I32(I32), CONST_I64(I64), CONST_F64(F64),
    GET_REG(null), SET_REG(null, (Type) null),
    /** Marks the start of a guest instruction; imm = its pc. Needed for precise faults and counting. */
    INSN_START(null),
    /**
     * Conditional execution inside a block (ARM's condition field, PPC's stwcx.): when the BOOL
     * operand is false, control skips forward to the LABEL with the same imm. Ops in between run
     * only when it is true; like TCG's labels, a label ends the lifetime of every temp defined
     * before it, so values that flow past it travel in registers.
     */
    SKIP_UNLESS(null, BOOL),
    /** Target of a SKIP_UNLESS; imm = the label id. */
    LABEL(null),

    // 32-bit integer
    ADD(I32, I32, I32), SUB(I32, I32, I32), MUL(I32, I32, I32),
    MULHS(I32, I32, I32), MULHU(I32, I32, I32),
    DIVS(I32, I32, I32), DIVU(I32, I32, I32), REMS(I32, I32, I32), REMU(I32, I32, I32),
    AND(I32, I32, I32), OR(I32, I32, I32), XOR(I32, I32, I32), NOT(I32, I32), NEG(I32, I32),
    SHL(I32, I32, I32), SHRU(I32, I32, I32), SHRS(I32, I32, I32), ROTL(I32, I32, I32),
    CLZ(I32, I32), SEXT8(I32, I32), SEXT16(I32, I32), ZEXT8(I32, I32), ZEXT16(I32, I32),
    BSWAP32(I32, I32), BSWAP16(I32, I32),

    // comparisons and booleans
    EQ(BOOL, I32, I32), NE(BOOL, I32, I32),
    LTS(BOOL, I32, I32), LTU(BOOL, I32, I32), LES(BOOL, I32, I32), LEU(BOOL, I32, I32),
    GTS(BOOL, I32, I32), GTU(BOOL, I32, I32), GES(BOOL, I32, I32), GEU(BOOL, I32, I32),
    BAND(BOOL, BOOL, BOOL), BOR(BOOL, BOOL, BOOL), BXOR(BOOL, BOOL, BOOL), BNOT(BOOL, BOOL),
    BOOL_TO_I32(I32, BOOL),
    /** dst = a ? b : c, for I32 operands. */
    SELECT(I32, BOOL, I32, I32),
    /** dst = a ? b : c, for I64 operands. */
    SELECT64(I64, BOOL, I64, I64),

    // 64-bit integer
    ADD64(I64, I64, I64), SUB64(I64, I64, I64), MUL64(I64, I64, I64),
    AND64(I64, I64, I64), OR64(I64, I64, I64), XOR64(I64, I64, I64),
    SHL64(I64, I64, I32), SHRU64(I64, I64, I32), SHRS64(I64, I64, I32),
    SEXT32_64(I64, I32), ZEXT32_64(I64, I32), LO32(I32, I64), HI32(I32, I64),
    EQ64(BOOL, I64, I64), LTS64(BOOL, I64, I64), LTU64(BOOL, I64, I64),

    // guest memory, in the ISA's byte order; LOAD8/16 zero-extend
    LOAD8(I32, I32), LOAD16(I32, I32), LOAD32(I32, I32), LOAD64(I64, I32),
    STORE8(null, I32, I32), STORE16(null, I32, I32), STORE32(null, I32, I32), STORE64(null, I32, I64),

    // floating point (round to nearest; other modes go through helpers)
    FADD(F64, F64, F64), FSUB(F64, F64, F64), FMUL(F64, F64, F64), FDIV(F64, F64, F64),
    /** fused a*b+c */
    FMA(F64, F64, F64, F64),
    FSQRT(F64, F64), FNEG(F64, F64), FABS(F64, F64),
    BITS_TO_F64(F64, I64), F64_TO_BITS(I64, F64),
    BITS_TO_F32(F32, I32), F32_TO_BITS(I32, F32),
    F32_TO_F64(F64, F32), F64_TO_F32(F32, F64),
    FEQ(BOOL, F64, F64), FLT(BOOL, F64, F64), FUNORD(BOOL, F64, F64),

    /** Calls a static helper ({@link Helper} in aux) with the operands as arguments. */
    CALL(null);

    /** Result type, or null when none or when it depends on aux (GET_REG, CALL). */
    public final Type result;
    /** Operand types, or null for variadic ops. */
    public final Type[] operands;

    Op(Type result, Type... operands) {
        this.result = result;
        this.operands = operands;
    }

    public boolean isLoad() { return this == LOAD8 || this == LOAD16 || this == LOAD32 || this == LOAD64; }

    public boolean isStore() { return this == STORE8 || this == STORE16 || this == STORE32 || this == STORE64; }

    /** May this op raise a guest fault (and so needs a precise pc)? */
    public boolean mayFault() { return isLoad() || isStore() || this == CALL; }
}
