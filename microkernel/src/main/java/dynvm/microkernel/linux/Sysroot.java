package dynvm.microkernel.linux;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * qemu-user's {@code -L} rule for guest paths: an absolute path is looked up under the sysroot
 * first and used from there when it exists (following symbolic links, like qemu's
 * {@code access(F_OK)} probe), otherwise it names the host file. Relative paths are never
 * redirected. Nothing is cached, so files created during the run are seen at once.
 */
public final class Sysroot {
    private Sysroot() {}

    /**
     * The host path for the absolute guest path {@code guest}: under {@code sysroot} when it exists
     * there, else the path itself. {@code sysroot} may be null (no sysroot).
     *
     * @throws InvalidPathException when the host cannot represent the name
     */
    public static Path lookup(Path sysroot, String guest) {
        Path host = Path.of(guest);
        if (sysroot == null || !guest.startsWith("/")) return host;
        Path inside = sysroot.resolve(guest.substring(1));
        return Files.exists(inside) ? inside : host;
    }
}
