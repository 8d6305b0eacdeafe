package dynvm.spi.sys;

/**
 * dynvm's para-virtual interface, ISA-neutral numbers (each ISA documents how a guest makes the
 * call, e.g. ARM: {@code HVC #0x4456} with the number in r0 and arguments in r1..r3, result in r0).
 * A para-virtual guest uses these instead of emulated devices (Proteus offers both).
 */
public final class Hypercalls {
    private Hypercalls() { }

    /** Result for an unknown number (-ENOSYS as a two's-complement word). */
    public static final long UNKNOWN = -38;

    /** Writes bytes to the VM's console: (guest-physical address, length) -> bytes written. */
    public static final int CONSOLE_WRITE = 1;
    /** Gives up the rest of the time slice: () -> 0. */
    public static final int YIELD = 2;
    /** Sets a one-shot timer: (nanoseconds low, high) -> 0; expiry raises the para-virtual timer interrupt. */
    public static final int SET_TIMER = 3;
    /** This VM's id in its configuration (0, 1, ...): () -> id. */
    public static final int VM_ID = 4;
    /** Sends a message to another VM's endpoint: (vm id, guest-physical address, length) -> 0 or negative error. */
    public static final int SEND = 5;
    /** Receives a message: (guest-physical address, max length, timeout ms) -> length, or negative error. */
    public static final int RECEIVE = 6;
    /** Reads the VM's clock in nanoseconds: () -> low word (high word in the second result register). */
    public static final int CLOCK = 7;
}
