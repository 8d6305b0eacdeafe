package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmRegs;
import dynvm.ir.Insn;
import dynvm.ir.IrEmitter;
import dynvm.ir.Op;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.sys.SystemCpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Alignment faults in the system context (ArmAlignment): the MemA forms always, the MemU forms
 * with SCTLR.A = 1, with DFSR/DFAR as QEMU 7.2 reports them (the {@code alignment} guest's golden).
 */
class AlignmentTest {
    static final int CODE = 0x1000, DATA = 0x2000;

    final SystemMachine m = new SystemMachine();

    void at(int... words) {
        m.sys.reset(CODE);
        m.code(CODE, words);
        for (int i = 0; i < 16; i++) m.mem.store32le(DATA + 4 * i, 0x03020100 + 0x04040404 * i);
    }

    void alignmentCheck(boolean on) {
        int sctlr = m.sys.cp15.sctlr;
        m.sys.cp15.write(0, 1, 0, 0, on ? sctlr | Cp15.SCTLR_A : sctlr & ~Cp15.SCTLR_A, true);
    }

    /** Runs one instruction that must fault, and takes the abort as the VM does. */
    MemoryFault abortingStep() {
        MemoryFault f = assertThrows(MemoryFault.class, m::step);
        assertEquals(CODE, m.cpu.pc);                    // precise: at the instruction
        m.sys.abort(f.address, f.write ? SystemCpu.WRITE : SystemCpu.READ, f.status);
        return f;
    }

    void assertDataAbort(int dfsr, int dfar) {
        assertEquals(ArmMode.ABT, m.sys.mode());
        assertEquals(m.sys.vectorBase() + ArmSystemCpu.VECTOR_DABT, m.cpu.pc);
        assertEquals(CODE + 8, m.reg(14));
        assertEquals(dfsr, m.sys.cp15.dfsr);
        assertEquals(dfar, m.sys.cp15.dfar);
    }

    // ---- MemA: always checked

    @ParameterizedTest(name = "{0} at {2}")
    @CsvSource({
            "ldm r0 {r1 r2},    e8900006, 2002",
            "ldrd r2 r3 [r0],   e1c020d0, 2002",
            "ldrex r1 [r0],     e1901f9f, 2002",
            "ldrexh r1 [r0],    e1f01f9f, 2001",
            "ldrexd r2 r3 [r0], e1b02f9f, 2004",   // doubleword alignment for the exclusive pair
            "swp r1 r2 [r0],    e1001092, 2002",
            "vldr d0 [r0],      ed900b00, 2002",
    })
    void memAFormsFaultWithSctlrAClear(String insn, String word, String addr) {
        at((int) Long.parseLong(word, 16));
        m.sys.cp15.cpacr = 0xf << 20;                    // vldr: VFP on
        m.sys.cp15.fpexc = Cp15.FPEXC_EN;
        m.sys.privilegeOrVfpChanged();
        int a = Integer.parseInt(addr, 16);
        m.reg(0, a);
        m.reg(1, 0x77);
        m.reg(2, 0x88);
        MemoryFault f = abortingStep();
        assertEquals(ArmAlignment.ALIGNMENT_FAULT, f.status);
        assertDataAbort(0x001, a);
        assertEquals(0x77, m.reg(1));                    // nothing loaded (r0-r12 are shared by SVC and ABT)
        assertEquals(0x03020100, m.mem.load32le(DATA));  // nothing stored (swp)
    }

    @Test
    void memAFormsPassWhenAligned() {
        at(0xe1c020d0, 0xe1f01f9f, 0xe8900006);          // ldrd r2, r3, [r0]; ldrexh r1, [r0]; ldm r0, {r1, r2}
        m.reg(0, DATA + 4);                              // a word, not a doubleword: LDRD takes it
        m.step();
        assertEquals(0x07060504, m.reg(2));
        assertEquals(0x0b0a0908, m.reg(3));
        m.reg(0, DATA + 2);
        m.step();
        assertEquals(0x0302, m.reg(1));
        m.reg(0, DATA);
        m.step();
        assertEquals(0x03020100, m.reg(1));
        assertEquals(ArmMode.SVC, m.sys.mode());
    }

    @Test
    void aFaultingLdmWritesNothingBackAndStmReportsAWrite() {
        at(0xe8b00006);                                  // ldmia r0!, {r1, r2}
        m.reg(0, DATA + 2);
        abortingStep();
        assertEquals(DATA + 2, m.reg(0));                // no writeback
        at(0xe92d0003);                                  // push {r0, r1} (stmdb sp!): DFAR = the lowest address
        m.reg(13, DATA + 0x12);
        abortingStep();
        assertDataAbort(0x801, DATA + 0x0a);
    }

    @Test
    void aConditionalLdmThatFailsItsConditionDoesNotFault() {
        at(0x08900006);                                  // ldmeq r0, {r1, r2}
        m.set(ArmRegs.Z, 0);
        m.reg(0, DATA + 2);
        m.step();
        assertEquals(CODE + 4, m.cpu.pc);
        assertEquals(ArmMode.SVC, m.sys.mode());
    }

    @Test
    void strexToAnUnalignedAddressFailsWithoutFaultingAsQemu() {
        at(0xe1802f91);                                  // strex r2, r1, [r0]
        m.reg(0, DATA + 2);
        m.step();
        assertEquals(1, m.reg(2));
        assertEquals(ArmMode.SVC, m.sys.mode());
    }

    @Test
    void thumbPushAndLdrdAreMemA() {
        m.sys.reset(CODE | 1);
        m.thumb(CODE, 0xb410);                           // push {r4}
        m.reg(13, DATA + 0x11);
        abortingStep();
        assertDataAbort(0x801, DATA + 0x0d);
        m.sys.reset(CODE | 1);
        m.thumb(CODE, 0xe9d0, 0x2300);                   // ldrd r2, r3, [r0]
        m.reg(0, DATA + 6);
        abortingStep();
        assertDataAbort(0x001, DATA + 6);
    }

    @Test
    void rfeAndSrsNeedAWordAlignedAddress() {
        at(0xf8900a00);                                  // rfeia r0
        m.reg(0, DATA + 1);
        abortingStep();
        assertDataAbort(0x001, DATA + 1);
        at(0xf96d0513);                                  // srsdb sp!, #0x13
        m.reg(13, DATA + 0x22);
        abortingStep();
        assertDataAbort(0x801, DATA + 0x1a);
    }

    // ---- MemU: only with SCTLR.A = 1

    @Test
    void unalignedLdrLdrhStrPassWithSctlrAClearAndFaultWithItSet() {
        at(0xe5901000, 0xe1d010b0, 0xe5801000);          // ldr r1, [r0]; ldrh r1, [r0]; str r1, [r0]
        m.reg(0, DATA + 1);
        m.step();
        assertEquals(0x04030201, m.reg(1));
        m.step();
        assertEquals(0x0201, m.reg(1));
        alignmentCheck(true);
        assertTrue((m.isa.context(m.cpu) & ArmDecoder.ALIGNMENT_CHECK) != 0);
        m.cpu.pc = CODE;
        abortingStep();
        assertDataAbort(0x001, DATA + 1);
        m.sys.reset(CODE);
        alignmentCheck(true);
        m.cpu.pc = CODE + 8;
        m.reg(0, DATA + 3);
        MemoryFault f = assertThrows(MemoryFault.class, m::step);
        assertTrue(f.write);
        assertEquals(DATA + 3, f.address);
    }

    @Test
    void byteAccessesNeverFault() {
        at(0xe5d01000);                                  // ldrb r1, [r0]
        alignmentCheck(true);
        m.reg(0, DATA + 3);
        m.step();
        assertEquals(3, m.reg(1));
    }

    @Test
    void withTheLongDescriptorFormatTheStatusIs0x21() {
        at(0xe8900006, 0xe5801000);                      // ldm r0, {r1, r2}; str r1, [r0]
        m.sys.cp15.write(0, 2, 0, 2, Cp15.TTBCR_EAE, true);
        m.reg(0, DATA + 2);
        abortingStep();
        assertDataAbort(0x221, DATA + 2);
        m.sys.reset(CODE);
        m.sys.cp15.write(0, 2, 0, 2, Cp15.TTBCR_EAE, true);
        alignmentCheck(true);
        m.cpu.pc = CODE + 4;
        m.reg(0, DATA + 2);
        MemoryFault f = assertThrows(MemoryFault.class, m::step);
        m.sys.abort(f.address, SystemCpu.WRITE, f.status);
        assertEquals(0xa21, m.sys.cp15.dfsr);
    }

    // ---- no cost outside the system context

    /** Does lowering {@code word} in {@code context} call the alignment check? */
    static boolean checks(int word, int context) {
        IrEmitter e = new IrEmitter(ArmRegs.FILE);
        SystemMachine code = new SystemMachine().code(CODE, word);
        new ArmDecoder().lower(CODE, context, code.port, e);
        for (Insn in : e.ops()) if (in.op == Op.CALL && in.aux.toString().contains("checkAlignment")) return true;
        return false;
    }

    @Test
    void checksAreOnlyEmittedWhereTheContextAsksForThem() {
        int ldm = 0xe8900006, ldr = 0xe5901000;
        int sys = ArmDecoder.SYSTEM | ArmDecoder.PRIVILEGED;
        assertFalse(checks(ldm, 0));                     // user mode: as before
        assertFalse(checks(ldr, 0));
        assertTrue(checks(ldm, sys));
        assertFalse(checks(ldr, sys));                   // SCTLR.A clear
        assertTrue(checks(ldr, sys | ArmDecoder.ALIGNMENT_CHECK));
    }
}
