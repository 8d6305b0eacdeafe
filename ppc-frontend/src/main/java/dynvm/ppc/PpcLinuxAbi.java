package dynvm.ppc;

import dynvm.microkernel.linux.LinuxAbi;
import dynvm.microkernel.linux.LinuxAbiProvider;

import java.nio.ByteOrder;

/**
 * The 32-bit PowerPC Linux user ABI as data for the microkernel's personality. Values are from
 * the kernel's arch/powerpc/include/uapi/asm headers: fcntl.h (O_* bits), mman.h (MAP_LOCKED,
 * MAP_NORESERVE), ioctls.h (_IOR/_IOW encoded tty and file ioctls), stat.h (a 64-bit st_ino at 8),
 * termbits.h (c_cc before c_line, BSD-style flag values, explicit speeds).
 */
public final class PpcLinuxAbi implements LinuxAbiProvider {
    /** The architecture name {@link PpcSyscallAbi#linuxArch()} reports. */
    static final String ARCH = "ppc32";

    /**
     * asm/termbits.h of powerpc against asm-generic: {ppc mask, generic mask} pairs per flag word,
     * the c_cc index of each generic V* index, c_line after c_cc. Lets a real terminal's mode pass
     * through TCGETS/TCSETS.
     */
    private static final LinuxAbi.TermiosBits TERMIOS_BITS = new LinuxAbi.TermiosBits(
            new int[]{0x1ff, 0x1ff, 0x200, 0x400, 0x400, 0x1000, 0x800, 0x800, 0x1000, 0x200, 0x2000, 0x2000,
                      0x4000, 0x4000},                     // IGNBRK..ICRNL IXON IXOFF IXANY IUCLC IMAXBEL IUTF8
            new int[]{0x1, 0x1, 0x2, 0x4, 0x4, 0x2, 0xf8, 0xf8, 0x100, 0x100, 0xc00, 0x1800, 0x3000, 0x600,
                      0x4000, 0x8000, 0x8000, 0x2000, 0x10000, 0x4000}, // OPOST ONLCR OLCUC OCRNL..OFDEL NL1 TABDLY CRDLY FF BS VT
            new int[]{0xf, 0xf, 0x10, 0x1000, 0x300, 0x30, 0x400, 0x40, 0x800, 0x80, 0x1000, 0x100, 0x2000, 0x200,
                      0x4000, 0x400, 0x8000, 0x800, 0x80000000, 0x80000000}, // baud CBAUDEX CSIZE CSTOPB CREAD PARENB PARODD HUPCL CLOCAL CRTSCTS
            new int[]{0x80, 0x1, 0x100, 0x2, 0x4000, 0x4, 0x8, 0x8, 0x2, 0x10, 0x4, 0x20, 0x10, 0x40,
                      0x80000000, 0x80, 0x400000, 0x100, 0x40, 0x200, 0x20, 0x400, 0x1, 0x800, 0x800000, 0x1000,
                      0x20000000, 0x4000, 0x400, 0x8000, 0x10000000, 0x10000}, // ISIG ICANON XCASE ECHO ECHOE ECHOK ECHONL NOFLSH TOSTOP ECHOCTL ECHOPRT ECHOKE FLUSHO PENDIN IEXTEN EXTPROC
            // generic VINTR VQUIT VERASE VKILL VEOF VTIME VMIN VSWTC VSTART VSTOP VSUSP VEOL VREPRINT VDISCARD VWERASE VLNEXT VEOL2
            new int[]{0, 1, 2, 3, 4, 7, 5, 9, 13, 14, 12, 6, 11, 16, 10, 15, 8, 17, 18},
            35);

    private static final LinuxAbi ABI = new LinuxAbi(
            "ppc",
            ByteOrder.BIG_ENDIAN,
            new LinuxAbi.OpenFlagBits(0040000, 0100000, 0200000, 0400000),
            new LinuxAbi.MmapFlagBits(0x80, 0x40),
            new LinuxAbi.Ioctls(0x402c7413, 0x802c7414, 0x802c7415, 0x802c7416, 0x40087468, 0x80087467,
                    0x4004667f, 0x8004667e, 0x20006601, 0x20006602,
                    0x40047477, 0x80047476, 0x540e),          // TIOCGPGRP, TIOCSPGRP (_IOR/_IOW 't'), TIOCSCTTY
            new LinuxAbi.Stat64Layout(8, LinuxAbi.Stat64Layout.NONE),
            88,
            new LinuxAbi.TermiosLayout(44,
                    0x100 | 0x200 | 0x2000,                 // ICRNL | IXON | IMAXBEL
                    0x1 | 0x2,                              // OPOST | ONLCR
                    0xf | 0x300 | 0x800,                    // B38400 | CS8 | CREAD
                    0x80 | 0x100 | 0x8 | 0x2 | 0x4 | 0x400, // ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN
                    16,
                    // VINTR VQUIT VERASE VKILL VEOF VMIN VEOL VTIME VEOL2 VSWTC VWERASE VREPRINT VSUSP ...
                    new byte[] {3, 28, 127, 21, 4, 1, 0, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0},
                    36, 0xf),                               // c_ispeed, c_ospeed: B38400
            false,                                          // chown takes 32-bit ids
            0,                                              // sigsuspend(mask)
            // asm/socket.h: SO_PASSCRED SO_PEERCRED SO_RCVLOWAT SO_SNDLOWAT SO_RCVTIMEO SO_SNDTIMEO
            new LinuxAbi.SocketOptionNumbers(20, 21, 16, 17, 18, 19),
            TERMIOS_BITS,
            // asm/shmbuf.h: 32-bit mode and seq, times high word first, 104 bytes; SHMLBA a page
            new LinuxAbi.SysvLayout(4, 24, 4, 104, 76, 52, 48, 60, 56, 68, 64, 80, 84, 88, 4096, false));

    @Override public String arch() { return ARCH; }

    @Override public LinuxAbi abi() { return ABI; }
}
