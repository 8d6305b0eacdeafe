package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.translator.launch.GuestLauncher;
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
 * Both engines retire exactly the same number of guest instructions, loops inside translated
 * blocks included: the count is part of the guest-visible contract that --stats reports.
 */
class InstructionCountTest {
    @TempDir Path tmp;

    private long count(String program, EngineKind engine) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GuestLauncher.Request r = GuestLauncher.Request.of(GuestCase.GUEST.resolve("bin").resolve(program), List.of(), List.of(),
                engine, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true), tmp).withStats(true);
        GuestLauncher.run(r);
        Matcher m = Pattern.compile("guest instructions\\s+([0-9,]+)").matcher(err.toString(StandardCharsets.UTF_8));
        if (!m.find()) throw new AssertionError("no instruction count in: " + err);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void interpreterAndTranslatorRetireTheSameInstructions() {
        for (String p : new String[]{"nbody", "jumps", "intmath"})
            assertEquals(count(p, EngineKind.INTERP), count(p, EngineKind.DBT), p);
    }
}
