package dynvm.microkernel.linux;

/**
 * open(2) flags. The common ones have the asm-generic values on every architecture; the four
 * that differ (O_DIRECTORY, O_NOFOLLOW, O_LARGEFILE, O_DIRECT: {@link LinuxAbi.OpenFlagBits}) are
 * translated to and from the generic values here, so the rest of the personality only sees
 * generic bits.
 */
final class OpenFlags {
    static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    static final int O_CREAT = 0100, O_EXCL = 0200, O_NOCTTY = 0400, O_TRUNC = 01000, O_APPEND = 02000,
            O_NONBLOCK = 04000, O_DSYNC = 010000, O_DIRECT = 040000, O_LARGEFILE = 0100000,
            O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_NOATIME = 01000000, O_CLOEXEC = 02000000,
            O_SYNC = 04000000, O_PATH = 010000000, O_TMPFILE = 020000000;

    /** Flags that F_SETFL may change. */
    static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME;

    private OpenFlags() {}

    static int toGeneric(LinuxAbi abi, int f) {
        LinuxAbi.OpenFlagBits arch = abi.openFlags();
        int special = arch.directory() | arch.nofollow() | arch.largefile() | arch.direct();
        int g = f & ~special;
        if ((f & arch.directory()) != 0) g |= O_DIRECTORY;
        if ((f & arch.nofollow()) != 0) g |= O_NOFOLLOW;
        if ((f & arch.largefile()) != 0) g |= O_LARGEFILE;
        if ((f & arch.direct()) != 0) g |= O_DIRECT;
        return g;
    }

    static int fromGeneric(LinuxAbi abi, int g) {
        LinuxAbi.OpenFlagBits arch = abi.openFlags();
        int special = O_DIRECTORY | O_NOFOLLOW | O_LARGEFILE | O_DIRECT;
        int f = g & ~special;
        if ((g & O_DIRECTORY) != 0) f |= arch.directory();
        if ((g & O_NOFOLLOW) != 0) f |= arch.nofollow();
        if ((g & O_LARGEFILE) != 0) f |= arch.largefile();
        if ((g & O_DIRECT) != 0) f |= arch.direct();
        return f;
    }
}
