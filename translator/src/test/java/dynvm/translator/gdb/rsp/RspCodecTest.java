package dynvm.translator.gdb.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The protocol's byte rules alone: checksums, frames, binary escapes, run-length expansion. */
class RspCodecTest {
    @Test
    void checksumIsTheByteSumModulo256() {
        assertEquals(0, RspCodec.checksum(""));
        assertEquals(0x9a, RspCodec.checksum("OK")); // 0x4f + 0x4b
        assertEquals((0xff + 0xff + 0x02) & 0xff, RspCodec.checksum("\u00ff\u00ff\u0002"), "wraps at 256");
    }

    @Test
    void frameIsDollarPayloadHashTwoLowerCaseHexDigits() {
        assertEquals("$OK#9a", RspCodec.frame("OK"));
        assertEquals("$#00", RspCodec.frame(""));
        assertEquals("$T05thread:1f;#" + String.format("%02x", RspCodec.checksum("T05thread:1f;")), RspCodec.frame("T05thread:1f;"));
    }

    @Test
    void escapeMarksTheFourSpecialBytesOnly() {
        byte[] data = {'$', '#', '}', '*', 'a', 0, (byte) 0xff};
        assertEquals("}\u0004}\u0003}]}\na\u0000\u00ff", RspCodec.escape(data, 0, data.length));
        assertEquals("}]}\na", RspCodec.escape(data, 2, 3), "offset and count");
        assertEquals(2, RspCodec.escape(data, 3, 1).length());
    }

    @Test
    void unescapeInvertsEscapeAndStopsWhenTheTargetIsFull() {
        byte[] data = {'$', '#', '}', '*', 'x', 0, (byte) 0x80};
        String wire = RspCodec.escape(data, 0, data.length);
        byte[] back = new byte[data.length];
        assertEquals(data.length, RspCodec.unescape(wire, back));
        assertArrayEquals(data, back);
        byte[] two = new byte[2];
        assertEquals(2, RspCodec.unescape(wire, two), "an X packet's length bounds what is taken");
        assertArrayEquals(new byte[] {'$', '#'}, two);
        assertEquals(1, RspCodec.unescape("a", new byte[4]), "short data: fewer bytes");
    }

    @Test
    void runLengthRepeatsThePreviousCharacterCountMinus29MoreTimes() {
        assertEquals("0000", RspCodec.expandRuns("0* "), "' ' is 32: three more");
        assertEquals("00000000", RspCodec.expandRuns("0*\"00"), "the manual's example: '\"' is 34, five more");
        assertEquals("ab" + "c".repeat(1 + 8) + "d", RspCodec.expandRuns("abc*%d"), "'%' is 37: eight more");
        assertEquals("xxxxyyyy", RspCodec.expandRuns("x* y* "), "several runs");
    }

    @Test
    void payloadsWithoutRunsAndEscapedBytesPassUnchanged() {
        String plain = "m1000,4";
        assertSame(plain, RspCodec.expandRuns(plain));
        String escapedStar = RspCodec.escape("a*b".getBytes(StandardCharsets.ISO_8859_1), 0, 3);
        assertEquals(escapedStar, RspCodec.expandRuns(escapedStar), "an escaped '*' is no run marker");
    }
}
