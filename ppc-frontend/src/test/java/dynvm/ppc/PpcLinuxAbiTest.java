package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dynvm.microkernel.linux.LinuxAbi;
import dynvm.microkernel.linux.LinuxAbiProvider;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The PowerPC Linux ABI the personality gets: found by the syscall ABI's name, with the kernel's numbers. */
class PpcLinuxAbiTest {
    @Test
    void foundByTheSyscallAbisArchitectureName() {
        LinuxAbi abi = LinuxAbiProvider.forArch(new PpcSyscallAbi().linuxArch(), getClass().getClassLoader());
        assertSame(new PpcLinuxAbi().abi(), abi);
    }

    @Test
    void valuesAreThoseOfArchPowerpc() {
        LinuxAbi abi = new PpcLinuxAbi().abi();
        assertEquals("ppc", abi.machine());
        assertEquals(ByteOrder.BIG_ENDIAN, abi.order());
        assertEquals(0x402c7413, abi.ioctls().tcgets());
        assertEquals(0x40087468, abi.ioctls().tiocgwinsz());
        assertEquals(0x8004667e, abi.ioctls().fionbio());
        assertEquals(0200000, abi.openFlags().largefile());
        assertEquals(0x40, abi.mmapFlags().noreserve());
        assertEquals(8, abi.stat64().inoAt());
        assertEquals(88, abi.statfs64Size());
        assertEquals(44, abi.termios().size());
        assertFalse(abi.chownTakes16BitIds());
        assertEquals(0, abi.sigsuspendMaskArg());
        // asm/socket.h: PowerPC moved SO_RCVLOWAT..SO_PEERCRED
        assertEquals(18, abi.socketOptions().rcvtimeo());
        assertEquals(20, abi.socketOptions().toGeneric(18), "SO_RCVTIMEO");
        assertEquals(16, abi.socketOptions().toGeneric(20), "SO_PASSCRED");
        assertEquals(2, abi.socketOptions().toGeneric(2), "SO_REUSEADDR is generic");
    }
}
