package dynvm.translator.loader;

import dynvm.microkernel.linux.Errno;
import dynvm.microkernel.linux.Sysroot;
import dynvm.spi.Isa;
import dynvm.translator.vm.IsaRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What execve(2) does before the first instruction, for the CLI and for a guest's execve: resolves
 * the guest path (absolute paths in the sysroot first, like qemu-user's -L), follows {@code #!}
 * scripts the way binfmt_script does, parses the ELF, picks the front-end from e_machine, reads
 * the PT_INTERP interpreter from the sysroot and builds the {@link UserImage}. Anything that is
 * neither a guest ELF nor a {@code #!} script is refused with ENOEXEC: host binaries never run.
 */
public final class ProgramLoader {
    /** At most this many nested {@code #!} scripts (BINPRM_MAX_RECURSION); one more is ELOOP. */
    public static final int MAX_SCRIPT_DEPTH = 4;
    /** binfmt_script looks at this many bytes of the first line (BINPRM_BUF_SIZE). */
    static final int SCRIPT_BUF = 256;
    /** Where Debian's cross sysroots live, for the -L hint. */
    private static final Path HINT_ROOTS = Path.of("/usr");

    /**
     * How to load. {@code sysroot} null means host paths only; {@code isa} null or "auto" picks
     * the front-end from e_machine; {@code requireExecutable} checks the x bit as execve does (the
     * CLI, like qemu-user, does not); {@code random} supplies AT_RANDOM; {@code stackBytes} is the
     * main thread's stack.
     */
    public record Options(Path sysroot, String isa, long window, boolean requireExecutable, Random random, HostIds ids,
                          long stackBytes) {
        public static Options of(Path sysroot, long window) {
            return new Options(sysroot, "auto", window, true, hostRandom(), HostIds.current(), ImageLayout.STACK_SIZE);
        }

        /** AT_RANDOM's source: the host kernel's /dev/urandom ({@link dynvm.microkernel.linux.HostRandom}). */
        static Random hostRandom() { return dynvm.microkernel.linux.HostRandom.create(); }

        public Options withIsa(String name) { return new Options(sysroot, name, window, requireExecutable, random, ids, stackBytes); }

        public Options withRequireExecutable(boolean on) { return new Options(sysroot, isa, window, on, random, ids, stackBytes); }

        public Options withRandom(Random r, HostIds i) { return new Options(sysroot, isa, window, requireExecutable, r, i, stackBytes); }

        public Options withStackBytes(long bytes) { return new Options(sysroot, isa, window, requireExecutable, random, ids, bytes); }
    }

    /**
     * A program ready to run.
     *
     * @param hostPath    the host file of the ELF finally loaded (the script's interpreter for a
     *                    script): what /proc/self/exe names
     * @param argv        the argv the guest sees (rewritten for scripts)
     * @param execFn      AT_EXECFN: the path as passed to execve
     * @param interpreter the PT_INTERP path as the program names it, or null for a static program
     */
    public record LoadedProgram(Isa isa, UserImage image, ElfFile elf, Path hostPath, List<String> argv,
                                String execFn, String interpreter) {}

    private ProgramLoader() {}

    /** Loads with {@link Options#of}: the x bit checked, e_machine picks the ISA. */
    public static LoadedProgram load(String guestPath, List<String> argv, List<String> env, Path cwd, Path sysroot,
                                     IsaRegistry reg, long window) throws ExecError {
        return load(guestPath, argv, env, cwd, reg, Options.of(sysroot, window));
    }

    /**
     * Loads {@code guestPath} (relative to {@code cwd} unless absolute) with {@code argv} (argv[0]
     * included) and {@code env}.
     *
     * @throws ExecError with the errno execve would give: ENOENT, EACCES, ENOEXEC, ELIBBAD, ELOOP,
     *                   E2BIG or ENOMEM, and a one-line reason
     */
    public static LoadedProgram load(String guestPath, List<String> argv, List<String> env, Path cwd, IsaRegistry reg,
                                     Options o) throws ExecError {
        List<String> args = new ArrayList<>(argv);
        String path = guestPath;
        for (int depth = 0; ; depth++) {
            Path host = resolve(path, cwd, o.sysroot());
            byte[] bytes = read(host, o.requireExecutable() || depth > 0);
            if (bytes.length >= 2 && bytes[0] == '#' && bytes[1] == '!') {
                if (depth >= MAX_SCRIPT_DEPTH)
                    throw new ExecError(Errno.ELOOP, "too many levels of #! interpreters");
                String[] line = parseShebang(bytes);
                // argv[0] is replaced by interpreter [arg] and the path as execve got it
                List<String> next = new ArrayList<>();
                next.add(line[0]);
                if (line[1] != null) next.add(line[1]);
                next.add(path);
                if (!args.isEmpty()) next.addAll(args.subList(1, args.size()));
                args = next;
                path = line[0];
                if (!Files.exists(resolve(path, cwd, o.sysroot())))
                    throw new ExecError(Errno.ENOENT, path + ": bad interpreter: No such file or directory", null, true);
                continue;
            }
            return loadElf(path, host, bytes, args, env, guestPath, cwd, reg, o);
        }
    }

    private static LoadedProgram loadElf(String path, Path host, byte[] bytes, List<String> argv, List<String> env,
                                         String execFn, Path cwd, IsaRegistry reg, Options o) throws ExecError {
        boolean isScriptInterp = !path.equals(execFn);
        String who = isScriptInterp ? path + ": " : "";
        ElfFile elf;
        Isa isa;
        try {
            elf = ElfFile.parse(path, bytes);
            isa = chooseIsa(o.isa(), elf, reg);
        } catch (ElfException e) {
            throw new ExecError(e.errno(), who + e.getMessage());
        }
        ElfFile interp = null;
        String interpName = elf.interpreter();
        if (interpName != null) {
            Path ih = resolve(interpName, cwd, o.sysroot());
            byte[] ib;
            try {
                ib = read(ih, false);
            } catch (ExecError e) {
                String hint = e.errno() == Errno.ENOENT ? sysrootHint(interpName, elf.machine(), o.sysroot()) : null;
                throw new ExecError(e.errno(), who + "cannot load interpreter " + interpName
                        + (e.errno() == Errno.ENOENT ? "" : ": " + e.getMessage()), hint, false);
            }
            try {
                interp = ElfFile.parse(interpName, ib);
                if (interp.machine() != elf.machine() || interp.bigEndian() != elf.bigEndian())
                    throw new ElfException("it is for " + ElfNames.machine(interp.machine()) + ", "
                            + ElfNames.byteOrder(interp.bigEndian()));
            } catch (ElfException e) {
                throw new ExecError(Errno.ELIBBAD, who + "bad interpreter " + interpName + ": " + e.getMessage());
            }
        }
        try {
            UserImage img = UserImage.build(elf, interp, isa, argv, env, execFn, o.window(), o.stackBytes(), o.random(), o.ids());
            return new LoadedProgram(isa, img, elf, host.toAbsolutePath().normalize(), List.copyOf(argv), execFn, interpName);
        } catch (ElfException e) {
            throw new ExecError(e.errno(), who + e.getMessage());
        }
    }

    /** The host file for a guest path: absolute ones in the sysroot first, relative ones from {@code cwd}. */
    static Path resolve(String guest, Path cwd, Path sysroot) throws ExecError {
        if (guest.isEmpty()) throw new ExecError(Errno.ENOENT, "No such file or directory");
        try {
            return guest.startsWith("/") ? Sysroot.lookup(sysroot, guest) : cwd.resolve(guest);
        } catch (InvalidPathException e) {
            throw new ExecError(Errno.ENOENT, "No such file or directory");
        }
    }

    /**
     * The file's bytes. ENOENT when missing, EACCES for a directory, a non-regular file or (when
     * asked) one without the x bit.
     */
    private static byte[] read(Path host, boolean needExec) throws ExecError {
        try {
            if (!Files.exists(host)) throw new ExecError(Errno.ENOENT, Errno.message(Errno.ENOENT));
            if (!Files.isRegularFile(host)) throw new ExecError(Errno.EACCES, Errno.message(Errno.EACCES));
            if (needExec && !Files.isExecutable(host)) throw new ExecError(Errno.EACCES, Errno.message(Errno.EACCES));
            return Files.readAllBytes(host);
        } catch (NoSuchFileException e) {
            throw new ExecError(Errno.ENOENT, Errno.message(Errno.ENOENT));
        } catch (AccessDeniedException e) {
            throw new ExecError(Errno.EACCES, Errno.message(Errno.EACCES));
        } catch (IOException e) {
            int errno = Errno.of(e);
            throw new ExecError(errno, Errno.message(errno));
        } catch (OutOfMemoryError e) {
            throw new ExecError(Errno.ENOMEM, "file too large");
        } catch (SecurityException e) {
            throw new ExecError(Errno.EACCES, Errno.message(Errno.EACCES));
        }
    }

    /**
     * binfmt_script's parse of the first line: the interpreter and at most one argument (all the
     * rest of the line, trimmed), from the first 256 bytes; ENOEXEC when there is no interpreter
     * or its name is cut off by the 256-byte limit.
     *
     * @return {interpreter, argument or null}
     */
    static String[] parseShebang(byte[] file) throws ExecError {
        byte[] buf = new byte[SCRIPT_BUF];
        System.arraycopy(file, 0, buf, 0, Math.min(file.length, SCRIPT_BUF));
        int bufEnd = SCRIPT_BUF - 1;
        int end = indexOf(buf, (byte) '\n', 0, SCRIPT_BUF);
        if (end < 0) {
            int first = nextNonSpaceTab(buf, 2, bufEnd);
            if (first < 0 || nextTerminator(buf, first, bufEnd) < 0)
                throw new ExecError(Errno.ENOEXEC, "#! line longer than " + bufEnd + " bytes");
            end = bufEnd;
        }
        while (end > 2 && spaceTab(buf[end - 1])) end--;
        int name = nextNonSpaceTab(buf, 2, end);
        if (name < 0 || name == end) throw new ExecError(Errno.ENOEXEC, "no interpreter after #!");
        int sep = nextTerminator(buf, name, end);
        String arg = null;
        if (sep >= 0 && buf[sep] != 0) {
            int a = nextNonSpaceTab(buf, sep, end);
            if (a >= 0) arg = cString(buf, a, end);
        }
        String interp = cString(buf, name, sep >= 0 ? sep : end);
        return new String[] {interp, arg == null || arg.isEmpty() ? null : arg};
    }

    private static boolean spaceTab(byte b) { return b == ' ' || b == '\t'; }

    private static int nextNonSpaceTab(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (!spaceTab(b[i])) return i;
        return -1;
    }

    private static int nextTerminator(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (spaceTab(b[i]) || b[i] == 0) return i;
        return -1;
    }

    private static int indexOf(byte[] b, byte x, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == x) return i;
        return -1;
    }

    /** Bytes [from, end) up to the first NUL, as the kernel's C strings end there. */
    private static String cString(byte[] b, int from, int end) {
        int nul = indexOf(b, (byte) 0, from, end);
        return new String(b, from, (nul < 0 ? end : nul) - from, StandardCharsets.UTF_8);
    }

    private static Isa chooseIsa(String name, ElfFile elf, IsaRegistry registry) throws ElfException {
        Isa isa;
        if (name == null || name.equals("auto")) {
            isa = registry.byElfMachine(elf.machine());
            if (isa == null) throw new ElfException("no installed front-end for ELF machine " + elf.machine() + " (see 'dynvm isas')");
        } else {
            isa = registry.byName(name);
            if (isa == null) throw new ElfException("unknown ISA '" + name + "' (see 'dynvm isas')");
        }
        if (isa.linuxUser() == null) throw new ElfException("the " + isa.name() + " front-end runs no Linux programs (try dynvm boot)");
        return isa;
    }

    /**
     * "try -L /usr/arm-linux-gnueabihf" when a Debian-style cross sysroot under /usr holds the
     * missing interpreter for this machine; a generic hint otherwise.
     */
    static String sysrootHint(String interp, int machine, Path sysroot) {
        String generic = sysroot == null ? "a dynamically linked program needs its sysroot: -L DIR or DYNVM_LD_PREFIX"
                : "not found in " + sysroot + " nor on the host";
        if (!interp.startsWith("/")) return generic;
        try (Stream<Path> dirs = Files.list(HINT_ROOTS)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().contains("-linux-")).sorted().toList()) {
                if (d.equals(sysroot)) continue;
                Path candidate = d.resolve(interp.substring(1));
                if (Files.isRegularFile(candidate) && machineOf(candidate) == machine) return "try -L " + d;
            }
        } catch (IOException | RuntimeException e) {
            return generic;
        }
        return generic;
    }

    private static int machineOf(Path elf) {
        byte[] h = new byte[20];
        try (InputStream in = Files.newInputStream(elf)) {
            if (in.readNBytes(h, 0, 20) < 20 || h[0] != 0x7f || h[1] != 'E') return -1;
            return h[5] == 2 ? (h[18] & 0xff) << 8 | (h[19] & 0xff) : (h[19] & 0xff) << 8 | (h[18] & 0xff);
        } catch (IOException e) {
            return -1;
        }
    }
}
