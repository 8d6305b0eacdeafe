package dynvm.microkernel.linux;

/**
 * The host's own descriptors 0, 1 and 2 (and any others the program inherited), reached through the host C library rather than Java
 * streams, so the guest gets their real semantics: a write to a pipe whose reader left fails
 * with EPIPE (and the personality raises SIGPIPE), a full device with ENOSPC, a descriptor the
 * host closed is closed for the guest, and no byte is buffered on the way. Terminal control
 * (termios, window size) acts on the real terminal. Every call returns a result or
 * {@code -errno} with the host's (asm-generic) numbering, never throws.
 *
 * <p>The personality names no host library: the launcher supplies an implementation (or none,
 * in which case the configured Java streams serve, as for tests with in-memory streams).
 */
public interface HostStdio {
    int POLLIN = 1, POLLOUT = 4, POLLERR = 8, POLLHUP = 16;
    /** tcsetattr's actions: now, after output drained, after output drained and input flushed. */
    int TCSANOW = 0, TCSADRAIN = 1, TCSAFLUSH = 2;
    /** sizeof the kernel's asm-generic struct termios: four flag words, c_line, c_cc[19]. */
    int TERMIOS_SIZE = 36, CC_AT = 17, NCCS = 19;

    /**
     * The access mode and status flags (F_GETFL, asm-generic O_* bits) of host descriptor
     * {@code fd} when the guest may use it; -1 when the host left it closed (whatever the JVM
     * itself opened there later is never the guest's).
     */
    int openFlags(int fd);

    /**
     * The host descriptors above 2 the program was started with (a shell's {@code 3<file}, a
     * process substitution's {@code /dev/fd/63}, make's jobserver pipe): the guest gets them under
     * the same numbers, as under Linux and qemu-user. Only the launcher knows which of the JVM's
     * descriptors were inherited, so none unless it says ({@code -Ddynvm.hostFds}).
     */
    default int[] inheritedDescriptors() { return new int[0]; }

    /**
     * Opens a terminal device ({@code /dev/tty}, {@code /dev/pts/N}) on the host with access mode
     * {@code accmode} (O_RDONLY, O_WRONLY, O_RDWR), without making it the controlling terminal:
     * the new host descriptor, or -errno. Other files are opened by the personality itself.
     */
    int openTerminal(String path, int accmode);

    /** Closes a descriptor {@link #openTerminal} returned. */
    void close(int fd);

    /** read(2): bytes read, 0 at end of input, or -errno. May block. */
    int read(int fd, byte[] b, int off, int len);

    /** write(2): bytes written or -errno. May block. */
    int write(int fd, byte[] b, int off, int len);

    /** lseek(2): the new offset, or -errno (ESPIPE for a pipe or terminal). */
    long seek(int fd, long offset, int whence);

    /** poll(2) of one descriptor for {@code events}, waiting up to {@code timeoutMillis}: revents, or -errno. */
    int poll(int fd, int events, int timeoutMillis);

    /** Bytes ready to read (FIONREAD), or -errno. */
    int available(int fd);

    boolean isatty(int fd);

    /** TCGETS into {@code t} ({@link #TERMIOS_SIZE} bytes, native byte order): 0 or -errno. */
    int getTermios(int fd, byte[] t);

    /** TCSETS/TCSETSW/TCSETSF ({@code action}) from {@code t}: 0 or -errno. */
    int setTermios(int fd, int action, byte[] t);

    /** TIOCGWINSZ: {rows, cols, xpixel, ypixel}, or null when not a terminal. */
    int[] windowSize(int fd);

    /** TIOCSWINSZ: 0 or -errno. */
    int setWindowSize(int fd, int[] rowsColsXY);
}
