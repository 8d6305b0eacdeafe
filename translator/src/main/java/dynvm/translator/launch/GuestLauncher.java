package dynvm.translator.launch;

import dynvm.microkernel.linux.LinuxArch;
import dynvm.microkernel.linux.LinuxConfig;
import dynvm.microkernel.linux.LinuxPersonality;
import dynvm.spi.Isa;
import dynvm.translator.loader.ElfException;
import dynvm.translator.loader.ElfFile;
import dynvm.translator.loader.UserImage;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import dynvm.translator.vm.UserModeVm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a guest Linux program in user mode, like qemu-user: loads the ELF, picks the front-end,
 * builds the process image and the personality, runs it and returns the exit status. Used by the
 * CLI and by whole-program tests (which pass their own streams).
 */
public final class GuestLauncher {
    /** Exit status for a program that cannot be loaded (as a shell reports "cannot execute"). */
    public static final int EXIT_CANNOT_EXECUTE = 126;
    /** Exit status for a program that does not exist. */
    public static final int EXIT_NOT_FOUND = 127;

    /**
     * Everything one run needs. {@code isa} is a name or "auto". {@code backgroundCompile}: hot
     * blocks are compiled on a second thread (faster; which blocks get compiled before the program
     * ends then depends on timing, never the guest's results).
     */
    public record Request(Path program, List<String> args, List<String> env, String isa, EngineKind engine,
                          InputStream stdin, OutputStream stdout, PrintStream stderr, Path cwd,
                          boolean stats, boolean strace, long windowBytes, int maxBlocks, Diag diag,
                          boolean backgroundCompile) {
        public static Request of(Path program, List<String> args, List<String> env, EngineKind engine,
                                 InputStream in, OutputStream out, PrintStream err, Path cwd) {
            return new Request(program, args, env, "auto", engine, in, out, err, cwd, false, false,
                    UserImage.DEFAULT_WINDOW, 1 << 16, Diag.NONE, true);
        }

        /** The same request with statistics on or off. */
        public Request withStats(boolean on) {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, on, strace, windowBytes, maxBlocks, diag, backgroundCompile);
        }

        /** The same request compiling hot blocks on the dispatcher's thread (deterministic counts). */
        public Request withSynchronousCompile() {
            return new Request(program, args, env, isa, engine, stdin, stdout, stderr, cwd, stats, strace, windowBytes, maxBlocks, diag, false);
        }
    }

    private GuestLauncher() { }

    public static int run(Request r) {
        return run(r, new IsaRegistry());
    }

    public static int run(Request r, IsaRegistry registry) {
        String file = r.program().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(r.program());
        } catch (NoSuchFileException e) {
            return fail(r, file, "No such file or directory", EXIT_NOT_FOUND);
        } catch (IOException e) {
            return fail(r, file, e.getMessage() == null ? "cannot read" : e.getMessage(), EXIT_CANNOT_EXECUTE);
        } catch (OutOfMemoryError e) {
            return fail(r, file, "file too large", EXIT_CANNOT_EXECUTE);
        }
        try {
            ElfFile elf = ElfFile.parse(file, bytes);
            Isa isa = chooseIsa(r.isa(), elf, registry);
            List<String> argv = new ArrayList<>();
            argv.add(file);
            argv.addAll(r.args());
            UserImage img = UserImage.build(elf, isa, argv, r.env(), file, r.windowBytes());
            LinuxConfig cfg = LinuxConfig.builder()
                    .stdin(r.stdin()).stdout(r.stdout()).stderr(r.stderr())
                    .cwd(r.cwd()).exePath(r.program().toAbsolutePath()).argv0(file)
                    .strace(r.strace() ? r.stderr() : null)
                    .execLoader(new ElfExecLoader(registry, r.windowBytes()))
                    .build();
            LinuxPersonality kernel = new LinuxPersonality(img.addressSpace(), LinuxArch.byName(isa.syscallAbi().linuxArch()), cfg);
            UserModeVm vm = new UserModeVm(isa, img.addressSpace(), kernel, r.engine(), img.entry(), img.stackPointer(),
                    r.diag(), r.maxBlocks(), r.backgroundCompile(), r.stderr());
            int status = vm.run();
            if (r.stats()) vm.stats().print(r.stderr());
            return status;
        } catch (ElfException e) {
            return fail(r, file, e.getMessage(), EXIT_CANNOT_EXECUTE);
        }
    }

    private static Isa chooseIsa(String name, ElfFile elf, IsaRegistry registry) throws ElfException {
        if (name == null || name.equals("auto")) {
            Isa isa = registry.byElfMachine(elf.machine());
            if (isa == null) throw new ElfException("no installed front-end for ELF machine " + elf.machine() + " (see 'dynvm isas')");
            return isa;
        }
        Isa isa = registry.byName(name);
        if (isa == null) throw new ElfException("unknown ISA '" + name + "' (see 'dynvm isas')");
        return isa;
    }

    private static int fail(Request r, String file, String reason, int status) {
        r.stderr().println("dynvm: " + file + ": " + reason);
        r.stderr().flush();
        return status;
    }
}
