package dynvm.microkernel.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The host's inotify, bound with JNA's direct mapping to the C library as {@code HostSockets}
 * binds the socket calls: the guest's file system is the host's, so the host kernel watches it
 * and gives every inotify semantic (event order, IN_Q_OVERFLOW, cookies of a rename pair,
 * IN_IGNORED, IN_MASK_CREATE's EEXIST) for free. The IN_* bits, the errno values and struct
 * inotify_event's shape are the same on every Linux architecture; only the byte order of its four
 * 32-bit words differs, which {@link InotifyFile} converts. Only a 64-bit Linux host: elsewhere
 * {@link #AVAILABLE} is false and inotify_init gives ENOSYS, as a kernel without inotify does.
 * Every call returns -1 and leaves errno for {@link #errno()}.
 */
final class HostInotify {
    static final boolean AVAILABLE = bind();
    /** Host flags: IN_NONBLOCK (the personality plays blocking itself) and IN_CLOEXEC (a host exec must not inherit it). */
    static final int IN_NONBLOCK = 04000, IN_CLOEXEC = 02000000;
    /** Host poll bits and FIONREAD (generic Linux). */
    static final int FIONREAD = 0x541b;

    private HostInotify() {}

    private static boolean bind() {
        if (!Platform.isLinux() || !Platform.is64Bit()) return false;
        try {
            Native.register(HostInotify.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (Throwable e) { // no JNA native part, no inotify in the C library: ENOSYS
            return false;
        }
    }

    static int errno() { return Native.getLastError(); }

    static native int inotify_init1(int flags);
    static native int inotify_add_watch(int fd, String path, int mask);
    static native int inotify_rm_watch(int fd, int wd);
    static native long read(int fd, byte[] buf, long count);
    static native int close(int fd);
    static native int ioctl(int fd, long request, int[] arg);
}
