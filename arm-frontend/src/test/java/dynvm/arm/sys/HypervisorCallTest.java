package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.spi.sys.Hypercalls;
import dynvm.spi.sys.SystemCpu;
import org.junit.jupiter.api.Test;

/** HVC: PSCI as QEMU's virt offers it, dynvm's para-virtual calls; SMC. */
class HypervisorCallTest {
    static final int CODE = 0x1000;
    static final int HVC_0 = 0xe1400070, HVC_DYNVM = 0xe1444576, SMC_0 = 0xe1600070;

    final SystemMachine m = new SystemMachine();

    int hvc(int word, int r0, int r1) {
        m.sys.reset(CODE);
        m.code(CODE, word);
        m.reg(0, r0);
        m.reg(1, r1);
        m.step();
        return m.lastOutcome;
    }

    @Test
    void psciVersionFeaturesAndUnknownFunctions() {
        assertEquals(SystemCpu.CONTINUE, hvc(HVC_0, Psci.PSCI_VERSION, 0));
        assertEquals(0x00010001, m.reg(0));
        assertEquals(CODE + 4, m.cpu.pc);
        hvc(HVC_0, Psci.PSCI_FEATURES, Psci.SYSTEM_OFF);
        assertEquals(0, m.reg(0));
        hvc(HVC_0, Psci.PSCI_FEATURES, 0x8400000e);
        assertEquals(-1, m.reg(0));
        hvc(HVC_0, 0x8400001f, 0);
        assertEquals(Psci.NOT_SUPPORTED, m.reg(0));
        hvc(HVC_0, Psci.AFFINITY_INFO, 0);
        assertEquals(Psci.ON, m.reg(0));
        hvc(HVC_0, Psci.CPU_ON, 1);
        assertEquals(Psci.INVALID_PARAMETERS, m.reg(0));
    }

    @Test
    void systemOffAndResetReachThePlatform() {
        assertEquals(SystemCpu.POWER_OFF, hvc(HVC_0, Psci.SYSTEM_OFF, 0));
        assertTrue(m.platform.poweredOff);
        assertEquals(SystemCpu.RESET, hvc(HVC_0, Psci.SYSTEM_RESET, 0));
        assertTrue(m.platform.reset);
    }

    @Test
    void dynvmHypercallsPassR0ToR3AndReturnInR0() {
        m.platform.hypercallResult = 5;
        m.sys.reset(CODE);
        m.code(CODE, HVC_DYNVM);
        m.reg(0, Hypercalls.CONSOLE_WRITE);
        m.reg(1, 0x4000);
        m.reg(2, 5);
        m.reg(3, 7);
        m.step();
        assertEquals(Hypercalls.CONSOLE_WRITE, m.platform.lastHypercall);
        assertArrayEquals(new int[]{0x4000, 5, 7}, m.platform.lastHypercallArgs);
        assertEquals(5, m.reg(0));
        m.platform.hypercallResult = 0x1_0000_0002L;
        hvc(HVC_DYNVM, Hypercalls.CLOCK, 0);
        assertEquals(2, m.reg(0));
        assertEquals(1, m.reg(1));                       // CLOCK's high word
    }

    @Test
    void everyOtherHvcIsAPsciCallAsOnQemu() {
        assertEquals(SystemCpu.CONTINUE, hvc(HVC_0, 1, 0));   // not a PSCI function: NOT_SUPPORTED, no exception
        assertEquals(Psci.NOT_SUPPORTED, m.reg(0));
        assertEquals(ArmMode.SVC, m.sys.mode());
        assertEquals(CODE + 4, m.cpu.pc);
        hvc(0xe1412375, Psci.PSCI_VERSION, 0);           // hvc #0x1235: the immediate does not matter
        assertEquals(Psci.VERSION_1_1, m.reg(0));
        assertEquals(ArmMode.SVC, m.sys.mode());
    }

    @Test
    void smcAndUserModeHvcAreUndefined() {
        hvc(SMC_0, Psci.PSCI_VERSION, 0);                // no EL3
        assertEquals(ArmMode.UND, m.sys.mode());
        m.sys.reset(CODE);
        m.code(CODE, HVC_0);
        m.sys.writeCpsr(0x10, 0xf, true);                // HVC from User mode
        m.reg(0, Psci.PSCI_VERSION);
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
    }
}
