package dynvm.translator.gdb;

import dynvm.translator.gdb.rsp.RspConnection;
import dynvm.translator.gdb.debuggee.DebugTarget;
import dynvm.translator.gdb.user.UserModeDebugTarget;
import dynvm.translator.vm.UserModeVm;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A GDB remote serial protocol stub, all-stop, for one {@link DebugTarget} over one connection,
 * like qemu's {@code -g}: the target waits stopped before its first instruction until gdb
 * connects and resumes it.
 *
 * <p>Three layers, each knowing only the one below:
 * <ol>
 *   <li><b>framing</b> ({@link RspConnection}, {@code RspCodec}): packets, checksums, acks,
 *       escapes, run-length, the interrupt byte;</li>
 *   <li><b>stop coordination</b> ({@link StopCoordinator}): which threads run, park, step, and
 *       which stop gdb hears about; the target's threads report to it as {@code DebugEvents};</li>
 *   <li><b>commands</b> (one {@link CommandFamily} per packet family, routed by
 *       {@link CommandDispatcher}): parse a packet, ask the target or the coordinator, reply.</li>
 * </ol>
 * This class wires them and runs the protocol thread: read a packet, dispatch, send the reply.
 * When gdb hangs up or detaches, breakpoints and watchpoints go and the target runs on free;
 * when the target exits, the stub reports it, gives gdb a moment to read it, and hangs up.
 *
 * <p>User mode enters through {@link #accept(ServerSocket, UserModeVm, PrintStream)}; another kind
 * of VM implements {@link DebugTarget} and calls {@link #start}.
 */
public final class GdbStub {
    /** How long the exiting target waits for gdb to read the exit and hang up (batch gdb does at once). */
    private static final long EXIT_LINGER_MILLIS = 3000;

    private final RspConnection connection;
    private final DebugTarget target;
    private final StopCoordinator stops;
    private final CommandDispatcher commands;
    private final Thread protocolThread;

    private GdbStub(RspConnection connection, DebugTarget target) {
        this.connection = connection;
        this.target = target;
        this.stops = new StopCoordinator(target, connection::send, this::hangUpAfterExit);
        this.commands = CommandDispatcher.standard(target, stops, this::kill);
        this.protocolThread = new Thread(this::serve, "dynvm-gdb");
        protocolThread.setDaemon(true);
    }

    /**
     * Waits on {@code server} for gdb to connect, then puts {@code vm} (the process's first
     * thread, not yet running) under the stub. Throws when the ISA has no gdb description.
     * {@code diagnostics} is reserved for the stub's own messages (it prints none yet).
     */
    public static GdbStub accept(ServerSocket server, UserModeVm vm, PrintStream diagnostics) throws IOException {
        UserModeDebugTarget target = new UserModeDebugTarget(vm);
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        return start(RspConnection.over(s), target);
    }

    /**
     * Serves gdb on {@code connection} for {@code target}, which is stopped before its first
     * instruction: attaches to the target, then answers packets on a daemon thread of its own.
     */
    public static GdbStub start(RspConnection connection, DebugTarget target) {
        GdbStub stub = new GdbStub(connection, target);
        target.attach(stub.stops);
        stub.protocolThread.start();
        return stub;
    }

    private void serve() {
        try {
            for (String packet; (packet = connection.nextPacket(stops::interrupt)) != null; ) {
                Reply r = commands.dispatch(packet);
                if (r.payload() != null) connection.send(r.payload());
                r.afterwards().run();
                if (r.endsSession()) break;
            }
        } catch (IOException e) {
            // gdb went away: the target runs on free
        } finally {
            detach();
            connection.close();
        }
    }

    /** Drops breakpoints and watchpoints and lets every thread run on. */
    private void detach() { stops.detach(target::clearBreakpointsAndWatchpoints); }

    private void kill() {
        detach();
        target.kill();
    }

    /** On the exiting target's thread, once the exit is reported: let gdb read it and hang up, then close. */
    private void hangUpAfterExit() {
        try {
            protocolThread.join(EXIT_LINGER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }

    @Override
    public String toString() { return "gdb stub for " + target; }
}
