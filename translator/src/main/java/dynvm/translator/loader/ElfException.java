package dynvm.translator.loader;

import dynvm.microkernel.linux.Errno;

/**
 * A guest program that cannot be loaded. The message is one line naming the reason (for example
 * "truncated ELF header"), so the CLI can print it after the file name and nothing else. The
 * errno is what execve(2) would fail with: ENOEXEC unless said otherwise (E2BIG for arguments
 * that do not fit the stack, ENOMEM for an image that does not fit the window).
 */
public final class ElfException extends Exception {
    private final int errno;

    public ElfException(String reason) {
        this(reason, Errno.ENOEXEC);
    }

    public ElfException(String reason, int errno) {
        super(reason);
        this.errno = errno;
    }

    public int errno() { return errno; }
}
