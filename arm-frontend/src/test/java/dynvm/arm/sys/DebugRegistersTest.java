package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmRegs;
import org.junit.jupiter.api.Test;

/** A debugger's writes of the privileged registers (gdb's P packet in boot mode): read back, and what the guest then sees. */
class DebugRegistersTest {
    static final int CODE = 0x1000;

    final SystemMachine m = new SystemMachine();

    @Test
    void cpsrWriteChangesModeAndBanksTheRegisters() {
        m.sys.reset(CODE);
        m.reg(13, 0x5000);                                               // sp_svc
        assertTrue(m.sys.setDebugRegister("sp_irq", 0x7000));
        assertTrue(m.sys.setDebugRegister("cpsr", 0x200001d2L));         // C, IRQ mode, masked
        assertEquals(ArmMode.IRQ, m.sys.mode());
        assertEquals(0x7000, m.reg(13), "the IRQ bank is live");
        assertEquals(1, m.get(ArmRegs.C));
        assertEquals(0x5000L, m.sys.debugRegisters().get("sp_svc"));
        assertEquals(0x200001d2L, m.sys.debugRegisters().get("cpsr"));
    }

    @Test
    void theGuestReadsWhatTheDebuggerWrote() {
        m.sys.reset(CODE);
        m.code(CODE, 0xe10f0000, 0xee111f10, 0xe14f2000);               // mrs r0, cpsr; mrc p15, 0, r1, c1, c0, 0; mrs r2, spsr
        int sctlr = m.sys.debugRegisters().get("sctlr").intValue() | 1 << 12;   // + I-cache enable: nothing else changes
        assertTrue(m.sys.setDebugRegister("cpsr", 0x800001d3L));
        assertTrue(m.sys.setDebugRegister("sctlr", sctlr));
        assertTrue(m.sys.setDebugRegister("spsr", 0x1234_0010L));
        m.steps(3);
        assertEquals(0x800001d3, m.reg(0));
        assertEquals(sctlr, m.reg(1));
        assertEquals(0x1234_0010, m.reg(2));
        assertEquals(0x1234_0010L, m.sys.debugRegisters().get("spsr_svc"));
    }

    @Test
    void translationRegistersDropTheTlbWhenTheyChange() {
        m.sys.reset(CODE);
        int before = m.platform.flushes;
        assertTrue(m.sys.setDebugRegister("ttbr0", 0x1_4000_4000L));
        assertEquals(0x1_4000_4000L, m.sys.debugRegisters().get("ttbr0"), "64 bits (LPAE)");
        assertTrue(m.sys.setDebugRegister("ttbr0", 0x1_4000_4000L));
        assertEquals(before + 1, m.platform.flushes, "a rewrite of the same value keeps the TLB");
        assertTrue(m.sys.setDebugRegister("vbar", 0x4000_0020L));
        assertEquals(0x4000_0020L, m.sys.debugRegisters().get("vbar"));
    }

    @Test
    void fiqBankAndRefusals() {
        m.sys.reset(CODE);
        m.reg(8, 8);
        assertTrue(m.sys.setDebugRegister("r8_fiq", 0x88));
        assertEquals(8, m.reg(8), "the SVC view of r8 is untouched");
        assertEquals(0x88L, m.sys.debugRegisters().get("r8_fiq"));
        assertFalse(m.sys.setDebugRegister("r8_svc", 1));
        assertFalse(m.sys.setDebugRegister("spsr_usr", 1));
        assertFalse(m.sys.setDebugRegister("midr", 1));
        m.sys.setDebugRegister("cpsr", 0x10);                             // User: no SPSR
        assertFalse(m.sys.setDebugRegister("spsr", 1));
    }
}
