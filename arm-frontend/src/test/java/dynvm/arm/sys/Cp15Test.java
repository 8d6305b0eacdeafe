package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmRegs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CP15 of the Cortex-A15: identification values, translation registers and the TLB, privilege. */
class Cp15Test {
    static final int CODE = 0x1000;

    final SystemMachine m = new SystemMachine();

    SystemMachine at(int... words) {
        m.sys.reset(CODE);
        return m.code(CODE, words);
    }

    @ParameterizedTest(name = "p15, {0}, c{1}, c{2}, {3} = {4}")
    @CsvSource({
            "0, 0, 0, 0, 414fc0f0",     // MIDR: r4p0, as QEMU 7.2
            "0, 0, 0, 1, 8444c004",     // CTR
            "0, 0, 0, 5, 80000000",     // MPIDR: CPU 0, MP extensions
            "0, 0, 0, 6, 0",            // REVIDR
            "0, 0, 1, 0, 00001131",     // ID_PFR0
            "0, 0, 1, 1, 00010001",     // ID_PFR1: generic timer, no Security/Virtualization
            "0, 0, 1, 2, 02010505",     // ID_DFR0: no Secure debug
            "0, 0, 1, 4, 10201105",     // ID_MMFR0
            "0, 0, 1, 7, 02102211",     // ID_MMFR3
            "0, 0, 2, 0, 02101110",     // ID_ISAR0: SDIV/UDIV in both states
            "0, 0, 2, 4, 10011142",     // ID_ISAR4
            "1, 0, 0, 1, 0a200023",     // CLIDR
            "0, 1, 0, 0, 00c50078",     // SCTLR reset value
            "4, 15, 0, 0, 08000000",    // CBAR: the GIC's base on virt
    })
    void identificationAndResetValues(int opc1, int crn, int crm, int opc2, String hex) {
        m.sys.reset(0);
        assertEquals((int) Long.parseLong(hex, 16), m.sys.cp15.read(opc1, crn, crm, opc2, true));
    }

    @Test
    void ccsidrFollowsCsselr() {
        at(0xee401f10, 0xee300f10);                      // mcr p15, 2, r1, c0, c0, 0 (CSSELR); mrc p15, 1, r0, c0, c0, 0
        m.reg(1, 1);                                     // L1 instruction cache
        m.steps(2);
        assertEquals(0x201fe00a, m.reg(0));
        m.reg(1, 2);
        m.cpu.pc = CODE;
        m.steps(2);
        assertEquals(0x711fe07a, m.reg(0));
    }

    @Test
    void translationRegisterWritesFlushTheTlb() {
        at(0xee010f10, 0xee020f10, 0xee021f30, 0xee022f50, 0xee033f10, 0xee0d4f30, 0xec410f02);
        // mcr sctlr r0; ttbr0 r0; ttbr1 r1; ttbcr r2; dacr r3; contextidr r4; mcrr ttbr0 r0, r1
        m.reg(0, 0x00c51078);                            // the reset value with the I-cache on
        m.reg(1, 0x4000);
        m.reg(2, 1);
        m.reg(3, 0x55555555);
        m.reg(4, 42);
        int before = m.platform.flushes;
        m.steps(6);
        assertEquals(before + 6, m.platform.flushes);
        assertEquals(0x00c51078L, m.sys.cp15.ttbr0());
        assertEquals(0x4000L, m.sys.cp15.ttbr1());
        assertEquals(1, m.sys.cp15.ttbcr());
        assertEquals(0x55555555, m.sys.cp15.dacr());
        m.reg(0, 0x8000);
        m.reg(1, 0x12);                                  // high word: ASID 0x12 << 48 would be bits 55:48
        m.step();
        assertEquals(0x12_0000_8000L, m.sys.cp15.ttbr0());
        assertEquals(before + 7, m.platform.flushes);
        m.sys.cp15.write(0, 3, 0, 0, 0x55555555, true);  // the same DACR again: the TLB stays
        assertEquals(before + 7, m.platform.flushes);
    }

    @Test
    void tlbMaintenanceByMvaDropsOnePage() {
        at(0xee080f37, 0xee080f17, 0xee080f33);          // tlbimva r0; tlbiall; tlbimvais r0
        m.reg(0, 0x12345678);
        int before = m.platform.flushes;
        m.steps(3);
        assertEquals(List.of(0x12345000, 0x12345000), m.platform.flushedPages);
        assertEquals(before + 1, m.platform.flushes);
    }

    @Test
    void cacheMaintenanceAndBarriersAreNoOps() {
        at(0xee070f15, 0xee070f3e, 0xee070f9a, 0xee070fba);   // iciallu; dccimvac r0; dsb; dmb (cp15 forms)
        m.steps(4);
        assertEquals(CODE + 16, m.cpu.pc);
        assertEquals(ArmMode.SVC, m.sys.mode());
    }

    @Test
    void pl0AccessToPl1RegistersIsUndefined() {
        at(0xee110f10);                                  // mrc p15, 0, r0, c1, c0, 0 (SCTLR)
        m.sys.writeCpsr(0x10, 0xf, true);
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
        assertEquals(0x04, m.cpu.pc);
        assertEquals(CODE + 4, m.reg(14));
    }

    @Test
    void threadIdRegistersAndTheirPrivileges() {
        at(0xee0d0f50, 0xee1d1f50, 0xee1d2f70, 0xee0d3f70);   // mcr tpidrurw r0; mrc r1, tpidrurw; mrc r2, tpidruro; mcr tpidruro r3
        m.sys.writeCpsr(0x10, 0xf, true);
        m.reg(0, 0xaaaa);
        m.sys.cp15.write(0, 13, 0, 3, 0xbbbb, true);     // the kernel sets the TLS pointer
        m.steps(3);
        assertEquals(0xaaaa, m.reg(1));
        assertEquals(0xbbbb, m.reg(2));                  // the inline user-mode read sees the IR register
        assertEquals(0xbbbb, m.get(ArmRegs.TPIDRURO));
        m.step();                                        // TPIDRURO is read-only at PL0
        assertEquals(ArmMode.UND, m.sys.mode());
    }

    @Test
    void tpidrprwIsReadInlineAtPl1AndUndefinedAtPl0() {
        at(0xee0d0f90, 0xee1d1f90);                      // mcr tpidrprw, r0; mrc r1, tpidrprw
        m.reg(0, 0x1234);
        m.step();
        assertEquals(0x1234, m.get(ArmRegs.TPIDRPRW));
        assertTrue((m.isa.context(m.cpu) & ArmDecoder.PRIVILEGED) != 0);
        assertEquals(null, SystemDecodeTest.decode(0xee1d1f90, m.isa.context(m.cpu)).terminal());   // no service call
        m.step();
        assertEquals(0x1234, m.reg(1));
        m.sys.writeCpsr(0x10, 0xf, true);
        assertEquals(0, m.isa.context(m.cpu) & ArmDecoder.PRIVILEGED);
        m.cpu.pc = CODE + 4;
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
        m.sys.reset(CODE | 1);                           // Thumb, PL1: inline too
        m.thumb(CODE, 0xee1d, 0x2f90);                   // mrc p15, 0, r2, c13, c0, 4
        m.set(ArmRegs.TPIDRPRW, 0x5678);
        m.step();
        assertEquals(0x5678, m.reg(2));
    }

    @Test
    void unknownEncodingsAreUndefined() {
        at(0xee1b0f10);                                  // mrc p15, 0, r0, c11, c0, 0
        m.step();
        assertEquals(ArmMode.UND, m.sys.mode());
        assertThrows(Undefined.class, () -> m.sys.cp15.write(0, 0, 0, 0, 1, true));   // MIDR is read-only
        at(0xee100e10);                                  // mrc p14, 0, r0, c0, c0, 0 (DBGDIDR)
        m.step();
        assertEquals(CortexA15.DBGDIDR, m.reg(0));
    }

    @Test
    void debugRegistersHoldWhatTheKernelWrites() {
        at(0xee003e52, 0xee101e11);                      // mcr p14, 0, r3, c0, c2, 2 (DBGDSCRext); mrc p14, 0, r1, c0, c1, 0 (DBGDSCRint)
        m.reg(3, 1 << 15);                               // MDBGen: monitor debug mode
        m.steps(2);
        assertEquals(1 << 15, m.reg(1));
        m.sys.cp14.write(0, 0, 3, 7, 0x1ff, true);       // DBGWCR3
        assertEquals(0x1ff, m.sys.cp14.read(0, 0, 3, 7, true));
        assertThrows(Undefined.class, () -> m.sys.cp14.read(0, 0, 4, 7, true));   // only 4 watchpoints
        assertThrows(Undefined.class, () -> m.sys.cp14.read(0, 0, 2, 2, false));  // DBGDSCRext is PL1
    }

    @Test
    void vfpTurnsOnWithCpacrAndFpexc() {
        at(0xee010f50, 0xeee81a10, 0xeef82a10, 0xeef03a10);   // mcr cpacr r0; vmsr fpexc r1; vmrs r2, fpexc; vmrs r3, fpsid
        m.reg(0, 0x00f00000);
        m.reg(1, 0x40000000);
        m.step();
        assertEquals(1 | 4, m.get(ArmRegs.SYSMODE));
        m.step();
        assertEquals(3 | 4, m.get(ArmRegs.SYSMODE));
        assertTrue((m.isa.context(m.cpu) & ArmDecoder.VFP_ENABLED) != 0);
        m.steps(2);
        assertEquals(0x40000000, m.reg(2));
        assertEquals(0x410430f0, m.reg(3));
    }

    @Test
    void addressTranslationWithTheMmuOffIsFlat() {
        at(0xee070f18, 0xee171f14);                      // ats1cpr r0; mrc r1, par
        m.reg(0, 0x12345678);
        m.steps(2);
        assertEquals(0x12345200, m.reg(1));              // the page, NS (QEMU: no Security Extensions)
        m.sys.cp15.write(0, 2, 0, 2, Cp15.TTBCR_EAE, true);
        m.cpu.pc = CODE;
        m.steps(2);
        assertEquals(0x12345a00, m.reg(1));              // long format: LPAE bit, no attributes with the MMU off
    }

    @Test
    void prrrAndNmrrAreMair0AndMair1() {
        at(0xee0a2f12, 0xee0a3f32, 0xee1a0f12, 0xee1a1f32, 0xee0a2f13, 0xee1a4f13);
        // mcr PRRR r2; mcr NMRR r3; mrc r0, PRRR; mrc r1, NMRR; mcr AMAIR0 r2; mrc r4, AMAIR0
        m.reg(2, 0x44ff0400);
        m.reg(3, 0x0000bbee);
        m.reg(4, -1);
        int before = m.platform.flushes;
        m.steps(6);
        assertEquals(0x44ff0400, m.reg(0));
        assertEquals(0x0000bbee, m.reg(1));
        assertEquals(0x44ff0400, m.sys.cp15.mair0());    // the walker's view of the same registers
        assertEquals(0x0000bbee, m.sys.cp15.mair1());
        assertEquals(before + 2, m.platform.flushes);    // memory attributes changed: the TLB goes
        assertEquals(0, m.reg(4));                       // AMAIR0: RAZ/WI
        assertEquals(CODE + 24, m.cpu.pc);
    }

    @Test
    void cp15BarriersExecuteAtPl0() {
        at(0xee070f9a, 0xee070fba, 0xee070f95);          // mcr p15, 0, r0, c7, c10, 4 (DSB); c10, 5 (DMB); c5, 4 (ISB)
        m.sys.writeCpsr(0x10, 0xf, true);
        m.steps(3);
        assertEquals(ArmMode.USR, m.sys.mode());
        assertEquals(CODE + 12, m.cpu.pc);
    }
}
