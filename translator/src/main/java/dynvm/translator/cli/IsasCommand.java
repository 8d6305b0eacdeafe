package dynvm.translator.cli;

import dynvm.spi.Isa;
import dynvm.translator.vm.IsaRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code dynvm isas}: lists the front-ends found on the classpath. */
@Command(name = "isas", description = "List the installed ISA front-ends.", mixinStandardHelpOptions = true)
final class IsasCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Isa i : new IsaRegistry().all()) {
            System.out.printf("%-8s EM %-3d %-13s %s%s%n", i.name(), i.elfMachine(), i.byteOrder(), i.description(),
                    i.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", i.aliases()) + ")");
        }
        return 0;
    }
}
