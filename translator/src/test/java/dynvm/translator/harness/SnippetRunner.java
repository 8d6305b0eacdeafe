package dynvm.translator.harness;

import dynvm.cache.Translation;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.Interpreter;
import dynvm.translator.vm.RegisterDiff;
import dynvm.translator.vm.Translator;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Runs a short sequence of guest instructions under both engines from identical state and checks
 * that they agree: the workhorse of the per-family conformance tests (and of the fuzzer later).
 *
 * <p>The words are placed at {@link #CODE}; execution stops when the pc leaves them, at a service
 * call, or at a trap. Instruction fetch beyond the last word faults, so the translator's blocks end
 * exactly at the end of the snippet.
 */
public final class SnippetRunner {
    public static final int CODE = 0x10000000;
    public static final int DATA = 0x10080000;
    public static final int WINDOW = 1 << 20;
    /** Guard against snippets that loop forever. */
    public static final long MAX_INSNS = 10_000_000;

    /** @param stop "end", "service:&lt;id&gt;", "trap:&lt;signal&gt;", "fault:&lt;address&gt;" or "limit" */
    public record Result(CpuState cpu, GuestMemory mem, String stop) { }

    private final Isa isa;
    private final long maxInsns;

    public SnippetRunner(Isa isa) { this(isa, MAX_INSNS); }

    /** With a smaller guard: random code that loops stops at "limit" after {@code maxInsns}. */
    public SnippetRunner(Isa isa, long maxInsns) {
        this.isa = isa;
        this.maxInsns = maxInsns;
    }

    /** Runs under both engines, asserts they agree, returns the interpreter's result. */
    public Result run(int[] words, BiConsumer<CpuState, GuestMemory> init) {
        Result a = runOne(words, init, false);
        Result b = runOne(words, init, true);
        String diff = compare(a, b);
        if (diff != null) throw new AssertionError("interpreter and translator disagree: " + diff);
        return a;
    }

    /** Runs under one engine only. */
    public Result runOne(int[] words, BiConsumer<CpuState, GuestMemory> init, boolean translate) {
        GuestMemory mem = new GuestMemory(CODE, WINDOW);
        mem.setFlags(CODE, WINDOW, 0, GuestMemory.UNMAPPED);
        boolean be = isa.byteOrder() == ByteOrder.BIG_ENDIAN;
        for (int i = 0; i < words.length; i++) {
            if (be) mem.store32be(CODE + 4 * i, words[i]); else mem.store32le(CODE + 4 * i, words[i]);
        }
        int end = CODE + 4 * words.length;
        MemoryPort data = new GuestMemoryPort(mem, be);
        MemoryPort fetch = new dynvm.translator.exec.BoundedFetch(data, CODE, () -> end);
        CpuState cpu = new CpuState(isa.registers());
        cpu.mem = data;
        isa.linuxUser().initUserState(cpu, CODE, DATA - 16);
        init.accept(cpu, mem);
        cpu.pc = CODE;
        String stop;
        try {
            stop = translate ? runTranslated(cpu, mem, fetch, end) : runInterpreted(cpu, fetch, data, end);
        } catch (MemoryFault f) {
            stop = String.format("fault:0x%08x", f.address);
        }
        return new Result(cpu, mem, stop);
    }

    private String runInterpreted(CpuState cpu, MemoryPort fetch, MemoryPort data, int end) {
        Interpreter in = new Interpreter(isa, fetch, data);
        while (cpu.insnCount < maxInsns) {
            if (outside(cpu.pc, end)) return "end";
            int exit = in.step(cpu);
            String s = stopOf(exit, in.lastExit());
            if (s != null) return s;
        }
        return "limit";
    }

    private String runTranslated(CpuState cpu, GuestMemory mem, MemoryPort fetch, int end) {
        Translator tr = new Translator(isa, mem, fetch, 1024, Diag.NONE, true);
        while (cpu.insnCount < maxInsns) {
            if (outside(cpu.pc, end)) return "end";
            tr.runOneBlock(cpu);
            String s = stopOf(tr.lastExitCode(), tr.lastExit());
            if (s != null) return s;
        }
        return "limit";
    }

    private static boolean outside(int pc, int end) { return Integer.compareUnsigned(pc, CODE) < 0 || Integer.compareUnsigned(pc, end) >= 0; }

    private static String stopOf(int exit, dynvm.ir.Terminal t) {
        if (exit == Translation.EXIT_SERVICE) return "service:" + ((dynvm.ir.Terminal.ServiceCall) t).service();
        if (exit == Translation.EXIT_TRAP) return "trap:" + dynvm.translator.vm.LinuxTrapSignals.signal(((dynvm.ir.Terminal.Trap) t).kind());
        return null;
    }

    private String compare(Result a, Result b) {
        StringBuilder sb = new StringBuilder();
        if (!a.stop.equals(b.stop)) sb.append(" stop ").append(a.stop).append(" vs ").append(b.stop);
        if (a.cpu.pc != b.cpu.pc) sb.append(String.format(" pc 0x%08x vs 0x%08x", a.cpu.pc, b.cpu.pc));
        sb.append(registerDiff(isa.registers(), a.cpu, b.cpu));
        if (!Arrays.equals(a.mem.ram, b.mem.ram)) {
            for (int i = 0; i < a.mem.ram.length; i++)
                if (a.mem.ram[i] != b.mem.ram[i]) { sb.append(String.format(" memory differs first at 0x%08x", CODE + i)); break; }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** Lists the registers whose values differ, as " name: a vs b". Empty when equal. */
    public static String registerDiff(RegisterFile rf, CpuState a, CpuState b) { return RegisterDiff.of(rf, a, b); }
}
