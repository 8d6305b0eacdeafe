package dynvm.translator.exec;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.ir.Block;
import dynvm.ir.GuestException;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of tier 0's two forms: random blocks (every value op, constants folded into
 * immediates, loads and stores that may fault, guarded regions, helper calls of every shape, every
 * terminal) run as evaluated IR and as pre-decoded nodes, fused and not, from the same state; the exit
 * code, pc, registers, service arguments, memory and any fault must be identical.
 */
class NodeBlockTest {
    private static final RegisterFile REGS = new RegisterFile();
    static {
        for (int i = 0; i < 8; i++) REGS.add("r" + i, Type.I32);
        for (int i = 0; i < 4; i++) REGS.add("d" + i, Type.I64);
    }
    private static final int BASE = 0x1000, SIZE = 0x1000;

    /** Big-endian bytes at [BASE, BASE+SIZE); anything else faults. */
    static final class Ram implements MemoryPort {
        final byte[] b = new byte[SIZE];
        private int at(int a, int n) {
            if (a < BASE || a + n > BASE + SIZE || a + n < a) throw new IllegalArgumentException(String.format("fault:0x%08x", a));
            return a - BASE;
        }
        public int load8(int a) { return b[at(a, 1)] & 0xff; }
        public int load16(int a) { int i = at(a, 2); return (b[i] & 0xff) << 8 | b[i + 1] & 0xff; }
        public int load32(int a) { return load16(a) << 16 | load16(a + 2); }
        public long load64(int a) { return (long) load32(a) << 32 | load32(a + 4) & 0xffffffffL; }
        public void store8(int a, int v) { b[at(a, 1)] = (byte) v; }
        public void store16(int a, int v) { at(a, 2); store8(a, v >> 8); store8(a + 1, v); }
        public void store32(int a, int v) { at(a, 4); store16(a, v >>> 16); store16(a + 2, v); }
        public void store64(int a, long v) { at(a, 8); store32(a, (int) (v >>> 32)); store32(a + 4, (int) v); }
    }

    /** Helpers of every shape (Helper wants a public class): with and without CpuState, void, each value type, more than 4 args. */
    public static final class H {
        public static int hMix(int a, long b) { return a * 31 + (int) (b >>> 7); }
        public static void hVoid(CpuState c, int a) { c.r[7] = a * 3 + c.pc; }
        public static double hFp(double a, float b, boolean c) { return c ? a * b : a - b; }
        public static long hFive(int a, int b, int c, int d, int e) { return (long) a * b + c - d + ((long) e << 33); }
        public static boolean hPc(CpuState c) { return (c.pc & 4) != 0; }
        public static int hLoad(CpuState c, int a) { return c.mem.load32(a); }
        public static float hF32(float a) { return a * 2; }
    }
    private static final Helper[] HELPERS = {
        Helper.of(H.class, "hMix"), Helper.of(H.class, "hVoid"), Helper.of(H.class, "hFp"),
        Helper.of(H.class, "hFive"), Helper.of(H.class, "hPc"), Helper.of(H.class, "hLoad"),
        Helper.of(H.class, "hF32"),
    };

    /** Builds one random block. */
    static final class Gen {
        final Random rnd;
        final List<Insn> ops = new ArrayList<>();
        final List<Type> types = new ArrayList<>();
        final List<List<Integer>> pool = new ArrayList<>(); // live temps by type ordinal
        int labels;
        Gen(Random rnd) { this.rnd = rnd; for (int i = 0; i < Type.values().length; i++) pool.add(new ArrayList<>()); }

        int temp(Type t) { types.add(t); pool.get(t.ordinal()).add(types.size() - 1); return types.size() - 1; }
        int emit(Op op, Type res, long imm, Object aux, int... src) {
            int d = res == null ? -1 : temp(res);
            ops.add(new Insn(op, d, src, imm, aux));
            return d;
        }

        /** A value of type {@code t}: a live temp, a register, a constant or a conversion. */
        int value(Type t) {
            List<Integer> p = pool.get(t.ordinal());
            if (!p.isEmpty() && rnd.nextInt(3) > 0) return p.get(rnd.nextInt(p.size()));
            return switch (t) {
                case I32 -> rnd.nextBoolean() ? emit(Op.GET_REG, Type.I32, rnd.nextInt(8), null)
                        : emit(Op.CONST_I32, Type.I32, rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(40) - 8, null);
                case I64 -> rnd.nextBoolean() ? emit(Op.GET_REG, Type.I64, 8 + rnd.nextInt(4), null) : emit(Op.CONST_I64, Type.I64, rnd.nextLong(), null);
                case BOOL -> emit(Op.values()[Op.EQ.ordinal() + rnd.nextInt(10)], Type.BOOL, 0, null, value(Type.I32), value(Type.I32));
                case F64 -> rnd.nextBoolean() ? emit(Op.BITS_TO_F64, Type.F64, 0, null, value(Type.I64))
                        : emit(Op.CONST_F64, Type.F64, Double.doubleToRawLongBits(rnd.nextInt(9) - 4 + 0.5), null);
                case F32 -> emit(Op.BITS_TO_F32, Type.F32, 0, null, value(Type.I32));
            };
        }

        int address() {
            int a = emit(Op.AND, Type.I32, 0, null, value(Type.I32), emit(Op.CONST_I32, Type.I32, 0xff8, null));
            if (rnd.nextInt(12) == 0) return value(Type.I32); // likely outside: a fault
            return emit(Op.ADD, Type.I32, 0, null, a, emit(Op.CONST_I32, Type.I32, BASE, null));
        }

        void op() {
            int k = rnd.nextInt(20);
            if (k < 12) {
                Op op;
                do op = Op.values()[rnd.nextInt(Op.values().length)];
                while (op.result == null || op.operands == null || op.operands.length == 0 || op.isLoad());
                int[] src = new int[op.operands.length];
                for (int i = 0; i < src.length; i++) src[i] = value(op.operands[i]);
                emit(op, op.result, 0, null, src);
            } else if (k < 15) {
                int v = rnd.nextBoolean() ? value(Type.I32) : value(Type.BOOL);
                emit(Op.SET_REG, null, rnd.nextInt(8), null, v);
                if (rnd.nextBoolean()) emit(Op.SET_REG, null, 8 + rnd.nextInt(4), null, value(Type.I64));
            } else if (k < 17) {
                Op op = new Op[]{Op.LOAD8, Op.LOAD16, Op.LOAD32, Op.LOAD64}[rnd.nextInt(4)];
                emit(op, op.result, 0, null, address());
            } else if (k < 19) {
                Op op = new Op[]{Op.STORE8, Op.STORE16, Op.STORE32, Op.STORE64}[rnd.nextInt(4)];
                emit(op, null, 0, null, address(), value(op == Op.STORE64 ? Type.I64 : Type.I32));
            } else {
                Helper h = HELPERS[rnd.nextInt(HELPERS.length)];
                int[] src = new int[h.params.length];
                for (int i = 0; i < src.length; i++) src[i] = h == HELPERS[5] ? address() : value(h.params[i]);
                emit(Op.CALL, h.result, 0, h, src);
            }
        }

        Block block() {
            int pc = 0x8000, insns = 1 + rnd.nextInt(10);
            for (int i = 0; i < insns; i++, pc += 4) {
                emit(Op.INSN_START, null, pc, null);
                boolean guarded = rnd.nextInt(4) == 0;
                int label = 0;
                if (guarded) { label = labels++; emit(Op.SKIP_UNLESS, null, label, null, value(Type.BOOL)); }
                for (int n = rnd.nextInt(6); n > 0; n--) op();
                if (guarded) {
                    emit(Op.LABEL, null, label, null);
                    for (List<Integer> p : pool) p.clear(); // a label ends every temp's lifetime
                }
            }
            Terminal term = switch (rnd.nextInt(6)) {
                case 0 -> new Terminal.Jump(0x9000);
                case 1, 2 -> new Terminal.Branch(value(Type.BOOL), 0xa000, pc);
                case 3 -> new Terminal.IndirectJump(value(Type.I32));
                case 4 -> new Terminal.ServiceCall(7, pc, new int[]{value(Type.I32), value(Type.I32)});
                default -> rnd.nextBoolean() ? null : new Terminal.Trap(GuestException.values()[0], pc - 4, "test");
            };
            return new Block(0x8000, 0, List.copyOf(ops), types.toArray(new Type[0]), term, insns, pc);
        }
    }

    private record Outcome(String how, int pc, int[] r, long[] d, int[] svc, byte[] mem) {
        void assertSame(Outcome o, String what) {
            assertEquals(how, o.how, what);
            assertEquals(pc, o.pc, what);
            assertArrayEquals(r, o.r, what);
            assertArrayEquals(d, o.d, what);
            assertArrayEquals(svc, o.svc, what);
            assertArrayEquals(mem, o.mem, what);
        }
    }

    private static Outcome run(Block b, boolean nodes, long seed) { return run(b, nodes, true, seed); }

    private static Outcome run(Block b, boolean nodes, boolean fuse, long seed) { return run(b, nodes, fuse, NodeBlock.SWITCH, seed); }

    /** {@code switched}: the node classes NodeBlock's switch names run through it, else every node by a virtual call. */
    private static Outcome run(Block b, boolean nodes, boolean fuse, boolean switched, long seed) {
        Random rnd = new Random(seed);
        CpuState cpu = new CpuState(REGS);
        Ram ram = new Ram();
        rnd.nextBytes(ram.b);
        for (int i = 0; i < 8; i++) cpu.r[i] = rnd.nextBoolean() ? BASE + rnd.nextInt(SIZE) : rnd.nextInt();
        for (int i = 0; i < 4; i++) cpu.d[i] = rnd.nextLong();
        cpu.mem = ram;
        cpu.pc = -1;
        IrEvaluator ev = new IrEvaluator(REGS);
        String how;
        try {
            if (nodes) {
                NodeBlock nb = new NodeCompiler(REGS, fuse).compile(b);
                long[] t = new long[nb.ntemps];
                how = "exit " + (switched ? nb.runSwitched(t, cpu, ram) : nb.runVirtual(t, cpu, ram));
            } else {
                how = "exit " + ev.execute(b.ops(), b.temps().length, b.terminal(), b.endPc(), cpu, ram);
            }
        } catch (IllegalArgumentException e) {
            how = e.getMessage();
        }
        return new Outcome(how, cpu.pc, cpu.r.clone(), cpu.d.clone(), cpu.serviceArgs.clone(), ram.b.clone());
    }

    @Test
    void randomBlocksLeaveTheSameStateAsTheIrEvaluator() {
        Random rnd = new Random(2026);
        int faults = 0, skips = 0, fused = 0;
        for (int trial = 0; trial < 4000; trial++) {
            Block b = new Gen(new Random(rnd.nextLong())).block();
            long seed = rnd.nextLong();
            Outcome ir = run(b, false, seed), nodes = run(b, true, seed), unfused = run(b, true, false, seed);
            Outcome virtual = run(b, true, true, !NodeBlock.SWITCH, seed);
            ir.assertSame(nodes, "trial " + trial + "\n" + b.dump());
            ir.assertSame(virtual, "switch " + !NodeBlock.SWITCH + ", trial " + trial + "\n" + b.dump());
            ir.assertSame(unfused, "unfused, trial " + trial + "\n" + b.dump());
            if (ir.how.startsWith("fault")) faults++;
            if (b.ops().stream().anyMatch(i -> i.op == Op.SKIP_UNLESS)) skips++;
            if (new NodeCompiler(REGS).compile(b).size() < new NodeCompiler(REGS, false).compile(b).size()) fused++;
        }
        assertTrue(faults > 100 && skips > 500 && fused > 1000, faults + " faults, " + skips + " guarded blocks, " + fused + " with fused nodes");
    }

    @Test
    void aFlagSetFromACompareIsOneNode() {
        // Z = (r1 == 0), C = (r1 >=u r2), widened to I32: the widenings leave no node, each compare and its SET_REG are one
        List<Insn> ops = List.of(
                new Insn(Op.GET_REG, 0, new int[0], 1, null),
                new Insn(Op.CONST_I32, 1, new int[0], 0, null),
                new Insn(Op.EQ, 2, new int[]{0, 1}, 0, null),
                new Insn(Op.BOOL_TO_I32, 3, new int[]{2}, 0, null),
                new Insn(Op.SET_REG, -1, new int[]{3}, 3, null),
                new Insn(Op.GET_REG, 4, new int[0], 2, null),
                new Insn(Op.GEU, 5, new int[]{0, 4}, 0, null),
                new Insn(Op.BOOL_TO_I32, 6, new int[]{5}, 0, null),
                new Insn(Op.SET_REG, -1, new int[]{6}, 4, null));
        Type[] t = {Type.I32, Type.I32, Type.BOOL, Type.I32, Type.I32, Type.BOOL, Type.I32};
        Block b = new Block(0x100, 0, ops, t, null, 1, 0x104);
        NodeBlock nb = new NodeCompiler(REGS).compile(b);
        assertEquals(List.of("GetR", "EqKS", "GetR", "GeuS"),
                Arrays.stream(nb.nodes).map(n -> n.getClass().getSimpleName()).toList(), Arrays.toString(nb.nodes));
        for (int[] rs : new int[][]{{0, 0}, {0, 5}, {7, 5}, {-1, 3}, {3, -1}}) {
            CpuState cpu = new CpuState(REGS);
            cpu.r[1] = rs[0];
            cpu.r[2] = rs[1];
            new IrEvaluator(REGS).execute(nb, cpu, new Ram());
            assertEquals(rs[0] == 0 ? 1 : 0, cpu.r[3]);
            assertEquals(Integer.compareUnsigned(rs[0], rs[1]) >= 0 ? 1 : 0, cpu.r[4], Arrays.toString(rs));
        }
    }

    @Test
    void foldedConstantsFusedPairsAndDroppedInsnStartsShrinkTheBlock() {
        // r1 = r1 + 4; r2 = 9: the constants fold, GET+ADD+SET fuse, and no instruction needs its pc before the terminal
        List<Insn> ops = List.of(
                new Insn(Op.INSN_START, -1, new int[0], 0x100, null),
                new Insn(Op.GET_REG, 0, new int[0], 1, null),
                new Insn(Op.CONST_I32, 1, new int[0], 4, null),
                new Insn(Op.ADD, 2, new int[]{0, 1}, 0, null),
                new Insn(Op.SET_REG, -1, new int[]{2}, 1, null),
                new Insn(Op.INSN_START, -1, new int[0], 0x104, null),
                new Insn(Op.CONST_I32, 3, new int[0], 9, null),
                new Insn(Op.SET_REG, -1, new int[]{3}, 2, null));
        Type[] t = {Type.I32, Type.I32, Type.I32, Type.I32};
        Block b = new Block(0x100, 0, ops, t, null, 2, 0x108);
        NodeBlock unfused = new NodeCompiler(REGS, false).compile(b);
        assertEquals(4, unfused.size(), Arrays.toString(unfused.nodes)); // GetR, AddK, SetR, SetRK
        NodeBlock nb = new NodeCompiler(REGS).compile(b);
        assertEquals(2, nb.size(), Arrays.toString(nb.nodes)); // AddKGS (r1 = r1 + 4), SetRK
        CpuState cpu = new CpuState(REGS);
        cpu.r[1] = 10;
        assertEquals(dynvm.cache.Translation.EXIT_FALLTHROUGH, new IrEvaluator(REGS).execute(nb, cpu, new Ram()));
        assertEquals(14, cpu.r[1]);
        assertEquals(9, cpu.r[2]);
        assertEquals(0x108, cpu.pc);
    }
}
