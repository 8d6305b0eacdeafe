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
        int[][] maps = {bits.iflag(), bits.oflag(), bits.cflag(), bits.lflag()};
        for (int w = 0; w < 4; w++) g.putInt(4 * w, maps[w] == null ? h.getInt(4 * w) : toGuest(maps[w], h.getInt(4 * w)));
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
        int[][] maps = {bits.iflag(), bits.oflag(), bits.cflag(), bits.lflag()};
        for (int w = 0; w < 4; w++) {
            int gv = guest.getInt(4 * w);
            if (maps[w] == null) h.putInt(4 * w, gv);
            else h.putInt(4 * w, (h.getInt(4 * w) & ~genericMask(maps[w])) | toGeneric(maps[w], gv));
        }
        out[16] = guest.get(bits.lineAt());
        for (int i = 0; i < HostStdio.NCCS; i++) {
            int gi = bits.ccIndex() == null ? i : bits.ccIndex()[i];
            if (gi >= 0 && t.ccAt() + gi < t.size()) out[HostStdio.CC_AT + i] = guest.get(t.ccAt() + gi);
        }
        return out;
    }

    private static int genericMask(int[] pairs) {
        int m = 0;
        for (int i = 1; i < pairs.length; i += 2) m |= pairs[i];
        return m;
    }

    private static int toGuest(int[] pairs, int generic) {
        int g = 0;
        for (int i = 0; i < pairs.length; i += 2) g |= move(generic, pairs[i + 1], pairs[i]);
        return g;
    }

    private static int toGeneric(int[] pairs, int guest) {
        int h = 0;
        for (int i = 0; i < pairs.length; i += 2) h |= move(guest, pairs[i], pairs[i + 1]);
        return h;
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
