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

    /**
     * powerpc's termbits against asm-generic: the sane cooked mode of each encoding maps onto the
     * other's (the generic values are ARM's, which uses asm-generic), every pair moves as many
     * bits as it names, and c_cc is a permutation.
     */
    @Test
    void termiosBitsTranslateTheSaneModeToAsmGeneric() {
        LinuxAbi.TermiosBits bits = new PpcLinuxAbi().abi().termiosBits();
        LinuxAbi.TermiosLayout ppc = new PpcLinuxAbi().abi().termios();
        assertEquals(0x100 | 0x400, bits.toGeneric(0, 0x100 | 0x200), "ICRNL | IXON");
        assertEquals(0x1 | 0x4, bits.toGeneric(1, 0x1 | 0x2), "OPOST | ONLCR");
        assertEquals(0xf | 0x30 | 0x80, bits.toGeneric(2, ppc.cflag()), "B38400 | CS8 | CREAD");
        assertEquals(0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x8000, bits.toGeneric(3, ppc.lflag()), "ISIG ICANON ECHO ECHOE ECHOK IEXTEN");
        assertEquals(ppc.lflag(), bits.toGuest(3, bits.toGeneric(3, ppc.lflag())), "round trip");
        for (int[] pairs : new int[][]{bits.iflag(), bits.oflag(), bits.cflag(), bits.lflag()})
            for (int i = 0; i < pairs.length; i += 2)
                assertEquals(Integer.bitCount(pairs[i]), Integer.bitCount(pairs[i + 1]), "pair " + i / 2);
        boolean[] seen = new boolean[19];
        for (int i : bits.ccIndex()) { assertFalse(seen[i], "c_cc index " + i + " twice"); seen[i] = true; }
        assertEquals(35, bits.lineAt());
        assertEquals(0x40047477, new PpcLinuxAbi().abi().ioctls().tiocgpgrp());
        assertEquals(0x80047476, new PpcLinuxAbi().abi().ioctls().tiocspgrp());
    }
}
