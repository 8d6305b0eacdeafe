package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.fuzz.DifferentialFuzzer;
import dynvm.translator.fuzz.FuzzTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Random arm instruction sequences under the interpreter, the translator and Unicorn (see
 * DifferentialFuzzer): every compared field and the data page must agree. Seed and count:
 * -Dfuzz.unicorn.seed, -Dfuzz.unicorn.cases. Skipped when libunicorn2 is not installed.
 */
class ArmUnicornFuzzTest {
    @Test
    void agreesWithUnicorn() throws Exception {
        String why = FuzzTestSupport.skipReason();
        assumeTrue(why == null, "Unicorn fuzz skipped: " + why);
        DifferentialFuzzer.Summary s = FuzzTestSupport.run("arm", 20_000);
        assertEquals(0, s.mismatches(), s + "\n" + s.report());
    }

    /**
     * On {@code -cpu cortex-a15} against Unicorn's Cortex-A15: the Advanced SIMD, VFPv4 and D32 rows
     * too, random d0-d31 and FPSCR (FZ, DN, QC). 3000 cases by default (-Dfuzz.unicorn.a15cases).
     */
    @Test
    void agreesWithUnicornOnCortexA15() throws Exception {
        String why = FuzzTestSupport.skipReason();
        assumeTrue(why == null, "Unicorn fuzz skipped: " + why);
        DifferentialFuzzer.Summary s = FuzzTestSupport.run("arm", "cortex-a15", Long.getLong("fuzz.unicorn.a15cases", 3000));
        assertEquals(0, s.mismatches(), s + "\n" + s.report());
    }
}
