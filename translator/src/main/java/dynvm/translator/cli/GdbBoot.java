package dynvm.translator.cli;

import dynvm.translator.gdb.GdbStub;
import dynvm.translator.gdb.rsp.RspConnection;
import dynvm.translator.gdb.system.MachineDebugTarget;
import dynvm.translator.system.Machine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * {@code boot -g PORT}, {@code -s}, {@code -S}: the machine under the GDB stub, as qemu-system's
 * {@code -gdb tcp::PORT}, {@code -s} and {@code -S}. Listens on localhost. Holding the CPU, it
 * waits for gdb before the first instruction (the stub starts stopped); otherwise the machine runs
 * at once and gdb may connect later, which stops it where it is. One gdb session per run.
 */
final class GdbBoot implements AutoCloseable {
    /** qemu's -s port. */
    static final int DEFAULT_PORT = 1234;

    private final ServerSocket server;
    private final Thread acceptor;

    private GdbBoot(ServerSocket server, Thread acceptor) {
        this.server = server;
        this.acceptor = acceptor;
    }

    /**
     * Opens the port and puts {@code m} (built, not yet running) under the stub: with {@code hold},
     * after gdb has connected; otherwise when it connects, on a daemon thread.
     */
    static GdbBoot start(Machine m, int port, boolean hold, PrintStream err) throws IOException, Machine.MachineError {
        if (port < 0 || port > 65535) throw new Machine.MachineError("-g expects a TCP port (0: any free one)");
        MachineDebugTarget target = new MachineDebugTarget(m);
        ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        err.println("dynvm: gdb stub on localhost:" + server.getLocalPort()
                + (hold ? ", the CPU waits for gdb (target remote localhost:" + server.getLocalPort() + ")" : ""));
        err.flush();
        if (hold) {
            serve(server, target);
            return new GdbBoot(server, null);
        }
        Thread t = new Thread(() -> {
            try {
                serve(server, target);
            } catch (IOException e) {
                // the machine ended before gdb came
            }
        }, "dynvm-gdb-accept");
        t.setDaemon(true);
        t.start();
        return new GdbBoot(server, t);
    }

    private static void serve(ServerSocket server, MachineDebugTarget target) throws IOException {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        GdbStub.start(RspConnection.over(s), target);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (acceptor != null) acceptor.interrupt();
    }
}
