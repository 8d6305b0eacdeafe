package dynvm.translator.launch;

import dynvm.microkernel.linux.ExecLoader;
import dynvm.translator.loader.ExecError;
import dynvm.translator.loader.ProgramLoader;
import dynvm.translator.vm.IsaRegistry;
import dynvm.translator.vm.UserModeVm;
import java.nio.file.Path;
import java.util.List;

/**
 * execve's loader: the {@link ProgramLoader} the first program was loaded with (sysroot lookup,
 * {@code #!} scripts, PT_INTERP, any installed ISA, ENOEXEC for anything else), so a guest never
 * runs a host binary.
 */
public final class ElfExecLoader implements ExecLoader {
    private final IsaRegistry registry;
    private final ProgramLoader.Options options;

    public ElfExecLoader(IsaRegistry registry, ProgramLoader.Options options) {
        this.registry = registry;
        this.options = options;
    }

    @Override
    public Image load(String guestPath, Path host, List<String> argv, List<String> envp, Path cwd) throws Failure {
        // the personality resolved /proc/self/exe to the running program; other names the loader
        // resolves itself (sysroot first), keeping the guest's spelling for a script's argv
        String name = guestPath.startsWith("/proc/") ? host.toString() : guestPath;
        try {
            ProgramLoader.LoadedProgram prog = ProgramLoader.load(name, argv, envp, cwd, registry, options);
            return new Image(prog.image().addressSpace(), prog.hostPath(), registry.linuxAbi(prog.isa()),
                    new UserModeVm.Start(prog.isa(), prog.image().entry(), prog.image().stackPointer()),
                    prog.image().auxvBytes(prog.isa().byteOrder()));
        } catch (ExecError e) {
            throw new Failure(e.errno(), e.getMessage());
        }
    }
}
