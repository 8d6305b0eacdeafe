package dynvm.translator.gdb.rsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One connection's receiving and sending over in-memory streams: no socket, no guest. */
class RspConnectionTest {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final AtomicInteger interrupts = new AtomicInteger();
    private boolean closed;

    private RspConnection from(String wire) {
        return new RspConnection(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), sent, () -> closed = true);
    }

    private String next(RspConnection c) throws IOException { return c.nextPacket(interrupts::incrementAndGet); }

    private String sent() { return sent.toString(StandardCharsets.ISO_8859_1); }

    @Test
    void aGoodPacketIsAcknowledgedAndGdbsAcksAreSkipped() throws IOException {
        RspConnection c = from("+$g#67+$?#3f");
        assertEquals("g", next(c));
        assertEquals("?", next(c));
        assertNull(next(c), "end of stream: gdb hung up");
        assertEquals("++", sent());
    }

    @Test
    void aCorruptPacketIsRefusedAndDropped() throws IOException {
        RspConnection c = from("$g#00$g#67");
        assertEquals("g", next(c), "the resent packet");
        assertEquals("-+", sent());
    }

    @Test
    void theInterruptByteRunsTheCallbackOutsideAnyPacket() throws IOException {
        RspConnection c = from("\u0003\u0003$?#3f");
        assertEquals("?", next(c));
        assertEquals(2, interrupts.get());
        assertEquals("+", sent());
    }

    @Test
    void runLengthIsExpandedAfterTheChecksumOverTheRawBytes() throws IOException {
        String raw = "M0,4:0*\"00";
        RspConnection c = from(RspCodec.frame(raw));
        assertEquals("M0,4:00000000", next(c));
    }

    @Test
    void escapesAndHighBytesArriveAsTheyWereSent() throws IOException {
        String raw = "X0,2:}\u0003\u00fe";
        assertEquals(raw, next(from(RspCodec.frame(raw))), "binary commands unescape their own data");
    }

    @Test
    void aStreamEndingInsideAPacketIsAnError() {
        assertThrows(IOException.class, () -> next(from("$g#6")));
        assertThrows(IOException.class, () -> next(from("$gg")));
    }

    @Test
    void sendFramesThePayloadAndCloseClosesTheChannel() {
        RspConnection c = from("");
        c.send("OK");
        c.send("");
        assertEquals("$OK#9a$#00", sent());
        c.close();
        assertTrue(closed);
    }
}
