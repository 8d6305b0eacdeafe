package dynvm.ir;

/**
 * What a {@link Terminal.Trap} raises, in ISA- and OS-neutral terms: the front-end says what
 * happened, its consumer decides what it means. The Linux personality's consumer turns a kind into
 * a signal (SIGILL, SIGTRAP, ...); a system model turns it into the guest's exception vector
 * (ARM's undefined-instruction or prefetch-abort vector, PowerPC's program interrupt with the
 * matching SRR1 reason bit). The kinds are those the front-ends raise; a new one is added when a
 * front-end needs it, with its mapping in every consumer.
 */
public enum GuestException {
    /** An encoding the ISA leaves undefined, UNPREDICTABLE, an invalid form, or one this front-end does not implement. */
    UNDEFINED_INSTRUCTION,
    /** An instruction only a privileged mode may execute, met in user mode. */
    PRIVILEGED_INSTRUCTION,
    /** A breakpoint instruction (ARM BKPT). */
    BREAKPOINT,
    /** An unconditional trap instruction (PowerPC tw/twi with every condition set). */
    TRAP_INSTRUCTION
}
