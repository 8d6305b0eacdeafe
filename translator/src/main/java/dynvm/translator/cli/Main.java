package dynvm.translator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dynvm}: the command line. Subcommands do the work; this only wires them. */
@Command(name = "dynvm", mixinStandardHelpOptions = true, version = "dynvm 0.1.0",
        description = "Dynamic binary translator for PowerPC and ARM guests on the JVM.",
        subcommands = {RunCommand.class, BootCommand.class, IsasCommand.class, FuzzCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.err); }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            System.err.println("dynvm: internal error: " + ex);
            return 70;
        });
        int status = cl.execute(args);
        System.out.flush();
        System.exit(status);
    }
}
