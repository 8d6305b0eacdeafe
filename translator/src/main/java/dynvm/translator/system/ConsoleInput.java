package dynvm.translator.system;

import dynvm.microkernel.device.Pl011;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Host input to the guest's serial console, with qemu's {@code -nographic} escapes: Ctrl-A x
 * ends the VM, Ctrl-A Ctrl-A sends one Ctrl-A, Ctrl-A h lists the escapes. One daemon thread
 * reads the host's stdin and feeds the console UART, waiting while its FIFO is full, so fast
 * input is never dropped. End of input leaves the guest running (as qemu does).
 */
public final class ConsoleInput implements AutoCloseable {
    private static final int CTRL_A = 1;
    private final Thread thread;
    private volatile boolean closed;

    private ConsoleInput(InputStream in, Machine machine, Pl011 uart, PrintStream err) {
        thread = new Thread(() -> pump(in, machine, uart, err), "dynvm-console-in");
        thread.setDaemon(true);
    }

    /** Starts pumping {@code in} into the machine's console, or returns null when it has none. */
    public static ConsoleInput start(InputStream in, Machine machine, PrintStream err) {
        Pl011 uart = machine.consoleDevice();
        if (uart == null) return null;
        ConsoleInput c = new ConsoleInput(in, machine, uart, err);
        c.thread.start();
        return c;
    }

    private void pump(InputStream in, Machine machine, Pl011 uart, PrintStream err) {
        boolean escape = false;
        try {
            for (int b; !closed && (b = in.read()) >= 0; ) {
                if (escape) {
                    escape = false;
                    switch (b) {
                        case 'x' -> {
                            err.println("dynvm: terminated (Ctrl-A x)");
                            machine.stop(0);
                            return;
                        }
                        case CTRL_A -> uart.receiveBlocking((byte) CTRL_A);
                        case 'h' -> err.println("dynvm: Ctrl-A x  exit; Ctrl-A Ctrl-A  send Ctrl-A; Ctrl-A h  this help");
                        default -> { } // unknown escapes are dropped, as in qemu
                    }
                } else if (b == CTRL_A) {
                    escape = true;
                } else {
                    uart.receiveBlocking((byte) b);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // input gone: the guest keeps running without it
        }
    }

    @Override public void close() { closed = true; }
}
