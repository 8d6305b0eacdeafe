package dynvm.translator.backend;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.cache.Translation;
import dynvm.ir.Block;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.translator.exec.BlockBuilder;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.harness.SnippetRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Regions whose blocks form an irreducible loop (one entered at two members) compile to a
 * {@code run} method whose control flow is reducible, so the JVM's C1 compiler can build its graph
 * (it bailed out with "block join failed" on such a region of python3, which then ran in the
 * bytecode interpreter for the rest of the run). Checked on the bytecode ({@link ControlFlowShape}),
 * not by timing; the results equal the interpreter's.
 */
class IrreducibleRegionTest {
    private static final int CODE = SnippetRunner.CODE;

    /**
     * A: if (r3) goto C else goto B; B: r2 += 1, on to C; C: r1 -= 1, r2 += r1, if (r1) goto B,
     * else leave (to the end of the code). The loop B-C is entered at B and at C. {@code computed}: B reaches C through a
     * computed jump (which, in a region, may reach every member).
     */
    private static List<ToyIsa.Lower> twoEntryLoop(boolean computed) {
        return List.of(
                (e, pc) -> e.branch(e.ne(e.get(ToyIsa.R[3]), e.const32(0)), CODE + 8, CODE + 4),
                (e, pc) -> {
                    e.set(ToyIsa.R[2], e.addImm(e.get(ToyIsa.R[2]), 1));
                    if (computed) e.jumpIndirect(e.const32(CODE + 8)); else e.jump(CODE + 8);
                },
                (e, pc) -> {
                    e.set(ToyIsa.R[1], e.sub(e.get(ToyIsa.R[1]), e.const32(1)));
                    e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), e.get(ToyIsa.R[1])));
                    e.branch(e.ne(e.get(ToyIsa.R[1]), e.const32(0)), CODE + 4, CODE + 12);
                });
    }

    private record Compiled(List<Block> region, byte[] cls, GuestMemory mem, MemoryPort port, ToyIsa isa) { }

    private static Compiled compile(List<ToyIsa.Lower> prog, int... pcs) {
        ToyIsa isa = new ToyIsa(prog);
        GuestMemory mem = new GuestMemory(CODE, 1 << 16);
        mem.setFlags(CODE, 1 << 16, 0, GuestMemory.UNMAPPED);
        for (int i = 0; i < prog.size(); i++) mem.store32be(CODE + 4 * i, i);
        MemoryPort port = new GuestMemoryPort(mem, true);
        BlockBuilder bb = new BlockBuilder(isa.decoder(), ToyIsa.REGS);
        List<Block> region = java.util.Arrays.stream(pcs).mapToObj(pc -> bb.build(pc, 0, port, 8)).toList();
        return new Compiled(region, new BytecodeBackend(ToyIsa.REGS, true).generate(region, true), mem, port, isa);
    }

    private static boolean hasSwitch(byte[] cls) {
        boolean[] seen = {false};
        new ClassReader(cls).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override public void visitLookupSwitchInsn(org.objectweb.asm.Label d, int[] k, org.objectweb.asm.Label[] l) { seen[0] = true; }
                };
            }
        }, 0);
        return seen[0];
    }

    @Test
    void twoEntryLoopCompilesToReducibleBytecodeAndRunsLikeTheInterpreter() {
        for (boolean computed : new boolean[]{false, true}) {
            Compiled c = compile(twoEntryLoop(computed), CODE, CODE + 4, CODE + 8);
            assertEquals(List.of(), ControlFlowShape.irreducibleEdges(c.cls()), "computed=" + computed);
            assertTrue(hasSwitch(c.cls()), "the loop's two entries go through the dispatch switch");
            Translation t = new BytecodeBackend(ToyIsa.REGS, true).define(c.region(), c.cls(), c.mem());
            for (int r3 = 0; r3 < 2; r3++) {
                int entry = r3;
                SnippetRunner.Result ref = new SnippetRunner(c.isa()).runOne(c.isa().words(),
                        (cpu, m) -> { cpu.r[1] = 100; cpu.r[3] = entry; }, false);
                CpuState cpu = new CpuState(ToyIsa.REGS);
                cpu.mem = c.port();
                cpu.r[1] = 100;
                cpu.r[3] = r3;
                cpu.pc = CODE;
                cpu.budget = Integer.MAX_VALUE;
                int exit = t.run(cpu);
                cpu.insnCount += t.guestInsns; // what the dispatcher adds
                assertNotEquals(Translation.EXIT_BUDGET, exit);
                assertEquals(CODE + 12, cpu.pc, "computed=" + computed + " r3=" + r3);
                assertEquals(ref.cpu().r[2], cpu.r[2], "computed=" + computed + " r3=" + r3);
                assertEquals(0, cpu.r[1]);
                assertEquals(ref.cpu().insnCount, cpu.insnCount, "every pass through the blocks is counted");
            }
        }
    }

    @Test
    void budgetStillBoundsALoopThroughTheSwitch() {
        Compiled c = compile(twoEntryLoop(false), CODE, CODE + 4, CODE + 8);
        Translation t = new BytecodeBackend(ToyIsa.REGS, true).define(c.region(), c.cls(), c.mem());
        CpuState cpu = new CpuState(ToyIsa.REGS);
        cpu.mem = c.port();
        cpu.r[1] = 100;
        cpu.pc = CODE;
        cpu.budget = 3;
        assertEquals(Translation.EXIT_BUDGET, t.run(cpu));
        assertTrue(cpu.r[1] > 0 && cpu.r[1] < 100, "left the loop after a few rounds: r1=" + cpu.r[1]);
    }

    @Test
    void reducibleRegionKeepsItsGotos() {
        // the same blocks entered at B: B-C is an ordinary loop with one entry
        Compiled c = compile(twoEntryLoop(false), CODE + 4, CODE + 8);
        assertEquals(List.of(), ControlFlowShape.irreducibleEdges(c.cls()));
        assertFalse(hasSwitch(c.cls()), "no switch where the gotos are fine already");
    }

    @Test
    void reducibilityOfSmallGraphs() {
        // node 2 (or 3) is the entry
        assertTrue(BytecodeBackend.reducible(new int[][]{{1}, {0}, {0}}, 2), "a loop entered at one block");
        assertFalse(BytecodeBackend.reducible(new int[][]{{1}, {0}, {0, 1}}, 2), "a loop entered at both blocks");
        assertTrue(BytecodeBackend.reducible(new int[][]{{0}, {}, {0}}, 2), "a self-loop");
        assertTrue(BytecodeBackend.reducible(new int[][]{{1}, {2}, {}, {0}}, 3), "straight line");
        // a computed jump in block 1 may reach every member: entered at 0, reaching 0 and 2 from 1
        int[][] computed = {{1, 2}, {0, 1, 2}, {1}, {0}};
        assertFalse(BytecodeBackend.reducible(computed, 3));
        boolean[] via = BytecodeBackend.viaDispatch(computed);
        assertArrayEquals(new boolean[]{true, true, true}, via);
        // the python3 shape in miniature: 0 -> 1, 0 -> 2, 2 -> 1 (back), 1 -> 3 -> 2
        int[][] py = {{1, 2}, {3}, {1}, {2}, {0}};
        assertArrayEquals(new boolean[]{false, true, true, false}, BytecodeBackend.viaDispatch(py));
        assertNull(BytecodeBackend.viaDispatch(new int[][]{{1}, {0}, {0}}));
    }
}
