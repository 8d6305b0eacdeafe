package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.loader.UserImage;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code smc} guest (code written into an RWX mapping and patched hundreds of times, a hot loop
 * patched between calls, a loop patching itself) gives qemu's output under both engines through
 * GuestProgramsTest. This test checks that it did so through the mechanism it is meant to exercise:
 * every patch dropped a translation, and many versions were hot enough to be compiled to bytecode
 * before being patched (so it is not passing by never leaving the interpreter tier).
 */
class SelfModifyingCodeTest {
    @TempDir Path tmp;

    /** Patches that must each drop at least one block: 300 + 200 + 40 rounds, 800 self-patching iterations. */
    private static final long MIN_INVALIDATIONS = 300 + 200 + 40 + 800;
    /** Versions called more often than the promotion threshold (16): about 108 of the li rounds, all 200 mid-block rounds. */
    private static final long MIN_COMPILED = 300;

    @Test
    void patchesInvalidateTranslationsAndOutputMatchesQemu() throws Exception {
        GuestCase smc = GuestCase.all().stream().filter(c -> c.name().equals("smc")).findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        GuestLauncher.Request req = new GuestLauncher.Request(GuestCase.GUEST.resolve("bin/smc"), List.of(), List.of(), "auto",
                EngineKind.DBT, new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), tmp,
                true, false, UserImage.DEFAULT_WINDOW, 1 << 16, Diag.NONE, false); // synchronous compile: exact counts
        int status = GuestLauncher.run(req);
        String stats = err.toString(StandardCharsets.ISO_8859_1);
        assertEquals(smc.expectedStdout(), out.toString(StandardCharsets.ISO_8859_1), stats);
        assertEquals(smc.expectedExit(), status, stats);
        long invalidations = number(stats, "invalidations"), compiled = number(stats, "blocks translated");
        assertTrue(invalidations >= MIN_INVALIDATIONS, "invalidations " + invalidations + " < " + MIN_INVALIDATIONS + "\n" + stats);
        assertTrue(compiled >= MIN_COMPILED, "compiled blocks " + compiled + " < " + MIN_COMPILED + "\n" + stats);
    }

    /** A counter of the --stats report (printed with locale grouping, so separators are dropped). */
    private static long number(String stats, String label) {
        Matcher m = Pattern.compile(label + "\\s+(\\S+)").matcher(stats);
        assertTrue(m.find(), label + " in stats:\n" + stats);
        return Long.parseLong(m.group(1).replaceAll("\\D", ""));
    }
}
