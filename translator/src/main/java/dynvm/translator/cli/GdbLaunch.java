package dynvm.translator.cli;

import dynvm.translator.gdb.GdbStub;
import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** {@code run -g PORT}: listens on localhost, waits for gdb, then runs the guest under the stub. */
final class GdbLaunch {
    private GdbLaunch() { }

    /** The guest's exit status, or null after reporting a usage error. */
    static Integer run(GuestLauncher.Request req, IsaRegistry registry, int port, EngineKind kind, PrintStream err,
                       GuestLauncher.HostLink link) {
        if (kind == EngineKind.LOCKSTEP) {
            err.println("dynvm: -g works with --engine dbt or interp");
            return null;
        }
        if (port < 0 || port > 65535) {
            err.println("dynvm: -g expects a TCP port (0: any free one)");
            return null;
        }
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            err.println("dynvm: waiting for gdb on localhost:" + server.getLocalPort());
            err.flush();
            return GuestLauncher.run(req, registry, vm -> {
                try {
                    GdbStub.accept(server, vm, err);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, link);
        } catch (IOException | UncheckedIOException e) {
            err.println("dynvm: gdb stub: " + e.getMessage());
            return null;
        }
    }
}
