package dynvm.microkernel.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.microkernel.device.CfiFlash;
import dynvm.microkernel.device.Gicv2;
import dynvm.microkernel.device.Pl011;
import dynvm.microkernel.kernel.Unassigned;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineProfileTest {
    static String virtText() throws IOException {
        try (InputStream in = MachineProfile.class.getResourceAsStream("/machines/virt.toml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void virtDescribesQemusBoard() {
        MachineProfile virt = MachineProfile.load("virt");
        assertEquals("virt", virt.name());
        assertEquals("cortex-a15", virt.cpu().model());
        assertEquals(1, virt.cpu().count());
        assertEquals(0x40000000L, virt.memory().base());
        assertEquals(128L << 20, virt.memory().defaultSize());
        assertEquals(Unassigned.ABORT, virt.unassigned());
        assertEquals(List.of(13, 14, 11, 10), virt.timer().ppis());
        assertEquals("hvc", virt.psci().method());
        DeviceSpec uart = virt.device("pl011").orElseThrow();
        assertEquals(0x09000000L, uart.base());
        assertEquals(1, uart.irq());
        DeviceSpec flash = virt.device("flash").orElseThrow();
        assertEquals(List.of(new Region(0, 0x04000000), new Region(0x04000000, 0x04000000)), flash.regions());
        assertEquals(4L, flash.param("bank-width", 0));
        assertEquals(0x104, virt.interrupts().ppiFlags(1));
        assertEquals(0x304, virt.interrupts().ppiFlags(2));
    }

    @Test
    void memoryOverride() {
        assertEquals(256L << 20, MemorySize.parse("256M"));
        assertEquals(1L << 30, MemorySize.parse("1G"));
        assertEquals(512L << 20, MemorySize.parse("512"));
        assertEquals(64L << 10, MemorySize.parse("64KiB"));
        assertEquals(new Region(0x40000000L, 1L << 30), MachineProfile.load("virt").memory().region("1G"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("lots"));
        assertTrue(e.getMessage().contains("lots"));
    }

    @Test
    void bootLayoutIsQemus() {
        MachineProfile virt = MachineProfile.load("virt");
        assertEquals(0x40000000L, BootLayout.of(virt, BootLayout.Kind.FIRMWARE, 128 << 20, 0).dtb());
        assertEquals(0x40000000L, BootLayout.of(virt, BootLayout.Kind.ELF_KERNEL, 128 << 20, 0).dtb());
        BootLayout raw = BootLayout.of(virt, BootLayout.Kind.RAW_KERNEL, 128 << 20, 0);
        assertEquals(0x40010000L, raw.kernel());
        assertEquals(0x44000000L, raw.dtb());
        assertEquals(0x48000000L, BootLayout.of(virt, BootLayout.Kind.RAW_KERNEL, 1L << 30, 0).dtb());
        assertEquals(0x44001000L, BootLayout.of(virt, BootLayout.Kind.RAW_KERNEL, 128 << 20, 1000).dtb());
        assertEquals(0x40000000L, BootLayout.ofElf(virt, 128 << 20, 0x40100000L, 0x40110000L).dtb(), "probe linked at 0x40100000");
        assertEquals(0L, BootLayout.ofElf(virt, 128 << 20, 0x40000000L, 0x40020000L).dtb(), "virt guests linked at RAM base");
    }

    @Test
    void loadsFromAPath(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("myboard.toml");
        Files.writeString(p, virtText().replace("name = \"virt\"", "name = \"myboard\""));
        assertEquals("myboard", MachineProfile.load(p.toString()).name());
    }

    @Test
    void malformedTomlNamesFileAndLine() throws IOException {
        String bad = virtText().replace("count = 1", "count = = 1");
        ProfileError e = assertThrows(ProfileError.class, () -> MachineProfile.parse(bad, "bad.toml", DeviceCatalog.standard()));
        int line = lineOf(virtText(), "count = 1");
        assertTrue(e.getMessage().startsWith("bad.toml:" + line + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void unknownDeviceTypeNamesTheLine() throws IOException {
        String bad = virtText().replace("type = \"pl031\"", "type = \"pl999\"");
        ProfileError e = assertThrows(ProfileError.class, () -> MachineProfile.parse(bad, "b.toml", DeviceCatalog.standard()));
        assertTrue(e.getMessage().startsWith("b.toml:" + lineOf(bad, "pl999") + ": unknown device type \"pl999\""), e.getMessage());
    }

    @Test
    void overlappingRegionsAreRefused() throws IOException {
        String bad = virtText().replace("base = 0x09010000", "base = 0x09000800");
        ProfileError e = assertThrows(ProfileError.class, () -> MachineProfile.parse(bad, "o.toml", DeviceCatalog.standard()));
        assertTrue(e.getMessage().contains("overlaps device \"pl011\""), e.getMessage());
        String intoRam = virtText().replace("base = 0x09010000", "base = 0x40001000");
        e = assertThrows(ProfileError.class, () -> MachineProfile.parse(intoRam, "r.toml", DeviceCatalog.standard()));
        assertTrue(e.getMessage().contains("overlaps RAM"), e.getMessage());
    }

    @Test
    void missingKeyAndUnknownMachine() throws IOException {
        String bad = virtText().replace("model = \"cortex-a15\"\n", "");
        ProfileError e = assertThrows(ProfileError.class, () -> MachineProfile.parse(bad, "m.toml", DeviceCatalog.standard()));
        assertTrue(e.getMessage().contains("missing key \"model\""), e.getMessage());
        e = assertThrows(ProfileError.class, () -> MachineProfile.load("no-such-board"));
        assertTrue(e.getMessage().contains("no such machine"), e.getMessage());
    }

    @Test
    void catalogBuildsTheBoardWithInterruptsWired() {
        boolean[] cpuIrq = new boolean[1];
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DeviceContext ctx = new DeviceContext(console, () -> 0, (d, a) -> () -> { }, (c, l) -> cpuIrq[c] = l,
                () -> 0, 1, () -> { });
        List<BuiltDevice> board = DeviceCatalog.standard().build(MachineProfile.load("virt"), ctx);
        assertEquals("intc", board.get(0).spec().name());
        Gicv2 gic = assertInstanceOf(Gicv2.class, board.get(0).server());
        assertEquals(0x08010000L, board.get(0).windows().get(1).base());
        Pl011 uart = (Pl011) board.stream().filter(b -> b.spec().type().equals("pl011")).findFirst().orElseThrow().server();
        List<?> banks = (List<?>) board.stream().filter(b -> b.spec().type().equals("cfi-flash")).findFirst().orElseThrow().server();
        assertEquals(2, banks.size());
        assertInstanceOf(CfiFlash.class, banks.get(1));

        uart.write(0, 4, 'A');
        assertEquals("A", console.toString());
        gic.distributor().write(0, 4, 1);
        gic.distributor().write(0x104, 4, 1 << 1); // enable SPI 1 (ID 33)
        gic.cpuInterface().write(0, 4, 1);
        gic.cpuInterface().write(4, 4, 0xff);
        uart.write(0x38, 4, Pl011.INT_RX);
        uart.receive((byte) 'x');
        assertTrue(cpuIrq[0], "UART RX reaches the CPU through the GIC");
        assertEquals(33, gic.cpuInterface().read(0xc, 4));
    }

    static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }
}
