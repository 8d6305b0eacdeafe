package dynvm.translator.gdb;

import dynvm.spi.GdbTarget;
import dynvm.translator.gdb.debuggee.DebugTarget;
import dynvm.translator.gdb.debuggee.DebugThread;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Registers of the inspected thread (Hg) in the target description's numbering: {@code g} (all),
 * {@code G} (all), {@code p n}, {@code P n=value}. Values are hex bytes in the target's byte
 * order, each as wide as the description declares.
 */
final class RegisterCommands implements CommandFamily {
    private final List<GdbTarget.Register> registers;
    private final boolean bigEndian;
    private final StopCoordinator stops;

    RegisterCommands(DebugTarget target, StopCoordinator stops) {
        this.registers = target.registers();
        this.bigEndian = target.byteOrder() == ByteOrder.BIG_ENDIAN;
        this.stops = stops;
    }

    @Override
    public boolean accepts(String p) {
        char c = CommandFamily.letter(p);
        return c == 'g' || c == 'G' || c == 'p' || c == 'P';
    }

    @Override
    public Reply handle(String p) {
        String arg = p.substring(1);
        return Reply.of(switch (p.charAt(0)) {
            case 'g' -> readAll();
            case 'G' -> writeAll(arg);
            case 'p' -> readOne(arg);
            default -> writeOne(arg);
        });
    }

    private String readAll() {
        DebugThread t = stops.inspected();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < registers.size(); i++) appendValue(sb, t.readRegister(i), bytes(i));
        return sb.toString();
    }

    private String writeAll(String hex) {
        DebugThread t = stops.inspected();
        int pos = 0;
        for (int i = 0; i < registers.size() && pos < hex.length(); i++) {
            int bytes = bytes(i);
            if (pos + 2 * bytes > hex.length()) return "E01";
            t.writeRegister(i, parseValue(hex.substring(pos, pos + 2 * bytes)));
            pos += 2 * bytes;
        }
        return "OK";
    }

    private String readOne(String arg) {
        int n = Integer.parseInt(arg, 16);
        if (n < 0 || n >= registers.size()) return "E01";
        StringBuilder sb = new StringBuilder();
        appendValue(sb, stops.inspected().readRegister(n), bytes(n));
        return sb.toString();
    }

    private String writeOne(String arg) {
        int eq = arg.indexOf('=');
        int n = Integer.parseInt(arg.substring(0, eq), 16);
        if (n < 0 || n >= registers.size()) return "E01";
        stops.inspected().writeRegister(n, parseValue(arg.substring(eq + 1)));
        return "OK";
    }

    private int bytes(int regnum) { return registers.get(regnum).bits() / 8; }

    /** Appends {@code bytes} bytes of {@code v} in target byte order. */
    private void appendValue(StringBuilder sb, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            int shift = bigEndian ? 8 * (bytes - 1 - i) : 8 * i;
            sb.append(String.format("%02x", (v >>> shift) & 0xff));
        }
    }

    private long parseValue(String hex) {
        int bytes = hex.length() / 2;
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            long b = Long.parseLong(hex.substring(2 * i, 2 * i + 2), 16);
            v |= b << (bigEndian ? 8 * (bytes - 1 - i) : 8 * i);
        }
        return v;
    }
}
