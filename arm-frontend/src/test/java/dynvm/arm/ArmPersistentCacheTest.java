package dynvm.arm;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.spi.CpuState;
import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineConfig;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import dynvm.translator.vm.PersistentBlocks;
import dynvm.translator.vm.UserModeVm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent translation cache under the translator: a run whose blocks all come from a warm
 * cache (filled by an earlier run) prints the same, exits the same and leaves the same guest
 * state as a cold run and as a run without the cache. The programs: the dynamically linked hello
 * (libc, libm, dlopen; about 2,700 blocks) and a busybox sh pipeline (forked children share the
 * run's store).
 */
class ArmPersistentCacheTest {
    @TempDir Path cwd, cacheDir;

    /** What a run leaves: its output, status, final registers and instruction count, and the store's counters. */
    record Run(String stdout, String stderr, int status, int pc, int[] r, long[] d, long insns, long hits, long misses) {
        void assertSameGuestAs(Run o, String what, boolean state) {
            assertEquals(o.stdout, stdout, what + ": stdout; stderr " + stderr);
            assertEquals(o.status, status, what + ": exit status; stderr " + stderr);
            if (!state) return;
            assertEquals(o.pc, pc, what + ": pc");
            assertArrayEquals(o.r, r, what + ": registers");
            assertArrayEquals(o.d, d, what + ": FP registers");
            assertEquals(o.insns, insns, what + ": guest instructions");
        }
    }

    Run run(Path program, List<String> args, Path sysroot, boolean persistent) throws Exception {
        return run(program, args, sysroot, persistent, true);
    }

    /** {@code lazyIr}: {@link EngineConfig#lazyIr} (stored blocks keep their ops in stored form). */
    Run run(Path program, List<String> args, Path sysroot, boolean persistent, boolean lazyIr) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream errs = new PrintStream(err, true);
        GuestLauncher.Request req = GuestLauncher.Request.of(program, args, List.of("LC_ALL=C"), EngineKind.DBT,
                new ByteArrayInputStream(new byte[0]), out, errs, cwd).withSysroot(sysroot).withSynchronousCompile();
        req = req.withConfig(req.config().withLazyIr(lazyIr));
        PersistentBlocks store = persistent ? new PersistentBlocks(cacheDir, errs) : null;
        UserModeVm[] vm = new UserModeVm[1];
        int status = GuestLauncher.run(req, new IsaRegistry(), v -> {
            vm[0] = v;
            v.usePersistentBlocks(store);
        });
        if (store != null) store.flush();
        CpuState c = vm[0].cpu();
        return new Run(out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1), status, c.pc,
                c.r.clone(), c.d.clone(), c.insnCount, store == null ? 0 : store.hits(), store == null ? 0 : store.misses());
    }

    private void coldThenWarm(Path program, List<String> args, Path sysroot, boolean oneProcess) throws Exception {
        Run without = run(program, args, sysroot, false);
        Run cold = run(program, args, sysroot, true);
        assertEquals(0, cold.hits, "an empty cache has nothing");
        assertTrue(cold.misses > 100, "misses: " + cold.misses);
        try (var files = Files.list(cacheDir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("arm-[0-9a-f]{16}\\.tcache")), "the run wrote its file");
        }
        Run warm = run(program, args, sysroot, true);
        if (oneProcess) {
            assertEquals(cold.misses, warm.hits, "every block the cold run decoded comes from the cache");
            assertEquals(0, warm.misses, "nothing left to decode");
        } else { // processes running at once may both miss a block before either has decoded it; which ones is timing
            assertTrue(warm.hits > cold.misses * 9 / 10, "hits " + warm.hits + ", cold misses " + cold.misses);
            assertTrue(warm.misses < cold.misses / 10, "misses " + warm.misses + ", cold misses " + cold.misses);
        }
        // a shell's own instruction count depends on when its children end (it waits, takes SIGCHLD):
        // only one process's final state is a function of the program
        cold.assertSameGuestAs(without, "cold cache vs no cache", oneProcess);
        warm.assertSameGuestAs(cold, "warm cache vs cold cache", oneProcess);
        Run eager = run(program, args, sysroot, true, false);
        eager.assertSameGuestAs(warm, "warm cache, stored blocks decoded into IR objects (-Ddynvm.lazyIr=false) vs kept in stored form", oneProcess);
        assertEquals("", warm.stderr.replaceAll("(?m)^(?!dynvm: ).*\\n?", ""), "no dynvm message");
    }

    @Test
    void aWarmCacheRunsTheDynamicHelloAsACold() throws Exception {
        ArmDynamicLinkTest.Abi abi = ArmDynamicLinkTest.Abi.ARMHF;
        abi.require();
        coldThenWarm(abi.bin("dyn_hello"), List.of("one", "two words"), abi.sysroot, true);
    }

    @Test
    void aWarmCacheRunsABusyboxPipelineAsACold() throws Exception {
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
        Path busybox = BusyboxTest.busyboxPath(BusyboxTest.Build.ARMHF);
        assumeTrue(Files.isRegularFile(busybox), "busybox-static (armhf) not found at " + busybox
                + ": run arm-frontend/src/test/guest/fetch-busybox.sh armhf");
        Files.writeString(cwd.resolve("in.txt"), "pear\napple\nfig\n");
        coldThenWarm(busybox, List.of("sh", "-c", "sort in.txt | head -2 | wc -l; echo $((6 * 7)) | cat"), null, false);
    }

}
