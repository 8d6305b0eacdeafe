package dynvm.microkernel.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pl011Test {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Boolean> edges = new ArrayList<>();
    private final Pl011 uart = new Pl011(out, edges::add);

    @Test
    void transmitGoesToTheConsoleAtOnce() {
        for (char c : "hi\n".toCharArray()) {
            uart.write(Pl011.UARTDR, 4, c);
        }
        assertEquals("hi\n", out.toString());
        uart.write(Pl011.UARTDR, 1, 'x'); // strb works like str
        assertEquals("hi\nx", out.toString());
    }

    @Test
    void resetFlagsAsQemuReportsThem() {
        assertEquals(Pl011.FR_TXFE | Pl011.FR_RXFE, uart.read(Pl011.UARTFR, 4));
        assertEquals(0x300, uart.read(Pl011.UARTCR, 4));
        assertEquals(0x12, uart.read(Pl011.UARTIFLS, 4));
    }

    @Test
    void primeCellIdsAreQemus() {
        int[] expected = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
        int[] got = new int[8];
        for (int i = 0; i < 8; i++) {
            got[i] = (int) uart.read(0xfe0 + 4 * i, 4);
        }
        assertArrayEquals(expected, got);
    }

    @Test
    void receiveWithoutFifoHoldsOneByte() {
        uart.receive((byte) 'a');
        assertFalse(uart.canReceive());
        uart.receive((byte) 'b'); // dropped: the holding register is full
        assertEquals(Pl011.FR_TXFE | Pl011.FR_RXFF, uart.read(Pl011.UARTFR, 4));
        assertEquals('a', uart.read(Pl011.UARTDR, 4));
        assertEquals(Pl011.FR_TXFE | Pl011.FR_RXFE, uart.read(Pl011.UARTFR, 4));
    }

    @Test
    void receiveFifoHoldsSixteenInOrder() {
        uart.write(Pl011.UARTLCR_H, 4, Pl011.LCR_H_FEN | 0x60);
        for (int i = 0; i < 17; i++) {
            uart.receive((byte) ('A' + i));
        }
        assertEquals(Pl011.FR_RXFF, uart.read(Pl011.UARTFR, 4) & Pl011.FR_RXFF);
        StringBuilder got = new StringBuilder();
        while ((uart.read(Pl011.UARTFR, 4) & Pl011.FR_RXFE) == 0) {
            got.append((char) uart.read(Pl011.UARTDR, 4));
        }
        assertEquals("ABCDEFGHIJKLMNOP", got.toString());
    }

    @Test
    void rxInterruptFollowsMaskAndData() {
        uart.receive((byte) 'z');
        assertEquals(Pl011.INT_RX, uart.read(Pl011.UARTRIS, 4));
        assertEquals(0, uart.read(Pl011.UARTMIS, 4));
        assertTrue(edges.isEmpty(), "masked: the line stays low");

        uart.write(Pl011.UARTIMSC, 4, Pl011.INT_RX);
        assertEquals(List.of(true), edges);
        assertEquals(Pl011.INT_RX, uart.read(Pl011.UARTMIS, 4));

        uart.read(Pl011.UARTDR, 4);
        assertEquals(List.of(true, false), edges, "reading the last byte clears RX");
    }

    @Test
    void txInterruptIsClearedByIcr() {
        uart.write(Pl011.UARTIMSC, 4, Pl011.INT_TX);
        uart.write(Pl011.UARTDR, 4, '.');
        assertEquals(List.of(true), edges);
        uart.write(Pl011.UARTICR, 4, Pl011.INT_TX);
        assertEquals(List.of(true, false), edges);
        assertEquals(0, uart.read(Pl011.UARTRIS, 4));
    }

    @Test
    void loopbackReceivesWhatIsSent() {
        uart.write(Pl011.UARTCR, 4, 0x301 | Pl011.CR_LBE);
        uart.receive((byte) 'h'); // the line from the host is disconnected
        uart.write(Pl011.UARTDR, 4, 'q');
        assertEquals('q', uart.read(Pl011.UARTDR, 4));
    }

    @Test
    void narrowReadsSeeTheirLane() {
        uart.write(Pl011.UARTIBRD, 4, 0x1234);
        assertEquals(0x34, uart.read(Pl011.UARTIBRD, 1));
        assertEquals(0x12, uart.read(Pl011.UARTIBRD + 1, 1));
        uart.write(Pl011.UARTFBRD, 4, 0xff);
        assertEquals(0x3f, uart.read(Pl011.UARTFBRD, 4));
    }

    @Test
    void errorClearResetsReceiveStatus() {
        uart.write(Pl011.UARTCR, 4, 0x301 | Pl011.CR_LBE);
        uart.write(Pl011.UARTLCR_H, 4, Pl011.LCR_H_BRK);
        assertEquals(Pl011.DR_BE, uart.read(Pl011.UARTDR, 4));
        assertEquals(Pl011.DR_BE >> 8, uart.read(Pl011.UARTRSR, 4));
        uart.write(Pl011.UARTRSR, 4, 0);
        assertEquals(0, uart.read(Pl011.UARTRSR, 4));
    }

    @Test
    void blockingReceiveWaitsForTheGuestToRead() throws Exception {
        uart.receive((byte) '1');
        Thread host = new Thread(() -> {
            try {
                uart.receiveBlocking((byte) '2');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        host.start();
        host.join(100);
        assertTrue(host.isAlive(), "FIFO (one entry) full: the host waits");
        assertEquals('1', uart.read(Pl011.UARTDR, 4));
        host.join(5000);
        assertFalse(host.isAlive());
        assertEquals('2', uart.read(Pl011.UARTDR, 4));
    }
}
