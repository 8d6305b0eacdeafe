package dynvm.translator.vm;

import dynvm.ir.GuestException;
import dynvm.microkernel.linux.LinuxPersonality;

/**
 * The Linux personality's reading of an ISA-neutral {@link GuestException}: the signal and
 * {@code si_code} a Linux kernel (and qemu-user) delivers when a user program raises it. The
 * switches are exhaustive, so a new kind does not compile until it has a signal here.
 */
public final class LinuxTrapSignals {
    private LinuxTrapSignals() { }

    /** The signal number (Linux numbering, the same on every architecture served). */
    public static int signal(GuestException kind) {
        return switch (kind) {
            case UNDEFINED_INSTRUCTION, PRIVILEGED_INSTRUCTION -> UserModeVm.SIGILL;
            case BREAKPOINT, TRAP_INSTRUCTION -> UserModeVm.SIGTRAP;
        };
    }

    /** The {@code si_code} of the signal's siginfo. */
    public static int code(GuestException kind) {
        return switch (kind) {
            // a privileged instruction reports ILL_ILLOPC too, as this VM always has (Linux on PowerPC says ILL_PRVOPC)
            case UNDEFINED_INSTRUCTION, PRIVILEGED_INSTRUCTION -> LinuxPersonality.ILL_ILLOPC;
            case BREAKPOINT, TRAP_INSTRUCTION -> LinuxPersonality.TRAP_BRKPT;
        };
    }
}
