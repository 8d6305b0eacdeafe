package dynvm.microkernel.linux;

import dynvm.microkernel.mem.MemoryFault;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * {@code --strace} lines of the socket calls, direct and through socketcall (shown as
 * {@code socketcall(connect(...))}): families, types, levels, option names, MSG_* flags
 * symbolic, socket addresses decoded (family, port, address, AF_UNIX path), sent data quoted as
 * {@link Strace} quotes written buffers. Pointers the guest may not have mapped print as pointers.
 */
final class SocketStrace {
    private SocketStrace() {}

    /** {@code name(args)} for a socket call, or null when {@code name} is not one. */
    static String call(String name, int[] a, GuestView view, LinuxAbi abi) {
        if ("socketcall".equals(name)) {
            int call = a[0];
            if (call < 1 || call >= SocketSyscalls.SOCKETCALL.length) return "socketcall(" + call + "," + Strace.pointer(a[1]) + ")";
            int[] sub = new int[6];
            try {
                ByteBuffer b = ByteBuffer.wrap(view.read(a[1], argCount(call) * 4)).order(view.order);
                for (int i = 0; i < argCount(call); i++) sub[i] = b.getInt(4 * i);
            } catch (MemoryFault | SysErr e) {
                return "socketcall(" + SocketSyscalls.SOCKETCALL[call] + "," + Strace.pointer(a[1]) + ")";
            }
            return "socketcall(" + call(SocketSyscalls.SOCKETCALL[call], sub, view, abi) + ")";
        }
        String args = switch (name) {
            case "socket" -> family(a[0]) + "," + type(a[1]) + "," + a[2];
            case "socketpair" -> family(a[0]) + "," + type(a[1]) + "," + a[2] + "," + Strace.pointer(a[3]);
            case "bind", "connect" -> a[0] + "," + addr(view, abi, a[1], a[2]) + "," + a[2];
            case "listen" -> a[0] + "," + a[1];
            case "accept", "getsockname", "getpeername" -> a[0] + "," + Strace.pointer(a[1]) + "," + Strace.pointer(a[2]);
            case "accept4" -> a[0] + "," + Strace.pointer(a[1]) + "," + Strace.pointer(a[2]) + "," + type(a[3]);
            case "send" -> a[0] + "," + buffer(view, a[1], a[2]) + "," + a[2] + "," + msgFlags(a[3]);
            case "sendto" -> a[0] + "," + buffer(view, a[1], a[2]) + "," + a[2] + "," + msgFlags(a[3]) + ","
                    + (a[4] == 0 ? "NULL" : addr(view, abi, a[4], a[5])) + "," + a[5];
            case "recv" -> a[0] + "," + Strace.pointer(a[1]) + "," + a[2] + "," + msgFlags(a[3]);
            case "recvfrom" -> a[0] + "," + Strace.pointer(a[1]) + "," + a[2] + "," + msgFlags(a[3]) + ","
                    + Strace.pointer(a[4]) + "," + Strace.pointer(a[5]);
            case "shutdown" -> a[0] + "," + (a[1] >= 0 && a[1] < 3 ? new String[] {"SHUT_RD", "SHUT_WR", "SHUT_RDWR"}[a[1]] : Integer.toString(a[1]));
            case "setsockopt", "getsockopt" -> a[0] + "," + level(a[1]) + "," + option(abi, a[1], a[2]) + ","
                    + Strace.pointer(a[3]) + "," + ("setsockopt".equals(name) ? Integer.toString(a[4]) : Strace.pointer(a[4]));
            case "sendmsg", "recvmsg" -> a[0] + "," + Strace.pointer(a[1]) + "," + msgFlags(a[2]);
            case "sendmmsg", "recvmmsg", "recvmmsg_time64" -> a[0] + "," + Strace.pointer(a[1]) + "," + a[2] + "," + msgFlags(a[3]);
            default -> null;
        };
        return args == null ? null : name + "(" + args + ")";
    }

    private static int argCount(int call) {
        return new int[] {0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4}[call];
    }

    private static String family(int f) {
        return switch (f) {
            case 0 -> "AF_UNSPEC"; case 1 -> "AF_UNIX"; case 2 -> "AF_INET"; case 10 -> "AF_INET6"; case 16 -> "AF_NETLINK";
            default -> Integer.toString(f);
        };
    }

    private static String type(int t) {
        String base = switch (t & 0xf) {
            case 0 -> ""; case 1 -> "SOCK_STREAM"; case 2 -> "SOCK_DGRAM"; case 3 -> "SOCK_RAW"; case 5 -> "SOCK_SEQPACKET";
            default -> Integer.toString(t & 0xf);
        };
        StringBuilder sb = new StringBuilder(base);
        if ((t & SocketSyscalls.SOCK_NONBLOCK) != 0) sb.append(sb.length() > 0 ? "|" : "").append("SOCK_NONBLOCK");
        if ((t & SocketSyscalls.SOCK_CLOEXEC) != 0) sb.append(sb.length() > 0 ? "|" : "").append("SOCK_CLOEXEC");
        int rest = t & ~(0xf | SocketSyscalls.SOCK_NONBLOCK | SocketSyscalls.SOCK_CLOEXEC);
        if (rest != 0) sb.append(sb.length() > 0 ? "|" : "").append("0x").append(Integer.toHexString(rest));
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private static String level(int l) {
        return switch (l) {
            case 0 -> "SOL_IP"; case 1 -> "SOL_SOCKET"; case 6 -> "SOL_TCP"; case 17 -> "SOL_UDP"; case 41 -> "SOL_IPV6";
            default -> Integer.toString(l);
        };
    }

    private static final Map<Integer, String> SO = Map.ofEntries(
            Map.entry(1, "SO_DEBUG"), Map.entry(2, "SO_REUSEADDR"), Map.entry(3, "SO_TYPE"), Map.entry(4, "SO_ERROR"),
            Map.entry(5, "SO_DONTROUTE"), Map.entry(6, "SO_BROADCAST"), Map.entry(7, "SO_SNDBUF"), Map.entry(8, "SO_RCVBUF"),
            Map.entry(9, "SO_KEEPALIVE"), Map.entry(10, "SO_OOBINLINE"), Map.entry(13, "SO_LINGER"), Map.entry(15, "SO_REUSEPORT"),
            Map.entry(16, "SO_PASSCRED"), Map.entry(17, "SO_PEERCRED"), Map.entry(18, "SO_RCVLOWAT"), Map.entry(19, "SO_SNDLOWAT"),
            Map.entry(20, "SO_RCVTIMEO"), Map.entry(21, "SO_SNDTIMEO"), Map.entry(38, "SO_PROTOCOL"), Map.entry(39, "SO_DOMAIN"),
            Map.entry(66, "SO_RCVTIMEO_NEW"), Map.entry(67, "SO_SNDTIMEO_NEW"));
    private static final Map<Integer, String> TCP = Map.of(1, "TCP_NODELAY", 2, "TCP_MAXSEG", 4, "TCP_KEEPIDLE",
            5, "TCP_KEEPINTVL", 6, "TCP_KEEPCNT", 9, "TCP_DEFER_ACCEPT", 12, "TCP_QUICKACK");

    private static String option(LinuxAbi abi, int level, int name) {
        String s = null;
        if (level == 1) {
            int g = abi.socketOptions().toGeneric(name);
            s = g < 0 ? null : SO.get(g);
        } else if (level == 6) {
            s = TCP.get(name);
        }
        return s != null ? s : Integer.toString(name);
    }

    private static final Object[] MSG = {0x1, "MSG_OOB", 0x2, "MSG_PEEK", 0x4, "MSG_DONTROUTE", 0x8, "MSG_CTRUNC",
            0x20, "MSG_TRUNC", 0x40, "MSG_DONTWAIT", 0x80, "MSG_EOR", 0x100, "MSG_WAITALL", 0x4000, "MSG_NOSIGNAL",
            0x8000, "MSG_MORE", 0x40000000, "MSG_CMSG_CLOEXEC"};

    private static String msgFlags(int f) {
        if (f == 0) return "0";
        StringBuilder sb = new StringBuilder();
        int rest = f;
        for (int i = 0; i < MSG.length; i += 2) {
            int bit = (Integer) MSG[i];
            if ((rest & bit) != 0) {
                sb.append(sb.length() > 0 ? "|" : "").append(MSG[i + 1]);
                rest &= ~bit;
            }
        }
        if (rest != 0) sb.append(sb.length() > 0 ? "|" : "").append("0x").append(Integer.toHexString(rest));
        return sb.toString();
    }

    private static String addr(GuestView view, LinuxAbi abi, int addr, int len) {
        if (addr == 0) return "NULL";
        if (len < 2 || len > SockAddr.MAX) return Strace.pointer(addr);
        try {
            return SockAddr.describe(view.read(addr, len), abi.bigEndian());
        } catch (MemoryFault e) {
            return Strace.pointer(addr);
        }
    }

    private static String buffer(GuestView view, int addr, int len) {
        if (addr == 0 || len < 0) return Strace.pointer(addr);
        int shown = Math.min(len, Strace.MAX_PRINT_BUF);
        byte[] b;
        try {
            b = view.read(addr, shown);
        } catch (MemoryFault e) {
            return Strace.pointer(addr);
        }
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else sb.append('\\').append(Integer.toOctalString(c));
        }
        sb.append('"');
        if (shown < len) sb.append("...");
        return sb.toString();
    }
}
