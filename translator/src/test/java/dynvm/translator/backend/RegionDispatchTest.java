package dynvm.translator.backend;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.cache.Translation;
import dynvm.ir.GuestException;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.harness.SnippetRunner;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.DispatchStats;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.ExecutionEngine;
import dynvm.translator.vm.Interpreter;
import dynvm.translator.vm.Translator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The translator's dispatcher with regions and the indirect-branch inline cache on and off: a
 * loop over two blocks (linked by a jump, or by a computed jump) gives the interpreter's result
 * and instruction count in every combination, a region is compiled exactly when regions are on,
 * and the inline cache answers the computed exits exactly when it is on.
 */
class RegionDispatchTest {
    private static final int CODE = SnippetRunner.CODE;

    /** r1 counts down from n; r2 sums r1; the two halves are joined by a jump or by a computed jump. */
    private static List<ToyIsa.Lower> loop(boolean computed) {
        return List.of(
                (e, pc) -> {
                    e.set(ToyIsa.R[1], e.sub(e.get(ToyIsa.R[1]), e.const32(1)));
                    if (computed) e.jumpIndirect(e.const32(CODE + 8)); else e.jump(CODE + 8);
                },
                (e, pc) -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "never reached"),
                (e, pc) -> {
                    e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), e.get(ToyIsa.R[1])));
                    e.branch(e.ne(e.get(ToyIsa.R[1]), e.const32(0)), CODE, pc + 4);
                },
                (e, pc) -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "end"));
    }

    private record Outcome(CpuState cpu, DispatchStats stats) { }

    private static Outcome run(List<ToyIsa.Lower> prog, String engine, EngineConfig config) {
        ToyIsa isa = new ToyIsa(prog);
        GuestMemory mem = new GuestMemory(CODE, 1 << 16);
        mem.setFlags(CODE, 1 << 16, 0, GuestMemory.UNMAPPED);
        for (int i = 0; i < prog.size(); i++) mem.store32be(CODE + 4 * i, i);
        GuestMemoryPort port = new GuestMemoryPort(mem, true);
        ExecutionEngine vm = engine.equals("interp") ? new Interpreter(isa, port, port)
                : new Translator(isa, mem, port, 1024, Diag.NONE, true, false, config);
        CpuState cpu = new CpuState(ToyIsa.REGS);
        cpu.mem = port;
        cpu.pc = CODE;
        cpu.r[1] = 5000;
        while (vm.run(cpu) != Translation.EXIT_TRAP) { }
        vm.close();
        return new Outcome(cpu, vm.dispatchStats());
    }

    @Test
    void everyCombinationMatchesTheInterpreter() {
        for (boolean computed : new boolean[]{false, true}) {
            CpuState ref = run(loop(computed), "interp", EngineConfig.DEFAULTS).cpu();
            assertEquals(CODE + 12, ref.pc);
            for (boolean regions : new boolean[]{false, true})
                for (boolean ic : new boolean[]{false, true}) {
                    EngineConfig c = EngineConfig.DEFAULTS.withHotThreshold(16).withRegions(regions).withIndirectCache(ic);
                    Outcome o = run(loop(computed), "dbt", c);
                    String what = "computed=" + computed + " regions=" + regions + " ic=" + ic;
                    assertEquals(ref.pc, o.cpu().pc, what);
                    assertEquals(ref.r[2], o.cpu().r[2], what);
                    assertEquals(ref.insnCount, o.cpu().insnCount, what);
                    assertEquals(regions ? 1 : 0, o.stats().regionsCompiled(), what);
                    if (computed && !regions) {
                        if (ic) assertTrue(o.stats().icHits() > 4000, what + ": " + o.stats());
                        else assertEquals(0, o.stats().icHits() + o.stats().icMisses(), what);
                    }
                    if (!computed && !regions) assertTrue(o.stats().chainHits() > 4000, what + ": " + o.stats());
                }
        }
    }

    /**
     * A (r1 -= 1) goes on to B until r1 is 0; B (r2 += r1) branches back to A on an even r1 and
     * else to C (r3 += 1), which jumps to A. With regions capped at two blocks, {A, B} is a region
     * and its side exit to C is taken 2,500 times.
     */
    private static List<ToyIsa.Lower> sideExitLoop() {
        return List.of(
                (e, pc) -> {
                    e.set(ToyIsa.R[1], e.sub(e.get(ToyIsa.R[1]), e.const32(1)));
                    e.branch(e.eq(e.get(ToyIsa.R[1]), e.const32(0)), CODE + 16, CODE + 8);
                },
                (e, pc) -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "never reached"),
                (e, pc) -> {
                    e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), e.get(ToyIsa.R[1])));
                    e.branch(e.eq(e.and(e.get(ToyIsa.R[1]), e.const32(1)), e.const32(0)), CODE, pc + 4);
                },
                (e, pc) -> {
                    e.set(ToyIsa.R[3], e.add(e.get(ToyIsa.R[3]), e.const32(1)));
                    e.jump(CODE);
                },
                (e, pc) -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "end"));
    }

    /**
     * Region side exits with a link slot each ({@code regionLinks}), regions formed late
     * ({@code regionThreshold}), the one-context dispatch shortcut ({@code fastDispatch}), the
     * block cap and the lean dispatcher loop ({@code leanDispatch}), in every combination: the interpreter's result and instruction count; with links
     * the side exits chain (no computed exits at all), without them they go through the inline cache.
     */
    @Test
    void regionSideExitsLinkInEveryCombination() {
        CpuState ref = run(sideExitLoop(), "interp", EngineConfig.DEFAULTS).cpu();
        assertEquals(CODE + 16, ref.pc);
        for (boolean links : new boolean[]{false, true})
            for (int late : new int[]{0, 100})
                for (boolean fast : new boolean[]{false, true})
                    for (int cap : new int[]{2, 8})
                    for (boolean lean : new boolean[]{false, true}) {
                        EngineConfig c = EngineConfig.DEFAULTS.withHotThreshold(16).withRegions(true)
                                .withDispatch(new EngineConfig.DispatchTuning(links, fast, late, cap, lean, true, EngineConfig.DispatchTuning.InlineMemory.BIG_ENDIAN));
                        Outcome o = run(sideExitLoop(), "dbt", c);
                        String what = "links=" + links + " late=" + late + " fast=" + fast + " cap=" + cap + " lean=" + lean;
                        assertEquals(ref.pc, o.cpu().pc, what);
                        assertEquals(ref.r[2], o.cpu().r[2], what);
                        assertEquals(ref.r[3], o.cpu().r[3], what);
                        assertEquals(ref.insnCount, o.cpu().insnCount, what);
                        assertTrue(o.stats().regionsCompiled() >= 1, what + ": " + o.stats());
                        if (cap == 2) {
                            long computed = o.stats().icHits() + o.stats().icMisses();
                            if (links) assertTrue(computed < 10, what + ": " + o.stats());
                            else assertTrue(computed > 2000, what + ": " + o.stats());
                        }
                    }
    }
}
