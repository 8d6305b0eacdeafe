package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SDIV/UDIV, which the Cortex-A15 has (ID_ISAR0.Divide = 2), in ARM and Thumb state. */
class DivideTest {
    final SystemMachine m = new SystemMachine();

    @Test
    void a32DividesRoundingTowardZeroAndByZeroGivesZero() {
        m.sys.reset(0x1000);
        m.code(0x1000, 0xe710f211, 0xe733f514, 0x1716f211);   // sdiv r0, r1, r2; udiv r3, r4, r5; sdivne r6, r1, r2
        m.reg(1, -7);
        m.reg(2, 2);
        m.reg(4, -1);
        m.reg(5, 0);
        m.reg(6, 99);
        m.set(dynvm.arm.ArmRegs.Z, 1);                   // NE fails
        m.steps(3);
        assertEquals(-3, m.reg(0));
        assertEquals(0, m.reg(3));
        assertEquals(99, m.reg(6));
    }

    @Test
    void thumbDividesToo() {
        m.sys.reset(0x1001);
        m.thumb(0x1000, 0xfb91, 0xf0f2, 0xfbb4, 0xf3f5);      // sdiv r0, r1, r2; udiv r3, r4, r5
        m.reg(1, Integer.MIN_VALUE);
        m.reg(2, -1);
        m.reg(4, -1);
        m.reg(5, 16);
        m.steps(2);
        assertEquals(Integer.MIN_VALUE, m.reg(0));       // the one overflow: the result wraps
        assertEquals(0x0fffffff, m.reg(3));
    }
}
