package dynvm.translator.backend;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.ir.IrEmitter;
import dynvm.ir.Op;
import dynvm.ir.Type;
import dynvm.spi.Services;
import dynvm.translator.harness.SnippetRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every IR op, from edge-case and random inputs, gives the same result under both engines. */
class EngineEquivalenceTest {
    private static final int[] EDGES = {0, 1, -1, 2, 31, 32, 33, 0x7fffffff, 0x80000000, 0xffff, 0x8000, 0x80, 0xff, 63, 64, -32};

    private static SnippetRunner.Result run(List<ToyIsa.Lower> prog, int[] r, long[] d) {
        ToyIsa isa = new ToyIsa(prog);
        return new SnippetRunner(isa).run(isa.words(), (cpu, mem) -> {
            for (int i = 0; i < r.length; i++) cpu.r[i] = r[i];
            for (int i = 0; i < d.length; i++) cpu.d[i] = d[i];
        });
    }

    /** Emits op over r1,r2,r3 (or d1,d2,d3 for 64-bit operands) with the result in r0 or d0. */
    private static ToyIsa.Lower lowering(Op op) {
        return (e, pc) -> {
            int[] src = new int[op.operands.length];
            for (int k = 0; k < src.length; k++) src[k] = operand(e, op.operands[k], k + 1);
            int res = apply(e, op, src);
            store(e, op.result, res);
        };
    }

    private static int operand(IrEmitter e, Type t, int k) {
        return switch (t) {
            case I32 -> e.get(ToyIsa.R[k]);
            case BOOL -> e.ne(e.get(ToyIsa.R[k]), e.const32(0));
            case I64 -> e.get(ToyIsa.D[k]);
            case F64 -> e.bitsToF64(e.get(ToyIsa.D[k]));
            case F32 -> e.bitsToF32(e.get(ToyIsa.R[k]));
        };
    }

    private static void store(IrEmitter e, Type t, int v) {
        switch (t) {
            case I32 -> e.set(ToyIsa.R[0], v);
            case BOOL -> e.set(ToyIsa.R[0], e.boolToI32(v));
            case I64 -> e.set(ToyIsa.D[0], v);
            case F64 -> e.set(ToyIsa.D[0], e.f64ToBits(v));
            case F32 -> e.set(ToyIsa.R[0], e.f32ToBits(v));
        }
    }

    private static int apply(IrEmitter e, Op op, int[] s) {
        return switch (op) {
            case ADD -> e.add(s[0], s[1]); case SUB -> e.sub(s[0], s[1]); case MUL -> e.mul(s[0], s[1]);
            case MULHS -> e.mulhs(s[0], s[1]); case MULHU -> e.mulhu(s[0], s[1]);
            case DIVS -> e.divs(s[0], s[1]); case DIVU -> e.divu(s[0], s[1]);
            case REMS -> e.rems(s[0], s[1]); case REMU -> e.remu(s[0], s[1]);
            case AND -> e.and(s[0], s[1]); case OR -> e.or(s[0], s[1]); case XOR -> e.xor(s[0], s[1]);
            case NOT -> e.not(s[0]); case NEG -> e.neg(s[0]);
            case SHL -> e.shl(s[0], s[1]); case SHRU -> e.shru(s[0], s[1]); case SHRS -> e.shrs(s[0], s[1]);
            case ROTL -> e.rotl(s[0], s[1]); case CLZ -> e.clz(s[0]);
            case SEXT8 -> e.sext8(s[0]); case SEXT16 -> e.sext16(s[0]); case ZEXT8 -> e.zext8(s[0]); case ZEXT16 -> e.zext16(s[0]);
            case BSWAP32 -> e.bswap32(s[0]); case BSWAP16 -> e.bswap16(s[0]);
            case EQ -> e.eq(s[0], s[1]); case NE -> e.ne(s[0], s[1]);
            case LTS -> e.lts(s[0], s[1]); case LTU -> e.ltu(s[0], s[1]); case LES -> e.les(s[0], s[1]); case LEU -> e.leu(s[0], s[1]);
            case GTS -> e.gts(s[0], s[1]); case GTU -> e.gtu(s[0], s[1]); case GES -> e.ges(s[0], s[1]); case GEU -> e.geu(s[0], s[1]);
            case BAND -> e.band(s[0], s[1]); case BOR -> e.bor(s[0], s[1]); case BXOR -> e.bxor(s[0], s[1]); case BNOT -> e.bnot(s[0]);
            case BOOL_TO_I32 -> e.boolToI32(s[0]);
            case SELECT -> e.select(s[0], s[1], s[2]); case SELECT64 -> e.select64(s[0], s[1], s[2]);
            case ADD64 -> e.add64(s[0], s[1]); case SUB64 -> e.sub64(s[0], s[1]); case MUL64 -> e.mul64(s[0], s[1]);
            case AND64 -> e.and64(s[0], s[1]); case OR64 -> e.or64(s[0], s[1]); case XOR64 -> e.xor64(s[0], s[1]);
            case SHL64 -> e.shl64(s[0], s[1]); case SHRU64 -> e.shru64(s[0], s[1]); case SHRS64 -> e.shrs64(s[0], s[1]);
            case SEXT32_64 -> e.sext32to64(s[0]); case ZEXT32_64 -> e.zext32to64(s[0]); case LO32 -> e.lo32(s[0]); case HI32 -> e.hi32(s[0]);
            case EQ64 -> e.eq64(s[0], s[1]); case LTS64 -> e.lts64(s[0], s[1]); case LTU64 -> e.ltu64(s[0], s[1]);
            case FADD -> e.fadd(s[0], s[1]); case FSUB -> e.fsub(s[0], s[1]); case FMUL -> e.fmul(s[0], s[1]); case FDIV -> e.fdiv(s[0], s[1]);
            case FMA -> e.fma(s[0], s[1], s[2]); case FSQRT -> e.fsqrt(s[0]); case FNEG -> e.fneg(s[0]); case FABS -> e.fabs(s[0]);
            case BITS_TO_F64 -> e.bitsToF64(s[0]); case F64_TO_BITS -> e.f64ToBits(s[0]);
            case BITS_TO_F32 -> e.bitsToF32(s[0]); case F32_TO_BITS -> e.f32ToBits(s[0]);
            case F32_TO_F64 -> e.f32ToF64(s[0]); case F64_TO_F32 -> e.f64ToF32(s[0]);
            case FEQ -> e.feq(s[0], s[1]); case FLT -> e.flt(s[0], s[1]); case FUNORD -> e.funord(s[0], s[1]);
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private static boolean pure(Op op) {
        return op.result != null && op.operands != null && op != Op.CONST_I32 && op != Op.CONST_I64 && op != Op.CONST_F64
                && !op.isLoad();
    }

    /**
     * FP inputs use only the canonical NaN: the payload of a NaN result from two different NaN
     * operands is not specified by the JVM (C2 may swap commutative operands), and the IR says so.
     */
    @Test
    void everyPureOpAgreesOnEdgeAndRandomInputs() {
        Random rnd = new Random(42);
        double[] fEdges = {0.0, -0.0, 1.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e308, 3.0};
        int ops = 0;
        for (Op op : Op.values()) {
            if (!pure(op)) continue;
            ops++;
            for (int trial = 0; trial < 24; trial++) {
                int[] r = new int[8];
                long[] d = new long[4];
                for (int k = 0; k < 8; k++) r[k] = trial < 12 ? EDGES[rnd.nextInt(EDGES.length)] : rnd.nextInt();
                boolean fp = java.util.Arrays.asList(op.operands).contains(Type.F64);
                for (int k = 0; k < 4; k++) d[k] = trial % 3 == 0 || fp ? Double.doubleToRawLongBits(fEdges[rnd.nextInt(fEdges.length)])
                        : trial % 3 == 1 ? (rnd.nextLong() >> rnd.nextInt(64)) : rnd.nextInt(70);
                SnippetRunner.Result res;
                try {
                    res = run(List.of(lowering(op)), r, d);
                } catch (AssertionError err) {
                    throw new AssertionError(op + " r=" + java.util.Arrays.toString(r) + " d=" + java.util.Arrays.toString(d) + ": " + err.getMessage());
                }
                assertEquals("end", res.stop(), op.toString());
            }
        }
        assertTrue(ops >= 75, "covered " + ops + " ops");
    }

    @Test
    void memoryOpsRoundTripAndFaultPrecisely() {
        List<ToyIsa.Lower> prog = new ArrayList<>();
        prog.add((e, pc) -> { int a = e.get(ToyIsa.R[1]); e.store32(a, e.get(ToyIsa.R[2])); e.set(ToyIsa.R[3], e.load16(a)); });
        prog.add((e, pc) -> { int a = e.get(ToyIsa.R[1]); e.store64(e.addImm(a, 8), e.get(ToyIsa.D[1])); e.set(ToyIsa.D[2], e.load64(e.addImm(a, 8))); });
        prog.add((e, pc) -> { e.set(ToyIsa.R[4], e.const32(99)); int a = e.get(ToyIsa.R[5]); e.set(ToyIsa.R[6], e.load8(a)); });
        SnippetRunner.Result ok = run(prog, new int[]{0, SnippetRunner.DATA, 0x11223344, 0, 0, SnippetRunner.DATA + 3, 0, 0}, new long[]{0, 0x0102030405060708L, 0, 0});
        assertEquals("end", ok.stop());
        assertEquals(0x1122, ok.cpu().r[3]);
        assertEquals(0x0102030405060708L, ok.cpu().d[2]);
        assertEquals(0x44, ok.cpu().r[6]);
        // third instruction loads from outside the window: the fault is precise under both engines
        SnippetRunner.Result f = run(prog, new int[]{0, SnippetRunner.DATA, 1, 0, 0, 0x20000000, 0, 0}, new long[4]);
        assertEquals("fault:0x20000000", f.stop());
        assertEquals(SnippetRunner.CODE + 8, f.cpu().pc);
        assertEquals(99, f.cpu().r[4], "register written before the fault in the same instruction is kept");
    }

    /**
     * A page unmapped inside the committed window (a munmap'd hole, a gap between mappings) reads
     * as a fault at its first byte under both engines, for every width and for an access that
     * straddles into it, never as zeros; the fault is precise, as for an address outside the window.
     */
    @Test
    void loadsFromAnUnmappedPageInsideTheWindowFault() {
        int hole = SnippetRunner.DATA + 0x1000;
        for (int width = 0; width < 4; width++) { // load8, load16, load32, load64
            for (int addr : new int[]{hole, hole + 0x800, hole - 1}) {
                if (width == 0 && addr == hole - 1) continue; // one byte cannot straddle
                int w = width;
                List<ToyIsa.Lower> prog = List.of(
                        (e, pc) -> e.set(ToyIsa.R[4], e.const32(99)),
                        (e, pc) -> {
                            int a = e.get(ToyIsa.R[5]);
                            switch (w) {
                                case 0 -> e.set(ToyIsa.R[6], e.load8(a));
                                case 1 -> e.set(ToyIsa.R[6], e.load16(a));
                                case 2 -> e.set(ToyIsa.R[6], e.load32(a));
                                default -> e.set(ToyIsa.D[1], e.load64(a));
                            }
                        });
                ToyIsa isa = new ToyIsa(prog);
                for (boolean translate : new boolean[]{false, true}) {
                    SnippetRunner.Result r = new SnippetRunner(isa).runOne(isa.words(), (cpu, mem) -> {
                        mem.store32be(hole - 4, 0x01020304); // data in the mapped page below, so zeros would show
                        mem.setFlags(hole, dynvm.microkernel.mem.GuestMemory.PAGE_SIZE, dynvm.microkernel.mem.GuestMemory.UNMAPPED, 0);
                        cpu.r[5] = addr;
                    }, translate);
                    String what = (translate ? "translator" : "interpreter") + " width " + w + " at " + Integer.toHexString(addr);
                    assertEquals(String.format("fault:0x%08x", Math.max(addr, hole)), r.stop(), what);
                    assertEquals(SnippetRunner.CODE + 4, r.cpu().pc, what);
                    assertEquals(99, r.cpu().r[4], what);
                }
            }
        }
    }

    @Test
    void selfLoopBecomesJvmLoopWithExactCount() {
        // r1 counts down to zero; r2 accumulates; the block jumps back to itself
        List<ToyIsa.Lower> prog = List.of(
                (e, pc) -> { int c = e.sub(e.get(ToyIsa.R[1]), e.const32(1)); e.set(ToyIsa.R[1], c); e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), c)); },
                (e, pc) -> e.branch(e.ne(e.get(ToyIsa.R[1]), e.const32(0)), SnippetRunner.CODE, pc + 4));
        SnippetRunner.Result res = run(prog, new int[]{0, 100_000, 0, 0, 0, 0, 0, 0}, new long[4]);
        assertEquals(0, res.cpu().r[1]);
        assertEquals((int) (99_999L * 100_000 / 2), res.cpu().r[2]);
        assertEquals(200_000, res.cpu().insnCount);
    }

    /**
     * A helper declaring the registers it touches sees the value its register got earlier in the
     * same block, its write is seen after it, and the registers it does not name keep the values
     * the block gave them (the translator syncs only the named ones around the call).
     */
    @Test
    void helperThatNamesItsRegistersSeesAndUpdatesThem() {
        dynvm.ir.Helper bump = dynvm.ir.Helper.of(TouchingHelper.class, "bumpR1");
        List<ToyIsa.Lower> prog = List.of((e, pc) -> {
            e.set(ToyIsa.R[1], e.const32(5));
            e.set(ToyIsa.R[2], e.const32(9));
            int twice = e.call(bump, e.get(ToyIsa.R[2]));
            e.set(ToyIsa.R[3], e.add(e.get(ToyIsa.R[1]), e.get(ToyIsa.R[2])));
            e.set(ToyIsa.R[4], twice);
        });
        SnippetRunner.Result res = run(prog, new int[8], new long[4]);
        assertEquals(105, res.cpu().r[1]);
        assertEquals(9, res.cpu().r[2]);
        assertEquals(114, res.cpu().r[3]);
        assertEquals(18, res.cpu().r[4]);
    }

    @Test
    void serviceCallCarriesOperands() {
        List<ToyIsa.Lower> prog = List.of((e, pc) -> e.service(Services.SYSCALL, pc + 4, e.const32(7), e.get(ToyIsa.R[3])));
        SnippetRunner.Result res = run(prog, new int[]{0, 0, 0, 55, 0, 0, 0, 0}, new long[4]);
        assertEquals("service:" + Services.SYSCALL, res.stop());
        assertEquals(7, res.cpu().serviceArgs[0]);
        assertEquals(55, res.cpu().serviceArgs[1]);
        assertEquals(SnippetRunner.CODE + 4, res.cpu().pc);
    }

    /**
     * A loop spread over two blocks, compiled as one region: the transfer between the blocks and
     * the back edge become gotos, and the result and the instruction count equal the interpreter's.
     */
    @Test
    void twoBlockLoopCompiledAsARegionMatchesTheInterpreter() {
        int code = SnippetRunner.CODE;
        List<ToyIsa.Lower> prog = List.of(
                (e, pc) -> { int c = e.sub(e.get(ToyIsa.R[1]), e.const32(1)); e.set(ToyIsa.R[1], c); e.jump(code + 8); },
                (e, pc) -> e.trap(dynvm.ir.GuestException.UNDEFINED_INSTRUCTION, pc, "never reached"),
                (e, pc) -> { e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), e.get(ToyIsa.R[1])));
                             e.branch(e.ne(e.get(ToyIsa.R[1]), e.const32(0)), code, pc + 4); });
        ToyIsa isa = new ToyIsa(prog);
        SnippetRunner.Result ref = new SnippetRunner(isa).runOne(isa.words(), (cpu, mem) -> cpu.r[1] = 1000, false);

        dynvm.microkernel.mem.GuestMemory mem = new dynvm.microkernel.mem.GuestMemory(code, 1 << 16);
        mem.setFlags(code, 1 << 16, 0, dynvm.microkernel.mem.GuestMemory.UNMAPPED);
        for (int i = 0; i < prog.size(); i++) mem.store32be(code + 4 * i, i);
        dynvm.spi.MemoryPort port = new dynvm.translator.exec.GuestMemoryPort(mem, true);
        dynvm.translator.exec.BlockBuilder bb = new dynvm.translator.exec.BlockBuilder(isa.decoder(), ToyIsa.REGS);
        dynvm.ir.Block first = bb.build(code, 0, port, 8), second = bb.build(code + 8, 0, port, 8);
        BytecodeBackend be = new BytecodeBackend(ToyIsa.REGS, true);
        List<dynvm.ir.Block> region = List.of(first, second);
        dynvm.cache.Translation t = be.define(region, be.generate(region, true), mem);
        assertArrayEquals(new int[]{code, code + 4, code + 8, code + 12}, t.ranges);

        dynvm.spi.CpuState cpu = new dynvm.spi.CpuState(ToyIsa.REGS);
        cpu.mem = port;
        cpu.r[1] = 1000;
        cpu.pc = code;
        cpu.budget = Integer.MAX_VALUE;
        int exit = t.run(cpu);
        cpu.insnCount += t.guestInsns; // what the dispatcher adds
        assertEquals(dynvm.cache.Translation.EXIT_LINK, exit, "a region's side exit has a link slot of its own: the first");
        assertArrayEquals(new int[]{code + 12}, be.sideExits(region, true));
        assertEquals(code + 12, cpu.pc);
        assertEquals(ref.cpu().r[2], cpu.r[2]);
        assertEquals(0, cpu.r[1]);
        assertEquals(ref.cpu().insnCount, cpu.insnCount, "every pass through both blocks is counted");

        // -Ddynvm.regionLinks=false: side exits are computed exits, looked up through the inline cache
        BytecodeBackend unlinked = new BytecodeBackend(ToyIsa.REGS, true);
        unlinked.regionLinks(false);
        assertEquals(0, unlinked.sideExits(region, true).length);
        dynvm.spi.CpuState again = new dynvm.spi.CpuState(ToyIsa.REGS);
        again.mem = port;
        again.r[1] = 1000;
        again.pc = code;
        again.budget = Integer.MAX_VALUE;
        assertEquals(dynvm.cache.Translation.EXIT_INDIRECT, unlinked.define(region, unlinked.generate(region, true), mem).run(again));
        assertEquals(code + 12, again.pc);
        assertEquals(ref.cpu().r[2], again.r[2]);
    }
}
