package dynvm.arm.a32;

import static dynvm.arm.a32.A32Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmIsa;
import dynvm.arm.ArmRegs;
import dynvm.arm.ArmSnippets;
import dynvm.spi.Services;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/** Status registers, exceptions, hints, CP15 TLS and the ARMv6 media instructions. */
class A32MiscTest extends ArmSnippets {
    @Test
    void mrsReadsFlagsQGeAndUserMode() {
        SnippetRunner.Result r = run((c, m) -> { setNzcv(c, 0b1010); set(c, ArmRegs.Q, 1); set(c, ArmRegs.GE, 0b0110); }, mrs(0));
        assertEquals(0x80000000 | 0x20000000 | 0x08000000 | 0x6 << 16 | 0x10, reg(r, 0));
    }

    @Test
    void msrWritesOnlyTheSelectedFields() {
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, 0x580f00df); set(c, ArmRegs.GE, 3); }, msr(8, 1));
        assertEquals(0b0101, nzcv(r));
        assertEquals(1, get(r, ArmRegs.Q));
        assertEquals(3, get(r, ArmRegs.GE));
        assertEquals(0, get(r, ArmRegs.T));                           // control bits are ignored in user mode
        r = run((c, m) -> setReg(c, 1, 0x000a0000), msr(4, 1));
        assertEquals(0xa, get(r, ArmRegs.GE));
        assertEquals(0, nzcv(r));
        r = run(msrImm(8, 0xf, 2));                                   // #0xf0000000
        assertEquals(0b1111, nzcv(r));
        assertEquals(0, get(r, ArmRegs.Q));
    }

    @Test
    void svcStopsWithTheSyscallService() {
        SnippetRunner.Result r = run(movImm(7, 1), svc(0), movImm(0, 9));
        assertEquals("service:" + Services.SYSCALL, r.stop());
        assertEquals(CODE + 8, r.cpu().pc);
        assertEquals(0, reg(r, 0));
    }

    @Test
    void conditionalSvcPassesItsConditionToTheService() {
        // svcne: the service gets the condition; the VM makes the call only when it is non-zero
        for (int z = 0; z < 2; z++) {
            int zf = z;
            SnippetRunner.Result r = run((c, m) -> ArmRegs.FILE.write(c, ArmRegs.Z, zf), cond(NE, svc(0)));
            assertEquals("service:" + Services.SYSCALL, r.stop());
            assertEquals(CODE + 4, r.cpu().pc);
            assertEquals(1 - z, r.cpu().serviceArgs[0], "Z=" + z);
        }
    }

    @Test
    void trapsForBreakpointsAndUndefinedEncodings() {
        assertEquals("trap:5", run(bkpt(0x12)).stop());
        assertEquals("trap:4", run(udf(0xabcd)).stop());
        assertEquals("trap:4", run(0xee110f10).stop());              // mrc p15, 0, r0, c1, c0, 0 (SCTLR): privileged
        SnippetRunner a9 = new SnippetRunner(new ArmIsa(dynvm.arm.ArmCpuModel.CORTEX_A9));
        assertEquals("trap:4", a9.run(new int[] {0xedd10b00}, (c, m) -> { }).stop());  // vldr d16, [r1]: not in VFPv3-D16
        assertEquals("trap:4", a9.run(new int[] {0xf4000000}, (c, m) -> { }).stop());  // NEON store space: no NEON on cortex-a9
        SnippetRunner.Result r = run(movImm(0, 1), udf(0));
        assertEquals(CODE + 4, r.cpu().pc);
        assertEquals(1, reg(r, 0));
    }

    @Test
    void hintsBarriersAndPreloadDoNothing() {
        SnippetRunner.Result r = run((c, m) -> setReg(c, 1, 0x100), NOP, 0xe320f001, 0xe320f002, 0xe320f004, 0xf5d1f020,
                0xf57ff05f, 0xee070fba, movImm(0, 3));
        assertEquals("end", r.stop());
        assertEquals(3, reg(r, 0));
    }

    @Test
    void tlsRegisterIsReadableWithMrc() {
        SnippetRunner.Result r = run((c, m) -> set(c, ArmRegs.TPIDRURO, 0x12345678), mrcTls(3));
        assertEquals(0x12345678, reg(r, 3));
    }

    @Test
    void extendsWithRotation() {
        int x = 0x80f17f82;
        int[] rots = {0, 8, 16, 24};
        for (int rot = 0; rot < 4; rot++) {
            int rx = Integer.rotateRight(x, rots[rot]), rr = rot;
            SnippetRunner.Result r = run((c, m) -> { setReg(c, 1, x); setReg(c, 2, 1000); },
                    extend(2, 3, 15, 1, rr), extend(3, 4, 15, 1, rr), extend(6, 5, 15, 1, rr), extend(7, 6, 15, 1, rr),
                    extend(2, 7, 2, 1, rr), extend(7, 8, 2, 1, rr));
            assertEquals((int) (byte) rx, reg(r, 3), "sxtb ror " + rots[rot]);
            assertEquals((int) (short) rx, reg(r, 4), "sxth");
            assertEquals(rx & 0xff, reg(r, 5), "uxtb");
            assertEquals(rx & 0xffff, reg(r, 6), "uxth");
            assertEquals(1000 + (byte) rx, reg(r, 7), "sxtab");
            assertEquals(1000 + (rx & 0xffff), reg(r, 8), "uxtah");
        }
    }

    @Test
    void byteReversals() {
        SnippetRunner.Result r = run((c, m) -> setReg(c, 1, 0x12345680), rev(2, 1), rev16(3, 1), revsh(4, 1));
        assertEquals(0x80563412, reg(r, 2));
        assertEquals(0x34128056, reg(r, 3));
        assertEquals(0xffff8056, reg(r, 4));
    }

    @Test
    void isaStartsProcessesAsLinux() {
        ArmIsa isa = new ArmIsa();
        dynvm.spi.CpuState c = new dynvm.spi.CpuState(isa.registers());
        isa.linuxUser().initUserState(c, 0x8001, 0x7ff0);
        assertEquals(0x8000, c.pc);
        assertEquals(1 | dynvm.arm.ArmCpuModel.DEFAULT.contextBits(), isa.context(c));
        assertEquals(0x7ff0, get(c, ArmRegs.SP));
        assertEquals(-1, get(c, ArmRegs.EXCL_ADDR));
        assertEquals(40, isa.elfMachine());
        assertEquals(0x1fb0d7, isa.linuxUser().hwcap()); // swp half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae
        assertTrue(isa.aliases().contains("armel"));
    }

    private static int get(dynvm.spi.CpuState c, int reg) { return (int) ArmRegs.FILE.read(c, reg); }
}
