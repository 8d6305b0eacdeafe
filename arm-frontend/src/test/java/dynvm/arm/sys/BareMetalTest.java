package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;
import org.junit.jupiter.api.Test;

/**
 * Short bare-metal programs through the interpreter and the system CPU together, as a VM runs
 * them: a timer interrupt taken and returned from, and the MMU's seam to the table walker.
 */
class BareMetalTest {
    @Test
    void aTimerInterruptIsTakenDuringWfiAndReturnedFrom() {
        SystemMachine m = new SystemMachine();
        // the interrupt controller, reduced to a wire: PPI 30 drives IRQ
        m.platform.ppiListener = (id, level) -> { if (id == GenericTimer.PHYS_INTID) m.sys.setInterruptLine(SystemCpu.IRQ, level); };
        m.code(0x1000,
                0xe3a00a02,     // mov r0, #0x2000
                0xee0c0f10,     // mcr p15, 0, r0, c12, c0, 0       VBAR
                0xe3a01064,     // mov r1, #100
                0xee0e1f12,     // mcr p15, 0, r1, c14, c2, 0       CNTP_TVAL
                0xe3a01001,     // mov r1, #1
                0xee0e1f32,     // mcr p15, 0, r1, c14, c2, 1       CNTP_CTL = ENABLE
                0xf1080080,     // cpsie i
                0xe320f003,     // loop: wfi
                0xeafffffd);    //       b loop
        m.code(0x2018,
                0xe3a02000,     // mov r2, #0
                0xee0e2f32,     // mcr p15, 0, r2, c14, c2, 1       CNTP_CTL = 0
                0xe2855001,     // add r5, r5, #1
                0xe25ef004);    // subs pc, lr, #4
        m.sys.reset(0x1000);
        m.platform.counter = 1000;
        m.steps(8);
        assertEquals(SystemCpu.WAIT_FOR_INTERRUPT, m.lastOutcome);
        assertEquals(0x1020, m.cpu.pc);
        assertEquals(1100, m.platform.timers.get(0).deadline);
        m.platform.counter = 1100;
        m.platform.timers.get(0).fire();
        assertTrue(m.sys.interruptAsserted());
        m.step();                                        // the interrupt, then the handler's first instruction
        assertEquals(ArmMode.IRQ, m.sys.mode());
        assertEquals(0x2018 + 4, m.cpu.pc);
        m.steps(3);
        assertEquals(0x1020, m.cpu.pc);                  // back at "b loop"
        assertEquals(ArmMode.SVC, m.sys.mode());
        assertEquals(1, m.reg(5));
        assertEquals(0, m.sys.cpsr() & 0x80);
        assertEquals(false, m.sys.interruptAsserted());
    }

    @Test
    void withTheMmuOnTranslationGoesToTheWalkerWithThePrivilege() {
        int[] seen = new int[3];
        PageTableWalker walker = (regs, mem, va, access, privileged) -> {
            seen[0] = regs.ttbcr();
            seen[1] = privileged ? 1 : 0;
            seen[2] = mem.read32(0x10);                  // descriptors come from the platform's bus
            if (va < 0) throw new TranslationFault(va, access, 0x5);
            return (va & 0xfffff000L) + 0x10000000L | SystemCpu.PERM_READ;
        };
        FakePlatform platform = new FakePlatform();
        platform.writePhysical(0x10, 4, 0xdeadbeefL);
        dynvm.spi.CpuState cpu = new dynvm.spi.CpuState(dynvm.arm.ArmRegs.FILE);
        ArmSystemCpu sys = (ArmSystemCpu) new ArmSystemModel(walker).createCpu("cortex-a15", cpu, platform);
        assertEquals(0x4000L | 7, sys.translate(0x4abc, SystemCpu.READ, 0));   // MMU off: flat, everything allowed
        sys.cp15.write(0, 2, 0, 2, 0x80000000, true);    // TTBCR.EAE
        sys.cp15.write(0, 1, 0, 0, CortexA15.SCTLR_RESET | Cp15.SCTLR_M, true);
        assertEquals(0x10004000L | 1, sys.translate(0x4abc, SystemCpu.READ, 1));
        assertEquals(0x80000000, seen[0]);
        assertEquals(0, seen[1]);                        // MMU index 1 = PL0
        assertEquals(0xdeadbeef, seen[2]);
        assertEquals(0x10004000L | 0xa00, sys.addressTranslation(0x4abc, false, false));   // PA, NS, LPAE; the walker models no attributes
        assertEquals(1, sys.addressTranslation(0x4abc, false, true) & 1);   // no write permission: F
        assertEquals(1, sys.addressTranslation(0x80000000, true, false) & 1);
    }
}
