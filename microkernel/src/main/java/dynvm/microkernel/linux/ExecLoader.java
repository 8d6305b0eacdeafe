package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

import java.nio.file.Path;
import java.util.List;

/**
 * Builds the image execve(2) switches to. The personality resolves the guest path first
 * ({@code /proc/self/exe} included) and passes both names; nothing of the caller changes when
 * loading fails.
 */
@FunctionalInterface
public interface ExecLoader {
    /**
     * The loaded program: its address space, its host path (the new /proc/self/exe), the Linux
     * ABI of its architecture, what the engine needs to start it (opaque here), and the auxv the
     * loader wrote (type/value words in guest byte order up to AT_NULL: /proc/self/auxv).
     */
    record Image(AddressSpace space, Path exePath, LinuxAbi abi, Object payload, byte[] auxv) {
        /** Without the auxv bytes (/proc/self/auxv then reads empty). */
        public Image(AddressSpace space, Path exePath, LinuxAbi abi, Object payload) { this(space, exePath, abi, payload, new byte[0]); }
    }

    /** Loading failed with {@code errno} (ENOENT, EACCES, ENOEXEC, ...). */
    final class Failure extends Exception {
        public final int errno;

        public Failure(int errno, String why) {
            super(why, null, false, false);
            this.errno = errno;
        }
    }

    Image load(String guestPath, Path hostPath, List<String> argv, List<String> envp, Path cwd) throws Failure;

    /** The loader used when the host gave none: every exec fails with ENOEXEC. */
    ExecLoader NONE = (g, h, a, e, c) -> { throw new Failure(Errno.ENOEXEC, "no program loader configured"); };
}
