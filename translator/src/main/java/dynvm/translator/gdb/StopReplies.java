package dynvm.translator.gdb;

import dynvm.translator.gdb.debuggee.Watchpoint;

/**
 * The stop replies the stub sends, with gdb's signal numbers: {@code T} (a thread stopped, why),
 * {@code W} (exited with a status), {@code X} (killed by a signal).
 */
final class StopReplies {
    static final int SIGINT = 2, SIGTRAP = 5;

    private StopReplies() { }

    /** Thread {@code tid} stopped with Linux signal {@code signal}. */
    static String signalled(int signal, int tid) {
        return String.format("T%02xthread:%x;", GdbSignals.toGdb(signal), tid);
    }

    /** Thread {@code tid} completed an access to {@code w}. */
    static String watchpoint(Watchpoint w, int tid) {
        return String.format("T%02x%s:%x;thread:%x;", SIGTRAP, w.kind().stopReason(), w.address(), tid);
    }

    /** The target ended with shell status {@code status} (128+N: killed by signal N). */
    static String exited(int status) {
        return status > 128 && status < 128 + 65 ? String.format("X%02x", GdbSignals.toGdb(status - 128)) : String.format("W%02x", status & 0xff);
    }
}
