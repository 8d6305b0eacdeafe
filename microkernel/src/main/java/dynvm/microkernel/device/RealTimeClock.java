package dynvm.microkernel.device;

/**
 * Wall-clock time as a real-time-clock device reads it: nanoseconds since the Unix epoch. The
 * machine passes the host's clock, or a deterministic one (a fixed instant advanced by guest
 * instruction count) when a run must be reproducible.
 */
@FunctionalInterface
public interface RealTimeClock {
    /** Nanoseconds since 1970-01-01T00:00:00Z. */
    long epochNanos();

    /** The host's wall clock. */
    static RealTimeClock host() {
        return () -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
