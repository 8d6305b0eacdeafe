package dynvm.microkernel.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Socket addresses between the guest and the host. Every family the personality serves has the
 * same layout on both sides except {@code sa_family}, a 16-bit field in each side's own byte order
 * (ports and addresses are in network order everywhere). An AF_UNIX path is the guest's path,
 * resolved against its working directory to the host path the host kernel binds; an abstract name
 * (leading NUL) passes as it is.
 */
final class SockAddr {
    static final int AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    /** sizeof(struct sockaddr_storage); sun_path is 108 bytes. */
    static final int MAX = 128, SUN_PATH = 108;

    private SockAddr() {}

    /** The guest's sockaddr at {@code addr} as the host's; EINVAL for a bad length. */
    static byte[] toHost(GuestProcess p, int addr, int len) {
        if (len < 2 || len > MAX) throw new SysErr(Errno.EINVAL);
        byte[] g = p.view.read(addr, len);
        int family = family(g, p.abi.bigEndian());
        if (family == AF_UNIX && len > 2 && g[2] != 0) {
            int end = 2;
            while (end < len && g[end] != 0) end++;
            String guestPath = new String(g, 2, end - 2, StandardCharsets.UTF_8);
            Path host = p.paths.resolveHost(PathResolver.AT_FDCWD, guestPath);
            byte[] hp = host.toString().getBytes(StandardCharsets.UTF_8);
            if (hp.length >= SUN_PATH) throw new SysErr(Errno.ENAMETOOLONG);
            byte[] h = new byte[2 + hp.length + 1];
            System.arraycopy(hp, 0, h, 2, hp.length);
            setFamily(h, family, false);
            return h;
        }
        setFamily(g, family, false);
        return g;
    }

    /** The host's sockaddr (its first {@code len} bytes) in the guest's byte order. */
    static byte[] toGuest(byte[] host, int len, boolean guestBigEndian) {
        byte[] g = java.util.Arrays.copyOf(host, Math.max(0, Math.min(len, host.length)));
        if (g.length >= 2) setFamily(g, family(g, false), guestBigEndian);
        return g;
    }

    /**
     * Writes {@code guestAddr} to the guest's ({@code addr}, {@code *lenPtr}) pair as accept,
     * recvfrom and getsockname do: truncated to the buffer, with the full length stored back.
     */
    static void store(GuestProcess p, int addr, int lenPtr, byte[] guestAddr) {
        if (addr == 0 || lenPtr == 0) return;
        int room = p.view.u32(lenPtr);
        if (room < 0) throw new SysErr(Errno.EINVAL);
        int n = Math.min(room, guestAddr.length);
        if (n > 0) p.view.write(addr, guestAddr, 0, n);
        p.view.put32(lenPtr, guestAddr.length);
    }

    static int family(byte[] a, boolean bigEndian) {
        return bigEndian ? (a[0] & 0xff) << 8 | (a[1] & 0xff) : (a[1] & 0xff) << 8 | (a[0] & 0xff);
    }

    private static void setFamily(byte[] a, int family, boolean bigEndian) {
        a[bigEndian ? 0 : 1] = (byte) (family >> 8);
        a[bigEndian ? 1 : 0] = (byte) family;
    }

    /** strace's view of a guest sockaddr: {sa_family=AF_INET,sin_port=htons(80),sin_addr=inet_addr("127.0.0.1")}. */
    static String describe(byte[] g, boolean bigEndian) {
        if (g.length < 2) return "{}";
        int family = family(g, bigEndian);
        StringBuilder sb = new StringBuilder("{sa_family=");
        switch (family) {
            case AF_UNIX -> {
                sb.append("AF_UNIX");
                if (g.length > 2) {
                    boolean abs = g[2] == 0;
                    int from = abs ? 3 : 2, end = from;
                    while (end < g.length && (abs || g[end] != 0)) end++;
                    sb.append(",sun_path=").append(abs ? "@" : "").append('"')
                            .append(new String(g, from, end - from, StandardCharsets.ISO_8859_1)).append('"');
                }
            }
            case AF_INET -> {
                sb.append("AF_INET");
                if (g.length >= 8) sb.append(",sin_port=htons(").append(port(g)).append("),sin_addr=inet_addr(\"")
                        .append(g[4] & 0xff).append('.').append(g[5] & 0xff).append('.').append(g[6] & 0xff)
                        .append('.').append(g[7] & 0xff).append("\")");
            }
            case AF_INET6 -> {
                sb.append("AF_INET6");
                if (g.length >= 24) {
                    sb.append(",sin6_port=htons(").append(port(g)).append("),sin6_addr=\"");
                    for (int i = 0; i < 8; i++) {
                        if (i > 0) sb.append(':');
                        sb.append(Integer.toHexString((g[8 + 2 * i] & 0xff) << 8 | (g[9 + 2 * i] & 0xff)));
                    }
                    sb.append('"');
                }
            }
            default -> sb.append(family);
        }
        return sb.append('}').toString();
    }

    private static int port(byte[] g) { return (g[2] & 0xff) << 8 | (g[3] & 0xff); }
}
