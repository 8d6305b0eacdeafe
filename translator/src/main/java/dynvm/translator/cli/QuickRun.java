package dynvm.translator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plain {@code run} command line parsed without picocli. Building picocli's model of the
 * commands (about 170 of its classes, which the JVM's start-up archive cannot hold because they are
 * Java 5 class files, plus reflection over every option) cost about 0.2 s of CPU, as much as a
 * static hello's whole guest run; a {@code dynvm PROGRAM} or {@code dynvm run [OPTIONS] PROGRAM
 * ARGS} whose options are all spelled plainly is parsed here instead. Anything else (help,
 * {@code --version}, subcommands other than {@code run}, an option given twice, an attached or
 * odd-looking value, {@code @file} arguments, a value picocli might convert differently) returns
 * null and goes to picocli as before, so its messages and exit statuses are unchanged.
 * {@code QuickRunTest} checks that both parse every accepted command line alike.
 * {@code -Ddynvm.quickCli=false} turns this path off.
 */
final class QuickRun {
    private QuickRun() {}

    /** The switch: {@code -Ddynvm.quickCli=false} sends every command line to picocli. */
    static final String PROPERTY = "dynvm.quickCli";

    private static final Set<String> FLAGS = Set.of("--stats", "--strace", "-strace", "-one-insn-per-tb", "-singlestep",
            "--one-insn-per-tb", "--sync-compile", "--dump-ir", "--dump-bytecode");
    private static final Set<String> VALUED = Set.of("--isa", "--engine", "-L", "-E", "-U", "--memory", "-R", "-s",
            "--stack-size", "-seed", "--seed", "-d", "-D", "--plugin", "--dump-classes", "-g", "-B", "-p", "-cpu", "--cpu");
    /** Commands that are not {@code run}: picocli's (a file of that name still runs as {@code run -- NAME}). */
    private static final Set<String> OTHER_COMMANDS = Set.of("boot", "isas", "fuzz", "binfmt", "help");

    /** The {@code run} command {@code args} stand for, or null when picocli must parse them. */
    static RunCommand parse(String[] args) {
        if (args.length == 0 || !"true".equals(System.getProperty(PROPERTY, "true"))) return null;
        for (String a : args) if (a.startsWith("@")) return null;   // (picocli's argument files)
        int i = 0;
        if (args[0].equals("run")) i = 1;
        else if (OTHER_COMMANDS.contains(args[0])) return null;
        else if (!args[0].startsWith("-")) return program(new RunCommand(), args, 0, new HashSet<>());
        else if (canonical(args[0]) == null) return null;   // (e.g. a leading "--": not a run, as picocli reads it)
        RunCommand r = new RunCommand();
        r.isa = "auto";
        r.engine = "dbt";
        Set<String> seen = new HashSet<>();
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) return program(r, args, i + 1, seen);
            if (!a.startsWith("-")) return program(r, args, i, seen);
            String name = canonical(a);
            if (name == null || !seen.add(name)) return null;   // unknown, or given twice: picocli decides
            if (FLAGS.contains(a)) {
                set(r, name, null);
                i++;
                continue;
            }
            if (i + 1 >= args.length) return null;
            String v = args[i + 1];
            if (v.isEmpty() || v.startsWith("-") || v.indexOf('"') >= 0 || v.indexOf('\'') >= 0 || v.indexOf('=') == 0) return null;
            if (!set(r, name, v)) return null;
            i += 2;
        }
        return null;   // no program: picocli's message
    }

    private static RunCommand program(RunCommand r, String[] args, int at, Set<String> seen) {
        if (at >= args.length) return null;
        if (r.isa == null) { r.isa = "auto"; r.engine = "dbt"; }
        r.program = Path.of(args[at]);
        r.args = new ArrayList<>(Arrays.asList(args).subList(at + 1, args.length));
        return r;
    }

    /** One name per option, whatever its spelling (so a second spelling counts as given twice). */
    private static String canonical(String a) {
        switch (a) {
            case "-strace": return "--strace";
            case "-one-insn-per-tb": case "-singlestep": return "--one-insn-per-tb";
            case "--stack-size": return "-s";
            case "-seed": return "--seed";
            case "-cpu": return "--cpu";
            default: return FLAGS.contains(a) || VALUED.contains(a) ? a : null;
        }
    }

    /** Sets one option; false when the value is one picocli might read otherwise. */
    private static boolean set(RunCommand r, String name, String v) {
        switch (name) {
            case "--stats": r.stats = true; return true;
            case "--strace": r.strace = true; return true;
            case "--one-insn-per-tb": r.oneInsnPerTb = true; return true;
            case "--sync-compile": r.syncCompile = true; return true;
            case "--dump-ir": r.dumpIr = true; return true;
            case "--dump-bytecode": r.dumpBytecode = true; return true;
            case "--isa": r.isa = v; return true;
            case "--engine": r.engine = v; return true;
            case "-L": r.sysroot = Path.of(v); return true;
            case "-D": r.debugFile = Path.of(v); return true;
            case "--dump-classes": r.dumpClasses = Path.of(v); return true;
            case "-R": r.reservedVa = v; return true;
            case "-s": r.stackSize = v; return true;
            case "-B": r.guestBase = v; return true;
            case "-p": r.pageSize = v; return true;
            case "--cpu": r.cpu = v; return true;
            case "--plugin": r.plugins.add(v); return true;
            case "-E": return split(v, r.setEnv);
            case "-U": return split(v, r.unsetEnv);
            case "-d": return split(v, r.debugItems);
            case "--memory": {
                if (!decimal(v)) return false;
                r.memoryMib = Integer.valueOf(v);
                return true;
            }
            case "-g": {
                if (!decimal(v)) return false;
                r.gdbPort = Integer.valueOf(v);
                return true;
            }
            case "--seed": {
                if (!decimal(v)) return false;
                r.seed = Long.valueOf(v);
                return true;
            }
            default: return false;
        }
    }

    /** A comma-separated list without empty items (picocli's split is left to odd ones). */
    private static boolean split(String v, List<String> into) {
        String[] parts = v.split(",", -1);
        for (String p : parts) if (p.isEmpty()) return false;
        into.addAll(List.of(parts));
        return true;
    }

    /** Digits without a leading zero, small enough for an int: read alike by every integer converter. */
    private static boolean decimal(String v) {
        if (v.length() > 9) return false;
        for (int k = 0; k < v.length(); k++) if (v.charAt(k) < '0' || v.charAt(k) > '9') return false;
        return v.equals("0") || v.charAt(0) != '0';
    }
}
