package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * memfd_create(2): an anonymous regular file, as a {@link HostFile} over a host temporary file
 * that is deleted when the last descriptor closes, so read, write,
 * ftruncate, fstat, lseek and mmap all behave as on a file. A MAP_SHARED mapping of it is the
 * shared file mapping every host file gets ({@link SharedFileMappings}): stores reach the file at
 * msync, munmap and exit, not at once in another process's mapping. Sealing (MFD_ALLOW_SEALING,
 * F_ADD_SEALS) is accepted at creation but no seal is enforced; MFD_HUGETLB gives EINVAL (no huge
 * pages).
 */
final class MemfdSyscalls implements Syscall.Group {
    static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_HUGETLB = 4, MFD_NOEXEC_SEAL = 8, MFD_EXEC = 0x10;
    /** NAME_MAX minus the "memfd:" prefix Linux adds. */
    static final int MFD_NAME_MAX = 249;

    private final GuestProcess p;

    MemfdSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("memfd_create", a -> memfdCreate(a[0], a[1]));
    }

    private int memfdCreate(int namePtr, int flags) throws IOException {
        if ((flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)) != 0
                || (flags & MFD_HUGETLB) != 0
                || (flags & (MFD_NOEXEC_SEAL | MFD_EXEC)) == (MFD_NOEXEC_SEAL | MFD_EXEC)) return -Errno.EINVAL;
        String name = p.view.mem.readCString(namePtr, MFD_NAME_MAX + 1);
        if (name.length() > MFD_NAME_MAX) return -Errno.EINVAL;
        Path file = Files.createTempFile("dynvm-memfd-", ".bin");
        file.toFile().deleteOnExit(); // should the run end with the descriptor still open
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return p.fds.install(new Memfd(ch, file), 0, (flags & MFD_CLOEXEC) != 0);
    }

    /**
     * The host file of a memfd, deleted when the last descriptor (or mapping) lets go. Not
     * unlinked at once (as DELETE_ON_CLOSE does on Unix): fstat and the shared mappings'
     * write-back look the file up by its path.
     */
    static final class Memfd extends HostFile {
        private final Path file;

        Memfd(FileChannel ch, Path file) {
            super(ch, file, OpenFlags.O_RDWR | OpenFlags.O_LARGEFILE);
            this.file = file;
        }

        @Override void release() throws IOException {
            try {
                super.release();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
