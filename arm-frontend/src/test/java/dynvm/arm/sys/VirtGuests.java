package dynvm.arm.sys;

import dynvm.translator.system.Machine;
import dynvm.translator.vm.Diag;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The bare-metal guests of {@code src/test/guest/virt} (prebuilt ELFs and goldens, see its
 * README.md), booted in-process on a {@link Machine} as {@code dynvm boot} does, or under the
 * real {@code qemu-system-arm} when it is installed.
 */
final class VirtGuests {
    static final Path DIR = Path.of("src/test/guest/virt").toAbsolutePath();

    private VirtGuests() { }

    static Path elf(String name) { return DIR.resolve("bin").resolve(name + ".elf"); }

    static String golden(String name) throws IOException {
        return Files.readString(DIR.resolve("golden").resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }

    /** What a run printed on its console and how it ended. */
    record Run(String console, int status, Throwable failure) { }

    /**
     * Boots {@code options} and runs it until it powers off; a guest that has not after
     * {@code limitSeconds} (a hang: nothing here takes more than a second) is stopped with
     * {@link Machine#TIMEOUT_STATUS}.
     */
    static Run boot(Machine.Options options, double limitSeconds) throws Machine.MachineError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Machine m = new Machine(options, out, Diag.NONE)) {
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep((long) (limitSeconds * 1000));
                    m.stop(Machine.TIMEOUT_STATUS);
                } catch (InterruptedException e) {
                    // the guest ended first
                }
            }, "test-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            int status = m.run();
            watchdog.interrupt();
            return new Run(out.toString(StandardCharsets.UTF_8), status, m.failure());
        }
    }

    /** Boots {@code elf} on {@code machine} (a profile name or path) under {@code engine}. */
    static Run boot(Path elf, String machine, dynvm.translator.vm.EngineKind engine, double limitSeconds) throws Machine.MachineError {
        return boot(new Machine.Options(machine, null, engine, elf, null, null, null, -1, 0, null), limitSeconds);
    }

    /** The goldens' qemu command (README.md) for {@code bin/NAME.elf}; stdout as text. */
    static String qemu(String name, String memory, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("timeout", String.valueOf(timeoutSeconds), "qemu-system-arm",
                "-M", "virt", "-cpu", "cortex-a15", "-m", memory, "-nographic", "-no-reboot", "-kernel", elf(name).toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds + 10L, TimeUnit.SECONDS)) p.destroyForcibly();
        return new String(out, StandardCharsets.UTF_8);
    }
}
