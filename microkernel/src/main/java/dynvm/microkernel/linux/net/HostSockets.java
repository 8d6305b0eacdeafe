package dynvm.microkernel.linux.net;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The host's own BSD socket calls, bound with JNA's direct mapping to the C library. The Linux
 * personality's sockets are host sockets: the host kernel gives every Linux semantic (errno values,
 * MSG_PEEK, SO_ERROR after a non-blocking connect, abstract AF_UNIX names, AF_UNIX datagrams,
 * socketpair, SCM_RIGHTS) for free, which the JDK's channels cannot (no socketpair, no abstract
 * names, no AF_UNIX datagrams, no bound-but-unconnected TCP socket, no peek).
 *
 * <p>Only a Linux host is served: its socket constants are the generic ones (x86, arm, riscv
 * hosts), the same values 32-bit ARM and PowerPC guests use, apart from the handful of SO_*
 * numbers PowerPC moved, which the personality translates. Elsewhere {@link #AVAILABLE} is false
 * and socket(2) fails with EAFNOSUPPORT.
 *
 * <p>Every call returns -1 and leaves errno for {@link #errno()}. Buffers are Java arrays (JNA
 * copies them in and out around the call), so no native memory is held between calls.
 */
public final class HostSockets {
    /** Can the host's socket calls be used (a Linux host whose C library JNA could bind)? */
    public static final boolean AVAILABLE = bind();

    private HostSockets() {}

    private static boolean bind() {
        if (!Platform.isLinux() || Platform.is64Bit() == false) return false;
        try {
            Native.register(HostSockets.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError, no JNA native part: sockets are off
            return false;
        }
    }

    /** errno of the last failed call on this thread. */
    public static int errno() { return Native.getLastError(); }

    public static native int socket(int domain, int type, int protocol);
    public static native int socketpair(int domain, int type, int protocol, int[] sv);
    public static native int bind(int fd, byte[] addr, int len);
    public static native int connect(int fd, byte[] addr, int len);
    public static native int listen(int fd, int backlog);
    public static native int accept4(int fd, byte[] addr, int[] len, int flags);
    public static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int alen);
    public static native long recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] alen);
    public static native long sendmsg(int fd, Pointer msghdr, int flags);
    public static native long recvmsg(int fd, Pointer msghdr, int flags);
    public static native int shutdown(int fd, int how);
    public static native int getsockopt(int fd, int level, int name, byte[] val, int[] len);
    public static native int setsockopt(int fd, int level, int name, byte[] val, int len);
    public static native int getsockname(int fd, byte[] addr, int[] len);
    public static native int getpeername(int fd, byte[] addr, int[] len);
    public static native int close(int fd);
    /** poll(2) over {@code struct pollfd} entries packed as (fd, events | revents << 16) int pairs (little-endian host). */
    public static native int poll(int[] fds, long nfds, int timeoutMs);
    public static native int ioctl(int fd, long request, int[] arg);
}
