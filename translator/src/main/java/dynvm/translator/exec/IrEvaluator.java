package dynvm.translator.exec;

import dynvm.cache.Translation;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
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
            switch (in.op) {
                case INSN_START -> { cpu.pc = (int) in.imm; continue; }
                case CONST_I32, CONST_I64, CONST_F64 -> v = in.imm;
                case GET_REG -> v = regs.read(cpu, (int) in.imm);
                case SET_REG -> { regs.write(cpu, (int) in.imm, t[s[0]]); continue; }

                case ADD -> v = i(t, s[0]) + i(t, s[1]);
                case SUB -> v = i(t, s[0]) - i(t, s[1]);
                case MUL -> v = i(t, s[0]) * i(t, s[1]);
                case MULHS -> v = IrRuntime.mulhs(i(t, s[0]), i(t, s[1]));
                case MULHU -> v = IrRuntime.mulhu(i(t, s[0]), i(t, s[1]));
                case DIVS -> v = IrRuntime.divs(i(t, s[0]), i(t, s[1]));
                case DIVU -> v = IrRuntime.divu(i(t, s[0]), i(t, s[1]));
                case REMS -> v = IrRuntime.rems(i(t, s[0]), i(t, s[1]));
                case REMU -> v = IrRuntime.remu(i(t, s[0]), i(t, s[1]));
                case AND -> v = i(t, s[0]) & i(t, s[1]);
                case OR -> v = i(t, s[0]) | i(t, s[1]);
                case XOR -> v = i(t, s[0]) ^ i(t, s[1]);
                case NOT -> v = ~i(t, s[0]);
                case NEG -> v = -i(t, s[0]);
                case SHL -> v = i(t, s[0]) << i(t, s[1]);
                case SHRU -> v = i(t, s[0]) >>> i(t, s[1]);
                case SHRS -> v = i(t, s[0]) >> i(t, s[1]);
                case ROTL -> v = Integer.rotateLeft(i(t, s[0]), i(t, s[1]));
                case CLZ -> v = Integer.numberOfLeadingZeros(i(t, s[0]));
                case SEXT8 -> v = (byte) i(t, s[0]);
                case SEXT16 -> v = (short) i(t, s[0]);
                case ZEXT8 -> v = i(t, s[0]) & 0xff;
                case ZEXT16 -> v = i(t, s[0]) & 0xffff;
                case BSWAP32 -> v = Integer.reverseBytes(i(t, s[0]));
                case BSWAP16 -> v = IrRuntime.bswap16(i(t, s[0]));

                case EQ -> v = IrRuntime.eq(i(t, s[0]), i(t, s[1]));
                case NE -> v = IrRuntime.ne(i(t, s[0]), i(t, s[1]));
                case LTS -> v = IrRuntime.lts(i(t, s[0]), i(t, s[1]));
                case LTU -> v = IrRuntime.ltu(i(t, s[0]), i(t, s[1]));
                case LES -> v = IrRuntime.les(i(t, s[0]), i(t, s[1]));
                case LEU -> v = IrRuntime.leu(i(t, s[0]), i(t, s[1]));
                case GTS -> v = IrRuntime.gts(i(t, s[0]), i(t, s[1]));
                case GTU -> v = IrRuntime.gtu(i(t, s[0]), i(t, s[1]));
                case GES -> v = IrRuntime.ges(i(t, s[0]), i(t, s[1]));
                case GEU -> v = IrRuntime.geu(i(t, s[0]), i(t, s[1]));
                case BAND -> v = i(t, s[0]) & i(t, s[1]);
                case BOR -> v = i(t, s[0]) | i(t, s[1]);
                case BXOR -> v = i(t, s[0]) ^ i(t, s[1]);
                case BNOT -> v = i(t, s[0]) ^ 1;
                case BOOL_TO_I32 -> v = i(t, s[0]);
                case SELECT -> v = IrRuntime.select(i(t, s[0]), i(t, s[1]), i(t, s[2]));
                case SELECT64 -> v = IrRuntime.select64(i(t, s[0]), t[s[1]], t[s[2]]);

                case ADD64 -> v = t[s[0]] + t[s[1]];
                case SUB64 -> v = t[s[0]] - t[s[1]];
                case MUL64 -> v = t[s[0]] * t[s[1]];
                case AND64 -> v = t[s[0]] & t[s[1]];
                case OR64 -> v = t[s[0]] | t[s[1]];
                case XOR64 -> v = t[s[0]] ^ t[s[1]];
                case SHL64 -> v = t[s[0]] << i(t, s[1]);
                case SHRU64 -> v = t[s[0]] >>> i(t, s[1]);
                case SHRS64 -> v = t[s[0]] >> i(t, s[1]);
                case SEXT32_64 -> v = i(t, s[0]);
                case ZEXT32_64 -> v = i(t, s[0]) & 0xffffffffL;
                case LO32 -> v = (int) t[s[0]];
                case HI32 -> v = (int) (t[s[0]] >>> 32);
                case EQ64 -> v = IrRuntime.eq64(t[s[0]], t[s[1]]);
                case LTS64 -> v = IrRuntime.lts64(t[s[0]], t[s[1]]);
                case LTU64 -> v = IrRuntime.ltu64(t[s[0]], t[s[1]]);

                case LOAD8 -> v = mem.load8(i(t, s[0]));
                case LOAD16 -> v = mem.load16(i(t, s[0]));
                case LOAD32 -> v = mem.load32(i(t, s[0]));
                case LOAD64 -> v = mem.load64(i(t, s[0]));
                case STORE8 -> { mem.store8(i(t, s[0]), i(t, s[1])); continue; }
                case STORE16 -> { mem.store16(i(t, s[0]), i(t, s[1])); continue; }
                case STORE32 -> { mem.store32(i(t, s[0]), i(t, s[1])); continue; }
                case STORE64 -> { mem.store64(i(t, s[0]), t[s[1]]); continue; }

                case FADD -> v = d(f(t, s[0]) + f(t, s[1]));
                case FSUB -> v = d(f(t, s[0]) - f(t, s[1]));
                case FMUL -> v = d(f(t, s[0]) * f(t, s[1]));
                case FDIV -> v = d(f(t, s[0]) / f(t, s[1]));
                case FMA -> v = d(Math.fma(f(t, s[0]), f(t, s[1]), f(t, s[2])));
                case FSQRT -> v = d(Math.sqrt(f(t, s[0])));
                case FNEG -> v = d(-f(t, s[0]));
                case FABS -> v = d(Math.abs(f(t, s[0])));
                case BITS_TO_F64, F64_TO_BITS -> v = t[s[0]];
                case BITS_TO_F32, F32_TO_BITS -> v = i(t, s[0]);
                case F32_TO_F64 -> v = d(Float.intBitsToFloat(i(t, s[0])));
                case F64_TO_F32 -> v = Float.floatToRawIntBits((float) f(t, s[0]));
                case FEQ -> v = IrRuntime.feq(f(t, s[0]), f(t, s[1]));
                case FLT -> v = IrRuntime.flt(f(t, s[0]), f(t, s[1]));
                case FUNORD -> v = IrRuntime.funord(f(t, s[0]), f(t, s[1]));

                case CALL -> {
                    v = call((Helper) in.aux, s, cpu);
                    if (in.dst < 0) continue;
                }
                default -> throw new IllegalStateException("interpreter has no case for " + in.op);
            }
            t[in.dst] = v;
        }
        return finish(term, fallthroughPc, cpu);
    }

    private int finish(Terminal term, int fallthroughPc, CpuState cpu) {
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

    private long call(Helper h, int[] s, CpuState cpu) {
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
    private static double f(long[] t, int k) { return Double.longBitsToDouble(t[k]); }
    private static long d(double x) { return Double.doubleToRawLongBits(x); }

}
