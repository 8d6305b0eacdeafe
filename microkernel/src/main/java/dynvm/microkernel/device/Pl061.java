package dynvm.microkernel.device;

/**
 * ARM PrimeCell GPIO (PL061), eight lines, as on QEMU's virt at 0x09030000 (SPI 7), where line 3
 * is the power button. Register names follow the PL061 TRM (DDI 0190).
 *
 * <p>GPIODATA is reached through 256 addresses: bits [9:2] of the offset mask which lines a
 * read sees and a write changes. Lines set as outputs (GPIODIR) hold what the guest writes;
 * inputs follow {@link #setInput}, driven by the host. Input changes are detected as the
 * interrupt sense (GPIOIS: level or edge), both-edges (GPIOIBE) and event (GPIOIEV) registers
 * say, latched in GPIORIS and cleared by GPIOIC (edges) or by the level going away; the output is
 * GPIORIS &amp; GPIOIE, on one {@link InterruptOutput}.
 */
public final class Pl061 implements MmioDevice {
    static final int GPIODATA_END = 0x400, GPIODIR = 0x400, GPIOIS = 0x404, GPIOIBE = 0x408,
            GPIOIEV = 0x40c, GPIOIE = 0x410, GPIORIS = 0x414, GPIOMIS = 0x418, GPIOIC = 0x41c,
            GPIOAFSEL = 0x420;

    private static final PrimeCellId ID = new PrimeCellId(0x61, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1);

    private final InterruptOutput irq;
    private int data;      // output latch
    private int inputs;    // levels on the pins from outside
    private int dir, is, ibe, iev, ie, ris, afsel;
    private boolean irqLevel;

    public Pl061(InterruptOutput irq) {
        this.irq = irq;
    }

    @Override public String name() { return "pl061"; }

    @Override public int size() { return 0x1000; }

    /** The host drives input line {@code line} (0-7): a button press, say. */
    public synchronized void setInput(int line, boolean high) {
        int bit = 1 << line;
        int before = inputs;
        inputs = high ? inputs | bit : inputs & ~bit;
        detect(before, inputs);
    }

    @Override
    public synchronized long read(int offset, int size) {
        int word = RegisterWindow.wordOffset(offset);
        int value;
        if (word < GPIODATA_END) {
            value = pins() & (word >> 2);
        } else {
            value = switch (word) {
                case GPIODIR -> dir;
                case GPIOIS -> is;
                case GPIOIBE -> ibe;
                case GPIOIEV -> iev;
                case GPIOIE -> ie;
                case GPIORIS -> ris;
                case GPIOMIS -> ris & ie;
                case GPIOAFSEL -> afsel;
                default -> ID.covers(word) ? ID.read(word) : 0;
            };
        }
        return RegisterWindow.extract(value, offset, size);
    }

    @Override
    public synchronized void write(int offset, int size, long value) {
        int word = RegisterWindow.wordOffset(offset);
        int v = RegisterWindow.writeValue(value, size) & 0xff;
        if (word < GPIODATA_END) {
            int mask = word >> 2;
            data = (data & ~mask) | (v & mask);
            return;
        }
        switch (word) {
            case GPIODIR -> dir = v;
            case GPIOIS -> is = v;
            case GPIOIBE -> ibe = v;
            case GPIOIEV -> iev = v;
            case GPIOIE -> ie = v;
            case GPIOIC -> ris &= ~(v & ~is); // edge-detected bits only: a level stays while it lasts
            case GPIOAFSEL -> afsel = v;
            default -> { }
        }
        detect(inputs, inputs); // sense changes re-evaluate levels
    }

    /** Outputs show the latch, inputs the outside levels. */
    private int pins() {
        return (data & dir) | (inputs & ~dir);
    }

    private void detect(int before, int after) {
        int changed = before ^ after;
        int rising = changed & after;
        int falling = changed & before;
        int edges = (ibe & changed) | (~ibe & ((iev & rising) | (~iev & falling)));
        int levels = (iev & after) | (~iev & ~after);
        ris = (ris | (edges & ~is)) & ~is | (levels & is);
        ris &= ~dir & 0xff; // only inputs interrupt
        boolean level = (ris & ie) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
