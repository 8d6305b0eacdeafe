package dynvm.translator.exec;

import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;

/**
 * The tier-0 node classes: one small final class per op shape, operands resolved at build time
 * ({@link NodeCompiler}). Field names: {@code d} the destination temp, {@code a}, {@code b},
 * {@code c} source temps, {@code k} a constant (an immediate folded from a CONST, a register
 * slot, a pc). I32 and BOOL values travel sign-extended in the low bits of a long, exactly as in
 * {@link IrEvaluator}; ops without a class here run through {@link Generic}, i.e. through
 * {@link IrEvaluator#compute}, so the semantics cannot drift apart. Keep the classes trivial: each
 * {@code exec} is compiled once and shared by every block.
 */
final class Nodes {
    private Nodes() { }

    /** {@code cpu.pc = k}: the start of a guest instruction, so a fault leaves the pc exact. */
    static final class InsnStart extends Node {
        final int k;
        InsnStart(int k) { this.k = k; }
        @Override int kind() { return NodeBlock.INSN_START; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { cpu.pc = k; }
    }

    static final class Const extends Node {
        final int d; final long k;
        Const(int d, long k) { this.d = d; this.k = k; }
        @Override int kind() { return NodeBlock.CONST; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = k; }
    }

    /** GET_REG of an I32 register: {@code k} is its slot in {@code cpu.r}. */
    static final class GetR extends Node {
        final int d, k;
        GetR(int d, int k) { this.d = d; this.k = k; }
        @Override int kind() { return NodeBlock.GET_R; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = cpu.r[k]; }
    }

    /** GET_REG of an I64 register: {@code k} is its slot in {@code cpu.d}. */
    static final class GetD extends Node {
        final int d, k;
        GetD(int d, int k) { this.d = d; this.k = k; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = cpu.d[k]; }
    }

    static final class SetR extends Node {
        final int a, k;
        SetR(int a, int k) { this.a = a; this.k = k; }
        @Override int kind() { return NodeBlock.SET_R; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { cpu.r[k] = (int) t[a]; }
    }

    static final class SetD extends Node {
        final int a, k;
        SetD(int a, int k) { this.a = a; this.k = k; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { cpu.d[k] = t[a]; }
    }

    /** A constant stored to an I32 register (CONST + SET_REG; the CONST keeps its own node while other uses need it). */
    static final class SetRK extends Node {
        final int v, k;
        SetRK(int v, int k) { this.v = v; this.k = k; }
        @Override int kind() { return NodeBlock.SET_R_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { cpu.r[k] = v; }
    }

    static final class Add extends Node {
        final int d, a, b;
        Add(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override int kind() { return NodeBlock.ADD; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x + y; }
    }

    static final class Sub extends Node {
        final int d, a, b;
        Sub(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override int kind() { return NodeBlock.SUB; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x - y; }
    }

    static final class Mul extends Node {
        final int d, a, b;
        Mul(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x * y; }
    }

    static final class And extends Node {
        final int d, a, b;
        And(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override int kind() { return NodeBlock.AND; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x & y; }
    }

    static final class Or extends Node {
        final int d, a, b;
        Or(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x | y; }
    }

    static final class Xor extends Node {
        final int d, a, b;
        Xor(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override int kind() { return NodeBlock.XOR; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x ^ y; }
    }

    static final class Shl extends Node {
        final int d, a, b;
        Shl(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x << y; }
    }

    static final class Shru extends Node {
        final int d, a, b;
        Shru(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x >>> y; }
    }

    static final class Shrs extends Node {
        final int d, a, b;
        Shrs(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x >> y; }
    }

    static final class Rotl extends Node {
        final int d, a, b;
        Rotl(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = Integer.rotateLeft(x, y); }
    }

    static final class Eq extends Node {
        final int d, a, b;
        Eq(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x == y ? 1 : 0; }
    }

    static final class Ne extends Node {
        final int d, a, b;
        Ne(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x != y ? 1 : 0; }
    }

    static final class Lts extends Node {
        final int d, a, b;
        Lts(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x < y ? 1 : 0; }
    }

    static final class Ltu extends Node {
        final int d, a, b;
        Ltu(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override int kind() { return NodeBlock.LTU; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = IrRuntime.below(x, y) ? 1 : 0; }
    }

    static final class Les extends Node {
        final int d, a, b;
        Les(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x <= y ? 1 : 0; }
    }

    static final class Leu extends Node {
        final int d, a, b;
        Leu(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = IrRuntime.below(y, x) ? 0 : 1; }
    }

    static final class Gts extends Node {
        final int d, a, b;
        Gts(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x > y ? 1 : 0; }
    }

    static final class Gtu extends Node {
        final int d, a, b;
        Gtu(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = IrRuntime.below(y, x) ? 1 : 0; }
    }

    static final class Ges extends Node {
        final int d, a, b;
        Ges(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = x >= y ? 1 : 0; }
    }

    static final class Geu extends Node {
        final int d, a, b;
        Geu(int d, int a, int b) { this.d = d; this.a = a; this.b = b; }
        @Override int kind() { return NodeBlock.GEU; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; t[d] = IrRuntime.below(x, y) ? 0 : 1; }
    }

    static final class AddK extends Node {
        final int d, a, y;
        AddK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.ADD_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x + y; }
    }

    static final class SubK extends Node {
        final int d, a, y;
        SubK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.SUB_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x - y; }
    }

    static final class AndK extends Node {
        final int d, a, y;
        AndK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.AND_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x & y; }
    }

    static final class OrK extends Node {
        final int d, a, y;
        OrK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x | y; }
    }

    static final class XorK extends Node {
        final int d, a, y;
        XorK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.XOR_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x ^ y; }
    }

    static final class ShlK extends Node {
        final int d, a, y;
        ShlK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.SHL_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x << y; }
    }

    static final class ShruK extends Node {
        final int d, a, y;
        ShruK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.SHRU_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x >>> y; }
    }

    static final class ShrsK extends Node {
        final int d, a, y;
        ShrsK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x >> y; }
    }

    static final class RotlK extends Node {
        final int d, a, y;
        RotlK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = Integer.rotateLeft(x, y); }
    }

    static final class EqK extends Node {
        final int d, a, y;
        EqK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.EQ_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x == y ? 1 : 0; }
    }

    static final class NeK extends Node {
        final int d, a, y;
        NeK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.NE_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x != y ? 1 : 0; }
    }

    static final class LtsK extends Node {
        final int d, a, y;
        LtsK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x < y ? 1 : 0; }
    }

    static final class LtuK extends Node {
        final int d, a, y;
        LtuK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = IrRuntime.below(x, y) ? 1 : 0; }
    }

    static final class LesK extends Node {
        final int d, a, y;
        LesK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x <= y ? 1 : 0; }
    }

    static final class LeuK extends Node {
        final int d, a, y;
        LeuK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = IrRuntime.below(y, x) ? 0 : 1; }
    }

    static final class GtsK extends Node {
        final int d, a, y;
        GtsK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x > y ? 1 : 0; }
    }

    static final class GtuK extends Node {
        final int d, a, y;
        GtuK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = IrRuntime.below(y, x) ? 1 : 0; }
    }

    static final class GesK extends Node {
        final int d, a, y;
        GesK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x >= y ? 1 : 0; }
    }

    static final class GeuK extends Node {
        final int d, a, y;
        GeuK(int d, int a, int y) { this.d = d; this.a = a; this.y = y; }
        @Override int kind() { return NodeBlock.GEU_K; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = IrRuntime.below(x, y) ? 0 : 1; }
    }

    static final class Not extends Node {
        final int d, a;
        Not(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = ~x; }
    }

    static final class Neg extends Node {
        final int d, a;
        Neg(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = -x; }
    }

    static final class Sext8 extends Node {
        final int d, a;
        Sext8(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = (byte) x; }
    }

    static final class Sext16 extends Node {
        final int d, a;
        Sext16(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = (short) x; }
    }

    static final class Zext8 extends Node {
        final int d, a;
        Zext8(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x & 0xff; }
    }

    static final class Zext16 extends Node {
        final int d, a;
        Zext16(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x & 0xffff; }
    }

    static final class Bnot extends Node {
        final int d, a;
        Bnot(int d, int a) { this.d = d; this.a = a; }
        @Override int kind() { return NodeBlock.BNOT; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = x ^ 1; }
    }

    static final class Clz extends Node {
        final int d, a;
        Clz(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; t[d] = Integer.numberOfLeadingZeros(x); }
    }

    /** A copy (BOOL_TO_I32, LO32, SEXT32_64, BITS_TO_F32, F32_TO_BITS): the value as a sign-extended int. */
    static final class Int extends Node {
        final int d, a;
        Int(int d, int a) { this.d = d; this.a = a; }
        @Override int kind() { return NodeBlock.INT; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = (int) t[a]; }
    }

    /** A raw 64-bit copy (BITS_TO_F64, F64_TO_BITS). */
    static final class Copy extends Node {
        final int d, a;
        Copy(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = t[a]; }
    }

    static final class Select extends Node {
        final int d, a, b, c;
        Select(int d, int a, int b, int c) { this.d = d; this.a = a; this.b = b; this.c = c; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = (int) t[a] != 0 ? (int) t[b] : (int) t[c]; }
    }

    static final class Load8 extends Node {
        final int d, a;
        Load8(int d, int a) { this.d = d; this.a = a; }
        @Override int kind() { return NodeBlock.LOAD8; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = mem.load8((int) t[a]); }
    }

    static final class Load16 extends Node {
        final int d, a;
        Load16(int d, int a) { this.d = d; this.a = a; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = mem.load16((int) t[a]); }
    }

    static final class Load32 extends Node {
        final int d, a;
        Load32(int d, int a) { this.d = d; this.a = a; }
        @Override int kind() { return NodeBlock.LOAD32; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { t[d] = mem.load32((int) t[a]); }
    }

    static final class Store8 extends Node {
        final int a, b;
        Store8(int a, int b) { this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { mem.store8((int) t[a], (int) t[b]); }
    }

    static final class Store16 extends Node {
        final int a, b;
        Store16(int a, int b) { this.a = a; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { mem.store16((int) t[a], (int) t[b]); }
    }

    static final class Store32 extends Node {
        final int a, b;
        Store32(int a, int b) { this.a = a; this.b = b; }
        @Override int kind() { return NodeBlock.STORE32; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { mem.store32((int) t[a], (int) t[b]); }
    }

    /** Any other op: its value through {@link IrEvaluator#compute}, the reference semantics. */
    static final class Generic extends Node {
        final dynvm.ir.Op op; final long k; final int d, a, b, c;
        Generic(dynvm.ir.Op op, long k, int d, int a, int b, int c) { this.op = op; this.k = k; this.d = d; this.a = a; this.b = b; this.c = c; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) {
            long v = IrEvaluator.compute(op, k, t[a], t[b], t[c], cpu, mem, null);
            if (d >= 0) t[d] = v;
        }
    }
}
