package dynvm.translator.host;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dynvm.microkernel.linux.HostStdio;
import dynvm.microkernel.linux.LinuxPersonality;
import dynvm.translator.launch.GuestLauncher;

import java.util.ArrayList;
import java.util.List;

/**
 * What makes {@code dynvm run} behave as a well-mannered host program, as qemu-user does: the
 * guest uses the host's descriptors 0-2 themselves ({@link NativeStdio}); the signals the host
 * sends to dynvm reach the guest as its own ({@link #FORWARDED}); a terminal's mode is put back
 * on every way out; and when the guest's first process dies by a signal, dynvm dies by the same
 * signal ({@link #finish}), so a parent sees WIFSIGNALED.
 *
 * <p>Signals are caught with {@code sun.misc.Signal}: HotSpot then runs the handler on its signal
 * dispatcher thread, which only posts the signal to the guest (no work in signal context).
 * SIGQUIT cannot be caught that way (HotSpot keeps it for its thread dump, with or without
 * -Xrs); -Xrs would also forbid catching SIGINT, SIGTERM and SIGHUP, so it is not used. The
 * launcher hides the dump with -XX:-DisplayVMOutput. docs/host-integration.md has the table.
 * Without the host C library (not Linux) the run is as before: Java streams, no forwarding.
 */
public final class HostSession implements GuestLauncher.HostLink {
    /** The signals forwarded to the guest: every catchable one except those the JVM or the host needs. */
    static final String[] FORWARDED = {"HUP", "INT", "USR1", "USR2", "ALRM", "TERM", "CONT", "TSTP", "TTIN", "TTOU", "WINCH"};
    private static final int SIGSTOP = 19;

    private final LibC c;
    private final NativeStdio stdio;
    private final List<int[]> savedModes = new ArrayList<>(); // {fd} then the termios bytes below
    private final List<byte[]> savedTermios = new ArrayList<>();
    private volatile LinuxPersonality kernel;
    private final List<Integer> early = new ArrayList<>();
    private volatile boolean restored;

    private HostSession(LibC c) {
        this.c = c;
        this.stdio = new NativeStdio(c);
    }

    /** Joins the host process: saves terminal modes, catches the forwarded signals. Null without the host C library. */
    public static HostSession open() {
        LibC c = LibC.load().orElse(null);
        if (c == null) return null;
        HostSession s = new HostSession(c);
        s.saveTerminals();
        s.catchSignals();
        Runtime.getRuntime().addShutdownHook(new Thread(s::restoreTerminals, "dynvm-restore-terminal"));
        return s;
    }

    @Override public HostStdio stdio() { return stdio; }

    @Override public void started(LinuxPersonality k) {
        List<Integer> before;
        synchronized (early) {
            kernel = k;
            before = new ArrayList<>(early);
            early.clear();
        }
        for (int sig : before) forward(sig);
    }

    private void saveTerminals() {
        for (int fd = 0; fd <= 2; fd++) {
            if (!stdio.isatty(fd)) continue;
            byte[] t = new byte[HostStdio.TERMIOS_SIZE];
            if (stdio.getTermios(fd, t) == 0) {
                savedModes.add(new int[]{fd});
                savedTermios.add(t);
            }
        }
    }

    /** Puts every terminal back in the mode it had when dynvm started (idempotent). */
    public void restoreTerminals() {
        if (restored) return;
        restored = true;
        for (int i = 0; i < savedModes.size(); i++) stdio.setTermios(savedModes.get(i)[0], HostStdio.TCSADRAIN, savedTermios.get(i));
    }

    private void catchSignals() {
        for (String name : FORWARDED) {
            try {
                sun.misc.Signal sig = new sun.misc.Signal(name);
                sun.misc.Signal.handle(sig, s -> arrived(s.getNumber()));
            } catch (IllegalArgumentException refused) {
                // a JVM option took it (e.g. -Xrs for HUP, INT, TERM): it keeps its JVM meaning
            }
        }
    }

    private void arrived(int sig) {
        synchronized (early) {
            if (kernel == null) {
                if (!early.contains(sig)) early.add(sig);
                return;
            }
        }
        forward(sig);
    }

    private void forward(int sig) {
        LinuxPersonality k = kernel;
        if (k.system().hostSignal(sig)) {
            // a stop signal the guest leaves at its default action stops dynvm, as qemu-user does
            c.kill(c.getpid(), SIGSTOP);
        }
    }

    /**
     * The end of the run: the terminal's mode is put back, and when the guest's first process was
     * killed by a signal, dynvm dies by it (core dumps off, the signal's default action restored
     * and unblocked, then sent to itself); otherwise returns {@code status}.
     */
    public int finish(int status) {
        System.out.flush();
        System.err.flush();
        restoreTerminals();
        LinuxPersonality k = kernel;
        int sig = k == null ? 0 : k.killedBySignal();
        if (sig <= 0 || sig >= 32 || sig == SIGSTOP) return status;
        String core = coreSignalName(sig);
        if (core != null) {
            // as qemu-user says it (its "core dumped" would be untrue: dynvm writes no guest core)
            System.err.println("dynvm: uncaught target signal " + sig + " (" + core + ") - no core");
            System.err.flush();
        }
        dieBy(sig);
        return status;
    }

    /** The name of a signal whose default action dumps core, or null. */
    static String coreSignalName(int sig) {
        return switch (sig) {
            case 3 -> "Quit"; case 4 -> "Illegal instruction"; case 5 -> "Trace/breakpoint trap"; case 6 -> "Aborted";
            case 7 -> "Bus error"; case 8 -> "Floating point exception"; case 11 -> "Segmentation fault";
            case 24 -> "CPU time limit exceeded"; case 25 -> "File size limit exceeded"; case 31 -> "Bad system call";
            default -> null;
        };
    }

    /** Ends this process by {@code sig}, as the guest was: the parent sees WIFSIGNALED with it. */
    private void dieBy(int sig) {
        Memory zero = new Memory(16);
        zero.clear();
        c.setrlimit(LibC.RLIMIT_CORE, zero);
        c.signal(sig, Pointer.NULL); // SIG_DFL
        Memory set = new Memory(128);
        c.sigemptyset(set);
        c.sigaddset(set, sig);
        c.pthread_sigmask(LibC.SIG_UNBLOCK, set, null);
        c.kill(c.getpid(), sig);
        try {
            Thread.sleep(2000); // delivery is asynchronous; a signal that does not kill falls through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
