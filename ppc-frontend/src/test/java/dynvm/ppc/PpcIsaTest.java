package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PpcIsaTest {
    private final PpcIsa isa = new PpcIsa();

    @Test
    void foundByServiceLoader() {
        boolean found = false;
        for (Isa i : ServiceLoader.load(Isa.class)) found |= i.name().equals("ppc32") && i.aliases().containsAll(List.of("ppc", "powerpc"));
        assertTrue(found);
    }

    @Test
    void describesTheMachine() {
        assertEquals(20, isa.elfMachine());
        assertEquals(1, isa.elfClass());
        assertEquals(ByteOrder.BIG_ENDIAN, isa.byteOrder());
        assertEquals(0x8c000000, isa.linuxUser().hwcap());
        assertNull(isa.linuxUser().platform());
        assertEquals(Map.of(19, 32, 20, 32, 21, 0), isa.linuxUser().extraAuxv());
        assertEquals(List.of(19, 20, 21), List.copyOf(isa.linuxUser().extraAuxv().keySet()));
        assertEquals("r1", isa.stackPointerName());
        assertTrue(isa.registers() == PpcRegs.FILE);
    }

    @Test
    void initialUserState() {
        CpuState c = new CpuState(PpcRegs.FILE);
        c.r[PpcRegs.slot(PpcRegs.GPR[3])] = 99;
        isa.linuxUser().initUserState(c, 0x10000100, 0x7fff0000);
        assertEquals(0x10000100, c.pc);
        assertEquals(0x7fff0000, c.r[PpcRegs.slot(PpcRegs.GPR[1])]);
        assertEquals(0, c.r[PpcRegs.slot(PpcRegs.GPR[3])]);
        assertEquals(-1, c.r[PpcRegs.slot(PpcRegs.RESV_ADDR)]);
    }

    @Test
    void syscallConvention() {
        PpcSyscallAbi abi = new PpcSyscallAbi();
        CpuState c = new CpuState(PpcRegs.FILE);
        for (int i = 0; i < 9; i++) c.r[PpcRegs.slot(PpcRegs.GPR[i])] = 100 + i;
        assertEquals(100, abi.number(c));
        for (int i = 0; i < 6; i++) assertEquals(103 + i, abi.arg(c, i));
        int cr0 = PpcRegs.slot(PpcRegs.CR[0]);
        c.r[cr0] = 0b0100;
        abi.setResult(c, -2);                       // ENOENT
        assertEquals(2, c.r[PpcRegs.slot(PpcRegs.GPR[3])]);
        assertEquals(0b0101, c.r[cr0]);
        abi.setResult(c, 0x40000000);
        assertEquals(0x40000000, c.r[PpcRegs.slot(PpcRegs.GPR[3])]);
        assertEquals(0b0100, c.r[cr0]);
        abi.setResult(c, -4096);                    // not an errno: e.g. an mmap address
        assertEquals(-4096, c.r[PpcRegs.slot(PpcRegs.GPR[3])]);
        assertEquals(0b0100, c.r[cr0]);
        assertEquals("ppc32", abi.linuxArch());
    }

    @Test
    void syscallNames() {
        PpcSyscallAbi abi = new PpcSyscallAbi();
        Object[][] known = {{1, "exit"}, {3, "read"}, {4, "write"}, {5, "open"}, {6, "close"}, {19, "lseek"},
                {20, "getpid"}, {45, "brk"}, {90, "mmap"}, {91, "munmap"}, {122, "uname"}, {125, "mprotect"},
                {140, "_llseek"}, {146, "writev"}, {173, "rt_sigaction"}, {174, "rt_sigprocmask"}, {192, "mmap2"},
                {195, "stat64"}, {196, "lstat64"}, {197, "fstat64"}, {221, "futex"}, {232, "set_tid_address"},
                {234, "exit_group"}, {246, "clock_gettime"}, {286, "openat"}, {291, "fstatat64"}, {383, "statx"},
                {403, "clock_gettime64"}, {422, "futex_time64"}, {435, "clone3"}, {449, "futex_waitv"}};
        for (Object[] k : known) assertEquals(k[1], abi.name((Integer) k[0]), "syscall " + k[0]);
        assertNull(abi.name(224));
        assertNull(abi.name(-1));
        assertNull(abi.name(100_000));
        int named = 0;
        for (int i = 0; i < 460; i++) if (abi.name(i) != null) named++;
        assertTrue(named > 420, named + " names");
    }
}
