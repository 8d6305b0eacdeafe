package dynvm.microkernel.device;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * ARM PrimeCell UART (PL011), the console of the {@code virt} machine, modelled as QEMU models it
 * so that a guest prints the same transcript under both.
 *
 * <h2>Transmit</h2>
 * A write to UARTDR goes to the host {@link OutputStream} at once and is flushed: there is no
 * transmit FIFO and no baud-rate timing, so UARTFR always shows the transmitter empty (TXFE set,
 * TXFF and BUSY clear) and every write raises the TX interrupt status, as in QEMU. IBRD/FBRD and
 * LCR_H's word format are stored for the guest to read back and otherwise ignored.
 *
 * <h2>Receive</h2>
 * A host thread feeds bytes with {@link #receive(byte)}. They queue in a receive FIFO of 16
 * entries when LCR_H.FEN is set, or a one-entry holding register when it is clear (changing FEN
 * empties it, as the TRM says). The RX interrupt is raised as soon as one character is waiting
 * (QEMU's trigger level of 1, whatever IFLS says: Linux reads the FIFO only on interrupt) and
 * cleared when the guest reads below it. A byte offered while the FIFO is full is dropped and
 * {@link #canReceive()} lets the host hold back instead. In loopback (CR.LBE) transmitted bytes
 * are received and host input is ignored.
 *
 * <h2>Interrupt</h2>
 * One combined output, UARTINTR = (RIS &amp; IMSC) != 0, driven on an {@link InterruptOutput}
 * only when its level changes. The device's lock is held while driving it.
 *
 * <p>Register names and bits follow the PL011 TRM (DDI 0183); reset values are QEMU's.
 */
public final class Pl011 implements MmioDevice {
    /** Register offsets (PL011 TRM, table 3-1). */
    static final int UARTDR = 0x000, UARTRSR = 0x004, UARTFR = 0x018, UARTILPR = 0x020,
            UARTIBRD = 0x024, UARTFBRD = 0x028, UARTLCR_H = 0x02c, UARTCR = 0x030,
            UARTIFLS = 0x034, UARTIMSC = 0x038, UARTRIS = 0x03c, UARTMIS = 0x040,
            UARTICR = 0x044, UARTDMACR = 0x048;

    /** UARTFR bits. */
    public static final int FR_CTS = 1, FR_DSR = 1 << 1, FR_DCD = 1 << 2, FR_BUSY = 1 << 3,
            FR_RXFE = 1 << 4, FR_TXFF = 1 << 5, FR_RXFF = 1 << 6, FR_TXFE = 1 << 7, FR_RI = 1 << 8;

    /** Interrupt bits of RIS, MIS, IMSC and ICR. */
    public static final int INT_RX = 1 << 4, INT_TX = 1 << 5, INT_RT = 1 << 6;

    /** UARTDR receive status bits above the data byte; break error. */
    static final int DR_BE = 1 << 10;

    static final int LCR_H_BRK = 1, LCR_H_FEN = 1 << 4;
    static final int CR_LBE = 1 << 7;

    private static final int FIFO_DEPTH = 16;
    private static final PrimeCellId ID = new PrimeCellId(0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1);

    private final OutputStream console;
    private final InterruptOutput irq;

    private final int[] rxFifo = new int[FIFO_DEPTH];
    private int rxPos;
    private int rxCount;
    private int rsr;
    private int ilpr;
    private int ibrd;
    private int fbrd;
    private int lcrH;
    private int cr = 0x300;   // TXE | RXE, as QEMU resets it
    private int ifls = 0x12;  // both FIFO levels at 1/2
    private int imsc;
    private int ris;
    private int dmacr;
    private boolean irqLevel;

    /**
     * @param console where transmitted bytes go (flushed after each one)
     * @param irq the combined interrupt output UARTINTR
     */
    public Pl011(OutputStream console, InterruptOutput irq) {
        this.console = console;
        this.irq = irq;
    }

    @Override public String name() { return "pl011"; }

    @Override public int size() { return 0x1000; }

    /** True when the receive FIFO has room: a host input pump may wait for this before {@link #receive}. */
    public synchronized boolean canReceive() {
        return rxCount < depth();
    }

    /**
     * A byte arriving on the serial line from the host (any thread). Dropped when the FIFO is full
     * or the UART is in loopback.
     */
    public synchronized void receive(byte b) {
        if ((cr & CR_LBE) == 0) {
            push(b & 0xff);
        }
    }

    /**
     * Like {@link #receive} but waits while the FIFO is full, so a host thread pumping a terminal
     * or a file into the UART loses nothing (QEMU's chardev likewise holds input back). Not in
     * loopback: then the byte is dropped at once.
     */
    public synchronized void receiveBlocking(byte b) throws InterruptedException {
        while ((cr & CR_LBE) == 0 && rxCount >= depth()) {
            wait();
        }
        receive(b);
    }

    @Override
    public synchronized long read(int offset, int size) {
        int word = RegisterWindow.wordOffset(offset);
        return RegisterWindow.extract(readRegister(word), offset, size);
    }

    @Override
    public synchronized void write(int offset, int size, long value) {
        writeRegister(RegisterWindow.wordOffset(offset), RegisterWindow.writeValue(value, size));
    }

    /** The hand-written MMIO dispatch: one switch per direction over the {@link Register} methods below. */
    int readRegister(int word) {
        switch (word) {
            case UARTDR: return dr();
            case UARTRSR: return rsr();
            case UARTFR: return fr();
            case UARTILPR: return ilpr();
            case UARTIBRD: return ibrd();
            case UARTFBRD: return fbrd();
            case UARTLCR_H: return lcrH();
            case UARTCR: return cr();
            case UARTIFLS: return ifls();
            case UARTIMSC: return imsc();
            case UARTRIS: return ris();
            case UARTMIS: return mis();
            case UARTDMACR: return dmacr();
            default: return ID.covers(word) ? ID.read(word) : 0; // reserved reads as zero, as in QEMU
        }
    }

    void writeRegister(int word, int value) {
        switch (word) {
            case UARTDR -> dr(value);
            case UARTRSR -> ecr(value);
            case UARTILPR -> ilpr(value);
            case UARTIBRD -> ibrd(value);
            case UARTFBRD -> fbrd(value);
            case UARTLCR_H -> lcrH(value);
            case UARTCR -> cr(value);
            case UARTIFLS -> ifls(value);
            case UARTIMSC -> imsc(value);
            case UARTICR -> icr(value);
            case UARTDMACR -> dmacr(value);
            default -> { } // FR, RIS, MIS, IDs and reserved: writes ignored
        }
    }

    // --- the register map (PL011 TRM table 3-1); callers hold the lock ---

    @Register(offset = UARTDR, access = Register.Access.READ) int dr() { return popData(); }
    @Register(offset = UARTDR, access = Register.Access.WRITE) void dr(int v) { transmit(v & 0xff); }
    @Register(offset = UARTRSR, access = Register.Access.READ) int rsr() { return rsr; }
    /** UARTECR: any write clears the receive errors. */
    @Register(offset = UARTRSR, access = Register.Access.WRITE) void ecr(int v) { rsr = 0; }
    @Register(offset = UARTFR, access = Register.Access.READ) int fr() { return flags(); }
    @Register(offset = UARTILPR, access = Register.Access.READ) int ilpr() { return ilpr; }
    @Register(offset = UARTILPR, access = Register.Access.WRITE) void ilpr(int v) { ilpr = v & 0xff; }
    @Register(offset = UARTIBRD, access = Register.Access.READ) int ibrd() { return ibrd; }
    @Register(offset = UARTIBRD, access = Register.Access.WRITE) void ibrd(int v) { ibrd = v & 0xffff; }
    @Register(offset = UARTFBRD, access = Register.Access.READ) int fbrd() { return fbrd; }
    @Register(offset = UARTFBRD, access = Register.Access.WRITE) void fbrd(int v) { fbrd = v & 0x3f; }
    @Register(offset = UARTLCR_H, access = Register.Access.READ) int lcrH() { return lcrH; }
    @Register(offset = UARTLCR_H, access = Register.Access.WRITE) void lcrH(int v) { writeLineControl(v & 0xff); }
    @Register(offset = UARTCR, access = Register.Access.READ) int cr() { return cr; }
    @Register(offset = UARTCR, access = Register.Access.WRITE) void cr(int v) { cr = v & 0xffff; }
    @Register(offset = UARTIFLS, access = Register.Access.READ) int ifls() { return ifls; }
    @Register(offset = UARTIFLS, access = Register.Access.WRITE) void ifls(int v) { ifls = v & 0x3f; }
    @Register(offset = UARTIMSC, access = Register.Access.READ) int imsc() { return imsc; }
    @Register(offset = UARTIMSC, access = Register.Access.WRITE) void imsc(int v) { imsc = v & 0x7ff; update(); }
    @Register(offset = UARTRIS, access = Register.Access.READ) int ris() { return ris; }
    @Register(offset = UARTMIS, access = Register.Access.READ) int mis() { return ris & imsc; }
    @Register(offset = UARTICR, access = Register.Access.WRITE) void icr(int v) { ris &= ~v; update(); }
    @Register(offset = UARTDMACR, access = Register.Access.READ) int dmacr() { return dmacr; }
    @Register(offset = UARTDMACR, access = Register.Access.WRITE) void dmacr(int v) { dmacr = v & 0x7; }

    private int flags() {
        int fr = FR_TXFE; // transmission is instantaneous: never busy, never full
        if (rxCount == 0) {
            fr |= FR_RXFE;
        }
        if (rxCount == depth()) {
            fr |= FR_RXFF;
        }
        return fr;
    }

    private void transmit(int b) {
        try {
            console.write(b);
            console.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("pl011 console", e);
        }
        if ((cr & CR_LBE) != 0) {
            push(b);
        }
        ris |= INT_TX;
        update();
    }

    private void writeLineControl(int value) {
        if (((lcrH ^ value) & LCR_H_FEN) != 0) {
            rxCount = 0;   // the TRM: changing FEN flushes the FIFOs
            rxPos = 0;
            ris &= ~INT_RX;
            update();
            notifyAll();
        }
        if ((cr & CR_LBE) != 0 && (value & LCR_H_BRK) != 0 && (lcrH & LCR_H_BRK) == 0) {
            push(DR_BE);   // a break sent in loopback is a break received
        }
        lcrH = value;
    }

    private int depth() {
        return (lcrH & LCR_H_FEN) != 0 ? FIFO_DEPTH : 1;
    }

    private void push(int entry) {
        if (rxCount >= depth()) {
            return;
        }
        rxFifo[(rxPos + rxCount) % FIFO_DEPTH] = entry;
        rxCount++;
        ris |= INT_RX;
        update();
    }

    private int popData() {
        int entry = rxFifo[rxPos];
        if (rxCount > 0) {
            rxCount--;
            rxPos = (rxPos + 1) % FIFO_DEPTH;
        }
        if (rxCount == 0) {
            ris &= ~INT_RX;
        }
        rsr = (entry >> 8) & 0xf; // the error bits of the character read, FE PE BE OE
        update();
        notifyAll();              // room for a host thread in receiveBlocking
        return entry;
    }

    private void update() {
        boolean level = (ris & imsc) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
