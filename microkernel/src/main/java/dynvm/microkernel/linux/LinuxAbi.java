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
 */
public record LinuxAbi(String machine, ByteOrder order, OpenFlagBits openFlags, MmapFlagBits mmapFlags,
                       Ioctls ioctls, Stat64Layout stat64, int statfs64Size, TermiosLayout termios,
                       boolean chownTakes16BitIds, int sigsuspendMaskArg) {

    public LinuxAbi {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(openFlags, "openFlags");
        Objects.requireNonNull(mmapFlags, "mmapFlags");
        Objects.requireNonNull(ioctls, "ioctls");
        Objects.requireNonNull(stat64, "stat64");
        Objects.requireNonNull(termios, "termios");
    }

    public boolean bigEndian() { return order == ByteOrder.BIG_ENDIAN; }

    /** The same ABI with another {@code uname -m} (a CPU model's: armv6l, armv5tejl, ...). */
    public LinuxAbi withMachine(String m) {
        return m.equals(machine) ? this : new LinuxAbi(m, order, openFlags, mmapFlags, ioctls, stat64, statfs64Size, termios,
                chownTakes16BitIds, sigsuspendMaskArg);
    }

    /** The four open(2) bits whose values are arch-specific (asm/fcntl.h); all others are asm-generic. */
    public record OpenFlagBits(int directory, int nofollow, int largefile, int direct) { }

    /** The two mmap(2) bits whose values are arch-specific (asm/mman.h); all others are asm-generic. */
    public record MmapFlagBits(int locked, int noreserve) { }

    /** ioctl request numbers: asm-generic on some architectures, _IOR/_IOW encoded on others. */
    public record Ioctls(int tcgets, int tcsets, int tcsetsw, int tcsetsf, int tiocgwinsz, int tiocswinsz,
                         int fionread, int fionbio, int fioclex, int fionclex) { }

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
}
