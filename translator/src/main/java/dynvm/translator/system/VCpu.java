package dynvm.translator.system;

import dynvm.cache.Translation;
import dynvm.ir.Terminal;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.microkernel.mmu.PhysicalBus;
import dynvm.microkernel.mmu.SoftMmu;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.spi.Services;
import dynvm.spi.sys.Platform;
import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;
import dynvm.translator.gdb.debuggee.DebugEvents;
import dynvm.translator.vm.Breakpoints;
import dynvm.translator.vm.CodeMap;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.ExecutionEngine;
import dynvm.translator.vm.Interpreter;
import dynvm.translator.vm.RunTotals;
import dynvm.translator.vm.StatsTiming;
import dynvm.translator.vm.Translator;
import java.nio.ByteOrder;

/**
 * One virtual CPU of a machine: the guest registers, the ISA's privileged model, a soft MMU and
 * an engine of its own, run on one host thread (a microkernel thread).
 *
 * <p>The loop is the VMM's exit handler, as in the L4 vCPU model: the engine runs guest code
 * until it needs the VMM, and every exit is handled here by asking the ISA's
 * {@link SystemCpu}: a sensitive instruction ({@link Services#SYSTEM}) is executed, a trap or a
 * memory fault becomes the guest's exception, an asserted interrupt is taken at the next block
 * boundary, WFI parks the thread until an interrupt arrives. Nothing here knows which ISA runs.
 *
 * <p>It is also the {@link Platform} its {@link SystemCpu} sees: TLB control goes to its own
 * soft MMU; the bus, counter, timers, interrupt inputs and hypercalls go to the machine.
 */
public final class VCpu implements Platform {
    private final int index;
    private final Isa isa;
    private final MachineServices machine;
    private final CpuState cpu;
    private final SystemCpu sys;
    private final SoftMmu mmu;
    private final ExecutionEngine engine;
    private final boolean bigEndian;
    /**
     * The engine's settings. Its {@link EngineConfig#interruptLoopBudget} is how many passes a
     * translated loop runs before it checks for an interrupt: it bounds the interrupt latency of a
     * spinning guest to a few thousand loop passes (~10 us) at no measurable cost.
     */
    private final EngineConfig config;

    VCpu(int index, Isa isa, String cpuModel, MachineServices machine, EngineKind kind, Diag diag, EngineConfig config, int maxBlocks) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.index = index;
        this.isa = isa;
        this.machine = machine;
        this.bigEndian = isa.byteOrder() == ByteOrder.BIG_ENDIAN;
        this.cpu = new CpuState(isa.registers());
        this.sys = isa.systemModel().createCpu(cpuModel, cpu, this);
        this.mmu = new SoftMmu(machine.bus(), this::walk, machine.codePages(), sys.mmuIndexCount());
        mmu.setMmuIndex(sys.mmuIndex()); // the model may have chosen one while it was being built
        MemoryPort data = new SoftMmuPort(mmu, bigEndian), fetch = new SoftMmuFetchPort(mmu, bigEndian);
        cpu.mem = data;
        CodeMap code = new CodeMap() {
            @Override public long physical(int pc) { return mmu.codeAddress(pc); }
            @Override public long generation() { return mmu.generation(); }
        };
        this.engine = switch (kind) {
            case INTERP -> new Interpreter(isa, fetch, data, diag, config);
            default -> new Translator(isa, machine.codePages(), mmu, SoftMmu.class, code, fetch, maxBlocks, diag, true, false, config);
        };
        engine.pollInterrupts(config.interruptLoopBudget());
    }

    /** The ISA's walk, its refusals turned into the soft MMU's faults. */
    private long walk(int va, int access, int mmuIndex) {
        try {
            return sys.translate(va, access, mmuIndex);
        } catch (TranslationFault f) {
            throw MemoryFault.system(va, access == SystemCpu.WRITE, access == SystemCpu.FETCH, f.status);
        }
    }

    public CpuState cpu() { return cpu; }

    public SystemCpu system() { return sys; }

    public SoftMmu mmu() { return mmu; }

    public ExecutionEngine engine() { return engine; }

    /** The interrupt controller drives this CPU's IRQ or FIQ input. */
    public void setInterruptLine(int line, boolean level) { sys.setInterruptLine(line, level); }

    /** Runs guest code until the machine stops. */
    void run() {
        startNanos = System.nanoTime();
        try {
            loop();
        } finally {
            endNanos = System.nanoTime();
            engine.close();
            mmu.detach();
        }
    }

    /** For --stats: when the loop started and ended, its time inside the engine and waiting in WFI ({@link StatsTiming#ON} only). */
    private long startNanos, endNanos, engineNanos, idleNanos;

    /** Time from the start of the loop to its end (0 if it never ran). */
    public long runNanos() { return startNanos == 0 ? 0 : endNanos - startNanos; }

    /** Adds what this vCPU ran to {@code totals}, once it has stopped. */
    public void addTo(RunTotals totals) {
        if (startNanos == 0) return; // never ran
        totals.started(startNanos);
        totals.add(cpu, engine, endNanos - startNanos, engineNanos);
        totals.idle(idleNanos);
    }

    // ---- a debugger (the GDB stub): see dynvm.translator.gdb.system

    /** A debugger attached from another thread, picked up by the loop at its next slice. */
    private volatile Debugger pendingDebugger;
    /** The debugger the loop reports to (the vCPU thread's own copy), or null. */
    private Debugger debugger;
    /** The debugger wants this vCPU at a checkpoint soon: it leaves WFI for it. */
    private volatile boolean checkpointRequested;
    /** True while the engine runs guest code (not while parked, in WFI or in a service). */
    private volatile boolean inEngine;

    /** The stub's events and breakpoints, as the vCPU loop needs them. */
    public record Debugger(DebugEvents events, Breakpoints breakpoints) { }

    /**
     * Puts this vCPU under a debugger: from its next slice it meets {@code d}'s events at a
     * checkpoint before each slice (parking there while gdb holds the machine), and its engine
     * stops before {@code d}'s breakpoints. Safe from any thread, before or while the machine runs.
     */
    public void attachDebugger(Debugger d) {
        pendingDebugger = d;
        requestCheckpoint();
    }

    /** True while the vCPU thread is at a debugger checkpoint (parked there while gdb holds it). */
    private volatile boolean inCheckpoint;

    /**
     * Waits up to {@code millis} for a running vCPU to reach a checkpoint after {@link
     * #requestCheckpoint} (gdb attaching to a running machine reads settled registers then).
     * Returns at once when the machine has not started or is stopping.
     */
    public void awaitCheckpoint(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (machine.running() && !machine.stopping() && !inCheckpoint && System.nanoTime() < end) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** gdb's thread id of this vCPU: its index + 1. */
    public int debugId() { return index + 1; }

    /** Asks the vCPU to reach its next checkpoint soon: the engine returns, WFI wakes. */
    public void requestCheckpoint() {
        checkpointRequested = true;
        cpu.interrupt = true;
        machine.wakeUp(this);
    }

    /** Withdraws {@link #requestCheckpoint} (the vCPU is parked). */
    public void clearCheckpointRequest() {
        checkpointRequested = false;
    }

    /** Does a debugger want this vCPU at a checkpoint (so WFI returns)? */
    boolean checkpointRequested() { return checkpointRequested; }

    /** Is the vCPU executing guest instructions right now? */
    public boolean inEngine() { return inEngine; }

    /** Does the machine stop (a parked vCPU must let go)? */
    public boolean machineStopping() { return machine.stopping(); }

    /**
     * The physical address {@code va} maps to for an access of kind {@code access} (a
     * {@link SystemCpu} kind) as this CPU sees it now, or -1 when it is not mapped so: a page-table
     * walk without side effects on the guest (no abort, no TLB fill). Tries the current MMU index,
     * then the others (a debugger may read what only the kernel or only user code may).
     */
    public long debugTranslate(long va, int access) {
        int now = sys.mmuIndex();
        for (int k = -1; k < sys.mmuIndexCount(); k++) {
            int idx = k < 0 ? now : k;
            if (k >= 0 && k == now) continue;
            try {
                long e = sys.translate((int) va, access, idx);
                return (e & ~0xfffL & 0xffffffffL) | (va & 0xfff);
            } catch (TranslationFault | MemoryFault f) {
                // not at this index
            }
        }
        return -1;
    }

    /** The RAM or ROM page holding physical {@code pa}, or null (a device, or nothing: never touched by a debugger). */
    public PhysicalBus.Backing debugBacking(long pa) { return machine.bus().backing(pa & ~0xfffL); }

    /** A debugger wrote {@code len} bytes at physical {@code pa} or moved a breakpoint there: translations from there go. */
    public void discardCode(long pa, int len) { machine.codePages().discard(pa, len); }

    private void loop() {
        while (!machine.stopping()) {
            boolean step = false;
            Debugger d = pendingDebugger;
            if (d != debugger) {
                debugger = d;
                engine.setBreakpoints(d.breakpoints());
            }
            if (d != null) {
                cpu.interrupt = false;
                checkpointRequested = false; // met here (a request from now on is met at the next one)
                inCheckpoint = true;
                try {
                    step = machine.debugCheckpoint(this, d.events());
                } finally {
                    inCheckpoint = false;
                }
                if (machine.stopping()) break;
            }
            // a single step runs the instruction at the pc gdb saw, interrupts stay pending (qemu's NOIRQ)
            if (!step && sys.interruptAsserted()) sys.takeInterrupt();
            cpu.interrupt = false;
            long before = cpu.insnCount;
            int exit;
            long t0 = StatsTiming.ON ? System.nanoTime() : 0;
            try {
                if (d != null) {
                    inEngine = true;
                    exit = step ? engine.stepOne(cpu) : engine.run(cpu);
                } else {
                    exit = engine.run(cpu);
                }
            } catch (MemoryFault f) {
                if (StatsTiming.ON) engineNanos += System.nanoTime() - t0;
                inEngine = false;
                machine.sliceEnded(this, cpu.insnCount - before);
                sys.abort(f.address, f.exec ? SystemCpu.FETCH : f.write ? SystemCpu.WRITE : SystemCpu.READ, f.status);
                continue;
            }
            if (StatsTiming.ON) engineNanos += System.nanoTime() - t0;
            inEngine = false;
            machine.sliceEnded(this, cpu.insnCount - before);
            if (exit == Translation.EXIT_BUDGET) continue;
            Terminal t = engine.lastExit();
            if (exit == Translation.EXIT_TRAP) {
                Terminal.Trap trap = (Terminal.Trap) t;
                cpu.pc = trap.pc();
                sys.trap(trap);
                continue;
            }
            Terminal.ServiceCall sc = (Terminal.ServiceCall) t;
            switch (sc.service()) {
                case Services.SYSTEM -> {
                    switch (sys.execute(cpu.serviceArgs, sc.nextPc())) {
                        case SystemCpu.WAIT_FOR_INTERRUPT -> {
                            long w = StatsTiming.ON ? System.nanoTime() : 0;
                            machine.waitForInterrupt(this);
                            if (StatsTiming.ON) idleNanos += System.nanoTime() - w;
                        }
                        case SystemCpu.RESET -> machine.systemReset();
                        default -> { } // CONTINUE, YIELD (the slice ends anyway), POWER_OFF (the machine is stopping)
                    }
                }
                case Services.SYNC_CONTEXT, Services.ICACHE_INVALIDATE -> { } // stores to code are seen on physical pages
                default -> throw new IllegalStateException(String.format(
                        "the front-end raised user-mode service %d in system mode (pc 0x%08x)", sc.service(), cpu.pc));
            }
        }
    }

    // ---- Platform: what the ISA's privileged model sees

    @Override public int cpuIndex() { return index; }

    @Override
    public long readPhysical(long pa, int size) {
        PhysicalBus bus = machine.bus();
        PhysicalBus.Backing b = (pa & 0xfff) + size <= 0x1000 ? bus.backing(pa & ~0xfffL) : null;
        if (b == null) return busRead(bus, pa, size);
        long v = 0;
        int at = b.offset() + (int) (pa & 0xfff);
        for (int k = 0; k < size; k++) {
            long byt = b.array()[at + k] & 0xff;
            v = bigEndian ? v << 8 | byt : v | byt << (8 * k);
        }
        return v;
    }

    private static long busRead(PhysicalBus bus, long pa, int size) {
        try {
            return bus.read(pa, size);
        } catch (dynvm.microkernel.device.BusError e) {
            throw new TranslationFault((int) pa, SystemCpu.READ, TranslationFault.EXTERNAL);
        }
    }

    @Override
    public void writePhysical(long pa, int size, long value) {
        PhysicalBus bus = machine.bus();
        PhysicalBus.Backing b = (pa & 0xfff) + size <= 0x1000 ? bus.backing(pa & ~0xfffL) : null;
        try {
            if (b == null || !b.writable()) { bus.write(pa, size, value); return; }
        } catch (dynvm.microkernel.device.BusError e) {
            throw new TranslationFault((int) pa, SystemCpu.WRITE, TranslationFault.EXTERNAL);
        }
        int at = b.offset() + (int) (pa & 0xfff);
        for (int k = 0; k < size; k++)
            b.array()[at + k] = (byte) (bigEndian ? value >>> (8 * (size - 1 - k)) : value >>> (8 * k));
    }

    // the CPU model may call these while it is being built, before the soft MMU exists (it starts empty)
    @Override public void flushTlb() { if (mmu != null) mmu.flushAll(); }

    @Override public void flushTlbPage(int va) { if (mmu != null) mmu.flushPage(va); }

    @Override public void setMmuIndex(int i) { if (mmu != null) mmu.setMmuIndex(i); }

    @Override public long counter() { return machine.counter(); }

    @Override public long counterFrequency() { return machine.counterFrequency(); }

    @Override public Timer newTimer(Runnable onExpiry) { return machine.newTimer(onExpiry); }

    @Override public void setPrivateInterrupt(int id, boolean level) { machine.setPrivateInterrupt(index, id, level); }

    @Override public long hypercall(int number, int[] args) { return machine.hypercall(this, number, args); }

    @Override public void powerOff() { machine.powerOff(0); }

    @Override public void systemReset() { machine.systemReset(); }
}
