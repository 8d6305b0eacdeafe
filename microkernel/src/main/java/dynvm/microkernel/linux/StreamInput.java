package dynvm.microkernel.linux;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The host's standard input passed through as a read-only, non-seekable file.
 *
 * <p>Readiness for poll/select: data is ready when {@link InputStream#available} says so. An
 * InputStream cannot tell "nothing yet" from "end of input" without blocking, so the first time
 * a poll finds nothing available, a daemon thread starts moving the stream into a {@link Pipe};
 * from then on reads, FIONREAD and readiness (including end of input, as POLLHUP) come from that
 * pipe, exactly as for a guest pipe. Limitation: once pumping has started the thread may hold up
 * to a pipe's worth of input that the host process has read ahead; it is only ever delivered to
 * this guest. In-memory streams never block, so for them nothing available means end of input.
 */
final class StreamInput extends OpenFile {
    private final LinuxSystem sys;
    private final InputStream in;
    private final boolean tty;
    private final int uid, gid;
    private Pipe pumped;

    StreamInput(LinuxSystem sys, InputStream in, boolean tty, int uid, int gid) {
        super(OpenFlags.O_RDONLY);
        this.sys = sys;
        this.in = in;
        this.tty = tty;
        this.uid = uid;
        this.gid = gid;
    }

    /** Blocks for the first byte only, like a read(2) on a terminal or pipe. */
    @Override int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        Pipe pipe = pipe();
        if (pipe != null) return pipe.read(b, off, len, nonBlocking());
        int n = in.read(b, off, len);
        return Math.max(n, 0);
    }

    @Override HostStat stat() { return StreamOutput.streamStat(tty, uid, gid, 0); }

    @Override boolean isTty() { return tty; }

    @Override int available() throws IOException {
        Pipe pipe = pipe();
        return pipe != null ? pipe.available() : in.available();
    }

    @Override int pollReady() {
        Pipe pipe = pipe();
        if (pipe != null) return pipe.pollReady(false);
        try {
            if (in.available() > 0 || in instanceof ByteArrayInputStream) return PollSyscalls.POLLIN;
        } catch (IOException e) {
            return PollSyscalls.POLLIN | PollSyscalls.POLLERR;
        }
        return startPump().pollReady(false);
    }

    private synchronized Pipe pipe() { return pumped; }

    private synchronized Pipe startPump() {
        if (pumped != null) return pumped;
        Pipe pipe = new Pipe(sys, 0);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) pipe.write(buf, 0, n, false);
            } catch (IOException | SysErr ended) {
                // host stream error or the guest closed its end: either way no more input
            } finally {
                pipe.closeWriter();
            }
        }, "dynvm-stdin-pump");
        t.setDaemon(true);
        t.start();
        pumped = pipe;
        return pipe;
    }

    @Override void release() {
        Pipe pipe = pipe();
        if (pipe != null) pipe.closeReader();
    }
}
