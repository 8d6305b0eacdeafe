package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.harness.GdbSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance test of the GDB stub on ARM: a real gdb-multiarch debugs the armel A32
 * gdb_target (built -O0 -g) under each engine: breakpoint, registers, a local, stepi, a
 * watchpoint, the exit code. Skips without gdb-multiarch.
 */
class ArmGdbTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "dbt"})
    @Timeout(180)
    void gdbDebugsTheArmTargetProgram(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        Path prog = ArmGuestCase.GUEST.resolve("bin/gdb_target");
        GdbSession.Result r = GdbSession.run(gdb.get(), prog, engine, "arm", GdbSession.acceptanceScript(), tmp, 90);
        GdbSession.verifyAcceptance(r, 4, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "dbt"})
    @Timeout(180)
    void readAndAccessWatchpoints(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        Path prog = ArmGuestCase.GUEST.resolve("bin/gdb_target");
        GdbSession.Result r = GdbSession.run(gdb.get(), prog, engine, "arm", GdbSession.readWatchScript(), tmp, 90);
        GdbSession.verifyReadWatch(r, 3);
    }

    /**
     * Asynchronous signals on ARM: sig_misc's raise(SIGUSR1) stops in gdb ("Program received
     * signal SIGUSR1"); passed on by continue (then every signal with handle all nostop pass), the
     * output and status are the golden's; with {@code signal 0} the first handler never runs.
     * Translator only: armel sig_misc's soft-float timer loop takes the interpreter 40 s for the
     * two sessions; GdbTest runs the same signal semantics under both engines on PowerPC.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dbt"})
    @Timeout(240)
    void asynchronousSignalsStopPassAndDiscard(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        Path prog = ArmGuestCase.GUEST.resolve("bin/sig_misc");
        String golden = Files.readString(ArmGuestCase.GUEST.resolve("golden/sig_misc.out"));
        int status = Integer.parseInt(Files.readString(ArmGuestCase.GUEST.resolve("golden/sig_misc.exit")).trim());
        for (String resume : new String[]{"continue", "signal 0"}) {
            GdbSession.Result r = GdbSession.run(gdb.get(), prog, engine, "arm",
                    List.of("continue", "handle all nostop noprint pass", resume), tmp, 90);
            assertTrue(r.gdb().contains("Program received signal SIGUSR1"), r.gdb());
            String want = resume.equals("continue") ? golden
                    : golden.replace("raise: sig 10 code -6 pid ok 1", "raise: sig 0 code 0 pid ok 0");
            assertEquals(want, r.guestOut(), resume + ": " + r.gdb() + r.vmErr());
            assertEquals(status, r.vmStatus(), r.vmErr());
        }
    }
}
