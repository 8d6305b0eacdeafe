package dynvm.microkernel.linux;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The facts of one architecture's Linux user ABI that the personality cannot derive from the
 * syscall table: byte order, the {@code uname -m} machine, the ioctl numbers and open/mmap bits
 * that differ from asm-generic, the layout of the few structs whose shape differs, and the
 * argument conventions of old calls that kept an arch-specific form.
 *
 * <p>The personality knows no ISA: each front-end supplies its value through a
 * {@link LinuxAbiProvider}, found by the architecture name its syscall ABI reports. Everything
 * not here is the same on every 32-bit architecture the personality serves (asm-generic values,
 * or layouts that agree); a difference found later is a new component here, never a branch on an
 * architecture name.
 *
 * @param machine       {@code utsname.machine}, what {@code uname -m} prints
 * @param order         the guest's byte order, for every struct and futex word
 * @param openFlags     the O_* bits that are not at their asm-generic position
 * @param mmapFlags     the MAP_* bits that are not at their asm-generic position (shown by strace)
 * @param ioctls        the tty and file ioctl request numbers
 * @param stat64        where struct stat64 keeps the inode number
 * @param statfs64Size  sizeof(struct statfs64): 88, or 84 where the struct is packed
 * @param termios       the struct termios layout and the sane cooked state TCGETS reports
 * @param chownTakes16BitIds whether chown, lchown and fchown are the old calls with 16-bit ids
 *                      (their *32 variants always take 32-bit ids)
 * @param sigsuspendMaskArg  the argument index of the mask in the old sigsuspend call
 * @param socketOptions the SOL_SOCKET option numbers that are not at their asm-generic value
 * @param termiosBits   how struct termios encodes the generic flags
 * @param sysv          the layout of struct shmid64_ds (shmctl's IPC_STAT and IPC_SET)
 * @param cpuinfo       what the guest reads from /proc/cpuinfo (the CPU model's text, as its
 *                      Linux prints it for one processor), or null: a bare "processor : 0"
 */
public record LinuxAbi(String machine, ByteOrder order, OpenFlagBits openFlags, MmapFlagBits mmapFlags,
                       Ioctls ioctls, Stat64Layout stat64, int statfs64Size, TermiosLayout termios,
                       boolean chownTakes16BitIds, int sigsuspendMaskArg, SocketOptionNumbers socketOptions,
                       TermiosBits termiosBits, SysvLayout sysv, String cpuinfo) {

    /** Without a CPU model's /proc/cpuinfo text. */
    public LinuxAbi(String machine, ByteOrder order, OpenFlagBits openFlags, MmapFlagBits mmapFlags,
                    Ioctls ioctls, Stat64Layout stat64, int statfs64Size, TermiosLayout termios,
                    boolean chownTakes16BitIds, int sigsuspendMaskArg, SocketOptionNumbers socketOptions,
                    TermiosBits termiosBits, SysvLayout sysv) {
        this(machine, order, openFlags, mmapFlags, ioctls, stat64, statfs64Size, termios, chownTakes16BitIds,
                sigsuspendMaskArg, socketOptions, termiosBits, sysv, null);
    }

    /** An ABI whose System V IPC structs are asm-generic's ({@link SysvLayout#GENERIC}), without /proc/cpuinfo text. */
    public LinuxAbi(String machine, ByteOrder order, OpenFlagBits openFlags, MmapFlagBits mmapFlags,
                    Ioctls ioctls, Stat64Layout stat64, int statfs64Size, TermiosLayout termios,
                    boolean chownTakes16BitIds, int sigsuspendMaskArg, SocketOptionNumbers socketOptions,
                    TermiosBits termiosBits) {
        this(machine, order, openFlags, mmapFlags, ioctls, stat64, statfs64Size, termios, chownTakes16BitIds,
                sigsuspendMaskArg, socketOptions, termiosBits, SysvLayout.GENERIC, null);
    }

    /**
     * An ABI whose socket option numbers are asm-generic's ({@link SocketOptionNumbers#GENERIC})
     * and whose struct termios flags and c_cc order are too ({@link TermiosBits#GENERIC}).
     */
    public LinuxAbi(String machine, ByteOrder order, OpenFlagBits openFlags, MmapFlagBits mmapFlags,
                    Ioctls ioctls, Stat64Layout stat64, int statfs64Size, TermiosLayout termios,
                    boolean chownTakes16BitIds, int sigsuspendMaskArg) {
        this(machine, order, openFlags, mmapFlags, ioctls, stat64, statfs64Size, termios, chownTakes16BitIds,
                sigsuspendMaskArg, SocketOptionNumbers.GENERIC, TermiosBits.GENERIC);
    }

    public LinuxAbi {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(openFlags, "openFlags");
        Objects.requireNonNull(mmapFlags, "mmapFlags");
        Objects.requireNonNull(ioctls, "ioctls");
        Objects.requireNonNull(stat64, "stat64");
        Objects.requireNonNull(termios, "termios");
        Objects.requireNonNull(socketOptions, "socketOptions");
        Objects.requireNonNull(termiosBits, "termiosBits");
        Objects.requireNonNull(sysv, "sysv");
    }

    public boolean bigEndian() { return order == ByteOrder.BIG_ENDIAN; }

    /** The same ABI with another {@code uname -m} (a CPU model's: armv6l, armv5tejl, ...). */
    public LinuxAbi withMachine(String m) {
        return m.equals(machine) ? this : new LinuxAbi(m, order, openFlags, mmapFlags, ioctls, stat64, statfs64Size, termios,
                chownTakes16BitIds, sigsuspendMaskArg, socketOptions, termiosBits, sysv, cpuinfo);
    }

    /** The same ABI with the CPU model's /proc/cpuinfo text (null: none). */
    public LinuxAbi withCpuinfo(String text) {
        return java.util.Objects.equals(text, cpuinfo) ? this : new LinuxAbi(machine, order, openFlags, mmapFlags, ioctls,
                stat64, statfs64Size, termios, chownTakes16BitIds, sigsuspendMaskArg, socketOptions, termiosBits, sysv, text);
    }

    /** The four open(2) bits whose values are arch-specific (asm/fcntl.h); all others are asm-generic. */
    public record OpenFlagBits(int directory, int nofollow, int largefile, int direct) { }

    /** The two mmap(2) bits whose values are arch-specific (asm/mman.h); all others are asm-generic. */
    public record MmapFlagBits(int locked, int noreserve) { }

    /** ioctl request numbers: asm-generic on some architectures, _IOR/_IOW encoded on others. */
    public record Ioctls(int tcgets, int tcsets, int tcsetsw, int tcsetsf, int tiocgwinsz, int tiocswinsz,
                         int fionread, int fionbio, int fioclex, int fionclex,
                         int tiocgpgrp, int tiocspgrp, int tiocsctty) {
        /** With the asm-generic job-control requests (TIOCGPGRP 0x540F, TIOCSPGRP 0x5410, TIOCSCTTY 0x540E). */
        public Ioctls(int tcgets, int tcsets, int tcsetsw, int tcsetsf, int tiocgwinsz, int tiocswinsz,
                      int fionread, int fionbio, int fioclex, int fionclex) {
            this(tcgets, tcsets, tcsetsw, tcsetsf, tiocgwinsz, tiocswinsz, fionread, fionbio, fioclex, fionclex,
                    0x540F, 0x5410, 0x540E);
        }
    }

    /**
     * How the architecture's struct termios encodes what the host's asm-generic one does, for
     * passing a real terminal's mode through (TCGETS/TCSETS). Each flag word has a list of
     * {guest mask, generic mask} pairs whose set bits correspond in order (a single flag, or a
     * field such as CSIZE); generic bits no pair names keep the terminal's current value when the
     * guest sets a mode. {@code ccIndex[i]} is the guest's c_cc index of the generic V* index i.
     * {@code lineAt} is the offset of c_line. Null lists mean the generic encoding itself.
     */
    public record TermiosBits(int[] iflag, int[] oflag, int[] cflag, int[] lflag, int[] ccIndex, int lineAt) {
        /** The asm-generic encoding: flags and c_cc as the host has them, c_line at 16. */
        public static final TermiosBits GENERIC = new TermiosBits(null, null, null, null, null, 16);

        public boolean generic() { return iflag == null; }

        /** Flag word {@code word} (0 iflag, 1 oflag, 2 cflag, 3 lflag) of the guest's encoding in the generic one (only the bits the pairs name). */
        public int toGeneric(int word, int guestValue) {
            int[] pairs = pairs(word);
            if (pairs == null) return guestValue;
            int h = 0;
            for (int i = 0; i < pairs.length; i += 2) h |= TermiosCodec.move(guestValue, pairs[i], pairs[i + 1]);
            return h;
        }

        /** The reverse of {@link #toGeneric}. */
        public int toGuest(int word, int genericValue) {
            int[] pairs = pairs(word);
            if (pairs == null) return genericValue;
            int g = 0;
            for (int i = 0; i < pairs.length; i += 2) g |= TermiosCodec.move(genericValue, pairs[i + 1], pairs[i]);
            return g;
        }

        /** The generic bits the pairs of {@code word} name (all bits for the generic encoding). */
        public int genericMask(int word) {
            int[] pairs = pairs(word);
            if (pairs == null) return -1;
            int m = 0;
            for (int i = 1; i < pairs.length; i += 2) m |= pairs[i];
            return m;
        }

        private int[] pairs(int word) {
            return switch (word) { case 0 -> iflag; case 1 -> oflag; case 2 -> cflag; case 3 -> lflag; default -> throw new IllegalArgumentException("word " + word); };
        }
    }

    /**
     * struct stat64's inode: the full 64-bit {@code st_ino} at {@code inoAt}, and, on layouts that
     * kept the old 32-bit {@code __st_ino}, its truncated copy at {@code truncatedInoAt} (-1: none).
     * Every other field is at the same offset on the architectures served.
     */
    public record Stat64Layout(int inoAt, int truncatedInoAt) {
        public static final int NONE = -1;
    }

    /**
     * struct termios and the state of a sane cooked terminal (38400 8N1, echo, canonical), in the
     * architecture's own flag encoding. The four tcflag_t words are always at 0, 4, 8 and 12;
     * {@code c_line} (N_TTY, zero) stays zero wherever the layout puts it.
     *
     * @param size     sizeof(struct termios)
     * @param ccAt     offset of {@code c_cc}
     * @param cc       the control characters, in the architecture's V* order
     * @param speedsAt offset of {@code c_ispeed}, followed by {@code c_ospeed}; -1 when the struct has none
     * @param speed    the value both speed fields hold
     */
    public record TermiosLayout(int size, int iflag, int oflag, int cflag, int lflag, int ccAt, byte[] cc,
                                int speedsAt, int speed) {
        public static final int NO_SPEEDS = -1;

        public TermiosLayout {
            cc = cc.clone();
        }

        @Override public byte[] cc() { return cc.clone(); }
    }

    /**
     * The six SOL_SOCKET options (asm/socket.h) whose numbers some architectures moved (PowerPC:
     * 20, 21, 16, 17, 18, 19); all other SO_* numbers are asm-generic everywhere served.
     */
    public record SocketOptionNumbers(int passcred, int peercred, int rcvlowat, int sndlowat, int rcvtimeo, int sndtimeo) {
        public static final SocketOptionNumbers GENERIC = new SocketOptionNumbers(16, 17, 18, 19, 20, 21);

        /** The asm-generic number of the guest's option {@code name}. */
        public int toGeneric(int name) {
            if (name == passcred) return 16;
            if (name == peercred) return 17;
            if (name == rcvlowat) return 18;
            if (name == sndlowat) return 19;
            if (name == rcvtimeo) return 20;
            if (name == sndtimeo) return 21;
            return name >= 16 && name <= 21 ? -1 : name;
        }
    }

    /**
     * struct shmid64_ds (asm/shmbuf.h with asm/ipcbuf.h's struct ipc64_perm, the IPC_64 form glibc
     * asks for): the perm's key, uid, gid, cuid, cgid and mode are at 0..20 everywhere served; the
     * rest moves. Each time is a low word with its high word elsewhere. {@code shmlba} is SHMLBA,
     * the attach alignment SHM_RND rounds to (asm/shmparam.h), and {@code forceShmlba} whether an
     * address not on it is refused even when page aligned (__ARCH_FORCE_SHMLBA).
     */
    public record SysvLayout(int modeSize, int seqAt, int seqSize, int shmidSize, int segszAt,
                             int atimeAt, int atimeHighAt, int dtimeAt, int dtimeHighAt, int ctimeAt, int ctimeHighAt,
                             int cpidAt, int lpidAt, int nattchAt, int shmlba, boolean forceShmlba) {
        /** asm-generic on a 32-bit architecture: 16-bit mode and seq, 84 bytes; SHMLBA a page. */
        public static final SysvLayout GENERIC = new SysvLayout(2, 24, 2, 84, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 4096, false);

        /** The same layout with another SHMLBA. */
        public SysvLayout withShmlba(int lba, boolean force) {
            return new SysvLayout(modeSize, seqAt, seqSize, shmidSize, segszAt, atimeAt, atimeHighAt, dtimeAt, dtimeHighAt,
                    ctimeAt, ctimeHighAt, cpidAt, lpidAt, nattchAt, lba, force);
        }
    }
}
