package dynvm.arm.sys;

/**
 * The processor modes of ARMv7-A (ARM ARM B1.3.1, CPSR.M[4:0]) this model implements, and the
 * register bank each one uses. Monitor (0b10110) and Hyp (0b11010) belong to the Security and
 * Virtualization Extensions, which QEMU's {@code virt} machine leaves out without
 * {@code secure=on}/{@code virtualization=on}: here they are invalid modes like any other
 * unallocated value (a write of them is ignored, as QEMU's bad_mode_switch does).
 */
public final class ArmMode {
    private ArmMode() { }

    public static final int USR = 0x10, FIQ = 0x11, IRQ = 0x12, SVC = 0x13, ABT = 0x17, UND = 0x1b, SYS = 0x1f;

    /** Register banks: User and System share one; each exception mode has its own r13, r14 and SPSR. */
    static final int BANK_USR = 0, BANK_FIQ = 1, BANK_IRQ = 2, BANK_SVC = 3, BANK_ABT = 4, BANK_UND = 5, BANKS = 6;

    /** Is {@code m} (CPSR.M) a mode of this model? */
    public static boolean valid(int m) {
        return m == USR || m == FIQ || m == IRQ || m == SVC || m == ABT || m == UND || m == SYS;
    }

    /** PL0 (User) or PL1 (every other mode). */
    public static boolean privileged(int m) { return m != USR; }

    /** Has an SPSR (the exception modes; User and System have none). */
    public static boolean hasSpsr(int m) { return m != USR && m != SYS; }

    /** The bank of r13/r14/SPSR {@code m} uses. */
    static int bank(int m) {
        return switch (m) {
            case FIQ -> BANK_FIQ;
            case IRQ -> BANK_IRQ;
            case SVC -> BANK_SVC;
            case ABT -> BANK_ABT;
            case UND -> BANK_UND;
            default -> BANK_USR;
        };
    }

    /** Name as the ARM ARM spells it, for debuggers and messages. */
    public static String name(int m) {
        return switch (m) {
            case USR -> "usr";
            case FIQ -> "fiq";
            case IRQ -> "irq";
            case SVC -> "svc";
            case ABT -> "abt";
            case UND -> "und";
            case SYS -> "sys";
            default -> String.format("mode%02x", m);
        };
    }
}
