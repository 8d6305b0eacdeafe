package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts a real terminal's struct termios between the host's asm-generic kernel layout (what
 * {@link HostStdio} reads and writes, in native byte order) and the guest architecture's layout
 * and flag encoding ({@link LinuxAbi.TermiosLayout}, {@link LinuxAbi.TermiosBits}).
 */
final class TermiosCodec {
    private TermiosCodec() { }

    /** The guest's struct termios for the host's {@code host} bytes. */
    static ByteBuffer toGuest(LinuxAbi abi, byte[] host) {
        LinuxAbi.TermiosLayout t = abi.termios();
        LinuxAbi.TermiosBits bits = abi.termiosBits();
        ByteBuffer h = ByteBuffer.wrap(host).order(ByteOrder.nativeOrder());
        ByteBuffer g = ByteBuffer.allocate(t.size()).order(abi.order());
        for (int w = 0; w < 4; w++) g.putInt(4 * w, bits.toGuest(w, h.getInt(4 * w)));
        g.put(bits.lineAt(), host[16]);
        for (int i = 0; i < HostStdio.NCCS; i++) {
            int gi = bits.ccIndex() == null ? i : bits.ccIndex()[i];
            if (gi >= 0 && t.ccAt() + gi < t.size()) g.put(t.ccAt() + gi, host[HostStdio.CC_AT + i]);
        }
        if (t.speedsAt() != LinuxAbi.TermiosLayout.NO_SPEEDS) {
            g.putInt(t.speedsAt(), t.speed());
            g.putInt(t.speedsAt() + 4, t.speed());
        }
        return g;
    }

    /** The host termios for the guest's {@code guest} bytes; what the guest's encoding cannot say is kept from {@code current}. */
    static byte[] toHost(LinuxAbi abi, ByteBuffer guest, byte[] current) {
        LinuxAbi.TermiosLayout t = abi.termios();
        LinuxAbi.TermiosBits bits = abi.termiosBits();
        byte[] out = current.clone();
        ByteBuffer h = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
        guest.order(abi.order());
        for (int w = 0; w < 4; w++) {
            int mask = bits.genericMask(w);
            h.putInt(4 * w, (h.getInt(4 * w) & ~mask) | bits.toGeneric(w, guest.getInt(4 * w)));
        }
        out[16] = guest.get(bits.lineAt());
        for (int i = 0; i < HostStdio.NCCS; i++) {
            int gi = bits.ccIndex() == null ? i : bits.ccIndex()[i];
            if (gi >= 0 && t.ccAt() + gi < t.size()) out[HostStdio.CC_AT + i] = guest.get(t.ccAt() + gi);
        }
        return out;
    }

    /** The bits of {@code v} under {@code from}, placed in order on the bits of {@code to}. */
    static int move(int v, int from, int to) {
        int r = 0;
        while (from != 0 && to != 0) {
            int f = Integer.lowestOneBit(from), t = Integer.lowestOneBit(to);
            if ((v & f) != 0) r |= t;
            from &= ~f;
            to &= ~t;
        }
        return r;
    }
}
