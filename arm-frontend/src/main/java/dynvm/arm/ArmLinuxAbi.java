package dynvm.arm;

import dynvm.microkernel.linux.LinuxAbi;
import dynvm.microkernel.linux.LinuxAbiProvider;

import java.nio.ByteOrder;

/**
 * The ARM EABI Linux user ABI as data for the microkernel's personality. Values are from the
 * kernel's arch/arm/include/uapi/asm headers and asm-generic: fcntl.h (O_DIRECTORY, O_NOFOLLOW,
 * O_DIRECT, O_LARGEFILE), asm-generic ioctls.h, stat.h (a truncated __st_ino at 12 and the full
 * st_ino at 96), a statfs64 packed to 84 bytes, the asm-generic termios (c_line before c_cc, no
 * speeds), the old 16-bit-id chown calls and sigsuspend(restart, oldmask, mask). The machine is
 * "armv7l", what Linux (and qemu-arm on its Cortex-A models) reports for an ARMv7 little-endian
 * CPU, the architecture this front-end implements.
 */
public final class ArmLinuxAbi implements LinuxAbiProvider {
    /** The architecture name {@link ArmSyscallAbi#linuxArch()} reports. */
    static final String ARCH = "arm";

    private static final LinuxAbi ABI = new LinuxAbi(
            "armv7l",
            ByteOrder.LITTLE_ENDIAN,
            new LinuxAbi.OpenFlagBits(0040000, 0100000, 0400000, 0200000),
            new LinuxAbi.MmapFlagBits(0x2000, 0x4000),
            new LinuxAbi.Ioctls(0x5401, 0x5402, 0x5403, 0x5404, 0x5413, 0x5414, 0x541b, 0x5421, 0x5451, 0x5450),
            new LinuxAbi.Stat64Layout(96, 12),
            84,
            new LinuxAbi.TermiosLayout(36,
                    0x100 | 0x400,                              // ICRNL | IXON
                    0x1 | 0x4,                                  // OPOST | ONLCR
                    0xf | 0x30 | 0x80,                          // B38400 | CS8 | CREAD
                    0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x8000,     // ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN
                    17,
                    // VINTR VQUIT VERASE VKILL VEOF VTIME VMIN VSWTC VSTART VSTOP VSUSP VEOL VREPRINT ...
                    new byte[] {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0},
                    LinuxAbi.TermiosLayout.NO_SPEEDS, 0),
            true,                                               // chown, lchown, fchown: 16-bit ids
            2,                                                  // sigsuspend(restart, oldmask, mask)
            LinuxAbi.SocketOptionNumbers.GENERIC,
            LinuxAbi.TermiosBits.GENERIC,
            // asm-generic shmid64_ds; asm/shmparam.h: SHMLBA 4 pages, enforced (__ARCH_FORCE_SHMLBA)
            LinuxAbi.SysvLayout.GENERIC.withShmlba(4 * 4096, true));

    @Override public String arch() { return ARCH; }

    @Override public LinuxAbi abi() { return ABI; }
}
