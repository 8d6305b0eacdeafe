package dynvm.microkernel.kernel;

/**
 * A VM's notion of time, in nanoseconds since the VM started. Guest timers (the generic timer's
 * counter, a PL031's seconds) and the {@link TimerService} read it; nothing in a VM should read
 * host time directly, so that a VM can run on {@link InstructionClock} and replay exactly.
 */
@FunctionalInterface
public interface Clock {
    /** Nanoseconds since the VM started; never decreases. */
    long nanos();
}
