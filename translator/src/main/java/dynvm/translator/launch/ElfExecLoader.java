package dynvm.translator.launch;

import dynvm.microkernel.linux.Errno;
import dynvm.microkernel.linux.ExecLoader;
import dynvm.spi.Isa;
import dynvm.translator.loader.ElfException;
import dynvm.translator.loader.ElfFile;
import dynvm.translator.loader.UserImage;
import dynvm.translator.vm.IsaRegistry;
import dynvm.translator.vm.UserModeVm;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * execve's loader for now: a static ELF of any installed ISA, built like the first program
 * (UserImage). Not yet: PT_INTERP, #! scripts, sysroot lookups (the program loader's work).
 */
public final class ElfExecLoader implements ExecLoader {
    private final IsaRegistry registry;
    private final long windowBytes;

    public ElfExecLoader(IsaRegistry registry, long windowBytes) {
        this.registry = registry;
        this.windowBytes = windowBytes;
    }

    @Override
    public Image load(String guestPath, Path host, List<String> argv, List<String> envp, Path cwd) throws Failure {
        if (Files.isDirectory(host)) throw new Failure(Errno.EACCES, "is a directory");
        if (!Files.exists(host)) throw new Failure(Errno.ENOENT, "no such file");
        if (!Files.isExecutable(host)) throw new Failure(Errno.EACCES, "not executable");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(host);
        } catch (NoSuchFileException e) {
            throw new Failure(Errno.ENOENT, "no such file");
        } catch (AccessDeniedException e) {
            throw new Failure(Errno.EACCES, "permission denied");
        } catch (IOException | OutOfMemoryError e) {
            throw new Failure(Errno.EIO, String.valueOf(e.getMessage()));
        }
        try {
            ElfFile elf = ElfFile.parse(guestPath, bytes);
            Isa isa = registry.byElfMachine(elf.machine());
            if (isa == null) throw new Failure(Errno.ENOEXEC, "no front-end for ELF machine " + elf.machine());
            UserImage img = UserImage.build(elf, isa, argv, envp, guestPath, windowBytes);
            return new Image(img.addressSpace(), host.toAbsolutePath().normalize(), isa.syscallAbi().linuxArch(),
                    new UserModeVm.Start(isa, img.entry(), img.stackPointer()));
        } catch (ElfException e) {
            throw new Failure(Errno.ENOEXEC, e.getMessage());
        }
    }
}
