package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Terminal;
import dynvm.microkernel.linux.LinuxPersonality;
import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.spi.Services;
import dynvm.spi.SyscallAbi;
import dynvm.translator.exec.FetchPort;
import dynvm.translator.exec.GuestMemoryPort;
import java.io.PrintStream;

/**
 * One guest process in user mode: a CPU, its address space, an engine, and the Linux personality
 * standing in for a kernel. Sensitive instructions reach it as service calls.
 */
public final class UserModeVm {
    /** Linux signal numbers used for synchronous faults. */
    public static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;

    private final Isa isa;
    private final AddressSpace space;
    private final LinuxPersonality kernel;
    private final ExecutionEngine engine;
    private final CpuState cpu;
    private final PrintStream diagnostics;
    private final EngineKind kind;
    private long startNanos, endNanos;

    public UserModeVm(Isa isa, AddressSpace space, LinuxPersonality kernel, EngineKind kind, int entry, int sp,
                      Diag diag, int maxBlocks, boolean backgroundCompile, PrintStream diagnostics) {
        this.isa = isa;
        this.space = space;
        this.kernel = kernel;
        this.kind = kind;
        this.diagnostics = diagnostics;
        boolean be = isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
        MemoryPort port = new GuestMemoryPort(space.memory(), be);
        MemoryPort fetch = new FetchPort(space.memory(), be);
        this.engine = switch (kind) {
            case DBT -> new Translator(isa, space.memory(), fetch, maxBlocks, diag, true, backgroundCompile);
            case INTERP -> new Interpreter(isa, fetch, port);
            case LOCKSTEP -> new LockstepEngine(isa, space.memory(), fetch, port, maxBlocks);
        };
        this.cpu = new CpuState(isa.registers());
        cpu.mem = port;
        isa.initUserState(cpu, entry, sp);
        SyscallAbi abi = isa.syscallAbi();
        kernel.connectThreadPointer(tp -> abi.setThreadPointer(cpu, tp), () -> abi.threadPointer(cpu));
    }

    public CpuState cpu() { return cpu; }

    /** Runs the guest to its end; returns the exit status a shell would report (128+N for signal N). */
    public int run() {
        startNanos = System.nanoTime();
        try {
            return loop();
        } finally {
            endNanos = System.nanoTime();
            engine.close();
        }
    }

    private int loop() {
        SyscallAbi abi = isa.syscallAbi();
        int[] args = new int[6];
        for (;;) {
            int exit;
            try {
                exit = engine.run(cpu);
            } catch (MemoryFault f) {
                return die(SIGSEGV, String.format("%s at 0x%08x (pc 0x%08x)",
                        f.exec ? "invalid execute" : f.write ? "invalid write" : "invalid read", f.address, cpu.pc));
            } catch (StackOverflowError e) {
                return die(SIGSEGV, String.format("host stack exhausted (pc 0x%08x)", cpu.pc));
            }
            if (exit == Translation.EXIT_BUDGET) continue;
            Terminal t = engine.lastExit();
            if (exit == Translation.EXIT_TRAP) {
                Terminal.Trap tr = (Terminal.Trap) t;
                return die(tr.signal(), String.format("%s (pc 0x%08x)", tr.reason(), tr.pc()));
            }
            Terminal.ServiceCall sc = (Terminal.ServiceCall) t;
            switch (sc.service()) {
                case Services.SYSCALL -> {
                    if (sc.args().length > 0 && cpu.serviceArgs[0] == 0) continue; // condition failed
                    int nr = abi.number(cpu);
                    for (int i = 0; i < 6; i++) args[i] = abi.arg(cpu, i);
                    int res = kernel.call(abi.name(nr), nr, args);
                    if (kernel.exited()) {
                        int sig = kernel.killedBySignal();
                        return sig != 0 ? 128 + sig : kernel.exitStatus() & 0xff;
                    }
                    abi.setResult(cpu, res);
                }
                case Services.ICACHE_INVALIDATE -> engine.invalidate(cpu.serviceArgs[0], cpu.serviceArgs[1], "icache invalidate");
                case Services.SYNC_CONTEXT -> { }
                case Services.BREAKPOINT -> {
                    if (cpu.serviceArgs[0] != 0) return die(SIGTRAP, String.format("trap (pc 0x%08x)", cpu.pc - 4));
                }
                default -> { return die(SIGILL, "unknown service " + sc.service()); }
            }
        }
    }

    private int die(int signal, String what) {
        diagnostics.printf("dynvm: guest terminated by %s: %s%n", signalName(signal), what);
        diagnostics.flush();
        return 128 + signal;
    }

    public static String signalName(int sig) {
        return switch (sig) {
            case SIGILL -> "SIGILL";
            case SIGTRAP -> "SIGTRAP";
            case SIGBUS -> "SIGBUS";
            case SIGFPE -> "SIGFPE";
            case SIGSEGV -> "SIGSEGV";
            default -> "signal " + sig;
        };
    }

    public RunStats stats() {
        return new RunStats(kind.name().toLowerCase(java.util.Locale.ROOT), cpu.insnCount, engine.blocksTranslated(),
                engine.dispatches(), engine.cacheStats(), engine.translationNanos(), endNanos - startNanos);
    }
}
