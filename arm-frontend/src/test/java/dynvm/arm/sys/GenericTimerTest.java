package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Generic Timer in CP15 c14, on a counter and timers the test drives. */
class GenericTimerTest {
    static final int CODE = 0x1000;

    final SystemMachine m = new SystemMachine();

    SystemMachine at(int... words) {
        m.sys.reset(CODE);
        return m.code(CODE, words);
    }

    FakePlatform.FakeTimer physicalTimer() { return m.platform.timers.get(0); }

    @Test
    void frequencyAndCountersReadThePlatform() {
        at(0xee1e0f10, 0xec521f0e, 0xec543f1e);          // mrc r0, cntfrq; mrrc r1, r2, cntpct; mrrc r3, r4, cntvct
        m.platform.counter = 0x1_2345_6789L;
        m.steps(3);
        assertEquals(62_500_000, m.reg(0));
        assertEquals(0x23456789, m.reg(1));
        assertEquals(1, m.reg(2));
        assertEquals(0x23456789, m.reg(3));
        assertEquals(1, m.reg(4));
    }

    @Test
    void physicalTimerRaisesPpi30WhenTheCounterReachesCval() {
        at(0xec410f2e, 0xee0e2f32, 0xee1e3f32);          // mcrr cntp_cval r0, r1; mcr cntp_ctl r2; mrc r3, cntp_ctl
        m.platform.counter = 500;
        m.reg(0, 1000);
        m.reg(2, 1);                                     // ENABLE
        m.steps(3);
        assertEquals(1, m.reg(3));                       // not met yet
        assertFalse(m.platform.ppi(GenericTimer.PHYS_INTID));
        assertEquals(1000, physicalTimer().deadline);
        m.platform.counter = 1000;
        physicalTimer().fire();
        assertTrue(m.platform.ppi(30));
        m.cpu.pc = CODE + 8;
        m.step();
        assertEquals(5, m.reg(3));                       // ISTATUS | ENABLE
        m.sys.cp15.write(0, 14, 2, 1, 3, true);          // IMASK
        assertFalse(m.platform.ppi(30));
        m.sys.cp15.write(0, 14, 2, 1, 0, true);          // disabled: no output, no timer
        assertFalse(m.platform.ppi(30));
        assertFalse(physicalTimer().armed());
    }

    @Test
    void istatusReadsZeroWhileTheTimerIsDisabled() {
        m.sys.reset(0);
        Cp15 cp15 = m.sys.cp15;
        m.platform.counter = 1000;
        cp15.write64(3, 14, 10, true);                   // CNTV_CVAL long past
        assertEquals(0, cp15.read(0, 14, 3, 1, true));   // disabled: ISTATUS 0 (QEMU), though CVAL is met
        cp15.write(0, 14, 3, 1, 3, true);                // ENABLE | IMASK
        assertEquals(7, cp15.read(0, 14, 3, 1, true));   // ISTATUS, no output
        assertFalse(m.platform.ppi(GenericTimer.VIRT_INTID));
        cp15.write(0, 14, 3, 1, 2, true);                // disabled again, IMASK kept
        assertEquals(2, cp15.read(0, 14, 3, 1, true));
    }

    @Test
    void virtualTimerUsesTvalAndPpi27() {
        m.sys.reset(0);
        Cp15 cp15 = m.sys.cp15;
        m.platform.counter = 100;
        cp15.write(0, 14, 3, 0, 50, true);               // CNTV_TVAL = 50: CVAL = 150
        cp15.write(0, 14, 3, 1, 1, true);                // CNTV_CTL = ENABLE
        assertEquals(150, cp15.read64(3, 14, true));
        m.platform.counter = 120;
        assertEquals(30, cp15.read(0, 14, 3, 0, true));
        assertEquals(150, m.platform.timers.get(1).deadline);
        m.platform.counter = 200;
        m.platform.timers.get(1).fire();
        assertTrue(m.platform.ppi(GenericTimer.VIRT_INTID));
        assertEquals(-50, cp15.read(0, 14, 3, 0, true));  // TVAL counts below zero once met
        cp15.write(0, 14, 3, 0, 1000, true);             // re-armed in the future: the level drops
        assertFalse(m.platform.ppi(27));
        assertEquals(1200, m.platform.timers.get(1).deadline);
    }

    @Test
    void pl0TimerAccessNeedsCntkctl() {
        at(0xee1e0f32, 0xee1e0f32);                      // mrc r0, cntp_ctl (twice)
        m.sys.writeCpsr(0x10, 0xf, true);
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
        m.sys.reset(CODE);
        m.sys.cp15.write(0, 14, 1, 0, 1 << 9, true);     // CNTKCTL.PL0PTEN
        m.sys.writeCpsr(0x10, 0xf, true);
        m.step();
        assertEquals(ArmMode.USR, m.sys.mode());
        assertEquals(CODE + 4, m.cpu.pc);
    }
}
