package dynvm.translator.gdb.system;

import dynvm.spi.GdbTarget;
import dynvm.spi.sys.SystemCpu;
import dynvm.translator.gdb.debuggee.DebugEvents;
import dynvm.translator.gdb.debuggee.DebugTarget;
import dynvm.translator.gdb.debuggee.DebugThread;
import dynvm.translator.gdb.debuggee.SoftwareBreakpoints;
import dynvm.translator.gdb.debuggee.Watchpoint;
import dynvm.translator.system.Machine;
import dynvm.translator.system.VCpu;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A system-mode {@link Machine} as gdb sees it, like qemu-system's gdbstub: one gdb thread per
 * vCPU (id = index + 1), registers as the ISA's {@link GdbTarget} numbers them followed by the
 * privileged registers its system model exposes ({@link MachineRegisters}), memory at virtual
 * addresses through each CPU's MMU as it is set now, never faulting the guest.
 *
 * <p>Breakpoints are virtual pcs the engines stop before (blocks end before them); inserting or
 * removing one drops the translations of the physical page it maps to, so blocks that ran
 * through it are translated again. Each vCPU meets the stub at a checkpoint before every engine
 * slice ({@code VCpu}'s loop) and parks there while gdb holds the machine; a single step runs one
 * instruction with interrupts left pending. Hardware watchpoints are not offered (gdb falls
 * back to single-stepping software watchpoints). {@code kill} powers the machine off.
 */
public final class MachineDebugTarget implements DebugTarget {
    private final Machine machine;
    private final MachineRegisters registers;
    private final ByteOrder byteOrder;
    private final SoftwareBreakpoints breakpoints = new SoftwareBreakpoints(this::discardTranslations);
    private final List<VCpuDebugThread> threads = new ArrayList<>();

    /** The machine, built and reset but not yet running (or running: gdb attaches to it). Throws when the ISA has no gdb description. */
    public MachineDebugTarget(Machine machine) throws IOException {
        GdbTarget user = machine.isa().gdbTarget();
        if (user == null) throw new IOException("the " + machine.isa().name() + " front-end has no gdb register description");
        this.machine = machine;
        this.byteOrder = machine.isa().byteOrder();
        this.registers = new MachineRegisters(user, machine.vcpus().get(0).system());
        for (VCpu c : machine.vcpus()) threads.add(new VCpuDebugThread(c, registers, breakpoints.set()));
    }

    @Override
    public void attach(DebugEvents events) {
        for (VCpuDebugThread t : threads) events.threadStarted(t);
        machine.onExit(events::targetExited);
        for (VCpu c : machine.vcpus()) c.attachDebugger(new VCpu.Debugger(events, breakpoints.set()));
        // attached to a running machine (boot -s): gdb's first register reads see it parked
        for (VCpu c : machine.vcpus()) c.awaitCheckpoint(ATTACH_WAIT_MILLIS);
    }

    /** How long attaching waits for a running vCPU to park (one in a long device access may take a while). */
    private static final long ATTACH_WAIT_MILLIS = 2000;

    @Override public DebugThread initialThread() { return threads.get(0); }
    @Override public List<GdbTarget.Register> registers() { return registers.registers(); }
    @Override public String targetXml() { return registers.targetXml(); }
    @Override public ByteOrder byteOrder() { return byteOrder; }
    @Override public Optional<byte[]> auxv() { return Optional.empty(); }

    @Override public boolean insertBreakpoint(long address) { return breakpoints.insert(address); }
    @Override public boolean removeBreakpoint(long address) { return breakpoints.remove(address); }

    /** Translations running over {@code va} (on the page it maps to for each CPU now) end there from now on. */
    private void discardTranslations(long va) {
        for (VCpu c : machine.vcpus()) {
            long pa = c.debugTranslate(va & 0xffffffffL, SystemCpu.FETCH);
            if (pa >= 0) c.discardCode(pa, 4);
        }
    }

    @Override public boolean insertWatchpoint(Watchpoint w) { return false; }
    @Override public boolean removeWatchpoint(Watchpoint w) { return false; }
    @Override public void clearBreakpointsAndWatchpoints() { breakpoints.clear(); }

    /** gdb's kill: the machine powers off (exit status 0, as qemu-system's). */
    @Override public void kill() { machine.stop(0); }

    /**
     * {@code monitor info registers}: every register by name; {@code monitor help}. The rest is
     * not supported.
     */
    @Override
    public Optional<String> monitor(String command) {
        String c = command.trim();
        if (c.equals("help")) return Optional.of("info registers -- the inspected vCPU's registers, privileged ones included\n");
        if (c.equals("info registers")) {
            StringBuilder sb = new StringBuilder();
            VCpu v = machine.vcpus().get(0);
            for (Map.Entry<String, Long> e : registers.snapshot(v.cpu(), v.system()).entrySet())
                sb.append(String.format("%-8s 0x%08x%n", e.getKey(), e.getValue()));
            return Optional.of(sb.toString());
        }
        return Optional.empty();
    }

    @Override public String toString() { return "machine " + machine.profile().name(); }
}
