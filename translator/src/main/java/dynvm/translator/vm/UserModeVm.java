package dynvm.translator.vm;

import dynvm.cache.Translation;
import dynvm.ir.Terminal;
import dynvm.microkernel.linux.ExecLoader;
import dynvm.microkernel.linux.GuestThread;
import dynvm.microkernel.linux.LinuxPersonality;
import dynvm.microkernel.linux.LinuxSystem;
import dynvm.microkernel.linux.PendingSignal;
import dynvm.microkernel.linux.SignalThread;
import dynvm.microkernel.linux.ThreadHost;
import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.spi.Services;
import dynvm.spi.SignalDelivery;
import dynvm.spi.SignalFrames;
import dynvm.spi.SyscallAbi;
import dynvm.translator.exec.FetchPort;
import dynvm.translator.exec.GuestMemoryPort;
import java.io.PrintStream;

/**
 * One guest thread in user mode: a CPU, the address space it runs in, an engine of its own (own
 * translation cache), and the Linux personality of its process standing in for a kernel.
 * Sensitive instructions reach it as service calls. It is the personality's {@link ThreadHost}:
 * clone starts a copy of it on a new host thread, execve replaces its CPU, memory and engine.
 *
 * <p>Signals are delivered here, between engine slices and after syscalls: the thread's
 * {@link SignalThread#hint()} says one may be pending, a poster sets {@link CpuState#interrupt} so
 * the engine returns soon, and the front-end's {@link SignalFrames} build and unwind the frames.
 */
public final class UserModeVm implements ThreadHost {
    /** Linux signal numbers used for synchronous faults. */
    public static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;
    /** Host stack of threads started for guest threads (the launcher gives the first one -Xss16m). */
    private static final long THREAD_STACK = 16L << 20;

    /** What an exec image needs to start: the front-end, entry pc and initial stack pointer. */
    public record Start(Isa isa, int entry, int stackPointer) { }

    private Isa isa;
    private AddressSpace space;
    private final LinuxPersonality kernel;
    private final GuestThread thread;
    private ExecutionEngine engine;
    /** Read by posting threads (the wakeup), replaced by execve. */
    private volatile CpuState cpu;
    /** The ISA's signal frames; null: caught signals terminate. */
    private SignalFrames frames;
    private final SignalThread signals;
    private final PrintStream diagnostics;
    private final EngineKind kind;
    private final Diag diag;
    private final int maxBlocks;
    private final boolean backgroundCompile;
    /** The run's engine settings; {@link EngineConfig#sharedBlocks} false turns the run-wide block store off (for measurements). */
    private final EngineConfig config;
    /** Decoded blocks shared by all threads and processes of the run (forked children reuse them). */
    private final SharedBlocks sharedBlocks;
    /** Blocks of earlier runs ({@link #usePersistentBlocks}), or null; every thread and process of the run uses it. */
    private PersistentBlocks persistentBlocks;
    /** Set by {@link #exec} during a syscall: the result must not be written to the new CPU. */
    private boolean replaced;
    private long startNanos, endNanos;
    /** What every thread, process and image of the run did, for --stats (one object per run). */
    private final RunTotals totals;
    /** Since when this image ran (thread start or the last exec), and its time inside the engine (with {@link StatsTiming#ON}). */
    private long imageNanos, engineNanos;

    /** Guest instructions this thread may run before the process is killed (0: no limit). */
    private long insnLimit;

    /** With the JVM's {@code -Ddynvm.*} settings ({@link EngineConfig#fromSystemProperties()}, read now). */
    public UserModeVm(Isa isa, AddressSpace space, LinuxPersonality kernel, EngineKind kind, int entry, int sp,
                      Diag diag, int maxBlocks, boolean backgroundCompile, PrintStream diagnostics) {
        this(isa, space, kernel, kind, entry, sp, diag, maxBlocks, backgroundCompile, diagnostics, EngineConfig.fromSystemProperties());
    }

    /**
     * The first thread of a run, with the engine settings {@code config}; every thread, forked
     * child and exec'd image of the run inherits them.
     */
    public UserModeVm(Isa isa, AddressSpace space, LinuxPersonality kernel, EngineKind kind, int entry, int sp,
                      Diag diag, int maxBlocks, boolean backgroundCompile, PrintStream diagnostics, EngineConfig config) {
        this(isa, space, kernel, kernel.mainThread(), kind, diag, maxBlocks, backgroundCompile, diagnostics, new SharedBlocks(),
                new RunTotals(), config);
        isa.linuxUser().initUserState(cpu, entry, sp);
    }

    private UserModeVm(Isa isa, AddressSpace space, LinuxPersonality kernel, GuestThread thread, EngineKind kind,
                       Diag diag, int maxBlocks, boolean backgroundCompile, PrintStream diagnostics, SharedBlocks blocks,
                       RunTotals totals, EngineConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.sharedBlocks = blocks;
        this.totals = totals;
        this.isa = isa;
        this.space = space;
        this.kernel = kernel;
        this.thread = thread;
        this.kind = kind;
        this.diag = diag;
        this.maxBlocks = maxBlocks;
        this.backgroundCompile = backgroundCompile;
        this.diagnostics = diagnostics;
        this.engine = newEngine();
        this.cpu = newCpu();
        this.frames = isa.linuxUser().signalFrames();
        this.signals = thread.signals();
        signals.setWakeup(this::nudge);
        thread.setHost(this);
    }

    private ExecutionEngine newEngine() {
        boolean be = isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
        MemoryPort port = new GuestMemoryPort(space.memory(), be);
        MemoryPort fetch = new FetchPort(space.memory(), be);
        ExecutionEngine e = switch (kind) {
            case DBT -> {
                Translator t = new Translator(isa, space.memory(), fetch, maxBlocks, diag, true, backgroundCompile, config);
                if (config.sharedBlocks()) t.shareBlocks(sharedBlocks);
                if (persistentBlocks != null) t.usePersistentBlocks(persistentBlocks);
                yield t;
            }
            case INTERP -> new Interpreter(isa, fetch, port, diag, config);
            case LOCKSTEP -> new LockstepEngine(isa, space.memory(), fetch, port, maxBlocks, config);
        };
        e.setTraceId(thread.tid());
        return e;
    }

    private CpuState newCpu() {
        CpuState c = new CpuState(isa.registers());
        c.mem = new GuestMemoryPort(space.memory(), isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN);
        c.instrumentation = diag.plugins();
        return c;
    }

    public CpuState cpu() { return cpu; }

    /**
     * Reuse blocks decoded by earlier runs and offer this run's ({@link PersistentBlocks}; the
     * translator only): call before {@link #run}; threads, forked children and exec'd images
     * inherit it. Whoever opened the store writes it when the run is over.
     */
    public void usePersistentBlocks(PersistentBlocks store) {
        persistentBlocks = store;
        if (engine instanceof Translator t) t.usePersistentBlocks(store);
    }

    /** The run's engine settings. */
    public EngineConfig config() { return config; }

    // ---- a debugger (the GDB stub): see Debugger

    /** The attached debugger, or null. Set before the thread runs; inherited by the process's new threads. */
    private Debugger debugger;
    /** True while this thread runs guest code in the engine (not in a syscall or signal delivery). */
    private volatile boolean inEngine;

    /** Puts this thread under {@code d}: call before {@link #run} (new threads of the process inherit it). */
    public void attachDebugger(Debugger d) {
        debugger = d;
        engine.setBreakpoints(d.breakpoints());
        d.threadStarted(this);
    }

    public Isa isa() { return isa; }
    public AddressSpace addressSpace() { return space; }
    public GuestThread thread() { return thread; }
    public LinuxPersonality kernel() { return kernel; }
    /** Is this thread executing guest instructions now (so a watchpoint hit is the guest's own access)? */
    public boolean inEngine() { return inEngine; }

    private int runEngine(boolean step) {
        try {
            inEngine = true;
            return step ? engine.stepOne(cpu) : engine.run(cpu);
        } finally {
            inEngine = false;
        }
    }

    /** Growths of this thread's shared memory it has seen (each one interrupted its engine). */
    private int growthsSeen;
    /** What a growth of the memory calls to make this thread leave its slice; registered with {@link #kickedBy}. */
    private final Runnable kick = this::nudge;

    /**
     * Makes this thread's engine return to the VM soon (another thread's call: a signal posted, the
     * memory grown). The interrupt alone is seen only where a slice ends or a translated loop runs
     * out of its budget of passes; a loop that ends before its budget (a function called in a
     * loop) could run for the slice's 16,384 dispatches of such calls, i.e. seconds, before a
     * SIGALRM or a Ctrl-C was delivered. With the budget at 0 every translated loop leaves at its
     * next back edge. The budget is written first: a thread that sees the interrupt sees it too.
     */
    private void nudge() {
        CpuState c = this.cpu;
        c.budget = 0;
        c.interrupt = true;
    }
    private GuestMemory kickedBy;

    /**
     * Takes the memory's running gate for a slice or a signal frame (only a shared memory has
     * one; it waits while another thread grows the memory). After a growth the interrupt that
     * the growth may have left set is cleared, unless a signal wants it.
     */
    private boolean enterMemory(GuestMemory mem) {
        if (mem != kickedBy) {
            if (kickedBy != null) kickedBy.removeRunner(kick);
            (kickedBy = mem).addRunner(kick);
        }
        boolean in = mem.enterRunning();
        if (in && mem.sharedGrowths() != growthsSeen) {
            growthsSeen = mem.sharedGrowths();
            cpu.interrupt = false;
            if (signals.hint()) cpu.interrupt = true;
        }
        return in;
    }

    /** Kills the process with SIGKILL once this thread has run {@code insns} guest instructions (0: never). */
    public void setInsnLimit(long insns) { insnLimit = insns; }

    /**
     * Runs the first thread of the run's first process to its end, waits until the whole process
     * has ended (its other threads too), then ends the run: processes still alive are killed and
     * their host threads joined, as qemu-user ends with its first process. Returns the exit
     * status a shell would report (128+N for signal N).
     */
    public int run() {
        LinuxSystem sys = kernel.system();
        sys.attach(thread, Thread.currentThread());
        startNanos = imageNanos = System.nanoTime();
        totals.started(startNanos);
        if (diag.has(dynvm.translator.debug.DebugItem.PAGE)) diag.page("memory map at start", space.describe());
        try {
            loop();
        } finally {
            endNanos = System.nanoTime();
            totals.add(cpu, engine, endNanos - imageNanos, engineNanos);
            engine.close();
            if (kickedBy != null) kickedBy.removeRunner(kick);
            if (debugger != null) debugger.threadEnded(this);
            sys.threadEnded(thread);
        }
        int status = kernel.awaitExit();
        if (debugger != null) debugger.processExited(status);
        sys.shutdown(2000);
        kernel.close();
        return status;
    }

    /** Body of a host thread started by {@link #spawn}. */
    private void runThread() {
        startNanos = imageNanos = System.nanoTime();
        try {
            loop();
        } catch (RuntimeException | Error e) {
            // an engine bug must not leave the process half alive
            diagnostics.printf("dynvm: thread %d died: %s%n", thread.tid(), e);
            kernel.killProcess(SIGSEGV);
        } finally {
            endNanos = System.nanoTime();
            totals.add(cpu, engine, endNanos - imageNanos, engineNanos); // before the thread counts as ended: stats() follow that
            engine.close();
            if (kickedBy != null) kickedBy.removeRunner(kick);
            if (debugger != null) debugger.threadEnded(this);
            kernel.system().threadEnded(thread);
        }
    }

    private void loop() {
        int[] args = new int[6];
        for (;;) {
            if (thread.stopRequested()) return;
            if (insnLimit > 0 && cpu.insnCount >= insnLimit) {
                diagnostics.printf("dynvm: instruction limit of %d reached: killed%n", insnLimit);
                diagnostics.flush();
                kernel.killProcess(9);
                return;
            }
            if (signals.hint()) {
                cpu.interrupt = false;
                deliverPending();
                if (thread.stopRequested()) return;
            }
            boolean step = debugger != null && debugger.checkpoint(this);
            if (thread.stopRequested()) return;
            int exit;
            try {
                GuestMemory mem = space.memory();
                boolean gated = enterMemory(mem);
                try {
                    if (StatsTiming.ON) {
                        long t0 = System.nanoTime();
                        try {
                            exit = debugger != null ? runEngine(step) : engine.run(cpu);
                        } finally {
                            engineNanos += System.nanoTime() - t0;
                        }
                    } else {
                        exit = debugger != null ? runEngine(step) : engine.run(cpu);
                    }
                } finally {
                    mem.leaveRunning(gated);
                }
            } catch (MemoryFault f) {
                if (f.watch && debugger != null) { debugger.watchHit(this, f); continue; }
                String what = String.format("%s at 0x%08x (pc 0x%08x)",
                        f.exec ? "invalid execute" : f.write ? "invalid write" : "invalid read", f.address, cpu.pc);
                if (f.status == MemoryFault.ALIGNMENT) {   // an alignment qualifier the address does not meet
                    if (!fault(SIGBUS, LinuxPersonality.BUS_ADRALN, f.address, f.write)) { die(SIGBUS, "unaligned access " + what); return; }
                    continue;
                }
                int code = space.protAt(f.address) < 0 ? LinuxPersonality.SEGV_MAPERR : LinuxPersonality.SEGV_ACCERR;
                if (!fault(SIGSEGV, code, f.address, f.write)) { die(SIGSEGV, what); return; }
                continue;
            } catch (StackOverflowError e) {
                die(SIGSEGV, String.format("host stack exhausted (pc 0x%08x)", cpu.pc));
                return;
            }
            if (exit == Translation.EXIT_BUDGET) continue;
            Terminal t = engine.lastExit();
            if (exit == Translation.EXIT_TRAP) {
                Terminal.Trap tr = (Terminal.Trap) t;
                cpu.pc = tr.pc();
                int sig = LinuxTrapSignals.signal(tr.kind());
                if (!fault(sig, LinuxTrapSignals.code(tr.kind()), tr.pc(), false)) {
                    die(sig, String.format("%s (pc 0x%08x)", tr.reason(), tr.pc()));
                    return;
                }
                continue;
            }
            Terminal.ServiceCall sc = (Terminal.ServiceCall) t;
            switch (sc.service()) {
                case Services.SYSCALL -> {
                    if (sc.args().length > 0 && cpu.serviceArgs[0] == 0) continue; // condition failed
                    SyscallAbi abi = isa.linuxUser().syscalls();
                    int nr = abi.number(cpu);
                    String name = abi.name(nr);
                    if (frames != null && ("rt_sigreturn".equals(name) || "sigreturn".equals(name))) {
                        if (!sigreturn("rt_sigreturn".equals(name))) {
                            die(SIGSEGV, String.format("bad signal frame (pc 0x%08x)", cpu.pc));
                            return;
                        }
                        continue;
                    }
                    for (int i = 0; i < 6; i++) args[i] = abi.arg(cpu, i);
                    int res = kernel.call(name, nr, args);
                    if (diag.has(dynvm.translator.debug.DebugItem.PAGE)) pageLog(name, args, res);
                    if (replaced) { // execve: the new image starts fresh
                        replaced = false;
                        continue;
                    }
                    if (thread.stopRequested()) return;
                    if (LinuxPersonality.isRestart(res)) {
                        interruptedSyscall(res);
                        if (thread.stopRequested()) return;
                    } else {
                        abi.setResult(cpu, res);
                    }
                }
                case Services.ICACHE_INVALIDATE -> {
                    engine.invalidate(cpu.serviceArgs[0], cpu.serviceArgs[1], "icache invalidate");
                    // other threads' engines on this memory hear it through the code-write listeners
                    if (space.memory().isShared()) space.memory().discardCode(cpu.serviceArgs[0], cpu.serviceArgs[1]);
                }
                case Services.SYNC_CONTEXT -> { }
                case Services.BREAKPOINT -> {
                    if (cpu.serviceArgs[0] != 0) {
                        // the service resumes after the trap instruction; the signal reports the instruction
                        cpu.pc -= isa.breakpointInsnSize(isa.context(cpu));
                        if (!fault(SIGTRAP, LinuxPersonality.TRAP_BRKPT, cpu.pc, false)) {
                            die(SIGTRAP, String.format("trap (pc 0x%08x)", cpu.pc));
                            return;
                        }
                    }
                }
                default -> {
                    die(SIGILL, "unknown service " + sc.service());
                    return;
                }
            }
        }
    }

    /** -d page: the map after a call that changes it. */
    private void pageLog(String name, int[] a, int res) {
        switch (name) {
            case "mmap", "mmap2", "mprotect", "mremap" -> diag.page(String.format(
                    "%s(0x%x, 0x%x, 0x%x) = 0x%x (tid %d)", name, a[0], a[1], a[2], res, thread.tid()), space.describe());
            case "munmap" -> diag.page(String.format("munmap(0x%x, 0x%x) = %d (tid %d)", a[0], a[1], res, thread.tid()), space.describe());
            case "brk" -> diag.page(String.format("brk(0x%x) = 0x%x (tid %d)", a[0], res, thread.tid()), space.describe());
            default -> { }
        }
    }

    /** Delivers every signal that is deliverable now (each handler's frame nests on the previous one). */
    private void deliverPending() {
        if (frames == null) {
            take(0); // default actions only: a caught signal terminates (no frames)
            return;
        }
        for (PendingSignal p; (p = take(frames.stackPointer(cpu))) != null; ) {
            if (!push(p, 0, false)) return;
        }
    }

    /** The next signal to handle; with a debugger attached each one stops there first (gdb may change or discard it). */
    private PendingSignal take(int sp) {
        Debugger d = debugger;
        return d == null ? kernel.takeSignal(signals, sp) : kernel.takeSignal(signals, sp, sig -> d.signal(this, sig));
    }

    /**
     * A blocking syscall stopped for a signal: restart it (no handler ran, or SA_RESTART with
     * ERESTARTSYS) or make it fail with EINTR, then run the handler.
     */
    private void interruptedSyscall(int res) {
        SyscallAbi abi = isa.linuxUser().syscalls();
        PendingSignal p = frames == null ? null : take(frames.stackPointer(cpu));
        if (frames == null) take(0);
        if (thread.stopRequested()) return;
        if (p == null) {
            if (frames != null) frames.rewindSyscall(cpu);
            else abi.setResult(cpu, -4);
            return;
        }
        if (res == LinuxPersonality.RESTART_SYS && (p.flags() & PendingSignal.SA_RESTART) != 0) frames.rewindSyscall(cpu);
        else abi.setResult(cpu, -4); // EINTR
        if (!push(p, 0, false)) return;
        deliverPending();
    }

    /** A synchronous fault: true when the guest's handler will run, false when the process dies of it. */
    private boolean fault(int sig, int code, int addr, boolean write) {
        if (debugger != null && (sig = debugger.signal(this, sig)) == 0) return true; // the debugger discarded it
        if (frames == null) return false;
        PendingSignal p = kernel.forceSignal(signals, sig, code, addr, frames.stackPointer(cpu));
        return p != null && push(p, addr, write);
    }

    /** Builds the frame; a frame that cannot be written kills the process with SIGSEGV (force_sigsegv). */
    private boolean push(PendingSignal p, int faultAddr, boolean write) {
        GuestMemory mem = space.memory();
        boolean gated = enterMemory(mem); // the frame's stores take the fast paths
        try {
            int code;
            try {
                code = frames.push(cpu, new SignalDelivery(p.signal(), p.handler(), p.flags(), p.restorer(), p.savedMask(),
                        p.siginfo(), p.stackTop(), p.altSp(), p.altFlags(), p.altSize(), faultAddr, write));
            } finally {
                mem.leaveRunning(gated);
            }
            // return code in the frame runs from the stack (old kernels' executable stacks); stale
            // translations of an earlier frame's words there were dropped by the stores themselves
            if (code != 0) space.memory().setExecutable(code, 8, true);
            return true;
        } catch (MemoryFault f) {
            die(SIGSEGV, String.format("cannot write the frame for signal %d at 0x%08x", p.signal(), f.address));
            return false;
        }
    }

    private boolean sigreturn(boolean rt) {
        try {
            GuestMemory mem = space.memory();
            boolean gated = enterMemory(mem);
            long mask;
            try {
                mask = frames.restore(cpu, rt);
            } finally {
                mem.leaveRunning(gated);
            }
            kernel.restoreSignalMask(signals, mask);
            return true;
        } catch (MemoryFault | IllegalStateException e) {
            return false;
        }
    }

    /** The process dies of {@code signal} (an unhandled fault, a bad frame), with one line saying why. */
    private void die(int signal, String what) {
        diagnostics.printf("dynvm: guest terminated by %s: %s%n", signalName(signal), what);
        diagnostics.flush();
        kernel.killProcess(signal);
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

    // ---- ThreadHost: called by the personality on this thread, during a syscall

    @Override public void setThreadPointer(int value) { isa.linuxUser().syscalls().setThreadPointer(cpu, value); }

    @Override public int threadPointer() { return isa.linuxUser().syscalls().threadPointer(cpu); }

    @Override public int stackPointer() { return frames != null ? frames.stackPointer(cpu) : 0; }

    @Override
    public void spawn(GuestThread child, int stack, boolean setTls, int tls) {
        totals.threadStarted();
        if (child.kernel() != kernel) totals.childForked(); // a new process, not a thread of this one
        UserModeVm vm = new UserModeVm(isa, child.addressSpace(), child.kernel(), child, kind, diag, maxBlocks,
                backgroundCompile, diagnostics, sharedBlocks, totals, config);
        vm.usePersistentBlocks(persistentBlocks);
        vm.cpu.copyFrom(cpu);
        vm.cpu.isaState = cpu.isaState;
        SyscallAbi abi = isa.linuxUser().syscalls();
        abi.setResult(vm.cpu, 0);
        if (stack != 0) abi.setStackPointer(vm.cpu, stack);
        if (setTls) abi.setThreadPointer(vm.cpu, tls);
        if (debugger != null && child.kernel() == kernel) vm.attachDebugger(debugger); // threads, not forked children
        Thread h = new Thread(null, vm::runThread, "dynvm-guest-" + child.pid() + "." + child.tid(), THREAD_STACK);
        h.setDaemon(true);
        kernel.system().attach(child, h);
        h.start();
    }

    @Override
    public void exec(ExecLoader.Image image) {
        Start s = (Start) image.payload();
        long now = System.nanoTime();
        totals.add(cpu, engine, now - imageNanos, engineNanos); // the old image's work still counts
        totals.execed();
        imageNanos = now;
        engineNanos = 0;
        engine.close();
        isa = s.isa();
        space = image.space();
        engine = newEngine();
        if (debugger != null) engine.setBreakpoints(debugger.breakpoints());
        cpu = newCpu();
        isa.linuxUser().initUserState(cpu, s.entry(), s.stackPointer());
        frames = isa.linuxUser().signalFrames();
        replaced = true;
    }

    /**
     * What --stats prints, once the run has ended: every thread of every process of the run
     * (forked children and exec'd images included), what they reused of each other's work
     * ({@link SharedBlocks}), and what the JVM did.
     */
    public RunStats stats() {
        return new RunStats(kind.name().toLowerCase(java.util.Locale.ROOT), totals, endNanos - startNanos, JvmStats.now(), false,
                kind == EngineKind.DBT && config.sharedBlocks() ? sharedBlocks.describe() : null);
    }
}
