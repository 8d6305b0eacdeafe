package dynvm.translator.exec;

import dynvm.cache.Translation;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;
import java.util.List;

/**
 * Executes IR directly: the interpreter's core. Temps live in a reusable {@code long[]} (I32 and
 * BOOL as ints, F64 and F32 as raw bits); registers are read and written in {@link CpuState}
 * directly, so the state is exact at every op and a fault leaves {@code cpu.pc} at the faulting
 * instruction.
 */
public final class IrEvaluator {
    private final RegisterFile regs;
    private long[] t = new long[256];

    public IrEvaluator(RegisterFile regs) { this.regs = regs; }

    /**
     * Runs {@code ops} then the terminal (if any; with none, execution continues at
     * {@code fallthroughPc}). Returns a {@link Translation} exit code and leaves cpu.pc at the next pc.
     */
    public int execute(List<Insn> ops, int ntemps, Terminal term, int fallthroughPc, CpuState cpu, MemoryPort mem) {
        if (t.length < ntemps) t = new long[Math.max(ntemps, t.length * 2)];
        final long[] t = this.t;
        for (int n = ops.size(), i = 0; i < n; i++) {
            Insn in = ops.get(i);
            int[] s = in.src;
            long v;
            if (in.op == Op.CALL) {
                v = call((Helper) in.aux, s, t, cpu);
            } else if (in.op == Op.SKIP_UNLESS) {
                if ((int) t[s[0]] == 0) i = labelIndex(ops, i, in.imm);
                continue;
            } else {
                int k = s.length;
                v = compute(in.op, in.imm, k > 0 ? t[s[0]] : 0, k > 1 ? t[s[1]] : 0, k > 2 ? t[s[2]] : 0, cpu, mem, regs);
            }
            if (in.dst >= 0) t[in.dst] = v;
        }
        return finish(term, fallthroughPc, cpu, t);
    }

    /**
     * Runs a pre-decoded block ({@link NodeBlock}, tier 0's fast form) with this evaluator's temps:
     * the same result, exit code and guest state as {@link #execute(List, int, Terminal, int, CpuState, MemoryPort)}
     * on the block it was built from.
     */
    public int execute(NodeBlock b, CpuState cpu, MemoryPort mem) {
        if (t.length < b.ntemps) t = new long[Math.max(b.ntemps, t.length * 2)];
        return b.run(t, cpu, mem);
    }

    /** Index of the LABEL {@code id} after {@code from} (the verifier guarantees there is one). */
    static int labelIndex(List<Insn> ops, int from, long id) {
        for (int i = from + 1; ; i++) {
            Insn in = ops.get(i);
            if (in.op == Op.LABEL && in.imm == id) return i;
        }
    }

    /**
     * The value of one op (other than CALL) from its operand values, with its side effect on
     * registers or memory. I32/BOOL values travel in the low bits of a long, F64/F32 as raw bits.
     */
    static long compute(Op op, long imm, long a, long b, long c, CpuState cpu, MemoryPort mem, RegisterFile regs) {
        // a switch expression with no default: a new Op does not compile until it has a case here
        return switch (op) {
            case INSN_START -> { cpu.pc = (int) imm; yield 0; }
            case LABEL -> 0;
            case CONST_I32, CONST_I64, CONST_F64 -> imm;
            case GET_REG -> regs.read(cpu, (int) imm);
            case SET_REG -> { regs.write(cpu, (int) imm, a); yield 0; }
            case CALL, SKIP_UNLESS -> throw new IllegalStateException(op + " is run by execute, not computed");

            case ADD -> (int) a + (int) b;
            case SUB -> (int) a - (int) b;
            case MUL -> (int) a * (int) b;
            case MULHS -> IrRuntime.mulhs((int) a, (int) b);
            case MULHU -> IrRuntime.mulhu((int) a, (int) b);
            case DIVS -> IrRuntime.divs((int) a, (int) b);
            case DIVU -> IrRuntime.divu((int) a, (int) b);
            case REMS -> IrRuntime.rems((int) a, (int) b);
            case REMU -> IrRuntime.remu((int) a, (int) b);
            case AND -> (int) a & (int) b;
            case OR -> (int) a | (int) b;
            case XOR -> (int) a ^ (int) b;
            case NOT -> ~(int) a;
            case NEG -> -(int) a;
            case SHL -> (int) a << (int) b;
            case SHRU -> (int) a >>> (int) b;
            case SHRS -> (int) a >> (int) b;
            case ROTL -> Integer.rotateLeft((int) a, (int) b);
            case CLZ -> Integer.numberOfLeadingZeros((int) a);
            case SEXT8 -> (byte) (int) a;
            case SEXT16 -> (short) (int) a;
            case ZEXT8 -> (int) a & 0xff;
            case ZEXT16 -> (int) a & 0xffff;
            case BSWAP32 -> Integer.reverseBytes((int) a);
            case BSWAP16 -> IrRuntime.bswap16((int) a);

            case EQ -> IrRuntime.eq((int) a, (int) b);
            case NE -> IrRuntime.ne((int) a, (int) b);
            case LTS -> IrRuntime.lts((int) a, (int) b);
            case LTU -> IrRuntime.ltu((int) a, (int) b);
            case LES -> IrRuntime.les((int) a, (int) b);
            case LEU -> IrRuntime.leu((int) a, (int) b);
            case GTS -> IrRuntime.gts((int) a, (int) b);
            case GTU -> IrRuntime.gtu((int) a, (int) b);
            case GES -> IrRuntime.ges((int) a, (int) b);
            case GEU -> IrRuntime.geu((int) a, (int) b);
            case BAND -> (int) a & (int) b;
            case BOR -> (int) a | (int) b;
            case BXOR -> (int) a ^ (int) b;
            case BNOT -> (int) a ^ 1;
            case BOOL_TO_I32 -> (int) a;
            case SELECT -> IrRuntime.select((int) a, (int) b, (int) c);
            case SELECT64 -> IrRuntime.select64((int) a, b, c);

            case ADD64 -> a + b;
            case SUB64 -> a - b;
            case MUL64 -> a * b;
            case AND64 -> a & b;
            case OR64 -> a | b;
            case XOR64 -> a ^ b;
            case SHL64 -> a << (int) b;
            case SHRU64 -> a >>> (int) b;
            case SHRS64 -> a >> (int) b;
            case SEXT32_64 -> (int) a;
            case ZEXT32_64 -> (int) a & 0xffffffffL;
            case LO32 -> (int) a;
            case HI32 -> (int) (a >>> 32);
            case EQ64 -> IrRuntime.eq64(a, b);
            case LTS64 -> IrRuntime.lts64(a, b);
            case LTU64 -> IrRuntime.ltu64(a, b);

            case LOAD8 -> mem.load8((int) a);
            case LOAD16 -> mem.load16((int) a);
            case LOAD32 -> mem.load32((int) a);
            case LOAD64 -> mem.load64((int) a);
            case STORE8 -> { mem.store8((int) a, (int) b); yield 0; }
            case STORE16 -> { mem.store16((int) a, (int) b); yield 0; }
            case STORE32 -> { mem.store32((int) a, (int) b); yield 0; }
            case STORE64 -> { mem.store64((int) a, b); yield 0; }

            case FADD -> d(f(a) + f(b));
            case FSUB -> d(f(a) - f(b));
            case FMUL -> d(f(a) * f(b));
            case FDIV -> d(f(a) / f(b));
            case FMA -> d(Math.fma(f(a), f(b), f(c)));
            case FSQRT -> d(Math.sqrt(f(a)));
            case FNEG -> d(-f(a));
            case FABS -> d(Math.abs(f(a)));
            case BITS_TO_F64, F64_TO_BITS -> a;
            case BITS_TO_F32, F32_TO_BITS -> (int) a;
            case F32_TO_F64 -> d(Float.intBitsToFloat((int) a));
            case F64_TO_F32 -> Float.floatToRawIntBits((float) f(a));
            case FEQ -> IrRuntime.feq(f(a), f(b));
            case FLT -> IrRuntime.flt(f(a), f(b));
            case FUNORD -> IrRuntime.funord(f(a), f(b));
        };
    }

    static int finish(Terminal term, int fallthroughPc, CpuState cpu, long[] t) {
        if (term == null) { cpu.pc = fallthroughPc; return Translation.EXIT_FALLTHROUGH; }
        if (term instanceof Terminal.Jump j) { cpu.pc = j.target(); return Translation.EXIT_TAKEN; }
        if (term instanceof Terminal.Branch b) {
            boolean taken = i(t, b.cond()) != 0;
            cpu.pc = taken ? b.taken() : b.notTaken();
            return taken ? Translation.EXIT_TAKEN : Translation.EXIT_FALLTHROUGH;
        }
        if (term instanceof Terminal.IndirectJump ij) { cpu.pc = i(t, ij.target()); return Translation.EXIT_INDIRECT; }
        if (term instanceof Terminal.ServiceCall sc) {
            int[] a = sc.args();
            for (int k = 0; k < a.length; k++) cpu.serviceArgs[k] = i(t, a[k]);
            cpu.pc = sc.nextPc();
            return Translation.EXIT_SERVICE;
        }
        Terminal.Trap tr = (Terminal.Trap) term;
        cpu.pc = tr.pc();
        return Translation.EXIT_TRAP;
    }

    static long call(Helper h, int[] s, long[] t, CpuState cpu) {
        int off = h.takesCpu ? 1 : 0;
        Object[] args = new Object[s.length + off];
        if (h.takesCpu) args[0] = cpu;
        for (int k = 0; k < s.length; k++) {
            long raw = t[s[k]];
            args[k + off] = switch (h.params[k]) {
                case I32 -> (int) raw;
                case BOOL -> raw != 0;
                case I64 -> raw;
                case F64 -> Double.longBitsToDouble(raw);
                case F32 -> Float.intBitsToFloat((int) raw);
            };
        }
        Object r;
        try {
            r = h.handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("helper " + h + " failed", e);
        }
        if (h.result == null) return 0;
        return switch (h.result) {
            case I32 -> (Integer) r;
            case BOOL -> ((Boolean) r) ? 1 : 0;
            case I64 -> (Long) r;
            case F64 -> Double.doubleToRawLongBits((Double) r);
            case F32 -> Float.floatToRawIntBits((Float) r);
        };
    }

    private static int i(long[] t, int k) { return (int) t[k]; }
    private static double f(long x) { return Double.longBitsToDouble(x); }
    private static long d(double x) { return Double.doubleToRawLongBits(x); }

}
