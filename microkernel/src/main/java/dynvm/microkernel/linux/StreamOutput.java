package dynvm.microkernel.linux;

import java.io.IOException;
import java.io.OutputStream;

/** A host output stream (stdout, stderr) passed through; flushed once per write syscall so output interleaves sanely. */
final class StreamOutput extends OpenFile {
    private final OutputStream out;
    private final boolean tty;
    private final int uid, gid, which;

    StreamOutput(OutputStream out, boolean tty, int uid, int gid, int which) {
        super(OpenFlags.O_WRONLY);
        this.out = out;
        this.tty = tty;
        this.uid = uid;
        this.gid = gid;
        this.which = which;
    }

    @Override int write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        out.flush();
        return len;
    }

    @Override HostStat stat() { return streamStat(tty, uid, gid, which); }

    @Override boolean isTty() { return tty; }

    @Override void release() throws IOException { out.flush(); }

    /** A terminal looks like /dev/pts/0 (char device 136:0); anything else like a pipe. */
    static HostStat streamStat(boolean tty, int uid, int gid, int which) {
        return tty ? HostStat.synthetic(HostStat.S_IFCHR | 0620, uid, gid, 136, 0, 3)
                   : HostStat.synthetic(HostStat.S_IFIFO | 0600, uid, gid, 0, 0, 100 + which);
    }
}
