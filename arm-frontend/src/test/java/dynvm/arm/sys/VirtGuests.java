package dynvm.arm.sys;

import dynvm.translator.system.Machine;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Boots the bare-metal guests of {@code src/test/guest/virt} in-process, the way {@code dynvm boot} does. */
final class VirtGuests {
    static final Path DIR = Path.of("src/test/guest/virt");

    private VirtGuests() { }

    static Path elf(String guest) { return DIR.resolve("bin").resolve(guest + ".elf"); }

    static String golden(String guest) throws Exception {
        return Files.readString(DIR.resolve("golden").resolve(guest + ".out"), StandardCharsets.UTF_8);
    }

    /** What a boot printed on the console and how it ended. */
    record Run(String console, int status) { }

    /** Boots {@code elf} on {@code machine} (a profile name or path) and returns its console, stopping it after {@code seconds}. */
    static Run boot(Path elf, String machine, EngineKind engine, double seconds) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine.Options o = new Machine.Options(machine, null, engine, elf, null, null, null, -1, 0, null);
        try (Machine m = new Machine(o, console, Diag.NONE)) {
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep((long) (seconds * 1000));
                    m.stop(Machine.TIMEOUT_STATUS);
                } catch (InterruptedException e) {
                    // ended in time
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
            int status = m.run();
            watchdog.interrupt();
            if (m.failure() != null) throw new AssertionError("vCPU failed", m.failure());
            return new Run(console.toString(StandardCharsets.UTF_8), status);
        }
    }
}
