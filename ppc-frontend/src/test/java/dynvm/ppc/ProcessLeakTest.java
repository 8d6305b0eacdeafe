package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.vm.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A guest that forks 50 times (each child exits, the parent waits) leaves nothing behind in the
 * JVM: no host thread of a guest thread or of an engine, no open host file. Isolated: the counts
 * are of the whole JVM.
 */
@Isolated
class ProcessLeakTest {
    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void fiftyForksLeaveNoThreadsOrFiles(EngineKind engine) throws Exception {
        GuestCase c = new GuestCase("fork50", "fork50", "", "-", "-");
        c.run(engine); // warm-up: JVM-internal threads (JIT, cleaners) start here, not during the measurement
        long threadsBefore = allThreads(), dynvmBefore = dynvmThreads();
        int fdsBefore = openFds();

        GuestCase.Outcome o = c.run(engine);
        assertEquals("50 forks, 0 bad\n", o.stdout(), o.stderr());
        assertEquals(0, o.exit());

        // the run joins its guest threads; engine compiler threads end on close: wait for them to be gone
        for (int i = 0; i < 200 && dynvmThreads() > dynvmBefore; i++) Thread.sleep(50);
        assertEquals(dynvmBefore, dynvmThreads(), "dynvm host threads left: " + names());
        assertTrue(allThreads() <= threadsBefore + 2, "threads before " + threadsBefore + ", after: " + names());
        assertTrue(openFds() <= fdsBefore, "open files before " + fdsBefore + ", after " + openFds());
    }

    private static long allThreads() { return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).count(); }

    private static long dynvmThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("dynvm")).count();
    }

    private static String names() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList().toString();
    }

    private static int openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }
}
