package dynvm.translator.gdb;

/**
 * The remote protocol numbers signals as gdb does (its {@code enum gdb_signal}), not as the
 * target OS: Linux's SIGBUS (7) is gdb's 10, SIGUSR1 (10) is gdb's 30. Stop replies, exit
 * replies and C/S/vCont signals are translated here, as qemu-user's stub does.
 */
final class GdbSignals {
    /** gdb's GDB_SIGNAL_UNKNOWN, for a Linux signal gdb has no name for (SIGSTKFLT). */
    static final int UNKNOWN = 143;

    /** gdb number of each Linux signal 0..31 (the real-time ones follow a rule). */
    private static final int[] TO_GDB = {
        0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15,
        UNKNOWN, 20, 19, 17, 18, 21, 22, 16, 24, 25, 26, 27, 28, 23, 32, 12,
    };

    private GdbSignals() { }

    /** gdb's number for Linux signal {@code sig}. */
    static int toGdb(int sig) {
        if (sig >= 0 && sig < TO_GDB.length) return TO_GDB[sig];
        if (sig == 32) return 77;              // GDB_SIGNAL_REALTIME_32
        if (sig >= 33 && sig <= 63) return sig + 12; // GDB_SIGNAL_REALTIME_33.. are 45..
        if (sig == 64) return 78;              // GDB_SIGNAL_REALTIME_64
        return UNKNOWN;
    }

    /** The Linux signal for gdb's number {@code g}; 0 when it has none (gdb's 0 too: no signal). */
    static int toLinux(int g) {
        if (g <= 0) return 0;
        for (int sig = 1; sig <= 64; sig++) if (toGdb(sig) == g && g != UNKNOWN) return sig;
        return 0;
    }
}
