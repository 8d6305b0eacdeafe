package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.cli.BootCommand;
import dynvm.translator.system.Machine;
import dynvm.translator.vm.EngineKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * A machine profile is the guest's hardware: the {@code dtb_hello} guest finds its UART, RAM and
 * RTC only through the device tree dynvm generates from the profile. On the stock {@code virt}
 * profile it prints what it prints under qemu-system-arm (its golden); on a copy of virt.toml
 * with the PL011 moved and the PL031 removed — a text edit, no Java — it prints through the UART
 * at the new address and finds no RTC.
 */
class MachineProfileBootTest {
    /** A free hole of virt's map (an abort under qemu, see the memmap guest). */
    static final String MOVED_UART = "0x09040000";

    @TempDir Path tmp;

    static Machine.Options options(String machine, String memory, EngineKind engine) {
        return new Machine.Options(machine, memory, engine, VirtGuests.elf("dtb_hello"), null, null, null, -1, 0, null);
    }

    /** virt.toml as shipped (class path), with the PL011 at {@link #MOVED_UART} and no PL031. */
    Path movedProfile() throws IOException {
        String virt;
        try (InputStream in = Machine.class.getResourceAsStream("/machines/virt.toml")) {
            assertTrue(in != null, "virt.toml on the class path");
            virt = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String uart = "type = \"pl011\"\nbase = 0x09000000\n";
        assertTrue(virt.contains(uart), "virt.toml's pl011 table as this test expects it:\n" + virt);
        String moved = virt.replace(uart, "type = \"pl011\"\nbase = " + MOVED_UART + "\n");
        int rtc = moved.indexOf("[[device]]\ntype = \"pl031\"");
        assertTrue(rtc >= 0, "virt.toml has a pl031 device table");
        int next = moved.indexOf("[[device]]", rtc + 1);
        moved = moved.substring(0, rtc) + moved.substring(next);
        assertFalse(moved.contains("pl031"));
        Path file = tmp.resolve("virt-moved-uart.toml");
        Files.writeString(file, moved);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = EngineKind.class, names = {"DBT", "INTERP"})
    void onStockVirtTheGuestPrintsWhatItPrintsUnderQemu(EngineKind engine) throws Exception {
        VirtGuests.Run r = VirtGuests.boot(options("virt", null, engine), 60);
        assertNull(r.failure());
        assertEquals(0, r.status(), r.console());
        assertEquals(VirtGuests.golden("dtb_hello"), r.console());
    }

    @Test
    void theGoldenStillMatchesQemu() throws Exception {
        assumeTrue(VirtGuests.onPath("qemu-system-arm"), "qemu-system-arm not installed: dtb_hello golden re-check skipped");
        assertEquals(VirtGuests.golden("dtb_hello"), VirtGuests.qemu("dtb_hello", "128M", 20));
    }

    @Test
    void theMemoryNodeFollowsTheRamSize() throws Exception {
        VirtGuests.Run r = VirtGuests.boot(options("virt", "256M", EngineKind.DBT), 60);
        assertEquals(0, r.status(), r.console());
        assertTrue(r.console().contains("\nram 40000000 size 10000000\n"), r.console());
    }

    @Test
    void aProfileWithTheUartMovedAndNoRtcIsWhatTheGuestSees() throws Exception {
        VirtGuests.Run r = VirtGuests.boot(options(movedProfile().toString(), null, EngineKind.DBT), 60);
        assertNull(r.failure());
        assertEquals(0, r.status(), r.console());
        // every byte came through the UART at its new address (the old one is a hole now)
        assertEquals("dtb at 00000000\n"
                + "uart at 09040000\n"
                + "ram 40000000 size 08000000\n"
                + "no rtc\n"
                + "done\n", r.console());
        assertNotEquals(VirtGuests.golden("dtb_hello"), r.console());
    }

    @Test
    void dumpDtbOfTheMovedProfileDecompilesToTheMovedUart() throws Exception {
        assumeTrue(VirtGuests.onPath("dtc"), "dtc not installed (Debian package device-tree-compiler): --dump-dtb check skipped");
        Path dtb = tmp.resolve("moved.dtb");
        int status = new CommandLine(new BootCommand()).execute("--machine", movedProfile().toString(),
                "--kernel", VirtGuests.elf("dtb_hello").toString(), "--dump-dtb", dtb.toString());
        assertEquals(0, status);
        Process p = new ProcessBuilder("dtc", "-I", "dtb", "-O", "dts", dtb.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dts = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), dts);
        assertTrue(dts.contains("pl011@9040000 {"), dts);
        assertTrue(dts.contains("reg = <0x00 0x9040000 0x00 0x1000>;"), dts);
        assertTrue(dts.contains("stdout-path = \"/pl011@9040000\";"), dts);
        assertFalse(dts.contains("pl011@9000000"), dts);
        assertFalse(dts.contains("pl031"), dts);
    }

    /**
     * A kernel that is not an ELF is a Linux image: loaded at the profile's kernel offset into RAM
     * and entered with r1 = ~0 and r2 = the DTB, where {@code BootLayout} puts it (128 MiB:
     * 0x44000000). The image prints 'L' when r1 is ~0 and then the DTB address's top byte, from
     * wherever it was loaded (it is position independent).
     */
    @Test
    void aRawImageGetsTheLinuxBootProtocol() throws Exception {
        int[] code = {
                0xe3003000,     // movw r3, #0
                0xe3403900,     // movt r3, #0x0900         the PL011's data register
                0xe3a0404c,     // mov r4, #'L'
                0xe3710001,     // cmn r1, #1
                0x13a04058,     // movne r4, #'X'
                0xe5834000,     // str r4, [r3]
                0xe1a04c22,     // lsr r4, r2, #24
                0xe5834000,     // str r4, [r3]
                0xe3000008,     // movw r0, #8
                0xe3480400,     // movt r0, #0x8400         PSCI SYSTEM_OFF
                0xe1400070};    // hvc #0
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * code.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int w : code) b.putInt(w);
        Path image = tmp.resolve("raw.bin");
        Files.write(image, b.array());
        VirtGuests.Run r = VirtGuests.boot(new Machine.Options("virt", "128M", EngineKind.INTERP, image, null, null, null, -1, 0, null), 30);
        assertNull(r.failure());
        assertEquals("LD", r.console());
        assertEquals(0, r.status());
    }
}

