package dynvm.translator.gdb.rsp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The transport of one gdb connection: the bottom layer of the stub, which knows packets but not
 * what they mean.
 *
 * <p>Receiving runs on one thread (the stub's protocol thread): {@link #nextPacket} skips gdb's
 * acks, passes the out-of-band interrupt byte to its caller, checks each packet's checksum and
 * acknowledges it ({@code +}, or {@code -} for a corrupt one, which is dropped; gdb resends).
 * No-ack mode is not offered. Sending may come from any thread (replies from the protocol
 * thread, stop replies from guest threads); each packet goes out whole.
 */
public final class RspConnection implements Closeable {
    private final Closeable channel;
    private final InputStream in;
    private final OutputStream out;

    /** A connection over the two streams of {@code channel} (a socket, or pipes in a test). */
    public RspConnection(InputStream in, OutputStream out, Closeable channel) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
        this.out = out;
        this.channel = channel;
    }

    /** A connection over an accepted socket. */
    public static RspConnection over(Socket socket) throws IOException {
        return new RspConnection(socket.getInputStream(), socket.getOutputStream(), socket);
    }

    /**
     * The next well-formed packet's payload, run-length expanded, escapes kept; null when gdb
     * hung up. Each interrupt byte seen on the way runs {@code onInterrupt} first.
     */
    public String nextPacket(Runnable onInterrupt) throws IOException {
        for (;;) {
            int c = in.read();
            if (c < 0) return null;
            if (c == RspCodec.INTERRUPT) { onInterrupt.run(); continue; }
            if (c != '$') continue; // acks
            String packet = readPayload();
            if (packet == null) { write("-"); continue; }
            write("+");
            return RspCodec.expandRuns(packet);
        }
    }

    /** Reads after '$' up to the checksum; null when the checksum is wrong. */
    private String readPayload() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int sum = 0;
        for (int c; (c = in.read()) != '#'; ) {
            if (c < 0) throw new IOException("eof");
            b.write(c);
            sum += c;
        }
        int h1 = in.read(), h2 = in.read();
        if (h1 < 0 || h2 < 0) throw new IOException("eof");
        int want = Integer.parseInt("" + (char) h1 + (char) h2, 16);
        if ((sum & 0xff) != want) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one packet with {@code payload} (already escaped where binary). */
    public void send(String payload) { write(RspCodec.frame(payload)); }

    private synchronized void write(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the reader notices the closed connection
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
