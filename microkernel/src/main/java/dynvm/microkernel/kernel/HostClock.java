package dynvm.microkernel.kernel;

/** Monotonic host time since this clock was made: a VM that keeps wall-clock pace (the usual mode). */
public final class HostClock implements Clock {
    private final long start = System.nanoTime();

    @Override public long nanos() { return System.nanoTime() - start; }
}
