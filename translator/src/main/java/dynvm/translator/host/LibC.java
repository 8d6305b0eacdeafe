package dynvm.translator.host;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.util.Optional;

/**
 * The few host C library calls dynvm needs to behave as a native program of the host: I/O and
 * terminal control on the standard descriptors, and its own signals and death. Bound through JNA
 * (already a dependency for capstone); size_t and unsigned long are long (LP64 Linux hosts only).
 * Failures return -1 and leave errno in {@link Native#getLastError()}.
 */
interface LibC extends Library {
    int F_GETFD = 1, F_GETFL = 3, FD_CLOEXEC = 1;
    /** asm-generic ioctl numbers of the host (x86-64, aarch64, riscv64 share them). */
    long TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TIOCGWINSZ = 0x5413,
            TIOCSWINSZ = 0x5414, FIONREAD = 0x541b;
    int RLIMIT_CORE = 4, SIG_SETMASK = 2, SIG_UNBLOCK = 1;

    int O_NOCTTY = 0400, O_CLOEXEC = 02000000;

    int open(String path, int flags);
    int close(int fd);
    long read(int fd, Pointer buf, long count);
    long write(int fd, Pointer buf, long count);
    long lseek(int fd, long offset, int whence);
    int poll(Pointer fds, long nfds, int timeout);
    int fcntl(int fd, int cmd, int arg);
    int ioctl(int fd, long request, Pointer arg);
    int isatty(int fd);
    int getpid();
    int kill(int pid, int sig);
    Pointer signal(int sig, Pointer handler);
    int setrlimit(int resource, Pointer rlim);
    int sigemptyset(Pointer set);
    int sigaddset(Pointer set, int sig);
    int pthread_sigmask(int how, Pointer set, Pointer old);

    /** The host's C library, or empty (not Linux, no JNA native support). */
    static Optional<LibC> load() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) return Optional.empty();
        try {
            JnaDispatch.useCachedCopy();
            JnaDispatch.platformPaths();
            return Optional.of(Native.load("c", LibC.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
