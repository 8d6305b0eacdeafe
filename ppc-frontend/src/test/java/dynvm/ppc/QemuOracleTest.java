package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Re-checks the committed goldens against the oracle itself: when qemu-ppc is installed (CI
 * installs Debian's qemu-user), every case of cases.tsv is rerun under qemu-ppc by golden.sh
 * --check and must still match. Without qemu-ppc the test is skipped with a visible reason.
 */
class QemuOracleTest {
    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }

    @Test
    void committedGoldensStillMatchQemuPpc() throws Exception {
        assumeTrue(onPath("qemu-ppc"), "qemu-ppc not installed (Debian package qemu-user): golden re-check skipped");
        assumeTrue(onPath("python3"), "python3 not installed: golden.sh needs it to stage pre-ISA-3.0 copies");
        Process p = new ProcessBuilder("bash", "golden.sh", "--check")
                .directory(GuestCase.GUEST.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertEquals(0, done ? p.exitValue() : -1, "golden.sh --check output:\n" + out);
    }
}
