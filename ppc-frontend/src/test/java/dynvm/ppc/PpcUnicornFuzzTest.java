package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.spi.FuzzTarget;
import dynvm.translator.fuzz.DifferentialFuzzer;
import dynvm.translator.fuzz.EngineOracle;
import dynvm.translator.fuzz.FuzzTestSupport;
import dynvm.translator.fuzz.Oracle;
import dynvm.translator.fuzz.UnicornOracle;
import org.junit.jupiter.api.Test;

/**
 * Random ppc32 instruction sequences under the interpreter, the translator and Unicorn (see
 * DifferentialFuzzer): every compared field and the data page must agree. Seed and count:
 * -Dfuzz.unicorn.seed, -Dfuzz.unicorn.cases. Skipped when libunicorn2 is not installed.
 */
class PpcUnicornFuzzTest {
    @Test
    void agreesWithUnicorn() throws Exception {
        String why = FuzzTestSupport.skipReason();
        assumeTrue(why == null, "Unicorn fuzz skipped: " + why);
        DifferentialFuzzer.Summary s = FuzzTestSupport.run("ppc32", 20_000);
        assertEquals(0, s.mismatches(), s + "\n" + s.report());
    }

    /**
     * The comparison bites: a planted one-bit difference in a GPR of the translator's result, or
     * in one byte of the oracle's data page, is reported with the field marked.
     */
    @Test
    void aPlantedDifferenceIsReported() throws Exception {
        String why = FuzzTestSupport.skipReason();
        assumeTrue(why == null, "Unicorn fuzz skipped: " + why);
        FuzzTarget t = DifferentialFuzzer.target("ppc32");
        try (EngineOracle interp = new EngineOracle(t, false); EngineOracle dbt = new EngineOracle(t, true);
             UnicornOracle uc = new UnicornOracle(t)) {
            int checked = 0;
            for (long i = 0; checked < 20; i++) {
                FuzzTarget.Case c = t.generate(DifferentialFuzzer.caseRandom(7, i), 4);
                Oracle.Outcome u = uc.run(c), a = interp.run(c), b = dbt.run(c);
                if (!u.stop().equals("end")) continue;
                assertNull(DifferentialFuzzer.compare(t, c, u, a, b), "unplanted case " + i + " must agree");
                int gpr = 5; // r5 in the target's field order (r0..r31 come first)
                long[] bad = b.fields().clone();
                bad[gpr] ^= 1L << 7;
                String report = DifferentialFuzzer.compare(t, c, u, a, new Oracle.Outcome(b.stop(), bad, b.data()));
                assertNotNull(report, "a flipped bit in the translator's " + t.fields().get(gpr).name() + " is a mismatch");
                assertTrue(report.lines().anyMatch(l -> l.trim().startsWith(t.fields().get(gpr).name() + " ") && l.endsWith("<<")), report);
                byte[] data = u.data().clone();
                data[i % 2 == 0 ? 0 : data.length - 1] ^= 1;
                assertNotNull(DifferentialFuzzer.compare(t, c, new Oracle.Outcome(u.stop(), u.fields(), data), a, b),
                        "a changed byte of the oracle's data page is a mismatch");
                checked++;
            }
        }
    }
}
