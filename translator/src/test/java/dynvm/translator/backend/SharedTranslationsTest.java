package dynvm.translator.backend;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.cache.Translation;
import dynvm.ir.GuestException;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.harness.SnippetRunner;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.ExecutionEngine;
import dynvm.translator.vm.Interpreter;
import dynvm.translator.vm.SharedBlocks;
import dynvm.translator.vm.Translator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Translations shared between the engines of one run ({@link SharedBlocks},
 * {@link EngineConfig#sharedTranslations}), as a forked child shares them with its parent: each
 * "process" here is a translator over its own copy of guest memory holding the same code. A child
 * runs its parent's compiled class without compiling, only where its code is the same, and a
 * child that writes over the shared code runs its new code while the parent keeps the old.
 * (Here, beside {@link ToyIsa}, for a front-end whose IR the test chooses.)
 */
class SharedTranslationsTest {
    private static final int CODE = SnippetRunner.CODE;
    /** The instruction index that makes the loop's second block add 1000 instead of r1. */
    private static final int OTHER_ADD = 4;

    /** r1 counts down from its start value; r2 sums r1 (or 1000 per pass once the code is rewritten). */
    private static final List<ToyIsa.Lower> PROGRAM = List.of(
            (e, pc) -> {
                e.set(ToyIsa.R[1], e.sub(e.get(ToyIsa.R[1]), e.const32(1)));
                e.jump(CODE + 8);
            },
            (e, pc) -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "never reached"),
            (e, pc) -> {
                e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), e.get(ToyIsa.R[1])));
                e.branch(e.ne(e.get(ToyIsa.R[1]), e.const32(0)), CODE, pc + 4);
            },
            (e, pc) -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "end"),
            (e, pc) -> {
                e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), e.const32(1000)));
                e.branch(e.ne(e.get(ToyIsa.R[1]), e.const32(0)), CODE, pc + 4);
            });

    private static final ToyIsa ISA = new ToyIsa(PROGRAM);

    /** One process: its own memory (the program's code, as a fork copies it) and its own engine. */
    private static final class Process {
        final GuestMemory mem = new GuestMemory(CODE, 1 << 16);
        final GuestMemoryPort port = new GuestMemoryPort(mem, true);
        final ExecutionEngine engine;

        Process(SharedBlocks store, EngineConfig config) {
            mem.setFlags(CODE, 1 << 16, 0, GuestMemory.UNMAPPED);
            for (int i = 0; i < 4; i++) mem.store32be(CODE + 4 * i, i);
            if (store == null) {
                engine = new Interpreter(ISA, port, port);
            } else {
                Translator t = new Translator(ISA, mem, port, 1024, Diag.NONE, true, false, config);
                t.shareBlocks(store);
                engine = t;
            }
        }

        /** Runs the loop {@code passes} times; returns r2 (after checking the pc and instruction count against the interpreter). */
        CpuState run(int passes) {
            CpuState cpu = new CpuState(ToyIsa.REGS);
            cpu.mem = port;
            cpu.pc = CODE;
            cpu.r[1] = passes;
            while (engine.run(cpu) != Translation.EXIT_TRAP) { }
            return cpu;
        }
    }

    private static EngineConfig config(boolean share) {
        return EngineConfig.DEFAULTS.withHotThreshold(16).withSharedTranslations(share);
    }

    private static void assertSameState(CpuState expected, CpuState actual, String what) {
        assertEquals(expected.pc, actual.pc, what + ": pc");
        assertEquals(expected.r[1], actual.r[1], what + ": r1");
        assertEquals(expected.r[2], actual.r[2], what + ": r2");
        assertEquals(expected.insnCount, actual.insnCount, what + ": instructions");
    }

    @Test
    void aChildRunsItsParentsCompiledCodeWithoutCompiling() {
        CpuState ref = new Process(null, null).run(5000);
        for (boolean share : new boolean[]{true, false}) {
            SharedBlocks store = new SharedBlocks();
            Process parent = new Process(store, config(share));
            assertSameState(ref, parent.run(5000), "parent, shared=" + share);
            assertTrue(parent.engine.blocksTranslated() >= 2, "the parent compiled the loop");
            Process child = new Process(store, config(share));
            assertSameState(ref, child.run(5000), "child, shared=" + share);
            if (share) {
                assertEquals(0, child.engine.blocksTranslated(), "the child compiled nothing");
                assertTrue(store.classesReused() >= 2, "the child instantiated the parent's classes: " + store.classesReused());
            } else {
                assertTrue(child.engine.blocksTranslated() >= 2, "without sharing the child compiles the loop again");
                assertEquals(0, store.classesReused() + store.nodesReused());
                assertTrue(store.blocksReused() >= 2, "decoded blocks are still shared");
            }
            parent.engine.close();
            child.engine.close();
        }
    }

    @Test
    void runsInEveryProcessAddUpToHotness() {
        // each process runs the loop 10 times: under the threshold of 16 on its own
        for (boolean share : new boolean[]{true, false}) {
            SharedBlocks store = new SharedBlocks();
            Process first = new Process(store, config(share));
            first.run(10);
            assertEquals(0, first.engine.blocksTranslated(), "not hot in one process");
            Process second = new Process(store, config(share));
            assertSameState(new Process(null, null).run(10), second.run(10), "second, shared=" + share);
            assertEquals(share ? 2 : 0, second.engine.blocksTranslated(), "hot over both processes, shared=" + share);
        }
    }

    @Test
    void aChildThatWritesOverSharedCodeRunsItsOwnCodeAndTheParentKeepsItsOwn() {
        for (boolean share : new boolean[]{true, false}) {
            SharedBlocks store = new SharedBlocks();
            Process parent = new Process(store, config(share));
            CpuState before = new Process(null, null).run(100);
            assertSameState(before, parent.run(100), "parent");
            Process child = new Process(store, config(share));
            assertSameState(before, child.run(100), "child before the write");

            child.mem.store32be(CODE + 8, OTHER_ADD); // self-modifying code after the fork
            Process rewrittenRef = new Process(null, null);
            rewrittenRef.mem.store32be(CODE + 8, OTHER_ADD);
            CpuState after = rewrittenRef.run(100);
            assertEquals(100_000, after.r[2]);
            assertSameState(after, child.run(100), "child after the write, shared=" + share);
            assertSameState(before, parent.run(100), "parent after the child's write, shared=" + share);
            Process sibling = new Process(store, config(share));
            assertSameState(before, sibling.run(100), "a new process with the original code, shared=" + share);
            parent.engine.close();
            child.engine.close();
            sibling.engine.close();
        }
    }
}
