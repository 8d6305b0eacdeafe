package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Re-checks the committed goldens against the oracle itself: when qemu-arm is installed (CI
 * installs Debian's qemu-user), every case of both suites' cases.tsv is rerun under qemu-arm by golden.sh
 * --check and must still match. Without qemu-arm the test is skipped with a visible reason.
 */
class ArmQemuOracleTest {
    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ArmGuestCase.Suite.class)
    void committedGoldensStillMatchQemuArm(ArmGuestCase.Suite suite) throws Exception {
        assumeTrue(onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): golden re-check skipped");
        ProcessBuilder pb = new ProcessBuilder("bash", "golden.sh", "--check")
                .directory(ArmGuestCase.GUEST.toFile()).redirectErrorStream(true);
        pb.environment().put("SUITE", suite.name().toLowerCase());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertEquals(0, done ? p.exitValue() : -1, "golden.sh --check output:\n" + out);
    }
}
