package dynvm.translator.gdb.user;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.GdbTarget;
import dynvm.translator.gdb.debuggee.DebugEvents;
import dynvm.translator.gdb.debuggee.DebugTarget;
import dynvm.translator.gdb.debuggee.DebugThread;
import dynvm.translator.gdb.debuggee.SoftwareBreakpoints;
import dynvm.translator.gdb.debuggee.Watchpoint;
import dynvm.translator.vm.UserModeVm;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * A user-mode process as gdb sees it, like qemu-user's {@code -g}: one gdb thread per guest
 * thread (the guest tid), registers as the front-end's {@link GdbTarget} describes them, memory
 * as the process's address space, the auxv the loader wrote.
 *
 * <p>Breakpoints are addresses the engines check before each block or instruction (blocks end
 * before them). Watchpoints mark pages of guest memory so stores there take the slow path, which
 * asks {@link WatchedRanges}; read and access watchpoints turn on the load-side check too. The
 * process's threads share one address space, so both are process-wide; they live in the memory of
 * the main thread's current image.
 */
public final class UserModeDebugTarget implements DebugTarget {
    private final UserModeVm main;
    private final GdbTarget description;
    private final ByteOrder byteOrder;
    private final SoftwareBreakpoints breakpoints = new SoftwareBreakpoints(this::discardTranslations);
    private final WatchedRanges watches = new WatchedRanges();
    /** Read before the first instruction runs: the guest may overwrite its stack later. */
    private final byte[] auxv;
    private final DebugThread initial;

    /**
     * The process whose first thread is {@code main}, not yet running. Throws when the ISA has no
     * gdb description.
     */
    public UserModeDebugTarget(UserModeVm main) throws IOException {
        if (main.isa().gdbTarget() == null) throw new IOException("the " + main.isa().name() + " front-end has no gdb register description");
        this.main = main;
        this.description = main.isa().gdbTarget();
        this.byteOrder = main.isa().byteOrder();
        this.auxv = InitialAuxv.read(main, byteOrder == ByteOrder.BIG_ENDIAN);
        this.initial = thread(main);
    }

    /** The debug view of one of the process's threads. */
    DebugThread thread(UserModeVm vm) { return new UserModeDebugThread(vm, description, breakpoints.set()); }

    @Override
    public void attach(DebugEvents events) {
        memory().setWatchListener((addr, len, write) -> {
            Watchpoint w = watches.firstTriggered(addr, len, write);
            return w != null && events.watchpointHit(w);
        });
        main.attachDebugger(new UserModeDebugger(this, breakpoints.set(), events));
    }

    @Override public DebugThread initialThread() { return initial; }
    @Override public List<GdbTarget.Register> registers() { return description.registers(); }
    @Override public String targetXml() { return description.targetXml(); }
    @Override public ByteOrder byteOrder() { return byteOrder; }
    @Override public Optional<byte[]> auxv() { return Optional.of(auxv); }

    @Override public boolean insertBreakpoint(long address) { return breakpoints.insert(address); }
    @Override public boolean removeBreakpoint(long address) { return breakpoints.remove(address); }

    /** Translations running over the address end there now: the engines drop them at their next dispatch. */
    private void discardTranslations(long address) { memory().discardCode((int) address, 4); }

    @Override
    public boolean insertWatchpoint(Watchpoint w) {
        watches.insert(in32Bits(w), memory());
        return true;
    }

    @Override
    public boolean removeWatchpoint(Watchpoint w) {
        watches.remove(in32Bits(w), memory());
        return true;
    }

    /** Addresses wrap at 32 bits, as the guest's do (and stop replies print them so). */
    private static Watchpoint in32Bits(Watchpoint w) {
        return new Watchpoint(w.kind(), Integer.toUnsignedLong((int) w.address()), w.length());
    }

    @Override
    public void clearBreakpointsAndWatchpoints() {
        breakpoints.clear();
        watches.clear(memory());
    }

    @Override public void kill() { main.kernel().killFromOutside(9); }

    private GuestMemory memory() { return main.addressSpace().memory(); }

    @Override public String toString() { return "pid " + main.kernel().pid(); }
}
