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
 * {@code dynvm binfmt}: registers dynvm with Linux's binfmt_misc as the interpreter of the ELF
 * executables of every installed front-end (32-bit; today little-endian ARM and big-endian
 * PowerPC), with the magic and mask of qemu-user's {@code qemu-binfmt-conf.sh}, so a guest
 * program runs directly. No flags (no
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

    /**
     * The entry for one front-end, built as qemu-binfmt-conf.sh's magic and mask are: a 32-bit
     * ELF header of the front-end's byte order and e_machine; the mask ignores the OS ABI byte and
     * the low bit of e_type (ET_EXEC 2 and ET_DYN 3 both match, so PIEs run too). For EM_ARM 40
     * little-endian and EM_PPC 20 big-endian these are exactly qemu's arm and ppc lines.
     */
    static Entry entry(String isaName, int machine, java.nio.ByteOrder order) {
        boolean big = order == java.nio.ByteOrder.BIG_ENDIAN;
        byte[] magic = {0x7f, 'E', 'L', 'F', 1, (byte) (big ? 2 : 1), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] mask = new byte[magic.length];
        java.util.Arrays.fill(mask, (byte) 0xff);
        mask[7] = 0;
        int type = big ? 17 : 16, mach = 18;
        magic[type] = 2;
        mask[type] = (byte) 0xfe;
        magic[mach] = (byte) (big ? machine >> 8 : machine);
        magic[mach + 1] = (byte) (big ? machine : machine >> 8);
        return new Entry("dynvm-" + isaName, magic, mask);
    }

    /** One entry per installed 32-bit front-end. */
    static List<Entry> entries() {
        List<Entry> out = new java.util.ArrayList<>();
        for (dynvm.spi.Isa i : new dynvm.translator.vm.IsaRegistry().all()) out.add(entry(i.name(), i.elfMachine(), i.byteOrder()));
        return out;
    }

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
        if (entries().isEmpty()) {
            err.println("dynvm: binfmt: no ISA front-end installed");
            return 2;
        }
        if (action.print) {
            for (Entry e : entries()) System.out.println(e.registration(interp));
            System.out.flush();
            return 0;
        }
        if (!writable(err)) return 1;
        if (remove(err) != 0) return 1;
        for (Entry e : entries()) {
            if (!write(dir.resolve("register"), e.registration(interp), err)) return 1;
            err.println("dynvm: registered " + dir.resolve(e.name()) + " -> " + interp);
        }
        return 0;
    }

    private int remove(PrintStream err) {
        if (!writable(err)) return 1;
        for (Entry e : entries()) {
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
