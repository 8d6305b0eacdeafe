package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Terminal;
import dynvm.microkernel.linux.LinuxPersonality;
import dynvm.microkernel.linux.PendingSignal;
import dynvm.microkernel.linux.SignalThread;
import dynvm.spi.SignalDelivery;
import dynvm.spi.SignalFrames;
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
        this.frames = isa.signalFrames();
        this.signals = kernel.mainThread();
        if (frames != null) kernel.connectStackPointer(() -> frames.stackPointer(cpu));
        CpuState c = cpu;
        signals.setWakeup(() -> c.interrupt = true);
    }

    private final SignalFrames frames;
    private final SignalThread signals;

    public CpuState cpu() { return cpu; }

    /** Runs the guest to its end; returns the exit status a shell would report (128+N for signal N). */
    public int run() {
        startNanos = System.nanoTime();
        try {
            return loop();
        } finally {
            endNanos = System.nanoTime();
            engine.close();
            kernel.close();
        }
    }

    private int loop() {
        SyscallAbi abi = isa.syscallAbi();
        int[] args = new int[6];
        for (;;) {
            if (signals.hint()) {
                cpu.interrupt = false;
                deliverPending();
                if (kernel.exited()) return exitStatus();
            }
            int exit;
            try {
                exit = engine.run(cpu);
            } catch (MemoryFault f) {
                String what = String.format("%s at 0x%08x (pc 0x%08x)",
                        f.exec ? "invalid execute" : f.write ? "invalid write" : "invalid read", f.address, cpu.pc);
                int code = space.protAt(f.address) < 0 ? LinuxPersonality.SEGV_MAPERR : LinuxPersonality.SEGV_ACCERR;
                if (!fault(SIGSEGV, code, f.address, f.write)) return die(SIGSEGV, what);
                continue;
            } catch (StackOverflowError e) {
                return die(SIGSEGV, String.format("host stack exhausted (pc 0x%08x)", cpu.pc));
            }
            if (exit == Translation.EXIT_BUDGET) continue;
            Terminal t = engine.lastExit();
            if (exit == Translation.EXIT_TRAP) {
                Terminal.Trap tr = (Terminal.Trap) t;
                cpu.pc = tr.pc();
                if (!fault(tr.signal(), trapCode(tr.signal()), tr.pc(), false))
                    return die(tr.signal(), String.format("%s (pc 0x%08x)", tr.reason(), tr.pc()));
                continue;
            }
            Terminal.ServiceCall sc = (Terminal.ServiceCall) t;
            switch (sc.service()) {
                case Services.SYSCALL -> {
                    if (sc.args().length > 0 && cpu.serviceArgs[0] == 0) continue; // condition failed
                    int nr = abi.number(cpu);
                    String name = abi.name(nr);
                    if (frames != null && ("rt_sigreturn".equals(name) || "sigreturn".equals(name))) {
                        if (!sigreturn("rt_sigreturn".equals(name))) return die(SIGSEGV, String.format("bad signal frame (pc 0x%08x)", cpu.pc));
                        continue;
                    }
                    for (int i = 0; i < 6; i++) args[i] = abi.arg(cpu, i);
                    int res = kernel.call(name, nr, args);
                    if (kernel.exited()) return exitStatus();
                    if (LinuxPersonality.isRestart(res)) {
                        if (!interruptedSyscall(res)) return exitStatus();
                    } else {
                        abi.setResult(cpu, res);
                    }
                }
                case Services.ICACHE_INVALIDATE -> engine.invalidate(cpu.serviceArgs[0], cpu.serviceArgs[1], "icache invalidate");
                case Services.SYNC_CONTEXT -> { }
                case Services.BREAKPOINT -> {
                    if (cpu.serviceArgs[0] != 0) {
                        cpu.pc -= 4;
                        if (!fault(SIGTRAP, LinuxPersonality.TRAP_BRKPT, cpu.pc, false))
                            return die(SIGTRAP, String.format("trap (pc 0x%08x)", cpu.pc));
                    }
                }
                default -> { return die(SIGILL, "unknown service " + sc.service()); }
            }
        }
    }

    private int exitStatus() {
        int sig = kernel.killedBySignal();
        return sig != 0 ? 128 + sig : kernel.exitStatus() & 0xff;
    }

    private static int trapCode(int sig) {
        return switch (sig) {
            case SIGILL -> LinuxPersonality.ILL_ILLOPC;
            case SIGFPE -> LinuxPersonality.FPE_INTDIV;
            case SIGBUS -> LinuxPersonality.BUS_ADRALN;
            default -> LinuxPersonality.TRAP_BRKPT;
        };
    }

    /** Delivers every signal that is deliverable now (each handler's frame nests on the previous one). */
    private void deliverPending() {
        if (frames == null) {
            kernel.takeSignal(signals, 0); // default actions only: a caught signal terminates (no frames)
            return;
        }
        for (PendingSignal p; (p = kernel.takeSignal(signals, frames.stackPointer(cpu))) != null; ) {
            if (!push(p, 0, false)) return;
        }
    }

    /**
     * A blocking syscall stopped for a signal: restart it (no handler ran, or SA_RESTART with
     * ERESTARTSYS) or make it fail with EINTR, then run the handler. False if the process ended.
     */
    private boolean interruptedSyscall(int res) {
        SyscallAbi abi = isa.syscallAbi();
        PendingSignal p = frames == null ? null : kernel.takeSignal(signals, frames.stackPointer(cpu));
        if (frames == null) kernel.takeSignal(signals, 0);
        if (kernel.exited()) return false;
        if (p == null) {
            if (frames != null) frames.rewindSyscall(cpu);
            else abi.setResult(cpu, -4);
            return true;
        }
        if (res == LinuxPersonality.RESTART_SYS && (p.flags() & PendingSignal.SA_RESTART) != 0) frames.rewindSyscall(cpu);
        else abi.setResult(cpu, -4); // EINTR
        if (!push(p, 0, false)) return false;
        deliverPending();
        return !kernel.exited();
    }

    /** A synchronous fault: true when the guest's handler will run, false when the process dies of it. */
    private boolean fault(int sig, int code, int addr, boolean write) {
        if (frames == null) return false;
        PendingSignal p = kernel.forceSignal(signals, sig, code, addr, frames.stackPointer(cpu));
        return p != null && push(p, addr, write);
    }

    /** Builds the frame; a frame that cannot be written kills the process with SIGSEGV (force_sigsegv). */
    private boolean push(PendingSignal p, int faultAddr, boolean write) {
        try {
            int code = frames.push(cpu, new SignalDelivery(p.signal(), p.handler(), p.flags(), p.restorer(), p.savedMask(),
                    p.siginfo(), p.stackTop(), p.altSp(), p.altFlags(), p.altSize(), faultAddr, write));
            // return code in the frame runs from the stack (old kernels' executable stacks); stale
            // translations of an earlier frame's words there were dropped by the stores themselves
            if (code != 0) space.memory().setExecutable(code, 8, true);
            return true;
        } catch (MemoryFault f) {
            die(SIGSEGV, String.format("cannot write the frame for signal %d at 0x%08x", p.signal(), f.address));
            kernel.killBySignal(SIGSEGV);
            return false;
        }
    }

    private boolean sigreturn(boolean rt) {
        try {
            kernel.restoreSignalMask(signals, frames.restore(cpu, rt));
            return true;
        } catch (MemoryFault | IllegalStateException e) {
            kernel.killBySignal(SIGSEGV);
            return false;
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
