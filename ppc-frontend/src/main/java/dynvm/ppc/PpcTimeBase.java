package dynvm.ppc;

/**
 * The time base read by mftb / mfspr 268, 269: host monotonic time scaled to a 512 MHz counter
 * (a common PowerPC time-base rate). Stateless, so VMs in one JVM do not share anything.
 */
public final class PpcTimeBase {
    private PpcTimeBase() { }

    static final long HZ = 512_000_000L;

    /** Ticks since an arbitrary origin: nanoTime * 512 / 1000 without overflow. */
    static long ticks() {
        long ns = System.nanoTime();
        return ns / 1000 * 512 + ns % 1000 * 512 / 1000;
    }

    public static int lower() { return (int) ticks(); }

    public static int upper() { return (int) (ticks() >>> 32); }
}
