package dynvm.translator.cli;

import dynvm.spi.FuzzTarget;
import dynvm.translator.fuzz.DifferentialFuzzer;
import dynvm.translator.fuzz.Unicorn;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dynvm fuzz}: differential fuzzing of both engines against Unicorn. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Run random instruction sequences under the interpreter, the translator and Unicorn and compare the results.")
final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--isa", required = true, description = "Fuzz target: ppc32, arm or thumb.")
    String isa;

    @Option(names = {"--cpu", "-cpu"}, description = "CPU model of the target (as run -cpu takes it; default: the ISA's default model).")
    String cpu;

    @Option(names = "--iterations", defaultValue = "10000", description = "Number of cases (default ${DEFAULT-VALUE}).")
    long iterations;

    @Option(names = "--seed", description = "Seed (default: random, printed).")
    Long seed;

    @Option(names = "--length", defaultValue = "0", description = "Instructions per case; 0 (default) mixes 1 and 2-20.")
    int length;

    @Option(names = "--first", defaultValue = "0", description = "Index of the first case (to rerun one case of a seed).")
    long first;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--reports", defaultValue = "20", description = "Mismatches printed in full (default ${DEFAULT-VALUE}).")
    int reports;

    @Override
    public Integer call() throws Exception {
        String why = Unicorn.unavailable();
        if (why != null) {
            System.err.println("dynvm fuzz: " + why);
            return 2;
        }
        FuzzTarget target;
        try {
            target = DifferentialFuzzer.target(isa).withCpu(cpu);
        } catch (IllegalArgumentException e) {
            System.err.println("dynvm fuzz: " + e.getMessage());
            return 2;
        }
        if (length < 0 || iterations < 0) {
            System.err.println("dynvm fuzz: --length and --iterations must not be negative");
            return 2;
        }
        long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        System.out.printf("dynvm fuzz: %s%s against Unicorn %s, seed %d, %d cases from %d, %s%n", target.name(),
                cpu == null ? "" : " (-cpu " + cpu + ")", Unicorn.version(), s,
                iterations, first, length == 0 ? "1-20 instructions" : length + " instructions");
        DifferentialFuzzer.Summary sum = new DifferentialFuzzer(System.out)
                .run(target, new DifferentialFuzzer.Options(s, iterations, length, first, n, reports));
        System.out.println(sum);
        return sum.mismatches() == 0 ? 0 : 1;
    }
}
