package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dynvm.spi.CpuState;
import org.junit.jupiter.api.Test;

/** The EABI convention and number table, checked against Linux's arch/arm syscall.tbl. */
class ArmSyscallAbiTest {
    private final ArmSyscallAbi abi = new ArmSyscallAbi();

    @Test
    void numberInR7ArgumentsInR0ToR5() {
        CpuState cpu = new CpuState(ArmRegs.FILE);
        for (int i = 0; i < 8; i++) cpu.r[ArmRegs.slot(ArmRegs.R[i])] = 100 + i;
        assertEquals(107, abi.number(cpu));
        for (int i = 0; i < 6; i++) assertEquals(100 + i, abi.arg(cpu, i));
        assertThrows(IllegalArgumentException.class, () -> abi.arg(cpu, 6));
    }

    @Test
    void resultIsRawInR0EvenForErrors() {
        CpuState cpu = new CpuState(ArmRegs.FILE);
        int n = cpu.r[ArmRegs.slot(ArmRegs.N)], z = cpu.r[ArmRegs.slot(ArmRegs.Z)];
        abi.setResult(cpu, -2);
        assertEquals(-2, cpu.r[ArmRegs.slot(ArmRegs.R[0])], "Linux ARM returns -errno itself");
        abi.setResult(cpu, 0x40001000);
        assertEquals(0x40001000, cpu.r[ArmRegs.slot(ArmRegs.R[0])]);
        assertEquals(n, cpu.r[ArmRegs.slot(ArmRegs.N)], "no flag carries the error");
        assertEquals(z, cpu.r[ArmRegs.slot(ArmRegs.Z)]);
    }

    @Test
    void threadPointerIsTpidruro() {
        CpuState cpu = new CpuState(ArmRegs.FILE);
        abi.setThreadPointer(cpu, 0x12345678);
        assertEquals(0x12345678, cpu.r[ArmRegs.slot(ArmRegs.TPIDRURO)]);
        assertEquals(0x12345678, abi.threadPointer(cpu));
    }

    @Test
    void eabiNumbersMatchTheKernelTable() {
        // spot checks across the table, from arch/arm/tools/syscall.tbl
        String[][] known = {{"1", "exit"}, {"3", "read"}, {"4", "write"}, {"5", "open"}, {"45", "brk"},
                {"54", "ioctl"}, {"122", "uname"}, {"140", "_llseek"}, {"146", "writev"}, {"174", "rt_sigaction"},
                {"175", "rt_sigprocmask"}, {"191", "ugetrlimit"}, {"192", "mmap2"}, {"195", "stat64"},
                {"197", "fstat64"}, {"199", "getuid32"}, {"217", "getdents64"}, {"221", "fcntl64"},
                {"224", "gettid"}, {"240", "futex"}, {"248", "exit_group"}, {"256", "set_tid_address"},
                {"263", "clock_gettime"}, {"266", "statfs64"}, {"268", "tgkill"}, {"270", "arm_fadvise64_64"},
                {"322", "openat"}, {"327", "fstatat64"}, {"338", "set_robust_list"}, {"341", "sync_file_range2"},
                {"369", "prlimit64"}, {"384", "getrandom"}, {"397", "statx"}, {"403", "clock_gettime64"},
                {"422", "futex_time64"}, {"435", "clone3"}, {"439", "faccessat2"}, {"452", "fchmodat2"}};
        for (String[] k : known) assertEquals(k[1], abi.name(Integer.parseInt(k[0])), "syscall " + k[0]);
    }

    @Test
    void oabiOnlyAndUnusedNumbersHaveNoName() {
        assertNull(abi.name(7), "waitpid is OABI only");
        assertNull(abi.name(90), "old mmap is OABI only");
        assertNull(abi.name(102), "socketcall is OABI only");
        assertNull(abi.name(-1));
        assertNull(abi.name(453));
        assertNull(abi.name(0x900004), "OABI numbering is not supported");
    }

    @Test
    void armPrivateCalls() {
        assertEquals("cacheflush", abi.name(0xf0002));
        assertEquals("set_tls", abi.name(0xf0005));
        assertEquals("get_tls", abi.name(0xf0006));
        assertNull(abi.name(0xf0000));
        assertNull(abi.name(0xf0007));
        assertEquals("arm", abi.linuxArch());
    }
}
