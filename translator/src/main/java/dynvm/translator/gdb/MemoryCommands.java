package dynvm.translator.gdb;

import dynvm.translator.gdb.rsp.RspCodec;

/**
 * Guest memory at virtual addresses as the inspected thread sees it: {@code m addr,len} (hex,
 * at most 4 KiB, as far as it is readable), {@code M addr,len:hex} and {@code X addr,len:binary}.
 * Unmapped memory is an error reply (E14), never a guest fault.
 */
final class MemoryCommands implements CommandFamily {
    /** The most bytes one m packet returns (gdb asks again for the rest). */
    private static final int MAX_READ = 0x1000;

    private final StopCoordinator stops;

    MemoryCommands(StopCoordinator stops) { this.stops = stops; }

    @Override
    public boolean accepts(String p) {
        char c = CommandFamily.letter(p);
        return c == 'm' || c == 'M' || c == 'X';
    }

    @Override
    public Reply handle(String p) {
        String arg = p.substring(1);
        return Reply.of(p.charAt(0) == 'm' ? read(arg) : write(arg, p.charAt(0) == 'X'));
    }

    private String read(String arg) {
        String[] al = arg.split(",");
        long addr = Long.parseLong(al[0], 16);
        int len = Integer.parseInt(al[1], 16);
        byte[] data = new byte[Math.max(0, Math.min(len, MAX_READ))];
        int n = stops.inspected().readMemory(addr, data);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(String.format("%02x", data[i] & 0xff));
        return n == 0 && len > 0 ? "E14" : sb.toString();
    }

    private String write(String arg, boolean binary) {
        int colon = arg.indexOf(':');
        String[] al = arg.substring(0, colon).split(",");
        long addr = Long.parseLong(al[0], 16);
        int len = Integer.parseInt(al[1], 16);
        String data = arg.substring(colon + 1);
        byte[] bytes = new byte[len];
        if (binary) {
            if (RspCodec.unescape(data, bytes) < len) return "E01";
        } else {
            if (data.length() < 2 * len) return "E01";
            for (int i = 0; i < len; i++) bytes[i] = (byte) Integer.parseInt(data.substring(2 * i, 2 * i + 2), 16);
        }
        if (len == 0) return "OK";
        return stops.inspected().writeMemory(addr, bytes) ? "OK" : "E14";
    }
}
