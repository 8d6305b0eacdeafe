package dynvm.arm.sys;

/**
 * The Power State Coordination Interface as QEMU's {@code virt} offers it to an AArch32 guest
 * without EL2/EL3: through HVC (the device tree's {@code method = "hvc"}), function id in r0,
 * arguments in r1..r3, result in r0. QEMU 7.2 reports PSCI 1.1. This class only classifies and
 * answers; the system CPU carries out the power effects.
 */
final class Psci {
    private Psci() { }

    static final int VERSION_1_1 = 0x00010001;

    static final int PSCI_VERSION = 0x84000000, CPU_SUSPEND = 0x84000001, CPU_OFF = 0x84000002, CPU_ON = 0x84000003,
            AFFINITY_INFO = 0x84000004, MIGRATE = 0x84000005, MIGRATE_INFO_TYPE = 0x84000006,
            MIGRATE_INFO_UP_CPU = 0x84000007, SYSTEM_OFF = 0x84000008, SYSTEM_RESET = 0x84000009,
            PSCI_FEATURES = 0x8400000a;

    /** Return codes. */
    static final int SUCCESS = 0, NOT_SUPPORTED = -1, INVALID_PARAMETERS = -2, ALREADY_ON = -4;

    /** AFFINITY_INFO states. */
    static final int ON = 0, OFF = 1;

    /** MIGRATE_INFO_TYPE: a Trusted OS is not present or does not require migration. */
    static final int TOS_NOT_PRESENT = 2;

    /** PSCI_FEATURES: 0 for a function this implementation provides, NOT_SUPPORTED otherwise. */
    static int features(int fn) {
        return switch (fn) {
            case PSCI_VERSION, CPU_SUSPEND, CPU_OFF, CPU_ON, AFFINITY_INFO, MIGRATE_INFO_TYPE, SYSTEM_OFF, SYSTEM_RESET,
                    PSCI_FEATURES -> SUCCESS;
            default -> NOT_SUPPORTED;
        };
    }
}
