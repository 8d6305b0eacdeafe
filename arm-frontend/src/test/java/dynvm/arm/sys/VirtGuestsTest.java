package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dynvm.translator.system.Machine;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bare-metal guests of {@code src/test/guest/virt} booted on the {@code virt} machine under
 * both engines: the serial transcript must be the golden byte for byte (QEMU 7.2's, except
 * {@code paravirt}, see the README there), and the VM must power off with status 0. {@code compute}
 * is left out: it runs for seconds under the translator and minutes under the interpreter.
 */
class VirtGuestsTest {
    static final Path DIR = Path.of("src/test/guest/virt");

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
            "hello, DBT", "hello, INTERP",
            "exceptions, DBT", "exceptions, INTERP",
            "memmap, DBT", "memmap, INTERP",
            "alignment, DBT", "alignment, INTERP",
            "mmu_short, DBT", "mmu_short, INTERP",
            "mmu_lpae, DBT", "mmu_lpae, INTERP",
            "timer_gic, DBT", "timer_gic, INTERP",
            "usermode, DBT", "usermode, INTERP",
            "paravirt, DBT", "paravirt, INTERP",
    })
    void transcriptIsTheGolden(String guest, EngineKind engine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Machine.Options opts = new Machine.Options("virt", null, engine, DIR.resolve("bin/" + guest + ".elf"),
                null, null, null, -1, 0, null);
        int status;
        try (Machine m = new Machine(opts, out, Diag.NONE)) {
            status = m.run();
            assertNull(m.failure());
        }
        String golden = Files.readString(DIR.resolve("golden/" + guest + ".out"), StandardCharsets.ISO_8859_1);
        assertEquals(golden, out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(0, status);
    }
}
