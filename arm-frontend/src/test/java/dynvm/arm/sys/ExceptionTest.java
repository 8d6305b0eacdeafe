package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmRegs;
import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;
import org.junit.jupiter.api.Test;

/** Reset, exception entry and return, banking and interrupts of the ARMv7 system CPU. */
class ExceptionTest {
    static final int CODE = 0x1000;
    static final int USR_CPSR = 0x10, SVC = ArmMode.SVC;

    final SystemMachine m = new SystemMachine();

    /** Resets to CODE with {@code words} there. */
    SystemMachine at(int... words) {
        m.sys.reset(CODE);
        return m.code(CODE, words);
    }

    /** Drops to User mode with interrupts enabled, as after an exception return. */
    void toUser() { m.sys.writeCpsr(USR_CPSR, 0xf, true); }

    @Test
    void resetStateIsSvcWithEverythingMasked() {
        m.sys.reset(0x4001);
        assertEquals(0x4000, m.cpu.pc);
        assertEquals(0x400001f3, m.sys.cpsr());         // Z (QEMU's reset value), A I F T, SVC
        assertEquals(1 | 4, m.get(ArmRegs.SYSMODE));    // system context, VFP off, privileged
        assertEquals(0, m.sys.mmuIndex());
        assertEquals(CortexA15.SCTLR_RESET, m.sys.cp15.sctlr);
        assertEquals(-1, m.get(ArmRegs.EXCL_ADDR));
    }

    @Test
    void bootLinuxFollowsTheBootProtocol() {
        m.sys.bootLinux(0x8000, 0x4800000);
        assertEquals(0x8000, m.cpu.pc);
        assertEquals(0, m.reg(0));
        assertEquals(-1, m.reg(1));
        assertEquals(0x4800000, m.reg(2));
        assertEquals(0x400001d3, m.sys.cpsr());
    }

    @Test
    void svcEntersSupervisorModeAndMovsPcLrReturns() {
        at(0xef000000).code(0x08, 0xe1b0f00e);           // svc #0; at the vector: movs pc, lr
        toUser();
        m.reg(13, 0x111);
        m.reg(14, 0x222);
        m.set(ArmRegs.Z, 1);
        m.step();
        assertEquals(0x08, m.cpu.pc);
        assertEquals(SVC, m.sys.mode());
        assertEquals(CODE + 4, m.reg(14));
        assertEquals(0x40000010, m.sys.spsr());          // Z, User
        assertEquals(0x40000000 | 0x80 | SVC, m.sys.cpsr() & ~0x20);   // I set, A and F as they were
        assertEquals(0, m.sys.mmuIndex());
        m.step();
        assertEquals(CODE + 4, m.cpu.pc);
        assertEquals(ArmMode.USR, m.sys.mode());
        assertEquals(0x111, m.reg(13));
        assertEquals(0x222, m.reg(14));
        assertEquals(1, m.sys.mmuIndex());
        assertEquals(java.util.List.of(0, 1, 0, 1), m.platform.mmuIndexes.subList(m.platform.mmuIndexes.size() - 4, m.platform.mmuIndexes.size()));
    }

    @Test
    void vectorBaseFollowsVbarAndHighVectors() {
        at(0xef000000);
        m.sys.cp15.vbar = 0x20000;
        m.step();
        assertEquals(0x20008, m.cpu.pc);
        at(0xef000000);
        m.sys.cp15.sctlr |= Cp15.SCTLR_V;
        m.step();
        assertEquals(0xffff0008, m.cpu.pc);
    }

    @Test
    void sctlrTeEntersExceptionsInThumbState() {
        at(0xef000000);
        m.sys.cp15.sctlr |= Cp15.SCTLR_TE;
        m.step();
        assertEquals(1, m.get(ArmRegs.T));
        assertEquals(0x08, m.cpu.pc);
    }

    @Test
    void undefinedInstructionLinksPastTheInstruction() {
        at(0xe7f000f0);                                  // udf
        m.step();
        assertEquals(0x04, m.cpu.pc);
        assertEquals(ArmMode.UND, m.sys.mode());
        assertEquals(CODE + 4, m.reg(14));
        m.sys.reset(CODE | 1);                           // Thumb: udf #0, LR = pc + 2
        m.thumb(CODE, 0xde00);
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
        assertEquals(CODE + 2, m.reg(14));
        assertEquals(0, m.get(ArmRegs.T));
    }

    @Test
    void bkptIsAPrefetchAbortWithADebugEvent() {
        at(0xe1200070);
        m.step();
        assertEquals(0x0c, m.cpu.pc);
        assertEquals(ArmMode.ABT, m.sys.mode());
        assertEquals(CODE + 4, m.reg(14));
        assertEquals(0x2, m.sys.cp15.ifsr);
    }

    @Test
    void dataAndPrefetchAbortsSetTheirStatusAndAddress() {
        at();
        m.cpu.pc = 0x3000;
        m.sys.abort(0x5004, SystemCpu.WRITE, 0x5);       // translation fault, section
        assertEquals(0x10, m.cpu.pc);
        assertEquals(0x3008, m.reg(14));
        assertEquals(0x805, m.sys.cp15.dfsr);            // WnR
        assertEquals(0x5004, m.sys.cp15.dfar);
        assertEquals(0x1c0 | ArmMode.ABT, m.sys.cpsr() & 0x1ff);   // A, I, F (F from reset), ABT
        m.cpu.pc = 0x3000;
        m.sys.abort(0x7000, SystemCpu.FETCH, 0x7);
        assertEquals(0x0c, m.cpu.pc);
        assertEquals(0x3004, m.reg(14));
        assertEquals(0x7, m.sys.cp15.ifsr);
        assertEquals(0x7000, m.sys.cp15.ifar);
        m.sys.abort(0x9000, SystemCpu.READ, TranslationFault.EXTERNAL);
        assertEquals(0x8, m.sys.cp15.dfsr);              // synchronous external abort, read
        m.sys.cp15.ttbcr = Cp15.TTBCR_EAE;
        m.sys.abort(0x9000, SystemCpu.READ, TranslationFault.EXTERNAL);
        assertEquals(0x210, m.sys.cp15.dfsr);            // long-descriptor format: LPAE bit, STATUS 0x10
    }

    @Test
    void interruptsWaitWhileMaskedAndEnterTheirVectorsWhenUnmasked() {
        at(0xf1080080, 0xe1a00000);                      // cpsie i; nop
        m.sys.setInterruptLine(SystemCpu.IRQ, true);
        assertTrue(m.cpu.interrupt);
        assertTrue(m.sys.interruptAsserted());
        m.cpu.interrupt = false;
        assertFalse(m.sys.takeInterrupt());              // I is set after reset
        m.step();                                        // cpsie i: notices the pending line
        assertTrue(m.cpu.interrupt);
        int before = m.sys.cpsr();
        assertTrue(m.sys.takeInterrupt());
        assertEquals(0x18, m.cpu.pc);
        assertEquals(ArmMode.IRQ, m.sys.mode());
        assertEquals(CODE + 8, m.reg(14));               // next instruction + 4
        assertEquals(before, m.sys.spsr());
        assertEquals(0x180, m.sys.cpsr() & 0x180);       // I and A set
        assertFalse(m.sys.takeInterrupt());              // masked again inside the handler
    }

    @Test
    void fiqWinsOverIrqAndMasksBoth() {
        at();
        m.sys.writeCpsr(SVC, 0xf, true);                 // all unmasked
        m.sys.setInterruptLine(SystemCpu.IRQ, true);
        m.sys.setInterruptLine(SystemCpu.FIQ, true);
        assertTrue(m.sys.takeInterrupt());
        assertEquals(0x1c, m.cpu.pc);
        assertEquals(ArmMode.FIQ, m.sys.mode());
        assertEquals(0x1c0, m.sys.cpsr() & 0x1c0);
        assertEquals(0x100 | 0x80 | 0x40, m.sys.interruptStatus() | 0x100);
        m.sys.setInterruptLine(SystemCpu.IRQ, false);
        m.sys.setInterruptLine(SystemCpu.FIQ, false);
        assertFalse(m.sys.interruptAsserted());
    }

    @Test
    void wfiReturnsWaitForInterrupt() {
        at(0xe320f003);
        m.step();
        assertEquals(SystemCpu.WAIT_FOR_INTERRUPT, m.lastOutcome);
        assertEquals(CODE + 4, m.cpu.pc);
    }

    @Test
    void bankedRegistersSurviveModeChanges() {
        at(0xf1020011, 0xf1020013);                      // cps #FIQ; cps #SVC
        for (int i = 8; i <= 14; i++) m.reg(i, 0x100 + i);
        m.step();
        assertEquals(ArmMode.FIQ, m.sys.mode());
        for (int i = 8; i <= 14; i++) {
            assertEquals(0, m.reg(i), "r" + i + "_fiq starts at 0");
            m.reg(i, 0x200 + i);
        }
        m.step();
        for (int i = 8; i <= 14; i++) assertEquals(0x100 + i, m.reg(i));
        assertEquals(0x208, m.sys.banks.read(m.cpu, SVC, ArmMode.FIQ, 8));
        assertEquals(0x20e, m.sys.banks.read(m.cpu, SVC, ArmMode.FIQ, 14));
    }

    @Test
    void debugRegistersShowTheBanksAndTheMmuRegisters() {
        at(0xef000000);
        m.sys.cp15.vbar = 0x3000;
        m.step();
        var regs = m.sys.debugRegisters();
        assertEquals(0x1d3L, regs.get("cpsr") & 0x1ff);
        assertEquals(0x1d3L, regs.get("spsr") & 0x1ff);
        assertEquals((long) CODE + 4, regs.get("lr_svc"));
        assertEquals(0x3000L, regs.get("vbar"));
        assertEquals((long) CortexA15.SCTLR_RESET, regs.get("sctlr"));
        assertTrue(regs.containsKey("r8_fiq") && regs.containsKey("ttbr1") && regs.containsKey("ifar"));
    }

    @Test
    void aConditionalSvcInAnItBlockTakesTheExceptionOnlyWhenItPasses() {
        for (int z = 0; z < 2; z++) {
            m.sys.reset(CODE | 1);
            m.thumb(CODE, 0xbf18, 0xdf00, 0xbf00);      // it ne; svcne #0; nop
            m.set(ArmRegs.Z, z);
            m.steps(2);
            if (z == 1) {                                // NE fails: no exception, the block goes on
                assertEquals(SVC, m.sys.mode());
                assertEquals(CODE + 4, m.cpu.pc);
                assertEquals(0, m.get(ArmRegs.ITSTATE));
            } else {
                assertEquals(0x08, m.cpu.pc);
                assertEquals(CODE + 4, m.reg(14));
                assertEquals(0x20, m.sys.spsr() & 0x0600fc20);   // Thumb, IT state advanced past the block
            }
        }
    }
}
