package dynvm.translator.system;

import dynvm.microkernel.device.AlarmService;
import dynvm.microkernel.device.Gicv2;
import dynvm.microkernel.device.Pl011;
import dynvm.microkernel.device.RealTimeClock;
import dynvm.microkernel.kernel.Endpoint;
import dynvm.microkernel.kernel.IpcResult;
import dynvm.microkernel.kernel.IpcStatus;
import dynvm.microkernel.kernel.KThread;
import dynvm.microkernel.kernel.Kernel;
import dynvm.microkernel.kernel.Message;
import dynvm.microkernel.kernel.Partition;
import dynvm.microkernel.kernel.Scheduler;
import dynvm.microkernel.kernel.ThreadStopped;
import dynvm.microkernel.kernel.Space;
import dynvm.microkernel.machine.BootLayout;
import dynvm.microkernel.machine.BuiltDevice;
import dynvm.microkernel.machine.DeviceCatalog;
import dynvm.microkernel.machine.DeviceContext;
import dynvm.microkernel.machine.MachineProfile;
import dynvm.microkernel.machine.ProfileDeviceTree;
import dynvm.microkernel.machine.Region;
import dynvm.microkernel.mmu.CodePages;
import dynvm.microkernel.mmu.PhysicalBus;
import dynvm.spi.Isa;
import dynvm.spi.sys.Hypercalls;
import dynvm.spi.sys.Platform;
import dynvm.spi.sys.SystemCpu;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import dynvm.translator.vm.JvmStats;
import dynvm.translator.vm.RunStats;
import dynvm.translator.vm.RunTotals;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One virtual machine assembled from a {@link MachineProfile}: a microkernel {@link Kernel} (its
 * clock, timers and the guest-physical {@link Space}), the device servers the profile names
 * with their interrupts wired to its interrupt controller, the generated device tree, the boot
 * image, and one {@link VCpu} running on a kernel thread.
 *
 * <p>The machine is where the VMM's services live: it is each vCPU's {@link MachineServices}
 * (counter, timers, the controller's private inputs, power) and it serves dynvm's para-virtual
 * hypercalls ({@link Hypercalls}): console output, yield, a one-shot timer, the VM id and
 * messages between VMs, carried by microkernel IPC endpoints.
 */
public final class Machine implements MachineServices, AutoCloseable {
    /** Frequency of the system counter when the profile does not say (QEMU's Cortex-A15: 62.5 MHz). */
    static final long DEFAULT_COUNTER_HZ = 62_500_000L;
    /** The private interrupt dynvm's para-virtual timer raises (PPI 15: unused on virt). */
    public static final int PARAVIRT_TIMER_IRQ = 31;
    /** Exit status when --timeout ends the VM (as timeout(1)). */
    public static final int TIMEOUT_STATUS = 124;

    /** How to build and boot one VM (the boot command's options, or one VM of a configuration). */
    public record Options(String machine, String memory, EngineKind engine, Path kernel, Path bios, Path dtb,
                          String append, int icountShift, int vmId, String cpuModel) {
        public Options {
            if (machine == null) machine = "virt";
            if (engine == null) engine = EngineKind.DBT;
        }
    }

    /** A machine that cannot be built or booted: one line for the user. */
    public static final class MachineError extends Exception {
        public MachineError(String message) { super(message, null, false, false); }
    }

    private final Options options;
    private final MachineProfile profile;
    private final Kernel kernel;
    private final Space space;
    private final CodePages codePages = new CodePages();
    private final Gicv2 gic;
    private final Pl011 console;
    private final Isa isa;
    private final VCpu vcpu;
    private final long counterHz;
    private final byte[] dtb;
    private final long dtbAddress;
    private final OutputStream consoleOut;
    private final Object wfiLock = new Object();
    private final dynvm.microkernel.kernel.Timer paravirtTimer;
    /** Messages sent to this VM (dynvm's SEND/RECEIVE hypercalls). */
    private final Endpoint inbox;
    private volatile VmDirectory directory = id -> null;
    private volatile boolean stopping;
    private volatile int exitStatus;
    /** The vCPU's kernel thread: written by the starter and by the thread itself, read by both. */
    private volatile KThread thread;

    /** Finds the other VMs of a configuration by id, for SEND. */
    public interface VmDirectory { Machine find(int vmId); }

    /** With the JVM's {@code -Ddynvm.*} settings ({@link EngineConfig#fromSystemProperties()}, read now). */
    public Machine(Options options, OutputStream consoleOut, Diag diag) throws MachineError {
        this(options, consoleOut, diag, EngineConfig.fromSystemProperties());
    }

    /** A machine whose vCPU's engine runs with {@code config}. */
    public Machine(Options options, OutputStream consoleOut, Diag diag, EngineConfig config) throws MachineError {
        this.options = options;
        this.consoleOut = consoleOut;
        try {
            this.profile = MachineProfile.load(options.machine());
        } catch (RuntimeException e) {
            throw new MachineError(e.getMessage());
        }
        String model = options.cpuModel() != null ? options.cpuModel() : profile.cpu().model();
        this.isa = findIsa(model);
        Region ram;
        try {
            ram = profile.memory().region(options.memory());
        } catch (RuntimeException e) {
            throw new MachineError("-m " + options.memory() + ": " + e.getMessage());
        }
        String name = profile.name() + "#" + options.vmId();
        dynvm.microkernel.kernel.Schedule schedule = dynvm.microkernel.kernel.Schedule.single();
        this.kernel = options.icountShift() >= 0 ? Kernel.onInstructionCount(name, options.icountShift(), schedule)
                : Kernel.onHostTime(name, schedule);
        this.space = kernel.newSpace(name, profile.unassigned(),
                isa.byteOrder());
        this.counterHz = DEFAULT_COUNTER_HZ;
        this.inbox = new Endpoint("vm" + options.vmId() + ".inbox");
        space.addRam(ram.base(), ram.size());

        AlarmService alarms = (delay, action) -> {
            dynvm.microkernel.kernel.Timer t = kernel.timers().newTimer(action);
            t.arm(kernel.clock().nanos() + delay);
            return t::cancel;
        };
        VCpu[] cpus = new VCpu[1];
        DeviceContext ctx = new DeviceContext(consoleOut, RealTimeClock.host(), alarms,
                (cpu, irq) -> { if (cpus[0] != null) cpuLine(cpus[0], irq); }, () -> 0, 1,
                () -> { if (cpus[0] != null) cpus[0].mmu().flushAll(); });
        List<BuiltDevice> board;
        try {
            board = DeviceCatalog.standard().build(profile, ctx);
        } catch (RuntimeException e) {
            throw new MachineError(profile.source() + ": " + e.getMessage());
        }
        Gicv2 foundGic = null;
        Pl011 foundUart = null;
        for (BuiltDevice d : board) {
            for (BuiltDevice.Window w : d.windows()) space.addMmio(w.base(), w.device());
            if (d.server() instanceof Gicv2 g) foundGic = g;
            if (d.spec().name().equals(profile.console()) && d.server() instanceof Pl011 u) foundUart = u;
        }
        this.gic = foundGic;
        this.console = foundUart;

        cpus[0] = vcpu = new VCpu(0, isa, model, this, options.engine(), diag, config, 1 << 16);
        this.paravirtTimer = kernel.timers().newTimer(() -> setPrivateInterrupt(0, PARAVIRT_TIMER_IRQ, true));

        // boot image and device tree, placed as QEMU places them
        BootLayout layout;
        SystemCpu sys = vcpu.system();
        try {
            if (options.bios() != null) {
                byte[] image = Files.readAllBytes(options.bios());
                loadFirmware(image);
                layout = BootLayout.of(profile, BootLayout.Kind.FIRMWARE, ram.size(), 0);
                sys.reset((int) flashBase());
            } else if (options.kernel() != null) {
                byte[] image = Files.readAllBytes(options.kernel());
                String file = options.kernel().toString();
                if (BootImages.isElf(image)) {
                    BootImages.Elf k = BootImages.loadElf(file, image, isa, space);
                    layout = BootLayout.ofElf(profile, ram.size(), k.start(), k.end());
                    sys.reset(k.entry());
                } else {
                    layout = BootLayout.of(profile, BootLayout.Kind.RAW_KERNEL, ram.size(), 0);
                    BootImages.loadRaw(file, image, space, layout.kernel(), ram.base() + ram.size());
                    sys.bootLinux((int) layout.kernel(), (int) layout.dtb());
                }
            } else { // as QEMU without -kernel or -bios: the CPU starts at the (empty) boot flash
                layout = BootLayout.of(profile, BootLayout.Kind.FIRMWARE, ram.size(), 0);
                sys.reset((int) flashBase());
            }
            this.dtb = options.dtb() != null ? Files.readAllBytes(options.dtb())
                    : ProfileDeviceTree.blob(profile, ProfileDeviceTree.Options.defaults(profile).withRamSize(ram.size())
                        .withBootargs(options.append()));
            this.dtbAddress = layout.dtb();
            BootImages.write(space, dtbAddress, dtb, 0, dtb.length, "device tree");
        } catch (IOException e) {
            throw new MachineError(e.getMessage());
        } catch (BootImages.BootError e) {
            throw new MachineError(e.getMessage());
        }
    }

    private static Isa findIsa(String cpuModel) throws MachineError {
        StringBuilder known = new StringBuilder();
        for (Isa i : new IsaRegistry().all()) {
            if (i.systemModel() == null) continue;
            if (i.systemModel().cpuModels().contains(cpuModel)) return i;
            known.append(known.length() == 0 ? "" : ", ").append(String.join(", ", i.systemModel().cpuModels()));
        }
        throw new MachineError("no installed front-end models CPU \"" + cpuModel + "\" (system models: "
                + (known.length() == 0 ? "none" : known) + ")");
    }

    /** The profile's firmware device (flash) base: where --bios images go and run from. */
    private long flashBase() throws MachineError {
        return profile.device(profile.boot().firmwareDevice())
                .orElseThrow(() -> new MachineError(profile.name() + ": no firmware device " + profile.boot().firmwareDevice()))
                .base();
    }

    private void loadFirmware(byte[] image) throws MachineError {
        long base = flashBase();
        for (dynvm.microkernel.kernel.Region r : space.regions()) {
            if (r.base() == base && r.device() instanceof dynvm.microkernel.device.CfiFlash flash) {
                if (image.length > flash.size()) throw new MachineError(String.format("--bios: %d bytes do not fit in %d MiB of flash", image.length, flash.size() >> 20));
                flash.load(image, 0);
                return;
            }
        }
        throw new MachineError(profile.name() + ": the firmware device is not a flash");
    }

    private void cpuLine(VCpu cpu, boolean irq) {
        cpu.setInterruptLine(SystemCpu.IRQ, irq);
        if (irq) synchronized (wfiLock) { wfiLock.notifyAll(); }
    }

    public Isa isa() { return isa; }
    public MachineProfile profile() { return profile; }
    public VCpu vcpu() { return vcpu; }
    /** The machine's vCPUs in index order (one today). */
    public List<VCpu> vcpus() { return List.of(vcpu); }

    /** Runs once with the exit status when the last vCPU has ended (a debugger reports it); before {@link #start}. */
    public void onExit(java.util.function.IntConsumer listener) { exitListener = listener; }

    private volatile java.util.function.IntConsumer exitListener;
    public Kernel kernel() { return kernel; }
    public byte[] deviceTree() { return dtb.clone(); }
    public long deviceTreeAddress() { return dtbAddress; }
    public int vmId() { return options.vmId(); }
    public void setDirectory(VmDirectory d) { directory = d; }

    /** The console's receive side, for host input (null when the board has no console UART). */
    public Pl011 consoleDevice() { return console; }

    /** Runs the VM until it powers off or is stopped, on its own kernel's scheduler; returns its exit status. */
    public int run() {
        start(kernel.scheduler(), kernel.scheduler().schedule().partitions().get(0));
        return await();
    }

    /**
     * Starts the vCPU as a thread of {@code scheduler} in {@code partition} (several VMs share one
     * scheduler, each in its own partition: time isolation between them).
     */
    public void start(Scheduler scheduler, Partition partition) {
        thread = scheduler.spawn(kernel.name() + ".vcpu0", partition, 1, self -> {
            // the vCPU may block (WFI, IPC) before spawn has returned and the assignment above is done
            thread = self;
            try {
                vcpu.run();
            } finally {
                ended = true;
                java.util.function.IntConsumer l = exitListener;
                if (l != null) l.accept(exitStatus);
            }
        });
    }

    /** Waits for the vCPU thread to end; returns the exit status (70 when it failed inside dynvm: see {@link #failure}). */
    public int await() {
        thread.scheduler().join(thread, Long.MAX_VALUE);
        Throwable f = thread.failure();
        if (f != null && !(f instanceof ThreadStopped)) {
            failure = f;
            return 70;
        }
        return exitStatus;
    }

    /** What ended the vCPU thread abnormally (an internal error), or null. */
    public Throwable failure() { return failure; }

    private volatile Throwable failure;

    /**
     * --stats, on {@code err} once the VM has stopped: the common report ({@link RunStats}) for
     * the vCPU, and the soft TLB's misses.
     */
    public void printStats(java.io.PrintStream err) {
        RunTotals totals = new RunTotals();
        vcpu.addTo(totals);
        RunStats s = new RunStats(options.engine().name().toLowerCase(java.util.Locale.ROOT), totals,
                vcpu.runNanos(), JvmStats.now(), true);
        s.print(err);
        err.printf("  TLB misses          %,d%n", vcpu.mmu().misses());
    }

    /** Stops the VM from any thread with {@code status} (timeout, Ctrl-A x, another VM's request). */
    public void stop(int status) {
        if (stopping) return;
        exitStatus = status;
        stopping = true;
        vcpu.cpu().interrupt = true;
        synchronized (wfiLock) { wfiLock.notifyAll(); }
    }

    @Override
    public void close() {
        stop(exitStatus);
        inbox.close();
        kernel.close();
    }

    // ---- MachineServices

    @Override public PhysicalBus bus() { return space; }
    @Override public CodePages codePages() { return codePages; }

    @Override
    public long counter() {
        long ns = kernel.clock().nanos();
        return ns / 1_000_000_000L * counterHz + ns % 1_000_000_000L * counterHz / 1_000_000_000L;
    }

    @Override public long counterFrequency() { return counterHz; }

    @Override
    public Platform.Timer newTimer(Runnable onExpiry) {
        dynvm.microkernel.kernel.Timer t = kernel.timers().newTimer(onExpiry);
        return new Platform.Timer() {
            @Override public void arm(long deadline) {
                long secs = deadline / counterHz;
                if (deadline < 0 || secs > 1L << 32) { t.cancel(); return; } // centuries away: never
                t.arm(secs * 1_000_000_000L + (deadline % counterHz * 1_000_000_000L + counterHz - 1) / counterHz);
            }

            @Override public void cancel() { t.cancel(); }
        };
    }

    @Override
    public void setPrivateInterrupt(int cpu, int id, boolean level) {
        if (gic != null) gic.setPpi(cpu, id, level);
    }

    @Override
    public long hypercall(VCpu cpu, int number, int[] args) {
        switch (number) {
            case Hypercalls.CONSOLE_WRITE -> {
                int len = args[1];
                if (len < 0 || len > 1 << 20) return -22;
                byte[] bytes;
                try {
                    bytes = space.dump(args[0] & 0xffffffffL, len);
                } catch (RuntimeException e) {
                    return -14; // EFAULT
                }
                try {
                    consoleOut.write(bytes);
                    consoleOut.flush();
                } catch (IOException e) {
                    return -5;
                }
                return len;
            }
            case Hypercalls.YIELD -> {
                if (thread != null) thread.yieldPoint();
                return 0;
            }
            case Hypercalls.SET_TIMER -> {
                long ns = (args[0] & 0xffffffffL) | (long) args[1] << 32;
                setPrivateInterrupt(cpu.cpuIndex(), PARAVIRT_TIMER_IRQ, false);
                paravirtTimer.arm(kernel.clock().nanos() + ns);
                return 0;
            }
            case Hypercalls.VM_ID -> { return options.vmId(); }
            case Hypercalls.CLOCK -> { return kernel.clock().nanos(); }
            case Hypercalls.SEND -> {
                Machine to = directory.find(args[0]);
                if (to == null) return -3; // ESRCH
                byte[] bytes;
                try {
                    bytes = space.dump(args[1] & 0xffffffffL, Math.max(0, Math.min(args[2], 4096)));
                } catch (RuntimeException e) {
                    return -14;
                }
                Message m = Message.of(options.vmId()).withPayload(bytes);
                IpcStatus st = thread.blocking(() -> to.inbox.send(m, 1_000_000_000L));
                return st == IpcStatus.OK ? 0 : -110;
            }
            case Hypercalls.RECEIVE -> {
                long timeout = Math.max(0, args[2]) * 1_000_000L;
                IpcResult r = thread.blocking(() -> inbox.receive(timeout));
                if (r.status() != IpcStatus.OK) return -110;
                byte[] payload = r.message().payload();
                int n = Math.min(payload.length, Math.max(0, args[1]));
                try {
                    BootImages.write(space, args[0] & 0xffffffffL, payload, 0, n, "receive buffer");
                } catch (BootImages.BootError e) {
                    return -14;
                }
                return n;
            }
            default -> { return Hypercalls.UNKNOWN; }
        }
    }

    @Override public void powerOff(int status) { stop(status); }

    @Override public void systemReset() { stop(0); } // QEMU with -no-reboot: a reset ends the run

    @Override public boolean stopping() { return stopping; }

    @Override
    public void sliceEnded(VCpu cpu, long insns) {
        kernel.retired(insns);
        kernel.timers().runDue();
        if (thread != null) thread.yieldPoint();
    }

    @Override
    public boolean debugCheckpoint(VCpu cpu, dynvm.translator.gdb.debuggee.DebugEvents events) {
        if (thread == null) return events.checkpoint(cpu.debugId());
        return thread.blocking(() -> events.checkpoint(cpu.debugId()));
    }

    @Override
    public boolean running() { return thread != null && !ended; }

    /** Set when the vCPU thread has ended. */
    private volatile boolean ended;

    @Override
    public void wakeUp(VCpu cpu) {
        synchronized (wfiLock) { wfiLock.notifyAll(); }
    }

    @Override
    public void waitForInterrupt(VCpu cpu) {
        SystemCpu sys = cpu.system();
        while (!stopping && !sys.interruptAsserted() && !cpu.checkpointRequested()) {
            if (kernel.isDeterministic()) {
                // nothing runs until a timer fires: guest time jumps to it (qemu's icount sleep)
                if (!kernel.skipToNextTimer()) {
                    synchronized (wfiLock) { waitBriefly(Long.MAX_VALUE); }
                }
                continue;
            }
            thread.blocking(() -> {
                synchronized (wfiLock) { if (!stopping && !sys.interruptAsserted() && !cpu.checkpointRequested()) waitBriefly(kernel.timers().nanosUntilNext()); }
                return null;
            });
            kernel.timers().runDue(); // the timer we slept for, fired here rather than by the timer thread
        }
    }

    /** Waits on {@link #wfiLock} for an interrupt, at most {@code nanos} and never more than 10 ms (a stop is noticed). */
    private void waitBriefly(long nanos) {
        if (nanos <= 0) return;
        try {
            long n = Math.min(nanos, 10_000_000L);
            wfiLock.wait(n / 1_000_000L, (int) (n % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(exitStatus);
        }
    }
}
