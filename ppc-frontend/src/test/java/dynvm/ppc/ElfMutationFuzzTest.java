package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.harness.ElfFuzzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile ELF files: mutations of the committed PowerPC test programs (headers, program headers,
 * PT_INTERP, entry, truncation, byte flips) must each end in a one-line refusal or a guest exit,
 * never a Java exception, a hang or a JVM crash. Seeded: a failure names the mutant's Random seed
 * and mutation, and its file is kept in target/elf-fuzz-failures.
 * {@code -Ddynvm.fuzz.cases=N} sets the number of mutants (default 5000; the ARM front-end runs as many).
 */
class ElfMutationFuzzTest {
    /** Quick programs: a mutant that still loads runs until its end or the instruction budget. */
    private static final String[] SEEDS = {"hello", "exit_call", "exit_raw", "exit_return", "args_env", "fault",
        "recursion", "heap", "jumps", "sort", "intmath", "strings", "wc", "abort_atexit", "sig_segv", "exec_self"};
    /** Well under the 10 s a case may take; the instruction budget stops looping mutants first. */
    private static final long LIMIT_MILLIS = 5_000;
    /** Enough for a mutant that loads to get through libc's start-up code. */
    private static final long INSN_LIMIT = 50_000;

    @TempDir Path tmp;

    @Test
    void mutatedProgramsFailCleanly() throws Exception {
        List<Path> programs = new ArrayList<>();
        for (String s : SEEDS) programs.add(GuestCase.GUEST.resolve("bin").resolve(s));
        ElfFuzzer.Summary sum = ElfFuzzer.campaign(programs, Integer.getInteger("dynvm.fuzz.cases", 5000),
                Long.getLong("dynvm.fuzz.seed", 0x6e7a5eedL), 2, tmp, Path.of("target/elf-fuzz-failures").toAbsolutePath(),
                LIMIT_MILLIS, INSN_LIMIT);
        System.out.println("ELF fuzz ppc: " + sum);
        List<String> f = sum.failures();
        assertTrue(f.isEmpty(), f.size() + " failures:\n" + String.join("\n", f.subList(0, Math.min(20, f.size()))));
    }
}
