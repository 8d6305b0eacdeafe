package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.PersistentBlocks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guest suite with the persistent translation cache on (the tests otherwise run with it off):
 * every program under the translator, first with an empty cache that the run fills, then with
 * the warm cache, must print what qemu-ppc printed and exit the same. All cases share one cache
 * directory, as runs of different programs share the user's. The long runs (bench_crc, sort)
 * are left to their short cases.
 */
class PersistentCacheGuestsTest {
    private static final Set<String> LONG = Set.of("bench_crc", "sort");

    @TempDir static Path cacheDir;

    static Stream<GuestCase> cases() { return GuestCase.all().stream().filter(c -> !LONG.contains(c.name())); }

    @ParameterizedTest
    @MethodSource("cases")
    void coldThenWarmCacheMatchesTheGolden(GuestCase c) throws Exception {
        for (String pass : new String[]{"cold", "warm"}) {
            ByteArrayOutputStream notes = new ByteArrayOutputStream();
            PersistentBlocks store = new PersistentBlocks(cacheDir, new PrintStream(notes, true));
            GuestCase.Outcome o = c.run(EngineKind.DBT, vm -> vm.usePersistentBlocks(store));
            store.flush();
            assertEquals(c.expectedStdout(), o.stdout(), pass + " cache: stdout; stderr " + o.stderr());
            assertEquals(c.expectedExit(), o.exit(), pass + " cache: exit status; stderr " + o.stderr());
            assertEquals("", notes.toString(), pass + " cache: no message from the cache");
            if (pass.equals("warm")) assertTrue(store.hits() > 0, "the warm run found blocks: " + store.hits() + " hits, " + store.misses() + " misses");
        }
    }
}
