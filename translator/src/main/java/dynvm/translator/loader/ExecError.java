package dynvm.translator.loader;

import dynvm.microkernel.linux.Errno;

/**
 * Why a program could not be loaded, as execve(2) reports it: a Linux errno (ENOENT, EACCES,
 * ENOEXEC, ELIBBAD, ELOOP, E2BIG, ENOMEM) plus a one-line reason for people, and optionally a
 * hint (such as which sysroot to pass with -L). {@link #shellStatus()} is the exit status a shell
 * reports for the failure.
 */
public final class ExecError extends Exception {
    private final int errno;
    private final String hint;
    private final boolean badScriptInterpreter;

    public ExecError(int errno, String reason) {
        this(errno, reason, null, false);
    }

    ExecError(int errno, String reason, String hint, boolean badScriptInterpreter) {
        super(reason);
        this.errno = errno;
        this.hint = hint;
        this.badScriptInterpreter = badScriptInterpreter;
    }

    /** The errno execve would return (positive). */
    public int errno() { return errno; }

    /** Extra advice for the user, or null. */
    public String hint() { return hint; }

    /**
     * 127 when the program or its ELF interpreter does not exist (bash: "required file not
     * found"); 126 for everything else, including a missing {@code #!} interpreter (bash: "bad
     * interpreter").
     */
    public int shellStatus() {
        return errno == Errno.ENOENT && !badScriptInterpreter ? 127 : 126;
    }

    /** The reason followed by the hint in parentheses, if any. */
    public String describe() {
        return hint == null ? getMessage() : getMessage() + " (" + hint + ")";
    }
}
