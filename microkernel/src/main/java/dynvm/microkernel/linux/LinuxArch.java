package dynvm.microkernel.linux;

import java.nio.ByteOrder;

/**
 * The per-architecture facts of the Linux user ABI that the personality needs: byte order, uname
 * machine, ioctl numbers, and the O_* bits that differ from asm-generic (values from
 * arch/powerpc and arch/arm include/uapi/asm/fcntl.h). Struct layouts are chosen by
 * {@link StructWriter} from this enum. The ARM machine is "armv7l", what Linux (and qemu-arm on
 * its Cortex-A models) reports for an ARMv7 little-endian CPU, the architecture the ARM front-end
 * implements.
 */
public enum LinuxArch {
    PPC32(ByteOrder.BIG_ENDIAN, "ppc", 0x402c7413, 0x802c7414, 0x802c7415, 0x802c7416, 0x40087468, 0x80087467, 0x4004667f,
            0040000, 0100000, 0200000, 0400000),
    ARM(ByteOrder.LITTLE_ENDIAN, "armv7l", 0x5401, 0x5402, 0x5403, 0x5404, 0x5413, 0x5414, 0x541b,
            0040000, 0100000, 0400000, 0200000);

    public final ByteOrder order;
    public final String machine;
    public final int tcgets, tcsets, tcsetsw, tcsetsf, tiocgwinsz, tiocswinsz, fionread;
    public final int oDirectory, oNofollow, oLargefile, oDirect;

    LinuxArch(ByteOrder order, String machine, int tcgets, int tcsets, int tcsetsw, int tcsetsf, int tiocgwinsz,
              int tiocswinsz, int fionread, int oDirectory, int oNofollow, int oLargefile, int oDirect) {
        this.order = order;
        this.machine = machine;
        this.tcgets = tcgets;
        this.tcsets = tcsets;
        this.tcsetsw = tcsetsw;
        this.tcsetsf = tcsetsf;
        this.tiocgwinsz = tiocgwinsz;
        this.tiocswinsz = tiocswinsz;
        this.fionread = fionread;
        this.oDirectory = oDirectory;
        this.oNofollow = oNofollow;
        this.oLargefile = oLargefile;
        this.oDirect = oDirect;
    }

    public boolean bigEndian() { return order == ByteOrder.BIG_ENDIAN; }

    /** "ppc32" (also "ppc") or "arm". */
    public static LinuxArch byName(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "ppc32": case "ppc": case "powerpc": return PPC32;
            case "arm": case "arm32": return ARM;
            default: throw new IllegalArgumentException("unknown Linux architecture: " + name);
        }
    }
}
