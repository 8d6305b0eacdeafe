package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.microkernel.linux.LinuxAbi;
import dynvm.microkernel.linux.LinuxAbiProvider;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The ARM EABI Linux ABI the personality gets: found by the syscall ABI's name, with the kernel's numbers. */
class ArmLinuxAbiTest {
    @Test
    void foundByTheSyscallAbisArchitectureName() {
        LinuxAbi abi = LinuxAbiProvider.forArch(new ArmSyscallAbi().linuxArch(), getClass().getClassLoader());
        assertSame(new ArmLinuxAbi().abi(), abi);
    }

    @Test
    void valuesAreThoseOfArchArm() {
        LinuxAbi abi = new ArmLinuxAbi().abi();
        assertEquals("armv7l", abi.machine());
        assertEquals(ByteOrder.LITTLE_ENDIAN, abi.order());
        assertEquals(0x5401, abi.ioctls().tcgets());
        assertEquals(0x5413, abi.ioctls().tiocgwinsz());
        assertEquals(0x5421, abi.ioctls().fionbio());
        assertEquals(0400000, abi.openFlags().largefile());
        assertEquals(0x4000, abi.mmapFlags().noreserve());
        assertEquals(96, abi.stat64().inoAt());
        assertEquals(12, abi.stat64().truncatedInoAt());
        assertEquals(84, abi.statfs64Size());
        assertEquals(36, abi.termios().size());
        assertTrue(abi.chownTakes16BitIds());
        assertEquals(2, abi.sigsuspendMaskArg());
        assertEquals(dynvm.microkernel.linux.LinuxAbi.SocketOptionNumbers.GENERIC, abi.socketOptions(), "asm-generic SO_* numbers");
    }
}
