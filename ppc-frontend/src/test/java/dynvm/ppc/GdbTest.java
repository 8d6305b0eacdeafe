package dynvm.ppc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.harness.GdbSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance test of the GDB stub: a real gdb-multiarch debugs the big-endian PowerPC
 * gdb_target (built -O0 -g) under each engine: breakpoint, registers, a local, stepi, a
 * watchpoint, the exit code. Skips without gdb-multiarch.
 */
class GdbTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "dbt"})
    @Timeout(180)
    void gdbDebugsThePowerPcTargetProgram(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        Path prog = GuestCase.GUEST.resolve("bin/gdb_target");
        GdbSession.Result r = GdbSession.run(gdb.get(), prog, engine, "powerpc:common", GdbSession.acceptanceScript(), tmp, 90);
        GdbSession.verifyAcceptance(r, 4, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "dbt"})
    @Timeout(180)
    void readAndAccessWatchpoints(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        Path prog = GuestCase.GUEST.resolve("bin/gdb_target");
        GdbSession.Result r = GdbSession.run(gdb.get(), prog, engine, "powerpc:common", GdbSession.readWatchScript(), tmp, 90);
        GdbSession.verifyReadWatch(r, 3);
    }
}
