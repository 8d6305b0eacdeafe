package dynvm.translator.gdb.debuggee;

import dynvm.spi.GdbTarget;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * What the GDB stub debugs: a user-mode process (its threads, {@code gdb.user}) or a system-mode
 * machine (its vCPUs, {@code gdb.system}). The stub's command handlers reach the guest only through this interface, its
 * {@link DebugThread}s and the {@link DebugEvents} the target reports to, so a new kind of VM is
 * debugged by implementing these three, without touching the stub.
 *
 * <p>Layering, bottom up: {@code rsp.RspConnection} frames packets; the stub's stop coordinator
 * decides which threads run and sends stop replies; one command class per packet family turns
 * packets into calls on this interface. Nothing here knows the protocol's bytes except the
 * register layout, which is gdb's target description.
 *
 * <p>Threads of control are pulled, not pushed: the target's CPU threads call
 * {@link DebugEvents#checkpoint} between slices of guest code and are parked there while gdb has
 * the target stopped. So the stub needs no "resume" or "step" call here; {@link
 * DebugThread#requestCheckpoint} is how it stops a running thread.
 *
 * <p>Addresses are virtual, as the guest sees them (through the MMU in system mode), carried in
 * a {@code long}; a 32-bit target uses the low 32 bits.
 */
public interface DebugTarget {
    /**
     * Starts reporting to {@code events}: the target's threads announce themselves with {@link
     * DebugEvents#threadStarted} and meet the stub at checkpoints from now on. Called once,
     * before the stub serves gdb; the initial thread has not run an instruction yet and is
     * announced before this returns (a machine announces all its vCPUs), so gdb's first
     * thread list is complete.
     */
    void attach(DebugEvents events);

    /**
     * The thread gdb sees first (the process's main thread, CPU 0): the first stop reply names it,
     * and register and memory packets fall back to it when no thread is left.
     */
    DebugThread initialThread();

    /**
     * Registers in gdb's remote numbering (list index = regnum of g/G/p/P packets). A
     * system-mode target appends its privileged registers (status and control registers,
     * banked registers) after the user ones, in features of their own.
     */
    List<GdbTarget.Register> registers();

    /** The target description (target.xml) declaring {@link #registers()}. */
    String targetXml();

    /** Byte order of register values and memory on the wire. */
    ByteOrder byteOrder();

    /** The auxiliary vector (type/value words up to AT_NULL) for qXfer:auxv:read; empty where there is none. */
    Optional<byte[]> auxv();

    /**
     * Inserts a breakpoint at {@code address}: every thread stops before executing it (see {@link
     * DebugThread#atBreakpoint}). Returns false when the target cannot (gdb then falls back).
     */
    boolean insertBreakpoint(long address);

    /** Removes the breakpoint at {@code address}; false when the target does not support breakpoints. */
    boolean removeBreakpoint(long address);

    /**
     * Starts watching guest accesses to {@code w}'s bytes: a matching access by guest code calls
     * {@link DebugEvents#watchpointHit} on the accessing thread. Returns false when the target
     * cannot (gdb then uses software watchpoints).
     */
    boolean insertWatchpoint(Watchpoint w);

    /** Stops watching {@code w}; false when the target does not support watchpoints. */
    boolean removeWatchpoint(Watchpoint w);

    /** Drops every breakpoint and watchpoint: gdb detached. */
    void clearBreakpointsAndWatchpoints();

    /** Ends the guest at gdb's request (kill): a process dies with SIGKILL, a machine powers off. */
    void kill();

    /**
     * Runs gdb's {@code monitor COMMAND}; the text it prints, or empty when the target has no such
     * command (gdb is told the packet is not supported).
     */
    default Optional<String> monitor(String command) { return Optional.empty(); }
}
