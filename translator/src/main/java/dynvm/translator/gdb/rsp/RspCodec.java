package dynvm.translator.gdb.rsp;

/**
 * The byte-level rules of the GDB remote serial protocol, as pure functions: the modulo-256
 * checksum, the frame {@code $payload#cs}, the binary escape (0x7d, a closing brace, then the
 * byte XOR 0x20, for the bytes {@code $}, {@code #}, 0x7d and {@code *}) and run-length expansion
 * ({@code X*n}: n - 29 more copies of X).
 *
 * <p>Packets are strings of ISO-8859-1 characters, one char per byte, so binary data passes
 * through unchanged.
 */
public final class RspCodec {
    /** The escape character of binary data. */
    public static final char ESCAPE = '}';
    /** The run-length marker: the byte before it repeats (next char - 29) more times. */
    public static final char RUN = '*';
    /** The interrupt byte gdb sends outside any packet (Ctrl-C). */
    public static final int INTERRUPT = 0x03;

    private RspCodec() { }

    /** The protocol's checksum: the sum of the payload's bytes, modulo 256. */
    public static int checksum(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) sum += payload.charAt(i);
        return sum & 0xff;
    }

    /** The whole packet for {@code payload}: {@code $payload#cs}, two lower-case hex digits. */
    public static String frame(String payload) {
        return "$" + payload + "#" + String.format("%02x", checksum(payload));
    }

    /** {@code n} bytes of {@code b} from {@code off}, with the four special bytes escaped (qXfer data). */
    public static String escape(byte[] b, int off, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + n; i++) {
            int c = b[i] & 0xff;
            if (c == '$' || c == '#' || c == ESCAPE || c == RUN) sb.append(ESCAPE).append((char) (c ^ 0x20));
            else sb.append((char) c);
        }
        return sb.toString();
    }

    /**
     * Unescapes binary data {@code data} into {@code into}, until either runs out (an X packet
     * may carry more bytes than its length says). Returns the number of bytes written.
     */
    public static int unescape(String data, byte[] into) {
        int j = 0;
        for (int i = 0; i < data.length() && j < into.length; i++) {
            char c = data.charAt(i);
            into[j++] = (byte) (c == ESCAPE ? data.charAt(++i) ^ 0x20 : c);
        }
        return j;
    }

    /**
     * Expands run-length encoding in a received payload (gdb itself never sends it, other clients
     * may). Escapes are kept: binary commands unescape their own data, and an escaped byte never
     * reads as the run marker.
     */
    public static String expandRuns(String raw) {
        if (raw.indexOf(RUN) < 0) return raw;
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == RUN && sb.length() > 0 && i + 1 < raw.length()) {
                char repeated = sb.charAt(sb.length() - 1);
                for (int n = raw.charAt(++i) - 29; n > 0; n--) sb.append(repeated);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
