package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The oracle behind {@link VirtGoldenTest}: the committed goldens still are what
 * qemu-system-arm prints for each guest (Debian's qemu-system-arm; skipped without it).
 * {@code paravirt} is not here: qemu has no dynvm hypercalls (its golden is written by hand).
 */
class VirtQemuOracleTest {
    static boolean haveQemu() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
            if (Files.isExecutable(Path.of(dir, "qemu-system-arm"))) return true;
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hello", "fpu_id", "exceptions", "memmap", "alignment", "mmu_short", "mmu_lpae", "timer_gic", "usermode"})
    void goldenIsWhatQemuPrints(String guest) throws Exception {
        assumeTrue(haveQemu(), "qemu-system-arm is not installed (Debian package qemu-system-arm): goldens not re-checked");
        Path elf = VirtGuests.elf(guest).toAbsolutePath();
        Process p = new ProcessBuilder(List.of("qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-m", "128M",
                "-nographic", "-no-reboot", "-kernel", elf.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        assertEquals(VirtGuests.golden(guest), new String(out, StandardCharsets.UTF_8), guest + ": qemu-system-arm disagrees with the golden");
    }
}
