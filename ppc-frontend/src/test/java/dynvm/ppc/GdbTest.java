package dynvm.ppc;

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

    /**
     * Asynchronous signals stop in gdb as on a native Linux target: sig_misc's raise(SIGUSR1)
     * stops with "Program received signal SIGUSR1"; gdb's continue passes it (C1e), so the
     * handler runs; every later signal (kill, sigsuspend, nested, SIGPIPE, the final SIGTERM)
     * also goes through the stub (handle all nostop pass) and output and status match the golden.
     */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "dbt"})
    @Timeout(180)
    void asynchronousSignalsStopAndArePassedOn(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        GdbSession.Result r = GdbSession.run(gdb.get(), GuestCase.GUEST.resolve("bin/sig_misc"), engine, "powerpc:common",
                List.of("continue", "handle all nostop noprint pass", "continue"), tmp, 90);
        assertTrue(r.gdb().contains("Program received signal SIGUSR1"), r.gdb());
        assertTrue(r.gdb().contains("Program terminated with signal SIGTERM"), r.gdb());
        assertEquals(golden("sig_misc.out"), r.guestOut(), r.gdb() + r.vmErr());
        assertEquals(Integer.parseInt(golden("sig_misc.exit").trim()), r.vmStatus(), r.vmErr());
    }

    /** {@code signal 0} after the stop discards the signal: the first handler never runs (got stays 0). */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "dbt"})
    @Timeout(180)
    void signalZeroDiscardsTheSignal(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        GdbSession.Result r = GdbSession.run(gdb.get(), GuestCase.GUEST.resolve("bin/sig_misc"), engine, "powerpc:common",
                List.of("continue", "handle all nostop noprint pass", "signal 0"), tmp, 90);
        assertTrue(r.gdb().contains("Program received signal SIGUSR1"), r.gdb());
        String want = golden("sig_misc.out").replace("raise: sig 10 code -6 pid ok 1", "raise: sig 0 code 0 pid ok 0");
        assertEquals(want, r.guestOut(), r.gdb() + r.vmErr());
        assertEquals(Integer.parseInt(golden("sig_misc.exit").trim()), r.vmStatus(), r.vmErr());
    }

    /**
     * qXfer:auxv:read lets gdb relocate a PIE and find its libraries: {@code break main} in the
     * dynamically linked PIE dyn_hello (run with -L the Debian sysroot) stops there, the
     * libraries are listed, and the run ends with the program's status.
     */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "dbt"})
    @Timeout(180)
    void breakMainInADynamicPie(String engine) throws Exception {
        var gdb = GdbSession.gdb();
        assumeTrue(gdb.isPresent(), "gdb-multiarch not installed");
        DynamicLinkTest.requireSysroot();
        GdbSession.Result r = GdbSession.run(gdb.get(), DynamicLinkTest.DIR.resolve("dyn_hello"), engine, "powerpc:common",
                List.of("set sysroot " + DynamicLinkTest.SYSROOT, "break main", "continue", "info sharedlibrary", "continue"),
                tmp, 120, List.of("-L", DynamicLinkTest.SYSROOT.toString()));
        assertTrue(r.gdb().matches("(?s).*Breakpoint 1, 0x[0-9a-f]+ in main \\(\\).*"), r.gdb());
        assertTrue(r.gdb().contains("/lib/libc.so.6") && r.gdb().contains("/lib/ld.so.1"), r.gdb());
        assertTrue(r.gdb().contains("exited with code 03"), r.gdb());
        assertTrue(r.guestOut().startsWith("hello from a dynamically linked program, argc 1\nAT_ENTRY is _start: yes\n"), r.guestOut());
        assertEquals(3, r.vmStatus(), r.vmErr());
    }

    private static String golden(String name) throws java.io.IOException {
        return Files.readString(GuestCase.GUEST.resolve("golden").resolve(name));
    }
}
