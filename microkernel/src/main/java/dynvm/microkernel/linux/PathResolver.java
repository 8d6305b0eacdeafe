package dynvm.microkernel.linux;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns guest path strings into host paths: relative to the cwd or to a directory descriptor, with
 * /proc/self/exe special-cased. With a sysroot, absolute paths that exist under it are taken from
 * there ({@link Sysroot}); calls that change the namespace use {@link #resolveHost} instead, so a
 * guest never deletes or renames files of a shared sysroot (qemu-user's -L does the same).
 */
final class PathResolver {
    static final int AT_FDCWD = -100;

    private final FdTable fds;
    private volatile Path exe;
    private final int pid;
    private final Path sysroot;
    private volatile Path cwd;

    PathResolver(FdTable fds, Path cwd, Path exe, int pid, Path sysroot) {
        this.fds = fds;
        this.sysroot = sysroot;
        this.cwd = cwd;
        this.exe = exe;
        this.pid = pid;
    }

    Path cwd() { return cwd; }

    /** The same cwd and program for a forked child with descriptor table {@code childFds}. */
    PathResolver copy(FdTable childFds, int childPid) { return new PathResolver(childFds, cwd, exe, childPid, sysroot); }

    /** execve: /proc/self/exe names the new program. */
    void setExe(Path p) { exe = p == null ? null : p.toAbsolutePath().normalize(); }

    void chdir(Path dir) { cwd = dir.toAbsolutePath().normalize(); }

    /** Is this the guest's name for its own executable? */
    boolean isSelfExe(String p) { return p.equals("/proc/self/exe") || p.equals("/proc/" + pid + "/exe"); }

    /**
     * The absolute, lexically normalized guest name of {@code p} (relative to {@code dirfd}) when
     * it lies under /proc, which the personality emulates ({@link ProcFs}); null otherwise. The
     * host's /dev/fd, /dev/stdin, /dev/stdout and /dev/stderr are links into /proc/self: they
     * name the guest's descriptors too. Names that cannot reach /proc are answered without
     * normalizing (every open and stat comes here).
     */
    String procName(int dirfd, String p) {
        if (p.isEmpty()) return null;
        String abs;
        try {
            if (p.startsWith("/")) {
                if (!p.contains("proc") && !p.contains("/dev/") && !p.startsWith("/sys/devices/system/cpu/")) return null;
                abs = p;
            } else {
                String b = base(dirfd).toString();
                if (!p.contains("..") && !b.equals("/") && !b.startsWith("/proc") && !b.startsWith("/dev")) return null;
                abs = b + "/" + p;
            }
            abs = Path.of(abs).normalize().toString();
        } catch (InvalidPathException | SysErr e) {
            return null;
        }
        if (abs.startsWith("/dev/fd/")) return "/proc/self/fd" + abs.substring(7);
        switch (abs) {
            case "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd": return abs;   // the links themselves (ProcFs)
            default: return abs.equals("/proc") || abs.startsWith("/proc/") || ProcFs.SYS_CPU_FILES.contains(abs) ? abs : null;
        }
    }

    /** Host path of the guest program; ENOENT when the host did not say. */
    Path exe() {
        if (exe == null) throw new SysErr(Errno.ENOENT);
        return exe;
    }

    /**
     * Host path for {@code p} relative to {@code dirfd}, an absolute one looked up in the sysroot
     * first; ENOENT for "", ENOTDIR when dirfd is not a directory. A name missing from the sysroot
     * is the host's, so O_CREAT of it creates a host file.
     */
    Path resolve(int dirfd, String p) {
        return resolve(dirfd, p, sysroot);
    }

    /** Like {@link #resolve} but never in the sysroot: for unlink, rename, mkdir, link, chmod, chdir. */
    Path resolveHost(int dirfd, String p) {
        return resolve(dirfd, p, null);
    }

    private Path resolve(int dirfd, String p, Path root) {
        if (p.isEmpty()) throw new SysErr(Errno.ENOENT);
        if (isSelfExe(p)) return exe();
        try {
            if (p.startsWith("/")) return Sysroot.lookup(root, p);
            return base(dirfd).resolve(p);
        } catch (InvalidPathException e) {
            throw new SysErr(Errno.ENOENT);
        }
    }

    /** The directory a relative path starts from. */
    Path base(int dirfd) {
        if (dirfd == AT_FDCWD) return cwd;
        OpenFile f = fds.get(dirfd);
        if (!(f instanceof HostDirectory)) throw new SysErr(Errno.ENOTDIR);
        return f.path();
    }
}
