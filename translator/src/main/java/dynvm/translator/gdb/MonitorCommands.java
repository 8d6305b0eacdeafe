package dynvm.translator.gdb;

import dynvm.translator.gdb.debuggee.DebugTarget;
import java.nio.charset.StandardCharsets;

/**
 * gdb's {@code monitor CMD} ({@code qRcmd,hex}): the target runs it and its text goes back
 * hex-encoded ("OK" when it printed nothing); a target without such commands gets the empty
 * reply. User mode has none; system mode is where machine commands (TLB, devices) belong.
 */
final class MonitorCommands implements CommandFamily {
    private static final String RCMD = "qRcmd,";

    private final DebugTarget target;

    MonitorCommands(DebugTarget target) { this.target = target; }

    @Override
    public boolean accepts(String p) { return p.startsWith(RCMD); }

    @Override
    public Reply handle(String p) {
        String hex = p.substring(RCMD.length());
        byte[] command = new byte[hex.length() / 2];
        for (int i = 0; i < command.length; i++) command[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return Reply.of(target.monitor(new String(command, StandardCharsets.ISO_8859_1)).map(MonitorCommands::output).orElse(""));
    }

    private static String output(String text) {
        if (text.isEmpty()) return "OK";
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) sb.append(String.format("%02x", b & 0xff));
        return sb.toString();
    }
}
