package dynvm.translator.host;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import dynvm.microkernel.linux.HostStdio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host's descriptors 0-2 through the C library ({@link HostStdio}). read(2)/write(2) on the
 * descriptor itself, rather than Java streams, because only they give the guest Linux's answers:
 * {@code FileOutputStream} turns EPIPE, ENOSPC and EBADF into one IOException type with a message,
 * {@code System.in} is a buffered stream that reads ahead, and neither can poll, tell a terminal,
 * or set its mode. Data moves through a per-thread native buffer of at most {@link #CHUNK} bytes
 * (passing the guest's RAM array to JNA would copy all of it), so one call moves at most that
 * much: a short count, which Linux allows for pipes and terminals and programs loop on.
 *
 * <p>Which descriptors are the guest's: one the host left closed may have been reused by the JVM
 * for its own files before any Java code ran (the module image, the class path, the start-up
 * archive). Those are opened close-on-exec, and a descriptor a parent passes down never is, so a
 * close-on-exec descriptor 0-2, or one naming a file of the JVM's own installation or class
 * path, counts as closed.
 */
public final class NativeStdio implements HostStdio {
    static final int CHUNK = 1 << 20;
    private final LibC c;
    private final ThreadLocal<Memory> buffers = new ThreadLocal<>();
    /** One struct pollfd per thread: every guest read and write polls first. */
    private final ThreadLocal<Memory> pollFds = ThreadLocal.withInitial(() -> new Memory(8));

    NativeStdio(LibC c) { this.c = c; }

    /** The host's standard descriptors, or empty when the C library cannot be bound. */
    public static Optional<NativeStdio> load() { return LibC.load().map(NativeStdio::new); }

    private Memory buffer(int len) {
        Memory m = buffers.get();
        if (m == null || m.size() < len) {
            m = new Memory(Math.max(len, 4096));
            buffers.set(m);
        }
        return m;
    }

    private static int err() { return -Native.getLastError(); }

    @Override public int openFlags(int fd) {
        int fdFlags = c.fcntl(fd, LibC.F_GETFD, 0);
        if (fdFlags < 0 || (fdFlags & LibC.FD_CLOEXEC) != 0 || jvmOwn(fd)) return -1;
        int fl = c.fcntl(fd, LibC.F_GETFL, 0);
        return fl < 0 ? -1 : fl;
    }

    /**
     * The launcher's list ({@code -Ddynvm.hostFds=3,63}): it reads its own /proc/PID/fd just
     * before it execs the JVM, so the list is what the caller passed down and nothing the JVM
     * opens. Entries {@link #openFlags} refuses (close-on-exec, the JVM's own) are left out by the caller.
     */
    @Override public int[] inheritedDescriptors() {
        String list = System.getProperty("dynvm.hostFds", "");
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(f -> f.matches("[0-9]{1,6}"))
                .mapToInt(Integer::parseInt).filter(fd -> fd > 2).distinct().sorted().toArray();
    }

    /** Does {@code fd} name a file under java.home or on the class path (the JVM reused a closed descriptor)? */
    private static boolean jvmOwn(int fd) {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
            if (target.startsWith(Path.of(System.getProperty("java.home")).toRealPath())) return true;
            for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                if (!e.isEmpty() && !e.endsWith("*") && target.equals(Path.of(e).toAbsolutePath().normalize())) return true;
            }
            String name = target.getFileName() == null ? "" : target.getFileName().toString();
            return name.endsWith(".jsa") || name.endsWith(".aot") || name.equals("modules");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override public int openTerminal(String path, int accmode) {
        int fd = c.open(path, (accmode & 3) | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        return fd < 0 ? err() : fd;
    }

    @Override public void close(int fd) { if (fd > 2) c.close(fd); }

    @Override public int read(int fd, byte[] b, int off, int len) {
        int n = Math.min(len, CHUNK);
        Memory m = buffer(n);
        long r = c.read(fd, m, n);
        if (r < 0) return err();
        m.read(0, b, off, (int) r);
        return (int) r;
    }

    @Override public int write(int fd, byte[] b, int off, int len) {
        int n = Math.min(len, CHUNK);
        Memory m = buffer(n);
        m.write(0, b, off, n);
        long r = c.write(fd, m, n);
        return r < 0 ? err() : (int) r;
    }

    @Override public long seek(int fd, long offset, int whence) {
        long r = c.lseek(fd, offset, whence);
        return r < 0 ? err() : r;
    }

    @Override public int poll(int fd, int events, int timeoutMillis) {
        Memory p = pollFds.get();
        p.setInt(0, fd);
        p.setShort(4, (short) events);
        p.setShort(6, (short) 0);
        int r = c.poll(p, 1, timeoutMillis);
        if (r < 0) return err();
        return r == 0 ? 0 : p.getShort(6) & 0xffff;
    }

    @Override public int available(int fd) {
        Memory n = new Memory(4);
        n.setInt(0, 0);
        return c.ioctl(fd, LibC.FIONREAD, n) < 0 ? err() : n.getInt(0);
    }

    @Override public boolean isatty(int fd) { return c.isatty(fd) == 1; }

    @Override public int getTermios(int fd, byte[] t) {
        Memory m = new Memory(64);
        if (c.ioctl(fd, LibC.TCGETS, m) < 0) return err();
        m.read(0, t, 0, TERMIOS_SIZE);
        return 0;
    }

    @Override public int setTermios(int fd, int action, byte[] t) {
        Memory m = new Memory(64);
        m.clear();
        m.write(0, t, 0, TERMIOS_SIZE);
        long req = action == TCSADRAIN ? LibC.TCSETSW : action == TCSAFLUSH ? LibC.TCSETSF : LibC.TCSETS;
        return c.ioctl(fd, req, m) < 0 ? err() : 0;
    }

    @Override public int[] windowSize(int fd) {
        Memory m = new Memory(8);
        if (c.ioctl(fd, LibC.TIOCGWINSZ, m) < 0) return null;
        return new int[]{m.getShort(0) & 0xffff, m.getShort(2) & 0xffff, m.getShort(4) & 0xffff, m.getShort(6) & 0xffff};
    }

    @Override public int setWindowSize(int fd, int[] w) {
        Memory m = new Memory(8);
        for (int i = 0; i < 4; i++) m.setShort(2L * i, (short) w[i]);
        return c.ioctl(fd, LibC.TIOCSWINSZ, m) < 0 ? err() : 0;
    }

    /** The bound C library, for {@link HostSignals} and terminal restore. */
    LibC libc() { return c; }

}
