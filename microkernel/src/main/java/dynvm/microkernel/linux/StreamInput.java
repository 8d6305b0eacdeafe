package dynvm.microkernel.linux;

import java.io.IOException;
import java.io.InputStream;

/** The host's standard input passed through as a read-only, non-seekable file. */
final class StreamInput extends OpenFile {
    private final InputStream in;
    private final boolean tty;
    private final int uid, gid;

    StreamInput(InputStream in, boolean tty, int uid, int gid) {
        super(OpenFlags.O_RDONLY);
        this.in = in;
        this.tty = tty;
        this.uid = uid;
        this.gid = gid;
    }

    /** Blocks for the first byte only, like a read(2) on a terminal or pipe. */
    @Override int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n = in.read(b, off, len);
        return Math.max(n, 0);
    }

    @Override HostStat stat() { return StreamOutput.streamStat(tty, uid, gid, 0); }

    @Override boolean isTty() { return tty; }

    @Override int available() throws IOException { return in.available(); }
}
