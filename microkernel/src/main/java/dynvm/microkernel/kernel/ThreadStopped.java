package dynvm.microkernel.kernel;

/**
 * Thrown from a scheduling point ({@link Scheduler#yieldPoint}, {@link Scheduler#block},
 * {@link Scheduler#blocking}) of a thread that was stopped, to unwind its body. A body must let
 * it through. No stack trace: it is control flow.
 */
public final class ThreadStopped extends RuntimeException {
    ThreadStopped(KThread t) {
        super(t.name() + " stopped", null, false, false);
    }
}
