package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.harness.ElfFuzzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile ELF files for the ARM front-end: mutations of the committed armel and armhf programs
 * (ARM and Thumb builds) must each end in a one-line refusal or a guest exit, never a Java
 * exception, a hang or a JVM crash. See the ppc front-end's ElfMutationFuzzTest; together they
 * run 10,000 mutants. {@code -Ddynvm.fuzz.cases=N} sets the number here (default 5000).
 */
class ArmElfMutationFuzzTest {
    private static final String[] ARMEL = {"hello", "hello-thumb", "exit_call", "exit_raw", "exit_return", "args_env",
        "recursion", "heap", "jumps-thumb", "sort", "intmath", "strings-thumb", "wc", "abort_atexit", "sig_segv", "exec_self"};
    private static final String[] ARMHF = {"hello", "hello-arm", "exit_raw", "args_env", "recursion", "heap-arm",
        "sort", "intmath", "wc", "sig_segv"};
    private static final long LIMIT_MILLIS = 5_000;
    private static final long INSN_LIMIT = 50_000;

    @TempDir Path tmp;

    @Test
    void mutatedProgramsFailCleanly() throws Exception {
        List<Path> programs = new ArrayList<>();
        for (String s : ARMEL) programs.add(ArmGuestCase.GUEST.resolve("bin").resolve(s));
        for (String s : ARMHF) programs.add(ArmGuestCase.GUEST.resolve("armhf/bin").resolve(s));
        ElfFuzzer.Summary sum = ElfFuzzer.campaign(programs, Integer.getInteger("dynvm.fuzz.cases", 5000),
                Long.getLong("dynvm.fuzz.seed", 0xa4e15eedL), 2, tmp, Path.of("target/elf-fuzz-failures").toAbsolutePath(),
                LIMIT_MILLIS, INSN_LIMIT);
        System.out.println("ELF fuzz arm: " + sum);
        List<String> f = sum.failures();
        assertTrue(f.isEmpty(), f.size() + " failures:\n" + String.join("\n", f.subList(0, Math.min(20, f.size()))));
    }
}
