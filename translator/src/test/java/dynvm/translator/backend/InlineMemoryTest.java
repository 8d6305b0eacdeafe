package dynvm.translator.backend;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.cache.Translation;
import dynvm.ir.GuestException;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.CpuState;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.ExecutionEngine;
import dynvm.translator.vm.Interpreter;
import dynvm.translator.vm.Translator;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inline memory fast path of compiled blocks ({@code dynvm.inlineMemory}): a compiled loop
 * walks 32- and 64-bit loads and stores byte by byte across a page boundary into a plain, an
 * unmapped, a read-only and a code page, in both byte orders, and ends as the interpreter does
 * (registers, instruction count, the fault and its address, the memory) with the switch on and off.
 * The accessors' own semantics are {@code FastPathTest}'s (microkernel).
 */
class InlineMemoryTest {
    private static final int BASE = 0x20000000, CODE = BASE, P1 = BASE + 0x4000, P2 = P1 + GuestMemory.PAGE_SIZE;

    /**
     * r1 = address, r4 = passes left. The loop block reads r1 as 32 and 64 bits (and, when r5 is
     * odd, in a guarded part too), stores both 256 bytes further on, then steps r1 by one byte.
     */
    private static List<ToyIsa.Lower> walk(boolean store) {
        return List.of(
                (e, pc) -> {
                    int a = e.get(ToyIsa.R[1]);
                    int w = e.load32(a);
                    int d = e.load64(a);
                    e.set(ToyIsa.R[2], e.add(e.get(ToyIsa.R[2]), w));
                    e.set(ToyIsa.D[1], e.add64(e.get(ToyIsa.D[1]), d));
                    if (store) {
                        e.store32(e.addImm(a, 256), e.add(w, a));
                        e.store64(e.addImm(a, 256 + 8), e.add64(d, e.get(ToyIsa.D[1])));
                    }
                    // (a label ends every temp's life: the guarded part and what follows read r1 again)
                    int g = e.skipUnless(e.ne(e.and(e.get(ToyIsa.R[5]), e.const32(1)), e.const32(0)));
                    int a2 = e.get(ToyIsa.R[1]);
                    e.set(ToyIsa.R[3], e.xor(e.get(ToyIsa.R[3]), e.load32(a2)));
                    if (store) e.store32(e.addImm(a2, 2), e.get(ToyIsa.R[3]));
                    e.label(g);
                    e.set(ToyIsa.R[1], e.addImm(e.get(ToyIsa.R[1]), 1));
                    e.set(ToyIsa.R[4], e.sub(e.get(ToyIsa.R[4]), e.const32(1)));
                    e.branch(e.ne(e.get(ToyIsa.R[4]), e.const32(0)), CODE, pc + 4);
                },
                (e, pc) -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "end"));
    }

    private record Outcome(int[] r, long[] d, long insns, int pc, String fault, byte[] data) { }

    /** page2: 0 plain, 1 unmapped, 2 read-only, 3 holds code. */
    private static Outcome run(boolean store, ByteOrder order, int page2, String engine, boolean inline) {
        ToyIsa isa = new ToyIsa(walk(store), order);
        GuestMemory mem = new GuestMemory(BASE, 1 << 16);
        mem.setFlags(BASE, 1 << 16, 0, GuestMemory.UNMAPPED);
        int[] words = isa.words();
        for (int i = 0; i < words.length; i++) mem.store32be(CODE + 4 * i, words[i]);
        for (int i = 0; i < 3 * GuestMemory.PAGE_SIZE; i++) mem.store8(P1 + i, i * 7 + (i >> 8));
        switch (page2) {
            case 1 -> mem.setFlags(P2, GuestMemory.PAGE_SIZE, GuestMemory.UNMAPPED, 0);
            case 2 -> mem.setFlags(P2, GuestMemory.PAGE_SIZE, GuestMemory.NO_WRITE, 0);
            case 3 -> mem.markCode(P2, GuestMemory.PAGE_SIZE);
            default -> { }
        }
        GuestMemoryPort fetch = new GuestMemoryPort(mem, true), data = new GuestMemoryPort(mem, order == ByteOrder.BIG_ENDIAN);
        EngineConfig config = EngineConfig.DEFAULTS.withHotThreshold(4)
                .withDispatch(new EngineConfig.DispatchTuning(true, true, 0, 8, true, true,
                        inline ? EngineConfig.DispatchTuning.InlineMemory.ON : EngineConfig.DispatchTuning.InlineMemory.OFF));
        ExecutionEngine vm = engine.equals("interp") ? new Interpreter(isa, fetch, data)
                : new Translator(isa, mem, fetch, 1024, Diag.NONE, true, false, config);
        CpuState cpu = new CpuState(ToyIsa.REGS);
        cpu.mem = data;
        cpu.pc = CODE;
        cpu.r[1] = P2 - 300 - (store ? 256 + 16 : 0);
        cpu.r[4] = 400;
        cpu.r[5] = 1;
        String fault = "none";
        try {
            while (vm.run(cpu) != Translation.EXIT_TRAP) { }
        } catch (MemoryFault f) {
            fault = Integer.toHexString(f.address) + (f.write ? " write" : " read");
        }
        vm.close();
        byte[] bytes = new byte[3 * GuestMemory.PAGE_SIZE];
        for (int i = 0; i < bytes.length; i++)
            bytes[i] = (byte) ((mem.flagsAt(P1 + i) & GuestMemory.UNMAPPED) != 0 ? 0 : mem.load8(P1 + i));
        return new Outcome(cpu.r.clone(), cpu.d.clone(), cpu.insnCount, cpu.pc, fault, bytes);
    }

    @Test
    void compiledAccessesMatchTheInterpreterAcrossPageKinds() {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN})
            for (boolean store : new boolean[]{false, true})
                for (int page2 = 0; page2 < 4; page2++) {
                    Outcome ref = run(store, order, page2, "interp", false);
                    for (boolean inline : new boolean[]{false, true}) {
                        Outcome o = run(store, order, page2, "dbt", inline);
                        String what = order + " store=" + store + " page2=" + page2 + " inline=" + inline;
                        assertEquals(ref.fault(), o.fault(), what);
                        assertArrayEquals(ref.r(), o.r(), what);
                        assertArrayEquals(ref.d(), o.d(), what);
                        assertEquals(ref.insns(), o.insns(), what);
                        assertEquals(ref.pc(), o.pc(), what);
                        assertTrue(Arrays.equals(ref.data(), o.data()), what + ": memory differs");
                    }
                    if (page2 == 1) assertNotEquals("none", ref.fault(), "the walk reaches the unmapped page");
                }
    }
}
