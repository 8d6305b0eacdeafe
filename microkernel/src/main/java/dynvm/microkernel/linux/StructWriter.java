package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds the kernel structures the personality hands back, per architecture, in guest byte order. */
final class StructWriter {
    static final int STAT64_SIZE = 104, STATX_SIZE = 256;
    static final int STATX_BASIC_STATS = 0x7ff;

    private StructWriter() {}

    /**
     * struct stat64. From st_mode on, the layouts served agree, including the 8-byte alignment of
     * st_size and st_blocks; the inode is where {@link LinuxAbi.Stat64Layout} says (a 64-bit
     * st_ino at 8, or a truncated __st_ino at 12 and the full st_ino at 96).
     */
    static ByteBuffer stat64(LinuxAbi abi, HostStat s) {
        ByteBuffer b = ByteBuffer.allocate(STAT64_SIZE).order(abi.order());
        b.putLong(0, HostStat.encodeDev(s.devMajor(), s.devMinor()));
        LinuxAbi.Stat64Layout layout = abi.stat64();
        if (layout.truncatedInoAt() != LinuxAbi.Stat64Layout.NONE) b.putInt(layout.truncatedInoAt(), (int) s.ino());
        b.putLong(layout.inoAt(), s.ino());
        b.putInt(16, s.mode());
        b.putInt(20, s.nlink());
        b.putInt(24, s.uid());
        b.putInt(28, s.gid());
        b.putLong(32, HostStat.encodeDev(s.rdevMajor(), s.rdevMinor()));
        b.putLong(48, s.size());
        b.putInt(56, s.blksize());
        b.putLong(64, s.blocks());
        b.putInt(72, (int) s.atimeSec());
        b.putInt(76, s.atimeNsec());
        b.putInt(80, (int) s.mtimeSec());
        b.putInt(84, s.mtimeNsec());
        b.putInt(88, (int) s.ctimeSec());
        b.putInt(92, s.ctimeNsec());
        return b;
    }

    /** struct statx (include/uapi/linux/stat.h): the same layout on every architecture. */
    static ByteBuffer statx(LinuxAbi abi, HostStat s) {
        ByteBuffer b = ByteBuffer.allocate(STATX_SIZE).order(abi.order());
        b.putInt(0, STATX_BASIC_STATS);
        b.putInt(4, s.blksize());
        b.putLong(8, 0);                      // stx_attributes
        b.putInt(16, s.nlink());
        b.putInt(20, s.uid());
        b.putInt(24, s.gid());
        b.putShort(28, (short) s.mode());
        b.putLong(32, s.ino());
        b.putLong(40, s.size());
        b.putLong(48, s.blocks());
        b.putLong(56, 0);                     // stx_attributes_mask
        timestamp(b, 64, s.atimeSec(), s.atimeNsec());
        // stx_btime at 80 stays zero: STATX_BTIME is not in the mask
        timestamp(b, 96, s.ctimeSec(), s.ctimeNsec());
        timestamp(b, 112, s.mtimeSec(), s.mtimeNsec());
        b.putInt(128, s.rdevMajor());
        b.putInt(132, s.rdevMinor());
        b.putInt(136, s.devMajor());
        b.putInt(140, s.devMinor());
        return b;
    }

    private static void timestamp(ByteBuffer b, int at, long sec, int nsec) {
        b.putLong(at, sec);
        b.putInt(at + 8, nsec);
    }

    /** struct termios as TCGETS returns it for a sane cooked terminal, in the ABI's layout and flag encoding. */
    static ByteBuffer termios(LinuxAbi abi) {
        LinuxAbi.TermiosLayout t = abi.termios();
        ByteBuffer b = ByteBuffer.allocate(t.size()).order(abi.order());
        b.putInt(0, t.iflag());
        b.putInt(4, t.oflag());
        b.putInt(8, t.cflag());
        b.putInt(12, t.lflag());
        b.put(t.ccAt(), t.cc());
        if (t.speedsAt() != LinuxAbi.TermiosLayout.NO_SPEEDS) {
            b.putInt(t.speedsAt(), t.speed());
            b.putInt(t.speedsAt() + 4, t.speed());
        }
        return b;
    }

    /** struct winsize: rows, columns, then two unused pixel sizes. */
    static ByteBuffer winsize(LinuxAbi abi, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(8).order(abi.order());
        b.putShort(0, (short) rows);
        b.putShort(2, (short) cols);
        return b;
    }

    /** struct new_utsname: six NUL-padded 65-byte fields. */
    static ByteBuffer utsname(LinuxAbi abi, String nodename) {
        ByteBuffer b = ByteBuffer.allocate(6 * 65).order(abi.order());
        String[] f = {"Linux", nodename, "6.1.0-dynvm", "#1 SMP PREEMPT_DYNAMIC", abi.machine(), "(none)"};
        for (int i = 0; i < f.length; i++) {
            byte[] s = f[i].getBytes(StandardCharsets.UTF_8);
            b.put(i * 65, s, 0, Math.min(s.length, 64));
        }
        return b;
    }
}
