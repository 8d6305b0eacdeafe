package dynvm.arm.sys;

import dynvm.spi.sys.Hypercalls;
import dynvm.spi.sys.SystemCpu;

/**
 * HVC on a CPU without EL2, as QEMU's {@code virt} treats it: the PSCI conduit ({@link Psci})
 * and, at {@code HVC #0x4456}, dynvm's para-virtual interface ({@link Hypercalls}). QEMU 7.2
 * takes every HVC from PL1 as a PSCI call, whatever its immediate and r0 (an unknown function
 * id returns NOT_SUPPORTED), so an HVC is never UNDEFINED there except from User mode; dynvm
 * keeps one immediate for itself, which QEMU answers with -1 like any unknown PSCI function.
 */
final class HypervisorCall {
    /** The para-virtual HVC immediate: {@code HVC #0x4456} ("DV"). */
    static final int HVC_DYNVM = 0x4456;

    private final ArmSystemCpu c;

    HypervisorCall(ArmSystemCpu cpu) { this.c = cpu; }

    /**
     * HVC is UNDEFINED in User mode. {@code HVC #0x4456} is dynvm's para-virtual call (number in
     * r0, arguments r1..r3, result r0; CLOCK's high word in r1). Any other HVC is a PSCI call
     * (function id in r0), as QEMU's virt handles it.
     */
    int call(int imm16, int nextPc) {
        if (!c.privileged()) throw new Undefined("HVC in User mode");
        if (imm16 == HVC_DYNVM) {
            int number = c.reg(0);
            long r = c.platform.hypercall(number, new int[]{c.reg(1), c.reg(2), c.reg(3)});
            c.reg(0, (int) r);
            if (number == Hypercalls.CLOCK) c.reg(1, (int) (r >>> 32));
            c.cpu.pc = nextPc;
            return number == Hypercalls.YIELD ? SystemCpu.YIELD : SystemCpu.CONTINUE;
        }
        int fn = c.reg(0);
        c.cpu.pc = nextPc;
        int self = CortexA15.mpidr(c.platform.cpuIndex()) & 0xffffff;
        switch (fn) {
            case Psci.PSCI_VERSION -> c.reg(0, Psci.VERSION_1_1);
            case Psci.PSCI_FEATURES -> c.reg(0, Psci.features(c.reg(1)));
            case Psci.MIGRATE_INFO_TYPE -> c.reg(0, Psci.TOS_NOT_PRESENT);
            // above affinity level 0 everything is on (QEMU); at level 0 only this CPU exists
            case Psci.AFFINITY_INFO -> c.reg(0, c.reg(2) != 0 || (c.reg(1) & 0xffffff) == self ? Psci.ON : Psci.INVALID_PARAMETERS);
            case Psci.CPU_ON -> c.reg(0, (c.reg(1) & 0xffffff) == self ? Psci.ALREADY_ON : Psci.INVALID_PARAMETERS);
            case Psci.CPU_SUSPEND -> {     // as QEMU: a WFI, then success; no affinity levels
                if ((c.reg(1) & 0xfffe0000) != 0) {
                    c.reg(0, Psci.INVALID_PARAMETERS);
                    return SystemCpu.CONTINUE;
                }
                c.reg(0, Psci.SUCCESS);
                return SystemCpu.WAIT_FOR_INTERRUPT;
            }
            case Psci.CPU_OFF -> {
                return SystemCpu.POWER_OFF;   // this vCPU stops; with one CPU nothing runs any more
            }
            case Psci.SYSTEM_OFF -> {
                c.platform.powerOff();
                return SystemCpu.POWER_OFF;
            }
            case Psci.SYSTEM_RESET -> {
                c.platform.systemReset();
                return SystemCpu.RESET;
            }
            default -> c.reg(0, Psci.NOT_SUPPORTED);
        }
        return SystemCpu.CONTINUE;
    }
}
