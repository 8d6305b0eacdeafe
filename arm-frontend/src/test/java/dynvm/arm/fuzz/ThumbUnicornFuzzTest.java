package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.fuzz.DifferentialFuzzer;
import dynvm.translator.fuzz.FuzzTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Random thumb instruction sequences under the interpreter, the translator and Unicorn (see
 * DifferentialFuzzer): every compared field and the data page must agree. Seed and count:
 * -Dfuzz.unicorn.seed, -Dfuzz.unicorn.cases. Skipped when libunicorn2 is not installed.
 */
class ThumbUnicornFuzzTest {
    @Test
    void agreesWithUnicorn() throws Exception {
        String why = FuzzTestSupport.skipReason();
        assumeTrue(why == null, "Unicorn fuzz skipped: " + why);
        DifferentialFuzzer.Summary s = FuzzTestSupport.run("thumb", 20_000);
        assertEquals(0, s.mismatches(), s + "\n" + s.report());
    }
}
