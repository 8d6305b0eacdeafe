package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two user-mode VMs run at the same time in one JVM with different {@link EngineConfig}s: each
 * run's engines (every guest thread's, through UserModeVm and its spawned threads) follow their own
 * hot threshold, and both print qemu's output.
 */
class TwoVmEngineConfigTest {
    @TempDir Path tmp;

    private record Run(String stdout, int status, String stats) { }

    private Run run(GuestCase c, EngineConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        GuestLauncher.Request req = GuestLauncher.Request.of(GuestCase.GUEST.resolve("bin/" + c.program()), List.of(), List.of(),
                        EngineKind.DBT, new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), tmp)
                .withSynchronousCompile().withStats(true).withConfig(config);
        int status = GuestLauncher.run(req);
        return new Run(out.toString(StandardCharsets.ISO_8859_1), status, err.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void concurrentVmsFollowTheirOwnHotThreshold() throws Exception {
        GuestCase c = GuestCase.all().stream().filter(g -> g.name().equals("pthreads")).findFirst().orElseThrow();
        EngineConfig eager = EngineConfig.DEFAULTS.withHotThreshold(0).withVerifyIr(true);
        EngineConfig never = EngineConfig.DEFAULTS.withHotThreshold(Integer.MAX_VALUE);
        CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> run(c, eager));
        CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> run(c, never));
        Run ra = a.get(), rb = b.get();
        for (Run r : List.of(ra, rb)) {
            assertEquals(c.expectedStdout(), r.stdout(), r.stats());
            assertEquals(c.expectedExit(), r.status(), r.stats());
        }
        long compiledA = number(ra.stats(), "blocks translated"), compiledB = number(rb.stats(), "blocks translated");
        assertTrue(compiledA > 100, "threshold 0 compiles every block it meets: " + compiledA + "\n" + ra.stats());
        assertEquals(0, compiledB, "a threshold never reached compiles nothing, in any thread\n" + rb.stats());
    }

    /** A counter of the --stats report (printed with locale grouping, so separators are dropped). */
    private static long number(String stats, String label) {
        Matcher m = Pattern.compile(label + "\\s+(\\S+)").matcher(stats);
        assertTrue(m.find(), label + " in stats:\n" + stats);
        return Long.parseLong(m.group(1).replaceAll("\\D", ""));
    }
}
