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
 * directory, as runs of different programs share the user's. A cross-section of the suite (every
 * family: exits, libc, FP, self-modifying code, C++ exceptions, Lua, files, fork/exec/pipes,
 * threads, signals, stack overflow) keeps this under a minute; all 65 cases but bench_crc and sort
 * passed this way when it was written (7 minutes on 2 busy cores, sig_misc alone 5).
 */
class PersistentCacheGuestsTest {
    private static final Set<String> CASES = Set.of("hello", "args_env", "exit_call", "recursion", "sha256", "sort_small",
            "strings", "jumps", "fileio_tmp", "wc_text", "intmath", "nbody", "fp_special", "libm", "bench_crc_small", "smc",
            "long_double", "abort_atexit", "cxx_eh", "lua_closures", "lua_io", "files_at", "fork_wait", "pipe_child",
            "exec_self", "pthreads", "sig_segv", "sig_alarm", "smc_loop", "smc_fork", "stack_overflow", "wild_syscalls");

    @TempDir static Path cacheDir;

    static Stream<GuestCase> cases() { return GuestCase.all().stream().filter(c -> CASES.contains(c.name())); }

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
