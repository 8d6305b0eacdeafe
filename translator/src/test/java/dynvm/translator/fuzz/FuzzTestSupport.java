package dynvm.translator.fuzz;

import dynvm.spi.FuzzTarget;

/**
 * What the per-ISA JUnit tests share: reads -Dfuzz.unicorn.seed (default: the day number) and
 * -Dfuzz.unicorn.cases, runs the target on two threads, prints the seed and the summary.
 */
public final class FuzzTestSupport {
    private FuzzTestSupport() { }

    /** Null when Unicorn is usable, else the reason to skip. */
    public static String skipReason() { return Unicorn.unavailable(); }

    public static DifferentialFuzzer.Summary run(String target, long defaultCases) throws InterruptedException {
        return run(target, null, defaultCases);
    }

    /** As {@link #run(String, long)} on CPU model {@code cpu} (null: the default model). */
    public static DifferentialFuzzer.Summary run(String target, String cpu, long defaultCases) throws InterruptedException {
        long seed = Long.getLong("fuzz.unicorn.seed", java.time.LocalDate.now().toEpochDay());
        long cases = Long.getLong("fuzz.unicorn.cases", defaultCases);
        FuzzTarget t = DifferentialFuzzer.target(target).withCpu(cpu);
        System.out.printf("Unicorn fuzz %s" + (cpu == null ? "" : " -cpu " + cpu) + ": seed %d (-Dfuzz.unicorn.seed=%d), %d cases (-Dfuzz.unicorn.cases)%n", target, seed, seed, cases);
        DifferentialFuzzer.Summary s = new DifferentialFuzzer(System.out)
                .run(t, new DifferentialFuzzer.Options(seed, cases, 0, 0, 2, 20));
        System.out.println(s);
        return s;
    }
}
