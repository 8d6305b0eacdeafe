package dynvm.microkernel.linux;

import java.nio.ByteOrder;

/**
 * The two Linux ABIs the personality's tests run against. The values are copies of the front-ends'
 * ({@code dynvm.ppc.PpcLinuxAbi}, {@code dynvm.arm.ArmLinuxAbi}), which this module cannot depend
 * on; the front-ends' own tests pin the same numbers, so a drift shows up on one side or the other.
 * The enum carries the old field names the tests read (order, ioctl numbers) next to the ABI.
 */
enum TestArch {
    PPC32(new LinuxAbi("ppc", ByteOrder.BIG_ENDIAN,
            new LinuxAbi.OpenFlagBits(0040000, 0100000, 0200000, 0400000),
            new LinuxAbi.MmapFlagBits(0x80, 0x40),
            new LinuxAbi.Ioctls(0x402c7413, 0x802c7414, 0x802c7415, 0x802c7416, 0x40087468, 0x80087467,
                    0x4004667f, 0x8004667e, 0x20006601, 0x20006602),
            new LinuxAbi.Stat64Layout(8, LinuxAbi.Stat64Layout.NONE), 88,
            new LinuxAbi.TermiosLayout(44, 0x2300, 0x3, 0xf | 0x300 | 0x800, 0x80 | 0x100 | 0x8 | 0x2 | 0x4 | 0x400, 16,
                    new byte[] {3, 28, 127, 21, 4, 1, 0, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0}, 36, 0xf),
            false, 0, new LinuxAbi.SocketOptionNumbers(20, 21, 16, 17, 18, 19), LinuxAbi.TermiosBits.GENERIC,
            new LinuxAbi.SysvLayout(4, 24, 4, 104, 76, 52, 48, 60, 56, 68, 64, 80, 84, 88, 4096, false))),
    ARM(new LinuxAbi("armv7l", ByteOrder.LITTLE_ENDIAN,
            new LinuxAbi.OpenFlagBits(0040000, 0100000, 0400000, 0200000),
            new LinuxAbi.MmapFlagBits(0x2000, 0x4000),
            new LinuxAbi.Ioctls(0x5401, 0x5402, 0x5403, 0x5404, 0x5413, 0x5414, 0x541b, 0x5421, 0x5451, 0x5450),
            new LinuxAbi.Stat64Layout(96, 12), 84,
            new LinuxAbi.TermiosLayout(36, 0x500, 0x5, 0xf | 0x30 | 0x80, 0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x8000, 17,
                    new byte[] {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0},
                    LinuxAbi.TermiosLayout.NO_SPEEDS, 0),
            true, 2, LinuxAbi.SocketOptionNumbers.GENERIC, LinuxAbi.TermiosBits.GENERIC,
            LinuxAbi.SysvLayout.GENERIC.withShmlba(4 * 4096, true)));

    final LinuxAbi abi;
    final ByteOrder order;
    final int tcgets, tcsets, tiocgwinsz, fionread;

    TestArch(LinuxAbi abi) {
        this.abi = abi;
        this.order = abi.order();
        this.tcgets = abi.ioctls().tcgets();
        this.tcsets = abi.ioctls().tcsets();
        this.tiocgwinsz = abi.ioctls().tiocgwinsz();
        this.fionread = abi.ioctls().fionread();
    }

    boolean bigEndian() { return abi.bigEndian(); }
}
