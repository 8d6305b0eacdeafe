package dynvm.microkernel.device;

/**
 * One-shot timers for devices that must act at a future time (an RTC match, a watchdog). The
 * machine binds it to the kernel's timer service; the callback runs on a timer thread and the
 * device synchronises itself.
 */
@FunctionalInterface
public interface AlarmService {
    /** Runs {@code action} once, {@code delayNanos} from now (of the device's clock); the handle cancels it. */
    Alarm schedule(long delayNanos, Runnable action);

    /** A scheduled action. */
    @FunctionalInterface
    interface Alarm {
        /**
         * Stops the action if it has not run yet. Must not wait for an action already running:
         * devices cancel while holding the lock that action takes.
         */
        void cancel();
    }

    /** A service that never fires: devices still work, without timed interrupts. */
    AlarmService NONE = (delay, action) -> () -> { };
}
