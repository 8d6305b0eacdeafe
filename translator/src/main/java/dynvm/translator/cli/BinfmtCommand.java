package dynvm.translator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynvm binfmt}: registers dynvm with Linux's binfmt_misc as the interpreter of 32-bit
 * little-endian ARM and 32-bit big-endian PowerPC ELF executables, with the magic and mask of
 * qemu-user's {@code qemu-binfmt-conf.sh}, so {@code ./hello-arm} runs directly. No flags (no
 * F, P, O or C): the interpreter is the launcher script, which the kernel runs through its #!
 * line and which runs Java by path anyway, so F (open the interpreter at registration) would not
 * make it work in a chroot; P (keep argv[0]) and O/C (pass an open descriptor, use the program's
 * credentials) need the interpreter to read AT_FLAGS/AT_EXECFD from its own auxiliary vector,
 * which the JVM behind a script cannot. docs/cli.md#binfmt_misc says more.
 */
@Command(name = "binfmt", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Make ARM and PowerPC programs run directly (binfmt_misc, like qemu-binfmt-conf.sh).",
                "Registers dynvm as the kernel's interpreter for 32-bit little-endian ARM and 32-bit",
                "big-endian PowerPC ELF executables. --install and --remove need a writable",
                "/proc/sys/fs/binfmt_misc (root)."})
final class BinfmtCommand implements Callable<Integer> {
    /** One binfmt_misc entry. */
    record Entry(String name, byte[] magic, byte[] mask) {
        /** The line written to {@code register}: {@code :name:M:offset:magic:mask:interpreter:flags}. */
        String registration(String interpreter) {
            return ":" + name + ":M::" + hex(magic) + ":" + hex(mask) + ":" + interpreter + ":" + FLAGS;
        }
    }

    /** No flags: see the class comment. */
    static final String FLAGS = "";

    /** qemu-binfmt-conf.sh's arm_magic/arm_mask and ppc_magic/ppc_mask (EM_ARM 40, EM_PPC 20, ET_EXEC or ET_DYN). */
    static final List<Entry> ENTRIES = List.of(
            new Entry("dynvm-arm",
                    bytes(0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x28, 0),
                    bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff)),
            new Entry("dynvm-ppc",
                    bytes(0x7f, 'E', 'L', 'F', 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x14),
                    bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff)));

    static final class Action {
        @Option(names = "--install", required = true, description = "Register (replacing dynvm's earlier entries).") boolean install;
        @Option(names = "--remove", required = true, description = "Remove dynvm's entries.") boolean remove;
        @Option(names = "--print", required = true, description = "Print the registration lines (to write into binfmt_misc/register by hand).") boolean print;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--interpreter", paramLabel = "PATH",
            description = "The interpreter to register. Default: this launcher script (its real path).")
    Path interpreter;

    @Option(names = "--binfmt-dir", paramLabel = "DIR", hidden = true, defaultValue = "/proc/sys/fs/binfmt_misc",
            description = "binfmt_misc's folder (tests).")
    Path dir;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (action.remove) return remove(err);
        String interp = interpreterPath();
        if (interp == null) {
            err.println("dynvm: binfmt: no launcher path known (run through the dynvm script, or give --interpreter PATH)");
            return 2;
        }
        if (interp.contains(":") || interp.contains("\n")) {
            err.println("dynvm: binfmt: the interpreter path must not contain ':' or a newline: " + interp);
            return 2;
        }
        if (action.print) {
            for (Entry e : ENTRIES) System.out.println(e.registration(interp));
            System.out.flush();
            return 0;
        }
        if (!writable(err)) return 1;
        if (remove(err) != 0) return 1;
        for (Entry e : ENTRIES) {
            if (!write(dir.resolve("register"), e.registration(interp), err)) return 1;
            err.println("dynvm: registered " + dir.resolve(e.name()) + " -> " + interp);
        }
        return 0;
    }

    private int remove(PrintStream err) {
        if (!writable(err)) return 1;
        for (Entry e : ENTRIES) {
            Path p = dir.resolve(e.name());
            if (!Files.exists(p)) continue;
            if (!write(p, "-1", err)) return 1;
            err.println("dynvm: removed " + p);
        }
        return 0;
    }

    /** One line and false when binfmt_misc cannot be used here. */
    private boolean writable(PrintStream err) {
        Path reg = dir.resolve("register");
        if (Files.exists(reg) && Files.isWritable(reg)) return true;
        err.println("dynvm: binfmt: " + dir + (Files.exists(reg) ? " is not writable (needs root)" : " is not mounted (mount -t binfmt_misc none " + dir + ")")
                + "; dynvm binfmt --print shows the lines to register");
        return false;
    }

    private static boolean write(Path p, String line, PrintStream err) {
        try {
            Files.write(p, line.getBytes(StandardCharsets.ISO_8859_1));
            return true;
        } catch (IOException | SecurityException e) {
            err.println("dynvm: binfmt: cannot write " + p + ": " + e.getMessage());
            return false;
        }
    }

    /** The real path of the launcher (it passes its own as -Ddynvm.launcher), or --interpreter's. */
    private String interpreterPath() {
        Path p = interpreter;
        if (p == null) {
            String l = System.getProperty("dynvm.launcher");
            if (l == null || l.isEmpty()) return null;
            p = Path.of(l);
        }
        return p.toAbsolutePath().normalize().toString();
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("\\x%02x", x & 0xff));
        return sb.toString();
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }
}
