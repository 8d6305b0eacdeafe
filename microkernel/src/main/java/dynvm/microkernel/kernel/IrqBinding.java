package dynvm.microkernel.kernel;

/**
 * Binds an {@link IrqLine} to a bit of a {@link Notification}, with seL4's IRQ-handler protocol
 * for level-triggered lines: a rising level signals the bit once; the line is then masked until
 * the handler {@link #ack}s it, and if the level is still high at the ack it signals again. So a
 * handler that woke, serviced the device and acked cannot lose an interrupt that arrived
 * meanwhile, and a line held high does not flood the notification. A pulse (an edge-triggered
 * source) that comes and goes while masked is remembered and signalled at the ack.
 *
 * <p>{@link #level} is readable at any time, so a vCPU can also poll the line between engine
 * slices (the "interrupt window" check) and use the notification only to sleep in WFI.
 */
public final class IrqBinding implements IrqLine {
    private final Notification notification;
    private final long bit;
    private boolean level;
    private boolean masked;
    /** A rising edge seen while masked: an edge-triggered source's pulse must not be lost. */
    private boolean edgeWhileMasked;

    public IrqBinding(Notification notification, long bit) {
        if (Long.bitCount(bit) != 1) throw new IllegalArgumentException("one bit, not 0x" + Long.toHexString(bit));
        this.notification = notification;
        this.bit = bit;
    }

    public long bit() { return bit; }

    @Override
    public void set(boolean high) {
        boolean fire;
        synchronized (this) {
            boolean rising = high && !level;
            fire = rising && !masked;
            if (rising && masked) edgeWhileMasked = true;
            level = high;
            if (fire) masked = true;
        }
        if (fire) notification.signal(bit);
    }

    /** The handler is done with this interrupt: unmask, and signal again if the line is still high. */
    public void ack() {
        boolean fire;
        synchronized (this) {
            fire = level || edgeWhileMasked;
            masked = fire;
            edgeWhileMasked = false;
        }
        if (fire) notification.signal(bit);
    }

    public synchronized boolean level() { return level; }
}
