package dynvm.translator.gdb;

import dynvm.translator.gdb.debuggee.DebugTarget;
import dynvm.translator.gdb.debuggee.Watchpoint;

/**
 * {@code Z type,addr,kind} inserts and {@code z} removes: types 0 and 1 (software and hardware
 * breakpoints, the same thing to a translator) and 2, 3, 4 (write, read, access watchpoints of
 * {@code kind} bytes). What the target cannot do gets the empty reply, so gdb falls back.
 */
final class BreakpointCommands implements CommandFamily {
    private final DebugTarget target;

    BreakpointCommands(DebugTarget target) { this.target = target; }

    @Override
    public boolean accepts(String p) {
        char c = CommandFamily.letter(p);
        return c == 'Z' || c == 'z';
    }

    @Override
    public Reply handle(String p) {
        boolean insert = p.charAt(0) == 'Z';
        String[] f = p.substring(1).split(",");
        int type = Integer.parseInt(f[0]);
        long addr = Long.parseLong(f[1], 16);
        int len = f.length > 2 ? Integer.parseInt(f[2].split(";")[0], 16) : 1;
        return Reply.of(switch (type) {
            case 0, 1 -> supported(insert ? target.insertBreakpoint(addr) : target.removeBreakpoint(addr));
            case 2, 3, 4 -> {
                if (len <= 0) yield "E01";
                Watchpoint w = new Watchpoint(kind(type), addr, len);
                yield supported(insert ? target.insertWatchpoint(w) : target.removeWatchpoint(w));
            }
            default -> "";
        });
    }

    private static Watchpoint.Kind kind(int type) {
        return type == 2 ? Watchpoint.Kind.WRITE : type == 3 ? Watchpoint.Kind.READ : Watchpoint.Kind.ACCESS;
    }

    private static String supported(boolean done) { return done ? "OK" : ""; }
}
