package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds the kernel structures the personality hands back, per architecture, in guest byte order. */
final class StructWriter {
    static final int STAT64_SIZE = 104, STATX_SIZE = 256;
    static final int STATX_BASIC_STATS = 0x7ff;

    private StructWriter() {}

    /**
     * struct stat64. PPC32 (arch/powerpc/include/uapi/asm/stat.h) has a 64-bit st_ino at 8; ARM
     * EABI (arch/arm/include/uapi/asm/stat.h) has a truncated __st_ino at 12 and the full st_ino
     * at 96. From st_mode on the two agree, including the 8-byte alignment of st_size and st_blocks.
     */
    static ByteBuffer stat64(LinuxArch arch, HostStat s) {
        ByteBuffer b = ByteBuffer.allocate(STAT64_SIZE).order(arch.order);
        b.putLong(0, HostStat.encodeDev(s.devMajor(), s.devMinor()));
        if (arch == LinuxArch.PPC32) {
            b.putLong(8, s.ino());
        } else {
            b.putInt(12, (int) s.ino());
            b.putLong(96, s.ino());
        }
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
    static ByteBuffer statx(LinuxArch arch, HostStat s) {
        ByteBuffer b = ByteBuffer.allocate(STATX_SIZE).order(arch.order);
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

    /**
     * struct termios as TCGETS returns it for a sane cooked terminal (38400 8N1, echo, canonical).
     * ARM uses the asm-generic layout (c_line before c_cc, 36 bytes); PowerPC puts c_cc first,
     * then c_line, then the two speeds (44 bytes), and numbers its flags BSD-style.
     */
    static ByteBuffer termios(LinuxArch arch) {
        if (arch == LinuxArch.PPC32) {
            ByteBuffer b = ByteBuffer.allocate(44).order(arch.order);
            b.putInt(0, 0x100 | 0x200 | 0x2000);        // ICRNL | IXON | IMAXBEL
            b.putInt(4, 0x1 | 0x2);                     // OPOST | ONLCR
            b.putInt(8, 0xf | 0x300 | 0x800);           // B38400 | CS8 | CREAD
            b.putInt(12, 0x80 | 0x100 | 0x8 | 0x2 | 0x4 | 0x400); // ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN
            byte[] cc = {3, 28, 127, 21, 4, 1, 0, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0};
            for (int i = 0; i < cc.length; i++) b.put(16 + i, cc[i]);  // VINTR VQUIT VERASE VKILL VEOF VMIN VEOL VTIME ...
            b.put(35, (byte) 0);                        // c_line
            b.putInt(36, 0xf);
            b.putInt(40, 0xf);
            return b;
        }
        ByteBuffer b = ByteBuffer.allocate(36).order(arch.order);
        b.putInt(0, 0x100 | 0x400);                     // ICRNL | IXON
        b.putInt(4, 0x1 | 0x4);                         // OPOST | ONLCR
        b.putInt(8, 0xf | 0x30 | 0x80);                 // B38400 | CS8 | CREAD
        b.putInt(12, 0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x8000); // ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN
        b.put(16, (byte) 0);                            // c_line
        byte[] cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0};
        for (int i = 0; i < cc.length; i++) b.put(17 + i, cc[i]);      // VINTR VQUIT VERASE VKILL VEOF VTIME VMIN ...
        return b;
    }

    /** struct winsize: rows, columns, then two unused pixel sizes. */
    static ByteBuffer winsize(LinuxArch arch, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(8).order(arch.order);
        b.putShort(0, (short) rows);
        b.putShort(2, (short) cols);
        return b;
    }

    /** struct new_utsname: six NUL-padded 65-byte fields. */
    static ByteBuffer utsname(LinuxArch arch, String nodename) {
        ByteBuffer b = ByteBuffer.allocate(6 * 65).order(arch.order);
        String[] f = {"Linux", nodename, "6.1.0-dynvm", "#1 SMP PREEMPT_DYNAMIC", arch.machine, "(none)"};
        for (int i = 0; i < f.length; i++) {
            byte[] s = f[i].getBytes(StandardCharsets.UTF_8);
            b.put(i * 65, s, 0, Math.min(s.length, 64));
        }
        return b;
    }
}
