package dynvm.translator.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.cache.Translation;
import dynvm.ir.IrEmitter;
import dynvm.ir.Type;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.spi.Decoder;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;
import dynvm.spi.SyscallAbi;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.passes.Passes;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Engine settings are per VM: two translators in one JVM, built with different
 * {@link EngineConfig}s, each follow their own (nothing is read from static state), and the
 * {@code -D} switches still parse as before.
 */
class EngineConfigTest {
    private static final int CODE = 0x1000;
    private static final int SERVICE = 99;
    private static final RegisterFile REGS = new RegisterFile();
    private static final int R0 = REGS.add("r0", Type.I32), R1 = REGS.add("r1", Type.I32);

    /** A test ISA whose instruction word is an index into a list of lowerings. */
    private static Isa isa(List<BiConsumer<IrEmitter, Integer>> program) {
        return new Isa() {
            @Override public String name() { return "toy-config"; }
            @Override public String description() { return "test ISA"; }
            @Override public int elfMachine() { return 0xfffe; }
            @Override public ByteOrder byteOrder() { return ByteOrder.BIG_ENDIAN; }
            @Override public RegisterFile registers() { return REGS; }
            @Override public Decoder decoder() {
                return new Decoder() {
                    @Override public int lower(int pc, int context, MemoryPort code, IrEmitter e) {
                        e.insnStart(pc);
                        program.get(code.load32(pc)).accept(e, pc);
                        return 4;
                    }

                    @Override public String disassemble(int pc, int context, MemoryPort code) { return "toy " + code.load32(pc); }
                };
            }
        };
    }

    /** do { r0 += 1 } while (r0 <u r1); service */
    private static final List<BiConsumer<IrEmitter, Integer>> COUNT_LOOP = List.of(
            (e, pc) -> {
                int n = e.addImm(e.get(R0), 1);
                e.set(R0, n);
                e.branch(e.ltu(n, e.get(R1)), pc, pc + 4);
            },
            (e, pc) -> e.service(SERVICE, pc + 4));

    /** One guest (memory holding the program) and a translator over it with {@code config}. */
    private record Vm(GuestMemory mem, MemoryPort port, Translator translator) {
        static Vm of(Isa isa, int words, EngineConfig config) {
            GuestMemory mem = new GuestMemory(CODE, 1 << 16);
            mem.setFlags(CODE, 1 << 16, 0, GuestMemory.UNMAPPED);
            for (int i = 0; i < words; i++) mem.store32be(CODE + 4 * i, i);
            MemoryPort port = new GuestMemoryPort(mem, true);
            return new Vm(mem, port, new Translator(isa, mem, port, 1024, Diag.NONE, true, false, config));
        }

        /** Runs the program from its start with r1 = {@code limit} until the service; returns r0. */
        int run(int limit) {
            CpuState cpu = new CpuState(REGS);
            cpu.mem = port;
            cpu.pc = CODE;
            cpu.r[R1] = limit;
            while (translator.run(cpu) != Translation.EXIT_SERVICE) { }
            return cpu.r[R0];
        }
    }

    @Test
    void twoTranslatorsInOneJvmEachFollowTheirOwnHotThreshold() {
        Isa isa = isa(COUNT_LOOP);
        Vm eager = Vm.of(isa, 2, EngineConfig.DEFAULTS.withHotThreshold(16));
        Vm lazy = Vm.of(isa, 2, EngineConfig.DEFAULTS.withHotThreshold(1 << 20));
        Vm immediate = Vm.of(isa, 2, EngineConfig.DEFAULTS.withHotThreshold(0));
        assertEquals(16, eager.translator().config().hotThreshold());
        assertEquals(1 << 20, lazy.translator().config().hotThreshold());

        // interleaved, in one thread and one JVM: each keeps its own threshold
        for (int round = 0; round < 2; round++) {
            assertEquals(1000, eager.run(1000));
            assertEquals(1000, lazy.run(1000));
            assertEquals(1000, immediate.run(1000));
        }
        assertEquals(1, eager.translator().blocksTranslated(), "the loop ran 2000 times: past 16, compiled; the exit block ran twice");
        assertEquals(0, lazy.translator().blocksTranslated(), "never hot enough: both blocks stay evaluated IR");
        assertEquals(2, immediate.translator().blocksTranslated(), "threshold 0: every block compiled when first translated");
    }

    /** A block whose IR is ill-typed (an I64 operand to a 32-bit add) but whose bad op is dead. */
    private static final List<BiConsumer<IrEmitter, Integer>> ILL_TYPED = List.of(
            (e, pc) -> {
                e.add(e.const64(1), e.const32(2)); // dead: the passes drop it
                e.set(R0, e.const32(7));
                e.service(SERVICE, pc + 4);
            });

    @Test
    void twoTranslatorsInOneJvmEachFollowTheirOwnVerifyFlag() {
        Isa isa = isa(ILL_TYPED);
        Vm verifying = Vm.of(isa, 1, EngineConfig.DEFAULTS.withVerifyIr(true));
        Vm trusting = Vm.of(isa, 1, EngineConfig.DEFAULTS.withVerifyIr(false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> verifying.run(0));
        assertTrue(e.getMessage().contains("IR invalid"), e.getMessage());
        assertEquals(7, trusting.run(0), "without verification the dead op is simply dropped");
        assertThrows(IllegalStateException.class, () -> Vm.of(isa, 1, EngineConfig.DEFAULTS.withVerifyIr(true)).run(0),
                "a later verifying VM still verifies");
    }

    @Test
    void passesVerifyPerInstance() {
        assertTrue(new Passes(true).verifies());
        assertFalse(new Passes(false).verifies());
    }

    @Test
    void dispatchSwitchesParse() {
        assertEquals(EngineConfig.DispatchTuning.DEFAULTS, EngineConfig.fromProperties(new Properties()).dispatch());
        Properties p = new Properties();
        p.setProperty("dynvm.leanDispatch", "false");
        p.setProperty("dynvm.exitContexts", "false");
        p.setProperty("dynvm.inlineMemory", "false");
        EngineConfig.DispatchTuning d = EngineConfig.fromProperties(p).dispatch();
        assertEquals(new EngineConfig.DispatchTuning(true, true, 0, 8, false, false, EngineConfig.DispatchTuning.InlineMemory.OFF), d);
        p.setProperty("dynvm.exitContexts", "true");
        assertTrue(EngineConfig.fromProperties(p).dispatch().exitContexts());
        p.setProperty("dynvm.inlineMemory", "true");
        assertEquals(EngineConfig.DispatchTuning.InlineMemory.ON, EngineConfig.fromProperties(p).dispatch().inlineMemory());
        p.setProperty("dynvm.inlineMemory", "be");
        assertEquals(EngineConfig.DispatchTuning.InlineMemory.BIG_ENDIAN, EngineConfig.fromProperties(p).dispatch().inlineMemory());
        assertTrue(EngineConfig.DispatchTuning.InlineMemory.BIG_ENDIAN.applies(true));
        assertFalse(EngineConfig.DispatchTuning.InlineMemory.BIG_ENDIAN.applies(false));
        // the four-switch constructor keeps the later ones at their defaults
        assertEquals(EngineConfig.DispatchTuning.DEFAULTS, new EngineConfig.DispatchTuning(true, true, 0, 8));
    }

    @Test
    void propertiesParseAsTheOldSwitchesDid() {
        // the one difference: a run from the command line keeps translations across runs, a VM built in code does not
        assertEquals(EngineConfig.DEFAULTS.withPersistentCache(true), EngineConfig.fromProperties(new Properties()));
        assertFalse(EngineConfig.DEFAULTS.persistentCache());
        Properties p = new Properties();
        p.setProperty("dynvm.hotThreshold", "16");
        p.setProperty("dynvm.verifyIr", "true");
        p.setProperty("dynvm.regions", "TRUE");
        p.setProperty("dynvm.sharedBlocks", "false");
        p.setProperty("dynvm.capstone", "false");
        p.setProperty("dynvm.persistentCache", "false");
        p.setProperty("dynvm.sharedTranslations", "false");
        p.setProperty("dynvm.lazyIr", "false");
        EngineConfig c = EngineConfig.fromProperties(p);
        assertEquals(EngineConfig.DEFAULTS.withHotThreshold(16).withVerifyIr(true).withRegions(true)
                .withSharedBlocks(false).withCapstone(false).withSharedTranslations(false).withLazyIr(false), c);
        assertTrue(EngineConfig.DEFAULTS.lazyIr());
        assertFalse(c.lazyIr());
        assertFalse(c.withHotThreshold(3).withRegions(false).lazyIr(), "the other withers keep it");

        Properties odd = new Properties();
        odd.setProperty("dynvm.hotThreshold", "lots");   // Integer.getInteger: the default
        odd.setProperty("dynvm.sharedBlocks", "no");     // only "false" turned it off
        odd.setProperty("dynvm.capstone", "no");         // only "true" (any case) kept it on
        odd.setProperty("dynvm.verifyIr", "yes");        // only "true" (any case) turned it on
        odd.setProperty("dynvm.persistentCache", "no");  // only "false" turns it off
        odd.setProperty("dynvm.lazyIr", "no");           // only "false" turns it off
        EngineConfig o = EngineConfig.fromProperties(odd);
        assertTrue(o.persistentCache());
        assertTrue(o.lazyIr());
        assertEquals(128, o.hotThreshold());
        assertTrue(o.sharedBlocks());
        assertFalse(o.capstone());
        assertFalse(o.verifyIr());
        odd.setProperty("dynvm.hotThreshold", "0x10");
        assertEquals(16, EngineConfig.fromProperties(odd).hotThreshold());
        // regions: unset means off in user mode and on in system mode; a value set applies to both
        assertFalse(EngineConfig.DEFAULTS.regions());
        assertTrue(EngineConfig.DEFAULTS.systemRegions());
        Properties off = new Properties();
        off.setProperty("dynvm.regions", "false");
        off.setProperty("dynvm.indirectCache", "false");
        EngineConfig f = EngineConfig.fromProperties(off);
        assertFalse(f.regions());
        assertFalse(f.systemRegions());
        assertFalse(f.indirectCache());
        assertTrue(EngineConfig.DEFAULTS.indirectCache());
        assertEquals(EngineConfig.DEFAULTS.withRegions(false).withIndirectCache(false).withPersistentCache(true), f);
    }

    @Test
    void theTestsArgLineStillReachesTheEngines() {
        // the parent pom's surefire argLine: -Ddynvm.verifyIr=true -Ddynvm.hotThreshold=16 -Ddynvm.persistentCache=false
        EngineConfig fromJvm = EngineConfig.fromSystemProperties();
        assertEquals(Integer.getInteger("dynvm.hotThreshold", 128).intValue(), fromJvm.hotThreshold());
        assertEquals(Boolean.getBoolean("dynvm.verifyIr"), fromJvm.verifyIr());
        assertFalse(fromJvm.persistentCache(), "the argLine's -Ddynvm.persistentCache=false: no test writes ~/.cache unasked");
        Vm vm = Vm.of(isa(COUNT_LOOP), 2, fromJvm);
        assertEquals(fromJvm, vm.translator().config());
        GuestMemory mem = vm.mem();
        assertEquals(fromJvm, new Translator(isa(COUNT_LOOP), mem, vm.port(), 16, Diag.NONE, true).config(),
                "the shorter constructor reads the switches");
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.DEFAULTS.withHotThreshold(-1));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.DEFAULTS.withLoopBudget(-1));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.DEFAULTS.withInterruptLoopBudget(-1));
    }

    @Test
    void oneInsnPerBlockCapsTheFrontEndsLimitAndKeepsTheRest() {
        assertEquals(0, EngineConfig.DEFAULTS.maxBlockInsns(), "default: the front-end's own limit");
        assertEquals(64, EngineConfig.DEFAULTS.blockInsns(64));
        EngineConfig one = EngineConfig.DEFAULTS.withHotThreshold(3).withMaxBlockInsns(1);
        assertEquals(1, one.blockInsns(64));
        assertEquals(3, one.hotThreshold(), "the other settings stay");
        assertEquals(1, one.withRegions(true).maxBlockInsns(), "and other withers keep it");
        assertEquals(8, EngineConfig.DEFAULTS.withMaxBlockInsns(100).blockInsns(8), "never longer than the front-end's");
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.DEFAULTS.withMaxBlockInsns(-1));
    }
}
