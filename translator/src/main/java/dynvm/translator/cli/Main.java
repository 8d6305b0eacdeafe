package dynvm.translator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dynvm}: the command line. Subcommands do the work; this only wires them. */
@Command(name = "dynvm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Dynamic binary translator for PowerPC and ARM guests on the JVM.",
        footer = {"", "dynvm PROGRAM [ARGS] and dynvm -OPTION ... PROGRAM [ARGS] are short for dynvm run ... (as qemu-arm PROGRAM)."},
        subcommands = {RunCommand.class, BootCommand.class, IsasCommand.class, FuzzCommand.class, BinfmtCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** The version line of {@code dynvm --version}, {@code -version} and {@code run --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[] {"dynvm version 0.1.0"}; }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand: a usage error, as qemu-user without a program. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 1;
    }

    public static void main(String[] args) {
        nativeReflection();
        // a plain run skips picocli (docs/performance.md#start-up)
        dynvm.translator.vm.StartupTrace.mark("main");
        RunCommand quick = QuickRun.parse(args);
        if (quick != null) {
            int status;
            try {
                status = quick.call();
            } catch (Exception ex) {   // (what the handler below prints for picocli's path)
                System.err.println("dynvm: internal error: " + ex);
                status = 70;
            }
            System.out.flush();
            dynvm.translator.vm.StartupTrace.mark("exit");
            dynvm.translator.vm.StartupTrace.threads();
            System.exit(status);
        }
        CommandLine cl = commandLine();
        int status = cl.execute(withImpliedRun(cl, args));
        System.out.flush();
        System.exit(status);
    }

    /**
     * Reflection through the JVM's native accessors rather than method handles (JDK 18+, JEP 416),
     * unless the command line chose: the JDK's first {@code FileChannel.map} (the persistent
     * translation cache) and JNA's structures make a few reflective calls each, and each first
     * call through a method-handle accessor spins a dozen LambdaForm classes (about 30 hidden
     * classes in a hello, none in the start-up archive). dynvm makes no hot reflective call (its
     * translated code and helpers use method handles directly), so the native accessor's slower
     * steady state costs nothing. Set before the JDK reads it, at the first reflective
     * construction or call; JDK 17 ignores the property. Off with {@code -Ddynvm.nativeReflection=false}.
     */
    static void nativeReflection() {
        if (Boolean.parseBoolean(System.getProperty("dynvm.nativeReflection", "true"))
                && System.getProperty("jdk.reflect.useNativeAccessorOnly") == null)
            System.setProperty("jdk.reflect.useNativeAccessorOnly", "true");
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            System.err.println("dynvm: internal error: " + ex);
            return 70;
        });
        return cl;
    }

    /**
     * qemu-user's habits: {@code dynvm PROGRAM ARGS} (anything not a subcommand) and {@code dynvm -strace
     * PROGRAM} (an option of {@code run} first) mean {@code dynvm run ...}; {@code -version} is
     * {@code --version}. Anything else is left for picocli to accept or reject.
     */
    static String[] withImpliedRun(CommandLine cl, String[] args) {
        if (args.length == 0) return args;
        String first = args[0];
        if (first.equals("-version")) return new String[] {"--version"};
        if (cl.getSubcommands().containsKey(first) || cl.getCommandSpec().optionsMap().containsKey(first)) return args;
        boolean runOption = first.startsWith("-")
                && cl.getSubcommands().get("run").getCommandSpec().optionsMap().containsKey(first.contains("=") ? first.substring(0, first.indexOf('=')) : first);
        // not a subcommand: a program, as qemu-arm takes it (a missing one then gets the loader's
        // one line "No such file or directory" and 127, not a page of usage)
        boolean file = !first.startsWith("-");
        if (!runOption && !file) return args;
        List<String> a = new ArrayList<>(List.of("run"));
        if (file) a.add("--");
        a.addAll(List.of(args));
        return a.toArray(new String[0]);
    }
}
