package dynvm.translator.fuzz;

import dynvm.cache.Translation;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.CpuState;
import dynvm.spi.FuzzTarget;
import dynvm.spi.MemoryPort;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.Interpreter;
import dynvm.translator.vm.Translator;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The interpreter or the translator as an oracle. One memory (the code page and the data page
 * mapped, nothing else) and one engine serve every case: each case rewrites both pages and the
 * translator drops its translations of the code page first.
 */
public final class EngineOracle implements Oracle {
    /** Guard against a case that loops (generators emit no branches; a bug might). */
    static final long MAX_INSNS = 100_000;
    private static final int CODE_SIZE = 4096;

    private final FuzzTarget target;
    private final boolean translate;
    private final GuestMemory mem;
    private final MemoryPort data;
    private final boolean be;
    private final Translator translator;
    private final byte[] zeros = new byte[CODE_SIZE];
    private int end;

    public EngineOracle(FuzzTarget target, boolean translate) {
        this.target = target;
        this.translate = translate;
        int window = FuzzTarget.DATA + FuzzTarget.DATA_SIZE - FuzzTarget.CODE;
        mem = new GuestMemory(FuzzTarget.CODE, window);
        mem.setFlags(FuzzTarget.CODE, CODE_SIZE, 0, GuestMemory.UNMAPPED);
        mem.setFlags(FuzzTarget.DATA, FuzzTarget.DATA_SIZE, 0, GuestMemory.UNMAPPED);
        be = target.isa().byteOrder() == ByteOrder.BIG_ENDIAN;
        data = new GuestMemoryPort(mem, be);
        // fetches inside the case's code only, so blocks end with the code
        MemoryPort fetch = new dynvm.translator.exec.BoundedFetch(data, FuzzTarget.CODE, () -> end);
        translator = translate ? new Translator(target.isa(), mem, fetch, 64, Diag.NONE, true) : null;
        interp = translate ? null : new Interpreter(target.isa(), fetch, data);
    }

    private final Interpreter interp;

    @Override public String name() { return translate ? "dbt" : "interp"; }

    @Override
    public Outcome run(FuzzTarget.Case c) {
        mem.poke(FuzzTarget.CODE, zeros, 0, CODE_SIZE);
        for (int i = 0; i < c.words().length; i++) {
            if (be) mem.store32be(FuzzTarget.CODE + 4 * i, c.words()[i]); else mem.store32le(FuzzTarget.CODE + 4 * i, c.words()[i]);
        }
        mem.poke(FuzzTarget.DATA, c.data(), 0, FuzzTarget.DATA_SIZE);
        end = FuzzTarget.CODE + 4 * c.words().length;
        if (translator != null) translator.invalidate(FuzzTarget.CODE, CODE_SIZE, "next fuzz case");
        CpuState cpu = new CpuState(target.isa().registers());
        cpu.mem = data;
        target.isa().linuxUser().initUserState(cpu, FuzzTarget.CODE, FuzzTarget.DATA - 16);
        target.initState(cpu, c);
        cpu.pc = FuzzTarget.CODE;
        String stop;
        try {
            stop = loop(cpu, c.insns());
        } catch (MemoryFault f) {
            stop = String.format("fault:0x%08x", f.address);
        }
        List<FuzzTarget.Field> fs = target.fields();
        long[] out = new long[fs.size()];
        for (int i = 0; i < out.length; i++) out[i] = fs.get(i).get().applyAsLong(cpu);
        byte[] d = new byte[FuzzTarget.DATA_SIZE];
        mem.read(FuzzTarget.DATA, d, 0, d.length);
        return new Outcome(stop, out, d);
    }

    private String loop(CpuState cpu, int insns) {
        while (cpu.insnCount < MAX_INSNS) {
            if (Integer.compareUnsigned(cpu.pc - FuzzTarget.CODE, end - FuzzTarget.CODE) >= 0) return "end";
            int exit;
            dynvm.ir.Terminal t;
            if (translate) {
                translator.runOneBlock(cpu);
                exit = translator.lastExitCode();
                t = translator.lastExit();
            } else {
                exit = interp.step(cpu);
                t = interp.lastExit();
            }
            if (exit == Translation.EXIT_SERVICE) {
                int service = ((dynvm.ir.Terminal.ServiceCall) t).service();
                // cache and context synchronisation have no architectural effect here: go on after them
                if (service == dynvm.spi.Services.SYNC_CONTEXT) continue;
                if (service == dynvm.spi.Services.ICACHE_INVALIDATE) {
                    if (translator != null) translator.invalidate(cpu.serviceArgs[0], cpu.serviceArgs[1], "icache invalidate");
                    continue;
                }
                return "service:" + service;
            }
            if (exit == Translation.EXIT_TRAP) return "trap:" + dynvm.translator.vm.LinuxTrapSignals.signal(((dynvm.ir.Terminal.Trap) t).kind());
        }
        return "limit";
    }

    @Override
    public void close() { if (translator != null) translator.close(); }
}
