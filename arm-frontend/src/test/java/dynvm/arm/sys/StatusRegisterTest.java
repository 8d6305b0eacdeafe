package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import org.junit.jupiter.api.Test;

/** MRS/MSR (CPSR, SPSR, banked), CPS, SRS/RFE, SUBS pc, lr, LDM^/STM^ and LDRT, run as instructions. */
class StatusRegisterTest {
    static final int CODE = 0x1000, STACK = 0x8000;

    final SystemMachine m = new SystemMachine();

    SystemMachine at(int... words) {
        m.sys.reset(CODE);
        return m.code(CODE, words);
    }

    @Test
    void mrsReadsTheCpsrWithoutExecutionStateBits() {
        at(0xe10f0000);                                  // mrs r0, cpsr
        m.set(ArmRegs.N, 1);
        m.set(ArmRegs.GE, 5);
        m.step();
        assertEquals(0xc0000000 | 5 << 16 | 0x1d3, m.reg(0));   // N, and Z from reset
    }

    @Test
    void msrChangesModeAndMasksFromPl1Only() {
        at(0xe12ff000, 0xe12ff001);                      // msr cpsr_fsxc, r0; msr cpsr_fsxc, r1
        m.reg(13, 0x5555);
        m.reg(0, 0x20000010);                            // C, User, unmasked
        m.reg(1, 0x800001d3);                            // N, back to SVC masked: ignored at PL0
        m.step();
        assertEquals(ArmMode.USR, m.sys.mode());
        assertEquals(1, m.get(ArmRegs.C));
        assertEquals(0, m.reg(13));                      // sp_usr
        m.step();
        assertEquals(ArmMode.USR, m.sys.mode());
        assertEquals(0x80000010, m.sys.cpsr());          // flags written, control byte ignored
        assertEquals(0x5555, m.sys.banks.read(m.cpu, ArmMode.USR, ArmMode.SVC, 13));
    }

    @Test
    void msrAndMrsOfTheSpsr() {
        at(0xe16ff000, 0xe14f1000, 0xe169f002, 0xe14f3000);   // msr spsr_fsxc, r0; mrs r1, spsr; msr spsr_fc, r2; mrs r3, spsr
        m.reg(0, 0x12345678);
        m.reg(2, 0xab0000cd);
        m.steps(4);
        assertEquals(0x12345678, m.reg(1));
        assertEquals(0xab3456cd, m.reg(3));
    }

    @Test
    void spsrAccessFromUserModeIsUndefined() {
        at(0xe14f0000);
        m.sys.writeCpsr(0x10, 0xf, true);
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
        assertEquals(0x04, m.cpu.pc);
    }

    @Test
    void cpsChangesMasksAndModeButIsANopInUserMode() {
        at(0xf10801c0, 0xf1020012, 0xf10c0080);          // cpsie aif; cps #IRQ; cpsid i
        m.step();
        assertEquals(0, m.sys.cpsr() & 0x1c0);
        m.step();
        assertEquals(ArmMode.IRQ, m.sys.mode());
        m.step();
        assertEquals(0x80, m.sys.cpsr() & 0x1c0);
        at(0xf10c00c0);                                   // cpsid if in User mode: no effect
        m.sys.writeCpsr(0x10, 0xf, true);
        m.step();
        assertEquals(0x10, m.sys.cpsr());
    }

    @Test
    void bankedMrsAndMsrReachOtherModesRegisters() {
        at(0xe1050200);                                  // mrs r0, sp_usr (SYSm 0b00101)
        m.code(CODE + 4, 0xe1000300);                    // mrs r0, lr_irq (R=0, M=1, M1=0000)
        m.code(CODE + 8, 0xe12df201);                    // msr sp_fiq, r1 (SYSm 0x0d: M=0, M1=1101)
        m.code(CODE + 12, 0xe16ef200);                   // msr spsr_fiq, r0 (R=1, SYSm 0x0e: M=0, M1=1110)
        m.sys.banks.write(m.cpu, ArmMode.SVC, ArmMode.USR, 13, 0x7777);
        m.sys.banks.write(m.cpu, ArmMode.SVC, ArmMode.IRQ, 14, 0x8888);
        m.step();
        assertEquals(0x7777, m.reg(0));
        m.step();
        assertEquals(0x8888, m.reg(0));
        m.reg(1, 0x9999);
        m.step();
        assertEquals(0x9999, m.sys.banks.read(m.cpu, ArmMode.SVC, ArmMode.FIQ, 13));
        m.step();
        assertEquals(0x8888, m.sys.banks.spsr(ArmMode.FIQ));
        at(0xe1020300);                                  // mrs r0, lr_svc from SVC: UNDEFINED
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
    }

    @Test
    void srsThenRfeReturnsThroughTheSvcStack() {
        at(0xf96d0513, 0xf1020013, 0xf8bd0a00);          // srsdb sp!, #SVC; cps #SVC; rfeia sp!
        m.sys.writeCpsr(0x1d2, 0xf, true);               // IRQ mode
        m.sys.setSpsr(0x60000010);                       // interrupted User code with Z C
        m.reg(14, 0x4444);
        m.sys.banks.write(m.cpu, ArmMode.IRQ, ArmMode.SVC, 13, STACK);
        m.step();
        assertEquals(0x4444, m.port.load32(STACK - 8));
        assertEquals(0x60000010, m.port.load32(STACK - 4));
        assertEquals(STACK - 8, m.sys.banks.read(m.cpu, ArmMode.IRQ, ArmMode.SVC, 13));
        m.step();
        assertEquals(ArmMode.SVC, m.sys.mode());
        m.step();
        assertEquals(0x4444, m.cpu.pc);
        assertEquals(0x60000010, m.sys.cpsr());
        assertEquals(STACK, m.sys.banks.read(m.cpu, ArmMode.USR, ArmMode.SVC, 13));
    }

    @Test
    void subsPcLrReturnsFromAnInterrupt() {
        at(0xe25ef004);                                  // subs pc, lr, #4
        m.sys.writeCpsr(0x1d2, 0xf, true);
        m.sys.setSpsr(0x80000030);                       // N, Thumb, User
        m.reg(14, 0x6006);
        m.step();
        assertEquals(0x6002, m.cpu.pc);
        assertEquals(0x80000030, m.sys.cpsr());
        assertEquals(1, m.get(ArmRegs.T));
        at(0xe25ef004);                                  // from User mode: no SPSR, UNDEFINED
        m.sys.writeCpsr(0x10, 0xf, true);
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
    }

    @Test
    void thumbSubsPcLrIsAnExceptionReturnToo() {
        m.sys.reset(CODE | 1);
        m.thumb(CODE, 0xf3de, 0x8f04);                   // subs pc, lr, #4
        m.sys.writeCpsr(0x1f3 & ~0x1f | ArmMode.SVC, 0xf, true);
        m.sys.setSpsr(0x10);
        m.reg(14, 0x7008);
        m.step();
        assertEquals(0x7004, m.cpu.pc);
        assertEquals(0x10, m.sys.cpsr());
    }

    @Test
    void ldmWithPcAndCaretReturnsFromTheException() {
        at(0xe8fd8001);                                  // ldm sp!, {r0, pc}^
        m.sys.setSpsr(0x10);
        m.reg(13, STACK);
        m.port.store32(STACK, 0xabc);
        m.port.store32(STACK + 4, 0x5000);
        m.step();
        assertEquals(0x5000, m.cpu.pc);
        assertEquals(ArmMode.USR, m.sys.mode());
        assertEquals(0xabc, m.reg(0));
        assertEquals(STACK + 8, m.sys.banks.read(m.cpu, ArmMode.USR, ArmMode.SVC, 13));
    }

    @Test
    void ldmAndStmWithCaretUseTheUserBank() {
        at(0xe8d06000, 0xe9c16000);                      // ldmia r0, {sp, lr}^; stmib r1, {sp, lr}^
        m.reg(0, STACK);
        m.reg(1, STACK + 0x100);
        m.reg(13, 0x1313);
        m.port.store32(STACK, 0xaaaa);
        m.port.store32(STACK + 4, 0xbbbb);
        m.step();
        assertEquals(0x1313, m.reg(13));                 // SVC's sp untouched
        assertEquals(0xaaaa, m.sys.banks.read(m.cpu, ArmMode.SVC, ArmMode.USR, 13));
        assertEquals(0xbbbb, m.sys.banks.read(m.cpu, ArmMode.SVC, ArmMode.USR, 14));
        m.step();
        assertEquals(0xaaaa, m.port.load32(STACK + 0x104));
        assertEquals(0xbbbb, m.port.load32(STACK + 0x108));
    }

    @Test
    void ldrtUsesThePl0MmuIndexAndWritesBack() {
        at(0xe4b10004);                                  // ldrt r0, [r1], #4
        m.reg(1, STACK);
        m.port.store32(STACK, 0xfeed);
        m.platform.mmuIndexes.clear();
        m.step();
        assertEquals(0xfeed, m.reg(0));
        assertEquals(STACK + 4, m.reg(1));
        assertEquals(java.util.List.of(1, 0), m.platform.mmuIndexes);
    }

    @Test
    void aFaultingUnprivilegedAccessRestoresTheMmuIndexAndChangesNoRegister() {
        at(0xe4b10004);                                  // ldrt r0, [r1], #4 from outside memory
        m.reg(0, 0x77);
        m.reg(1, 0x4000_0000);
        m.platform.mmuIndexes.clear();
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, m::step);
        assertEquals(java.util.List.of(1, 0), m.platform.mmuIndexes);
        assertEquals(0x77, m.reg(0));
        assertEquals(0x4000_0000, m.reg(1));
        assertEquals(CODE, m.cpu.pc);                    // the VM takes the abort at the instruction
    }

    @Test
    void thumbMsrAndLdrtWork() {
        m.sys.reset(CODE | 1);
        m.thumb(CODE, 0xf380, 0x8100, 0xf851, 0x0e04);   // msr cpsr_c, r0; ldrt r0, [r1, #4]
        m.reg(0, 0x1f);                                  // System mode
        m.reg(1, STACK);
        m.port.store32(STACK + 4, 0xcafe);
        m.steps(2);
        assertEquals(ArmMode.SYS, m.sys.mode());
        assertEquals(0xcafe, m.reg(0));
        assertEquals(STACK, m.reg(1));                   // no writeback in Thumb
        assertEquals(CODE + 8, m.cpu.pc);
    }
}
