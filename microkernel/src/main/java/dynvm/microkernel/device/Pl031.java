package dynvm.microkernel.device;

/**
 * ARM PrimeCell real-time clock (PL031), as QEMU's {@code virt} has it at 0x09010000, SPI 2.
 *
 * <p>The counter is a 32-bit count of seconds: {@code RTCDR = offset + clock seconds}, where the
 * clock is wall time ({@link RealTimeClock#host()} by default) and writing RTCLR moves the offset
 * so that the counter reads the loaded value from then on. RTCLR reads back the last value
 * loaded. When the counter reaches RTCMR the raw interrupt RTCRIS is set, at once if it already
 * equals it, else by an {@link AlarmService} alarm armed for the seconds still to go; the output
 * is RTCRIS &amp; RTCIMSC. RTCCR reads 1 (started) and ignores writes, as in QEMU. Register names
 * follow the PL031 TRM (DDI 0224); ID values are QEMU's.
 */
public final class Pl031 implements MmioDevice {
    static final int RTCDR = 0x00, RTCMR = 0x04, RTCLR = 0x08, RTCCR = 0x0c, RTCIMSC = 0x10,
            RTCRIS = 0x14, RTCMIS = 0x18, RTCICR = 0x1c;

    private static final PrimeCellId ID = new PrimeCellId(0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RealTimeClock clock;
    private final InterruptOutput irq;
    private final AlarmService alarms;

    private long offsetSeconds;
    private int match;
    private int load;
    private int imsc;
    private int ris;
    private boolean irqLevel;
    private AlarmService.Alarm pendingAlarm;

    /**
     * @param clock wall time the counter follows
     * @param irq the interrupt output RTCINTR
     * @param alarms timers for the match interrupt ({@link AlarmService#NONE} to go without)
     */
    public Pl031(RealTimeClock clock, InterruptOutput irq, AlarmService alarms) {
        this.clock = clock;
        this.irq = irq;
        this.alarms = alarms;
    }

    /** A PL031 on the host's wall clock. */
    public Pl031(InterruptOutput irq, AlarmService alarms) {
        this(RealTimeClock.host(), irq, alarms);
    }

    @Override public String name() { return "pl031"; }

    @Override public int size() { return 0x1000; }

    @Override
    public synchronized long read(int offset, int size) {
        int word = RegisterWindow.wordOffset(offset);
        int value = switch (word) {
            case RTCDR -> counter();
            case RTCMR -> match;
            case RTCLR -> load;
            case RTCCR -> 1;
            case RTCIMSC -> imsc;
            case RTCRIS -> ris;
            case RTCMIS -> ris & imsc;
            default -> ID.covers(word) ? ID.read(word) : 0;
        };
        return RegisterWindow.extract(value, offset, size);
    }

    @Override
    public synchronized void write(int offset, int size, long value) {
        int v = RegisterWindow.writeValue(value, size);
        switch (RegisterWindow.wordOffset(offset)) {
            case RTCLR -> {
                offsetSeconds += (v & 0xffff_ffffL) - (counter() & 0xffff_ffffL);
                load = v;
                scheduleMatch();
            }
            case RTCMR -> {
                match = v;
                scheduleMatch();
            }
            case RTCIMSC -> { imsc = v & 1; update(); }
            case RTCICR -> { ris &= ~(v & 1); update(); }
            default -> { } // RTCCR: the counter always runs; read-only registers ignore writes
        }
    }

    private int counter() {
        return (int) (offsetSeconds + Math.floorDiv(clock.epochNanos(), NANOS_PER_SECOND));
    }

    /** (Re)arms the alarm for the moment the counter reaches RTCMR. */
    private void scheduleMatch() {
        if (pendingAlarm != null) {
            pendingAlarm.cancel();
            pendingAlarm = null;
        }
        long seconds = (match - counter()) & 0xffff_ffffL; // the counter wraps at 32 bits
        if (seconds == 0) {
            ris |= 1;
            update();
            return;
        }
        long intoSecond = Math.floorMod(clock.epochNanos(), NANOS_PER_SECOND);
        pendingAlarm = alarms.schedule(seconds * NANOS_PER_SECOND - intoSecond, this::matchReached);
    }

    private synchronized void matchReached() {
        pendingAlarm = null;
        ris |= 1;
        update();
    }

    private void update() {
        boolean level = (ris & imsc) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
