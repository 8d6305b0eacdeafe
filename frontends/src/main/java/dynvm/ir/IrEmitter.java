package dynvm.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the IR of one block. Front-ends call the typed methods below; each returns the temp
 * that holds the result. Temps are single-assignment. Setting a terminal ends the block.
 *
 * <p>Every op goes through {@link #sink}, which records it. An engine may subclass the emitter to
 * do something else with the ops as they arrive: the interpreter evaluates them on the spot, so it
 * decodes every instruction every time without building any IR objects.
 */
public class IrEmitter {
    private final List<Insn> ops = new ArrayList<>();
    private Type[] temps = new Type[64];
    private int ntemps;
    private Terminal terminal;
    private int insnPc, insnContext;
    private int labels, openGuards;
    private int nextContext = NO_CONTEXT_CHANGE;
    /** {@link #nextContext()} when the next instruction decodes in the block's current context. */
    public static final int NO_CONTEXT_CHANGE = Integer.MIN_VALUE;
    private final dynvm.spi.RegisterFile regs;

    public IrEmitter(dynvm.spi.RegisterFile regs) { this.regs = regs; }

    /** Clears the emitter for reuse. */
    public void reset() {
        ops.clear();
        ntemps = 0;
        terminal = null;
        labels = 0;
        openGuards = 0;
        nextContext = NO_CONTEXT_CHANGE;
    }

    public List<Insn> ops() { return ops; }

    /** A point to roll back to if lowering the next instruction fails (e.g. its fetch faults). */
    public int mark() { return ops.size(); }

    /** Drops the ops emitted after {@code mark} and any terminal. */
    public void rollback(int mark) {
        while (ops.size() > mark) ops.remove(ops.size() - 1);
        terminal = null;
        openGuards = 0; // marks sit between instructions, where no guard is open
        nextContext = NO_CONTEXT_CHANGE;
    }
    public Type[] tempTypes() { return Arrays.copyOf(temps, ntemps); }
    public Terminal terminal() { return terminal; }
    public boolean ended() { return terminal != null; }
    /**
     * Says that the instruction after the one being lowered decodes in {@code context} (ARM's IT
     * blocks carry their state from instruction to instruction). The decoder must also have
     * written the guest state that {@code Isa.context} reads, so that a block ending here resumes
     * in the same context; the block builder then keeps decoding with it.
     */
    public void continueIn(int context) { nextContext = context; }

    /** The context announced by {@link #continueIn} since the last call, or NO_CONTEXT_CHANGE; clears it. */
    public int takeNextContext() {
        int c = nextContext;
        nextContext = NO_CONTEXT_CHANGE;
        return c;
    }

    /** pc of the instruction being lowered. */
    public int pc() { return insnPc; }

    /**
     * The decode context the instruction being lowered was started in ({@link #insnStart(int, int)}),
     * so that helpers deep in a front-end's lowering can depend on it without every handler
     * passing it along (ARM: whether alignment is checked); 0 after {@link #insnStart(int)}.
     */
    public int context() { return insnContext; }

    /** Allocates a temp of type {@code t}. */
    protected final int newTemp(Type t) {
        if (ntemps == temps.length) temps = Arrays.copyOf(temps, ntemps * 2);
        temps[ntemps] = t;
        return ntemps++;
    }

    private static final int[] NO_SRC = {};

    /**
     * Receives every op except CALL: {@code n} operands in {@code a, b, c} (unused ones are -1).
     * Returns the result temp, or -1. The base class records the op.
     */
    protected int sink(Op op, Type result, long imm, Object aux, int n, int a, int b, int c) {
        int dst = result == null ? -1 : newTemp(result);
        int[] src = switch (n) { case 0 -> NO_SRC; case 1 -> new int[]{a}; case 2 -> new int[]{a, b}; default -> new int[]{a, b, c}; };
        ops.add(new Insn(op, dst, src, imm, aux));
        return dst;
    }

    /** Receives a helper call; returns the result temp or -1. The base class records it. */
    protected int callSink(Helper h, int[] args) {
        int dst = h.result == null ? -1 : newTemp(h.result);
        ops.add(new Insn(Op.CALL, dst, args.clone(), 0, h));
        return dst;
    }

    private int emit(Op op, Type result, long imm, Object aux) { return sink(op, result, imm, aux, 0, -1, -1, -1); }
    private int emit(Op op, int a) { return sink(op, op.result, 0, null, 1, a, -1, -1); }
    private int emit(Op op, int a, int b) { return sink(op, op.result, 0, null, 2, a, b, -1); }
    private int emit(Op op, int a, int b, int c) { return sink(op, op.result, 0, null, 3, a, b, c); }

    // ---- structure
    public void insnStart(int pc) { insnStart(pc, 0); }

    /** Starts the instruction at {@code pc}, decoded in {@code context} (see {@link #context()}). */
    public void insnStart(int pc, int context) {
        insnPc = pc;
        insnContext = context;
        emit(Op.INSN_START, null, pc & 0xffffffffL, null);
    }

    /**
     * Starts a guarded region: the ops emitted until {@link #label} run only if the BOOL temp
     * {@code cond} holds. Temps defined inside must not be used after the label, and no terminal
     * may be set inside. Returns the label id to pass to {@link #label}.
     */
    public int skipUnless(int cond) {
        if (temps[cond] != Type.BOOL) throw new IllegalArgumentException("skipUnless wants a BOOL, got " + temps[cond]);
        int id = labels++;
        openGuards++;
        sink(Op.SKIP_UNLESS, null, id, null, 1, cond, -1, -1);
        return id;
    }

    /** Ends the guarded region started by {@link #skipUnless} that returned {@code id}. */
    public void label(int id) {
        if (openGuards == 0) throw new IllegalStateException("label without an open skipUnless");
        openGuards--;
        sink(Op.LABEL, null, id, null, 0, -1, -1, -1);
    }

    // ---- constants and registers
    public int const32(int v) { return emit(Op.CONST_I32, Type.I32, v, null); }
    public int const64(long v) { return emit(Op.CONST_I64, Type.I64, v, null); }
    public int constF64(double v) { return emit(Op.CONST_F64, Type.F64, Double.doubleToRawLongBits(v), null); }

    public int get(int reg) { return emit(Op.GET_REG, regs.get(reg).type(), reg, null); }

    public void set(int reg, int value) {
        Type want = regs.get(reg).type();
        if (temps[value] != want)
            throw new IllegalArgumentException("SET_REG " + regs.get(reg).name() + " wants " + want + ", got " + temps[value]);
        sink(Op.SET_REG, null, reg, null, 1, value, -1, -1);
    }

    // ---- 32-bit integer
    public int add(int a, int b) { return emit(Op.ADD, a, b); }
    public int sub(int a, int b) { return emit(Op.SUB, a, b); }
    public int mul(int a, int b) { return emit(Op.MUL, a, b); }
    public int mulhs(int a, int b) { return emit(Op.MULHS, a, b); }
    public int mulhu(int a, int b) { return emit(Op.MULHU, a, b); }
    public int divs(int a, int b) { return emit(Op.DIVS, a, b); }
    public int divu(int a, int b) { return emit(Op.DIVU, a, b); }
    public int rems(int a, int b) { return emit(Op.REMS, a, b); }
    public int remu(int a, int b) { return emit(Op.REMU, a, b); }
    public int and(int a, int b) { return emit(Op.AND, a, b); }
    public int or(int a, int b) { return emit(Op.OR, a, b); }
    public int xor(int a, int b) { return emit(Op.XOR, a, b); }
    public int not(int a) { return emit(Op.NOT, a); }
    public int neg(int a) { return emit(Op.NEG, a); }
    public int shl(int a, int b) { return emit(Op.SHL, a, b); }
    public int shru(int a, int b) { return emit(Op.SHRU, a, b); }
    public int shrs(int a, int b) { return emit(Op.SHRS, a, b); }
    public int rotl(int a, int b) { return emit(Op.ROTL, a, b); }
    public int clz(int a) { return emit(Op.CLZ, a); }
    public int sext8(int a) { return emit(Op.SEXT8, a); }
    public int sext16(int a) { return emit(Op.SEXT16, a); }
    public int zext8(int a) { return emit(Op.ZEXT8, a); }
    public int zext16(int a) { return emit(Op.ZEXT16, a); }
    public int bswap32(int a) { return emit(Op.BSWAP32, a); }
    public int bswap16(int a) { return emit(Op.BSWAP16, a); }

    public int addImm(int a, int imm) { return imm == 0 ? a : add(a, const32(imm)); }
    public int andImm(int a, int imm) { return and(a, const32(imm)); }
    public int shlImm(int a, int n) { return shl(a, const32(n)); }
    public int shruImm(int a, int n) { return shru(a, const32(n)); }
    public int shrsImm(int a, int n) { return shrs(a, const32(n)); }

    // ---- comparisons and booleans
    public int eq(int a, int b) { return emit(Op.EQ, a, b); }
    public int ne(int a, int b) { return emit(Op.NE, a, b); }
    public int lts(int a, int b) { return emit(Op.LTS, a, b); }
    public int ltu(int a, int b) { return emit(Op.LTU, a, b); }
    public int les(int a, int b) { return emit(Op.LES, a, b); }
    public int leu(int a, int b) { return emit(Op.LEU, a, b); }
    public int gts(int a, int b) { return emit(Op.GTS, a, b); }
    public int gtu(int a, int b) { return emit(Op.GTU, a, b); }
    public int ges(int a, int b) { return emit(Op.GES, a, b); }
    public int geu(int a, int b) { return emit(Op.GEU, a, b); }
    public int band(int a, int b) { return emit(Op.BAND, a, b); }
    public int bor(int a, int b) { return emit(Op.BOR, a, b); }
    public int bxor(int a, int b) { return emit(Op.BXOR, a, b); }
    public int bnot(int a) { return emit(Op.BNOT, a); }
    public int boolToI32(int a) { return emit(Op.BOOL_TO_I32, a); }
    public int select(int cond, int ifTrue, int ifFalse) { return emit(Op.SELECT, cond, ifTrue, ifFalse); }
    public int select64(int cond, int ifTrue, int ifFalse) { return emit(Op.SELECT64, cond, ifTrue, ifFalse); }

    // ---- 64-bit integer
    public int add64(int a, int b) { return emit(Op.ADD64, a, b); }
    public int sub64(int a, int b) { return emit(Op.SUB64, a, b); }
    public int mul64(int a, int b) { return emit(Op.MUL64, a, b); }
    public int and64(int a, int b) { return emit(Op.AND64, a, b); }
    public int or64(int a, int b) { return emit(Op.OR64, a, b); }
    public int xor64(int a, int b) { return emit(Op.XOR64, a, b); }
    public int shl64(int a, int n) { return emit(Op.SHL64, a, n); }
    public int shru64(int a, int n) { return emit(Op.SHRU64, a, n); }
    public int shrs64(int a, int n) { return emit(Op.SHRS64, a, n); }
    public int sext32to64(int a) { return emit(Op.SEXT32_64, a); }
    public int zext32to64(int a) { return emit(Op.ZEXT32_64, a); }
    public int lo32(int a) { return emit(Op.LO32, a); }
    public int hi32(int a) { return emit(Op.HI32, a); }
    public int eq64(int a, int b) { return emit(Op.EQ64, a, b); }
    public int lts64(int a, int b) { return emit(Op.LTS64, a, b); }
    public int ltu64(int a, int b) { return emit(Op.LTU64, a, b); }

    // ---- memory
    public int load8(int addr) { return emit(Op.LOAD8, addr); }
    public int load16(int addr) { return emit(Op.LOAD16, addr); }
    public int load32(int addr) { return emit(Op.LOAD32, addr); }
    public int load64(int addr) { return emit(Op.LOAD64, addr); }
    public void store8(int addr, int v) { emit(Op.STORE8, addr, v); }
    public void store16(int addr, int v) { emit(Op.STORE16, addr, v); }
    public void store32(int addr, int v) { emit(Op.STORE32, addr, v); }
    public void store64(int addr, int v) { emit(Op.STORE64, addr, v); }

    // ---- floating point
    public int fadd(int a, int b) { return emit(Op.FADD, a, b); }
    public int fsub(int a, int b) { return emit(Op.FSUB, a, b); }
    public int fmul(int a, int b) { return emit(Op.FMUL, a, b); }
    public int fdiv(int a, int b) { return emit(Op.FDIV, a, b); }
    public int fma(int a, int b, int c) { return emit(Op.FMA, a, b, c); }
    public int fsqrt(int a) { return emit(Op.FSQRT, a); }
    public int fneg(int a) { return emit(Op.FNEG, a); }
    public int fabs(int a) { return emit(Op.FABS, a); }
    public int bitsToF64(int a) { return emit(Op.BITS_TO_F64, a); }
    public int f64ToBits(int a) { return emit(Op.F64_TO_BITS, a); }
    public int bitsToF32(int a) { return emit(Op.BITS_TO_F32, a); }
    public int f32ToBits(int a) { return emit(Op.F32_TO_BITS, a); }
    public int f32ToF64(int a) { return emit(Op.F32_TO_F64, a); }
    public int f64ToF32(int a) { return emit(Op.F64_TO_F32, a); }
    public int feq(int a, int b) { return emit(Op.FEQ, a, b); }
    public int flt(int a, int b) { return emit(Op.FLT, a, b); }
    public int funord(int a, int b) { return emit(Op.FUNORD, a, b); }

    // ---- helpers
    /** Calls {@code h} with the given temps; returns the result temp, or -1 for a void helper. */
    public int call(Helper h, int... args) {
        if (args.length != h.params.length)
            throw new IllegalArgumentException(h + " takes " + h.params.length + " args, got " + args.length);
        for (int i = 0; i < args.length; i++)
            if (temps[args[i]] != h.params[i])
                throw new IllegalArgumentException(h + " arg " + i + " wants " + h.params[i] + ", got " + temps[args[i]]);
        return callSink(h, args);
    }

    // ---- terminals
    /** Sets the block's terminal. */
    protected void end(Terminal t) {
        if (terminal != null) throw new IllegalStateException("block already ended with " + terminal);
        if (openGuards != 0) throw new IllegalStateException("terminal inside a skipUnless region");
        terminal = t;
    }

    public void jump(int target) { end(new Terminal.Jump(target)); }
    public void branch(int cond, int taken, int notTaken) { end(new Terminal.Branch(cond, taken, notTaken)); }
    public void jumpIndirect(int target) { end(new Terminal.IndirectJump(target)); }
    public void service(int service, int nextPc, int... args) { end(new Terminal.ServiceCall(service, nextPc, args)); }
    public void trap(GuestException kind, int pc, String reason) { end(new Terminal.Trap(kind, pc, reason)); }

    public Type typeOf(int temp) { return temps[temp]; }
}
