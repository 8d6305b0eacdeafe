package dynvm.microkernel.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileDeviceTreeTest {
    private final MachineProfile virt = MachineProfile.load("virt");

    private FdtReader virtDtb(ProfileDeviceTree.Options options) {
        return new FdtReader(ProfileDeviceTree.blob(virt, options));
    }

    @Test
    void headerAndReservations() {
        DeviceTree t = new DeviceTree().reserve(0x40000000L, 0x1000);
        t.root().child("a@1").strings("compatible", "x");
        byte[] blob = t.toBlob();
        FdtReader r = new FdtReader(blob);
        assertEquals(17, r.version);
        assertEquals(1, r.reservations.size());
        assertEquals(0x100000, t.toBlob(0x100000).length, "padded with free space");
        assertEquals(17, new FdtReader(t.toBlob(0x100000)).version);
        assertEquals(0x40000000L, r.reservations.get(0)[0]);
        assertEquals("x", r.string("/a@1", "compatible"));
    }

    @Test
    void virtTreeHasQemusNodes() {
        FdtReader r = virtDtb(ProfileDeviceTree.Options.defaults(virt).withBootargs("console=ttyAMA0")
                .withInitrd(0x44000000L, 0x440003e8L));
        assertArrayEquals(new int[] {2}, r.cells("/", "#address-cells"));
        assertEquals(List.of("linux,dummy-virt"), r.strings("/", "compatible"));
        assertEquals("linux,dummy-virt", r.string("/", "model"));

        assertEquals("/pl011@9000000", r.string("/chosen", "stdout-path"));
        assertEquals("console=ttyAMA0", r.string("/chosen", "bootargs"));
        assertArrayEquals(new int[] {0x44000000}, r.cells("/chosen", "linux,initrd-start"));
        assertArrayEquals(new int[] {0x440003e8}, r.cells("/chosen", "linux,initrd-end"));

        assertArrayEquals(new int[] {0, 0x40000000, 0, 0x08000000}, r.cells("/memory@40000000", "reg"));
        assertEquals("memory", r.string("/memory@40000000", "device_type"));

        assertEquals("arm,cortex-a15", r.string("/cpus/cpu@0", "compatible"));
        assertArrayEquals(new int[] {0}, r.cells("/cpus/cpu@0", "reg"));
        assertNotNull(r.prop("/cpus", "#size-cells"));

        assertEquals(List.of("arm,psci-1.0", "arm,psci-0.2", "arm,psci"), r.strings("/psci", "compatible"));
        assertEquals("hvc", r.string("/psci", "method"));
        assertArrayEquals(new int[] {0x84000003}, r.cells("/psci", "cpu_on"));

        assertArrayEquals(new int[] {1, 13, 0x104, 1, 14, 0x104, 1, 11, 0x104, 1, 10, 0x104},
                r.cells("/timer", "interrupts"));
        assertEquals(0, r.prop("/timer", "always-on").length);

        int gic = r.cells("/intc@8000000", "phandle")[0];
        assertArrayEquals(new int[] {gic}, r.cells("/", "interrupt-parent"));
        assertArrayEquals(new int[] {0, 0x08000000, 0, 0x10000, 0, 0x08010000, 0, 0x10000}, r.cells("/intc@8000000", "reg"));
        assertEquals("arm,cortex-a15-gic", r.string("/intc@8000000", "compatible"));
        assertArrayEquals(new int[] {3}, r.cells("/intc@8000000", "#interrupt-cells"));
        assertNotNull(r.prop("/intc@8000000", "interrupt-controller"));

        int clk = r.cells("/apb-pclk", "phandle")[0];
        assertEquals("fixed-clock", r.string("/apb-pclk", "compatible"));
        assertArrayEquals(new int[] {24000000}, r.cells("/apb-pclk", "clock-frequency"));
        assertEquals(List.of("arm,pl011", "arm,primecell"), r.strings("/pl011@9000000", "compatible"));
        assertArrayEquals(new int[] {0, 1, 4}, r.cells("/pl011@9000000", "interrupts"));
        assertArrayEquals(new int[] {clk, clk}, r.cells("/pl011@9000000", "clocks"));
        assertEquals(List.of("uartclk", "apb_pclk"), r.strings("/pl011@9000000", "clock-names"));
        assertArrayEquals(new int[] {0, 2, 4}, r.cells("/pl031@9010000", "interrupts"));

        assertEquals("cfi-flash", r.string("/flash@0", "compatible"));
        assertArrayEquals(new int[] {4}, r.cells("/flash@0", "bank-width"));
        assertArrayEquals(new int[] {0, 0, 0, 0x04000000, 0, 0x04000000, 0, 0x04000000}, r.cells("/flash@0", "reg"));
    }

    @Test
    void virtBlobIsOneMebibyteLikeQemus() {
        assertEquals(0x100000, ProfileDeviceTree.blob(virt, ProfileDeviceTree.Options.defaults(virt)).length);
    }

    @Test
    void smpAndMemoryOptions() {
        FdtReader r = virtDtb(new ProfileDeviceTree.Options(1L << 30, 2, null, 0, 0));
        assertEquals("psci", r.string("/cpus/cpu@1", "enable-method"));
        assertArrayEquals(new int[] {1}, r.cells("/cpus/cpu@1", "reg"));
        assertEquals(0x304, r.cells("/timer", "interrupts")[2]);
        assertArrayEquals(new int[] {0, 0x40000000, 0, 0x40000000}, r.cells("/memory@40000000", "reg"));
        assertEquals(null, r.prop("/chosen", "bootargs"));
    }

    @Test
    void anotherProfileMovesTheUartAndDropsTheRtcWithoutJavaChanges(@TempDir Path dir) throws IOException {
        String text = MachineProfileTest.virtText()
                .replace("base = 0x09000000", "base = 0x09040000")
                .replaceAll("(?s)\\[\\[device\\]\\]\\ntype = \"pl031\".*?\\n\\n", "");
        assertFalse(text.contains("pl031"));
        Path p = dir.resolve("virt-moved.toml");
        Files.writeString(p, text);
        MachineProfile moved = MachineProfile.load(p.toString());
        FdtReader r = new FdtReader(ProfileDeviceTree.blob(moved, ProfileDeviceTree.Options.defaults(moved)));
        assertEquals("/pl011@9040000", r.string("/chosen", "stdout-path"));
        assertArrayEquals(new int[] {0, 0x09040000, 0, 0x1000}, r.cells("/pl011@9040000", "reg"));
        assertTrue(r.nodes.keySet().stream().noneMatch(n -> n.contains("pl031")), r.nodes.keySet().toString());
        assertTrue(r.nodes.keySet().stream().noneMatch(n -> n.contains("9000000")));
    }

    @Test
    void aBoardWithoutPsciOrTimerNode() throws IOException {
        String text = MachineProfileTest.virtText().replaceAll("(?s)\\[timer\\].*?\\[boot\\]", "[boot]");
        MachineProfile bare = MachineProfile.parse(text, "bare.toml", DeviceCatalog.standard());
        assertEquals(null, bare.psci());
        FdtReader r = new FdtReader(ProfileDeviceTree.blob(bare, ProfileDeviceTree.Options.defaults(bare)));
        assertFalse(r.nodes.containsKey("/psci"));
        assertFalse(r.nodes.containsKey("/timer"));
        assertTrue(r.nodes.containsKey("/pl011@9000000"));
    }

    @Test
    void dtcDecompilesIt(@TempDir Path dir) throws Exception {
        String dtc = onPath("dtc");
        assumeTrue(dtc != null, "dtc (device-tree-compiler) is not on PATH: decompilation check skipped");
        Path blob = dir.resolve("virt.dtb");
        Files.write(blob, ProfileDeviceTree.blob(virt, ProfileDeviceTree.Options.defaults(virt).withBootargs("console=ttyAMA0")));
        Process proc = new ProcessBuilder(dtc, "-I", "dtb", "-O", "dts", blob.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dts = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), dts);
        for (String expected : List.of(
                "compatible = \"linux,dummy-virt\";",
                "stdout-path = \"/pl011@9000000\";",
                "bootargs = \"console=ttyAMA0\";",
                "memory@40000000 {",
                "reg = <0x00 0x40000000 0x00 0x8000000>;",
                "compatible = \"arm,cortex-a15\";",
                "compatible = \"arm,psci-1.0\\0arm,psci-0.2\\0arm,psci\";",
                "interrupts = <0x01 0x0d 0x104 0x01 0x0e 0x104 0x01 0x0b 0x104 0x01 0x0a 0x104>;",
                "intc@8000000 {",
                "interrupt-controller;",
                "compatible = \"arm,pl011\\0arm,primecell\";",
                "interrupts = <0x00 0x01 0x04>;",
                "clock-names = \"uartclk\\0apb_pclk\";",
                "pl031@9010000 {",
                "flash@0 {",
                "bank-width = <0x04>;",
                "clock-frequency = <0x16e3600>;")) {
            assertTrue(dts.contains(expected), "missing " + expected + " in\n" + dts);
        }
    }

    private static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** Every property we write for virt equals the one QEMU writes (phandle values aside), when QEMU is installed. */
    @Test
    void matchesQemusOwnTree(@TempDir Path dir) throws Exception {
        String qemu = onPath("qemu-system-arm");
        assumeTrue(qemu != null, "qemu-system-arm is not on PATH: comparison with QEMU's DTB skipped");
        Path dumped = dir.resolve("qemu.dtb");
        Process proc = new ProcessBuilder(qemu, "-M", "virt", "-cpu", "cortex-a15", "-machine", "dumpdtb=" + dumped)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(Files.exists(dumped), "QEMU did not dump its DTB");
        FdtReader theirs = new FdtReader(Files.readAllBytes(dumped));
        FdtReader ours = virtDtb(ProfileDeviceTree.Options.defaults(virt));
        List<String> phandleValued = List.of("phandle", "interrupt-parent", "clocks", "gpios");
        int compared = 0;
        for (var node : ours.nodes.entrySet()) {
            for (var prop : node.getValue().entrySet()) {
                if (phandleValued.contains(prop.getKey())) {
                    continue;
                }
                byte[] expected = theirs.prop(node.getKey(), prop.getKey());
                assertNotNull(expected, node.getKey() + " " + prop.getKey() + " not in QEMU's tree");
                assertArrayEquals(expected, prop.getValue(), node.getKey() + " " + prop.getKey());
                compared++;
            }
        }
        assertTrue(compared > 40, "compared " + compared);
    }
}
