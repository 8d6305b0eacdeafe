package dynvm.translator.gdb;

import dynvm.translator.gdb.rsp.RspCodec;
import dynvm.translator.gdb.debuggee.DebugTarget;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the target offers and describes: {@code qSupported}, the target description
 * ({@code qXfer:features:read:target.xml:off,len}), the auxv ({@code qXfer:auxv:read::off,len}),
 * {@code qAttached} (always 1: gdb detaches rather than kills on quit) and {@code qSymbol} (no
 * symbols wanted). The auxv is advertised only where the target has one.
 */
final class FeatureCommands implements CommandFamily {
    private static final String FEATURES = "qXfer:features:read:", AUXV = "qXfer:auxv:read:";

    private final DebugTarget target;

    FeatureCommands(DebugTarget target) { this.target = target; }

    @Override
    public boolean accepts(String p) {
        return p.startsWith("qSupported") || p.startsWith(FEATURES) || p.startsWith(AUXV) || p.equals("qAttached")
                || p.startsWith("qAttached:") || p.startsWith("qSymbol");
    }

    @Override
    public Reply handle(String p) {
        if (p.startsWith("qSupported")) return Reply.of(supported());
        if (p.startsWith(FEATURES)) {
            String[] f = p.substring(FEATURES.length()).split(":");
            if (!f[0].equals("target.xml") || f.length < 2) return Reply.of("E00");
            return Reply.of(chunk(target.targetXml().getBytes(StandardCharsets.UTF_8), f[1]));
        }
        if (p.startsWith(AUXV)) {
            Optional<byte[]> auxv = target.auxv();
            if (auxv.isEmpty()) return Reply.UNSUPPORTED;
            String[] f = p.substring(AUXV.length()).split(":", -1);
            if (!f[0].isEmpty() || f.length < 2) return Reply.of("E00");
            return Reply.of(chunk(auxv.get(), f[1]));
        }
        if (p.startsWith("qSymbol")) return Reply.of("OK");
        return Reply.of("1"); // qAttached: an existing process, detach rather than kill on quit
    }

    private String supported() {
        return "PacketSize=4000;qXfer:features:read+;" + (target.auxv().isPresent() ? "qXfer:auxv:read+;" : "")
                + "QPassSignals+;vContSupported+";
    }

    /** One chunk of a qXfer object: {@code offLen} is "offset,length" in hex; 'l' marks the last. */
    private static String chunk(byte[] data, String offLen) {
        String[] ol = offLen.split(",");
        int off = Integer.parseInt(ol[0], 16), len = Integer.parseInt(ol[1], 16);
        if (off >= data.length) return "l";
        int n = Math.min(len, data.length - off);
        return (off + n >= data.length ? "l" : "m") + RspCodec.escape(data, off, n);
    }
}
