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
 */
final class HostBlocks {
    /** JNA's direct mapping (a native method, no proxy): cheap enough to call once per stat. */
    private static final class C {
        static native int fstatat(int dirfd, String path, byte[] buf, int flags);
    }

    private static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    private static final boolean BOUND = bind();

    private HostBlocks() {}

    private static boolean bind() {
        if (!Boolean.parseBoolean(System.getProperty("dynvm.hostBlocks", "true"))) return false;
        if (!Platform.isLinux() || !Platform.is64Bit()) return false;
        try {
            Native.register(C.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (Throwable e) { // no JNA native part, or a C library without fstatat (glibc < 2.33): estimate
            return false;
        }
    }

    /** {blksize, blocks} of {@code path}, or null when the host cannot say. */
    static long[] of(String path, boolean follow) {
        if (!BOUND) return null;
        byte[] st = new byte[256];
        if (C.fstatat(AT_FDCWD, path, st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0) return null;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(st).order(java.nio.ByteOrder.nativeOrder());
        return new long[] {b.getInt(56), b.getLong(64)};
    }
}
