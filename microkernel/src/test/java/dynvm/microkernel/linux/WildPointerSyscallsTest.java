package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every registered syscall, called with wild arguments (NULL, -1, unmapped and out-of-window
 * pointers, huge lengths): a result or -errno must come back, never a host exception, a hang or
 * heap exhaustion. Each syscall gets a fresh process, since some of these calls wreck it.
 */
class WildPointerSyscallsTest {
    /** Calls that block, or need an engine, whatever their arguments: not called, with the reason. */
    private static final String SLEEPS = "with no descriptors and no (or a huge) timeout it sleeps, as on Linux";
    private static final Map<String, String> SKIPPED = Map.ofEntries(
            Map.entry("pause", "blocks until a signal arrives"),
            Map.entry("rt_sigsuspend", "blocks until a signal arrives"),
            Map.entry("sigsuspend", "blocks until a signal arrives"),
            Map.entry("exit", "ends the calling thread (nothing to check)"),
            Map.entry("exit_group", "ends the process (nothing to check)"),
            Map.entry("clone", "starts a guest thread: needs an engine (a ThreadHost)"),
            Map.entry("fork", "starts a guest process: needs an engine (a ThreadHost)"),
            Map.entry("vfork", "starts a guest process: needs an engine (a ThreadHost)"),
            Map.entry("poll", SLEEPS), Map.entry("ppoll", SLEEPS), Map.entry("ppoll_time64", SLEEPS),
            Map.entry("select", SLEEPS), Map.entry("_newselect", SLEEPS),
            Map.entry("pselect6", SLEEPS), Map.entry("pselect6_time64", SLEEPS));

    private static final int[][] PATTERNS = {
        {0, 0, 0, 0, 0, 0},
        {-1, -1, -1, -1, -1, -1},
        {Guest.UNMAPPED, Guest.UNMAPPED, Guest.UNMAPPED, Guest.UNMAPPED, Guest.UNMAPPED, Guest.UNMAPPED},
        {Guest.WILD, Guest.WILD, Guest.WILD, Guest.WILD, Guest.WILD, Guest.WILD},
        {0xfffff000, 0xfffff000, 0x1000, 0xfffff000, 0x1000, 0},
        {1, 0, 0x7fffffff, 0, 0, 0},
        {1, Guest.WILD, 0x7fffffff, Guest.WILD, 0x7fffffff, 0},
        {0, Guest.UNMAPPED, -1, Guest.UNMAPPED, -1, 0},
        {-100, 0, 0, 0, 0, 0},                                     // AT_FDCWD, NULL path
        {-100, Guest.UNMAPPED, Guest.WILD, Guest.UNMAPPED, 0, 0},
        {1, Guest.SCRATCH, 0x7fffffff, Guest.SCRATCH, 0x7fffffff, 0}, // a valid buffer, a huge length
        {Guest.SCRATCH + 0xfff00, 0x7fffffff, Guest.SCRATCH + 0xffff8, 0x10000, 0, 0}, // buffers running off the end
    };

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void everySyscallSurvivesWildArguments(TestArch arch) throws Exception {
        List<String> problems = new ArrayList<>();
        int calls = 0;
        for (String name : new TreeSet<>(new Guest(arch, dir).sys.syscallNames())) {
            if (SKIPPED.containsKey(name)) continue;
            Guest g = new Guest(arch, dir);
            try {
                for (int[] p : PATTERNS) {
                    calls++;
                    String bad = callBounded(g, name, p.clone());
                    if (bad != null) problems.add(String.format("%s%s: %s", name, java.util.Arrays.toString(hex(p)), bad));
                    if (bad != null && bad.startsWith("hang")) break; // the process is stuck in that call
                }
            } finally {
                g.sys.close();
            }
        }
        System.out.printf("wild syscalls %s: %d calls, %d skipped by name%n", arch, calls, SKIPPED.size());
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    private static String[] hex(int[] p) {
        String[] s = new String[p.length];
        for (int i = 0; i < p.length; i++) s[i] = Integer.toHexString(p[i]);
        return s;
    }

    /** Null when the call returned; otherwise what went wrong. */
    private static String callBounded(Guest g, String name, int[] args) throws InterruptedException {
        FutureTask<Integer> task = new FutureTask<>(() -> g.sys.call(name, -1, args));
        Thread t = new Thread(task, "wild-" + name);
        t.setDaemon(true);
        t.start();
        try {
            task.get(5, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            return "hang (no result in 5 s)";
        } catch (ExecutionException e) {
            return "host exception: " + e.getCause();
        }
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void commonCallsGiveEfault(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int efault = -Errno.EFAULT;
        assertEquals(efault, g.call("write", 1, 0, 10));
        assertEquals(efault, g.call("write", 1, Guest.WILD, 10));
        assertEquals(efault, g.call("read", 0, Guest.UNMAPPED, 10));
        assertEquals(efault, g.call("open", 0, 0, 0));
        assertEquals(efault, g.call("openat", -100, Guest.WILD, 0, 0));
        assertEquals(efault, g.call("stat64", 0, Guest.SCRATCH));
        assertEquals(efault, g.call("stat64", g.str("/"), Guest.UNMAPPED));
        assertEquals(efault, g.call("uname", Guest.WILD));
        assertEquals(efault, g.call("pipe", 0));
        g.sys.close();
    }
}
