package dynvm.arm.neon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmGuestCase;
import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The arm_neon.h guest program ({@code src/test/guest/neon/neon_intrinsics.c}, a static Thumb-2
 * build with -mfpu=neon-vfpv4, committed with its build script) prints what
 * {@code qemu-arm -cpu cortex-a15} printed, under both engines with {@code -cpu cortex-a15};
 * on {@code -cpu cortex-a9} (no NEON) it dies by SIGILL; it also runs on the default model (cortex-a15).
 * The same for the auto-vectorised loops of {@code neon_autovec.c} (gcc -O3).
 */
class NeonGuestProgramTest {
    static final Path DIR = ArmGuestCase.GUEST.resolve("neon");

    record Run(int status, String out, String err) { }

    static Run run(String cpu, EngineKind engine) {
        return run("neon_intrinsics", cpu, engine);
    }

    static Run run(String program, String cpu, EngineKind engine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = GuestLauncher.run(GuestLauncher.Request.of(DIR.resolve(program), List.of(), List.of(), engine,
                new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), DIR), new IsaRegistry().withCpu(cpu));
        return new Run(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void printsWhatQemuPrints(EngineKind engine) throws Exception {
        Run r = run("cortex-a15", engine);
        assertEquals(Files.readString(DIR.resolve("neon_intrinsics.golden"), StandardCharsets.ISO_8859_1), r.out(), r.err());
        assertEquals(0, r.status(), r.err());
    }

    /**
     * Plain C loops auto-vectorised by gcc -O3 (integer and float element-wise arithmetic,
     * reductions, clamps, shifts, byte swaps and reverses, conversions, VLD2-4/VST2-4 structure
     * arrays, odd starts and tails), built in Thumb-2 and in ARM state, print qemu's output.
     */
    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource({"neon_autovec, INTERP", "neon_autovec, DBT", "neon_autovec_arm, INTERP", "neon_autovec_arm, DBT"})
    void autoVectorisedLoopsPrintWhatQemuPrints(String program, EngineKind engine) throws Exception {
        Run r = run(program, "cortex-a15", engine);
        assertEquals(Files.readString(DIR.resolve("neon_autovec.golden"), StandardCharsets.ISO_8859_1), r.out(), r.err());
        assertEquals(0, r.status(), r.err());
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"DBT"})
    void runsOnTheDefaultModel(EngineKind engine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = GuestLauncher.run(GuestLauncher.Request.of(DIR.resolve("neon_intrinsics"), List.of(), List.of(), engine,
                new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), DIR), new IsaRegistry());
        assertEquals(Files.readString(DIR.resolve("neon_intrinsics.golden"), StandardCharsets.ISO_8859_1), out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(0, status, err.toString(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"DBT"})
    void diesBySigillWithoutNeon(EngineKind engine) {
        assertEquals(128 + 4, run("cortex-a9", engine).status());
    }
}
