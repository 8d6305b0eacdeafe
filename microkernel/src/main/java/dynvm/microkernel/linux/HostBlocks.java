package dynvm.microkernel.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * st_blocks and st_blksize as the host's stat gives them (the JDK's attribute views have neither):
 * {@code ls -s} and {@code du} count allocated blocks, which differ from the size for sparse and
 * small files. Through the C library's fstatat on a 64-bit Linux host, whose struct stat has
 * st_blksize at 56 and st_blocks at 64 (x86-64 and asm-generic alike); null elsewhere, and the
 * caller estimates from the size. {@code -Ddynvm.hostBlocks=false} skips the host call (and JNA's
 * start-up, paid once by the first stat of a run) and estimates always.
 *
 * <p>Bound through a JNA {@code Library} proxy by default: JNA's direct mapping
 * ({@code Native.register}) first builds its {@code Structure.FFIType} table (JNA structures,
 * read reflectively with their field-order annotations), which cost a warm hello about 40 ms of
 * CPU (0.35 against 0.31 s with {@code -Ddynvm.hostBlocks=false}, 9 rounds) on its first stat,
 * more than a run's stats cost through the proxy (a few microseconds each: the proxy's dispatch,
 * the path converted and the buffer copied in and out, as the direct call does too).
 * {@code -Ddynvm.hostBlocksDirect=true}: the direct mapping, as before.
 */
final class HostBlocks {
    /** JNA's direct mapping (a native method, no proxy). */
    private static final class C {
        static native int fstatat(int dirfd, String path, byte[] buf, int flags);
    }

    /** The same call through a JNA proxy. */
    interface CLib extends com.sun.jna.Library {
        int fstatat(int dirfd, String path, byte[] buf, int flags);
    }

    private static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    /** The proxy, or null for the direct mapping (when {@link #BOUND}). */
    private static CLib lib;
    private static final boolean BOUND = bind();

    private HostBlocks() {}

    private static boolean bind() {
        if (!Boolean.parseBoolean(System.getProperty("dynvm.hostBlocks", "true"))) return false;
        if (!Platform.isLinux() || !Platform.is64Bit()) return false;
        try {
            if (Boolean.getBoolean("dynvm.hostBlocksDirect")) {
                Native.register(C.class, Platform.C_LIBRARY_NAME);
            } else {
                CLib l = Native.load(Platform.C_LIBRARY_NAME, CLib.class);
                l.fstatat(AT_FDCWD, "/", new byte[256], 0); // (binds the symbol now: a C library without it estimates)
                lib = l;
            }
            return true;
        } catch (Throwable e) { // no JNA native part, or a C library without fstatat (glibc < 2.33): estimate
            return false;
        }
    }

    /** {blksize, blocks} of {@code path}, or null when the host cannot say. */
    static long[] of(String path, boolean follow) {
        if (!BOUND) return null;
        byte[] st = new byte[256];
        int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
        if ((lib != null ? lib.fstatat(AT_FDCWD, path, st, flags) : C.fstatat(AT_FDCWD, path, st, flags)) != 0) return null;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(st).order(java.nio.ByteOrder.nativeOrder());
        return new long[] {b.getInt(56), b.getLong(64)};
    }
}
