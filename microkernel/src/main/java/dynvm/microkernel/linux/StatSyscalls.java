package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Questions about files that change nothing: the stat family, access, readlink, getcwd. */
final class StatSyscalls implements Syscall.Group {
    static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_EACCESS = 0x200, AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000,
            AT_STATX_SYNC_TYPE = 0x6000;
    static final int F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

    private final GuestProcess p;

    StatSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        int cwd = PathResolver.AT_FDCWD;
        t.put("stat64", a -> stat64(cwd, a[0], a[1], 0));
        t.put("lstat64", a -> stat64(cwd, a[0], a[1], AT_SYMLINK_NOFOLLOW));
        t.put("fstat64", a -> { p.view.write(a[1], StructWriter.stat64(p.abi, p.fds.get(a[0]).stat())); return 0; });
        t.put("fstatat64", a -> stat64(a[0], a[1], a[2], a[3]));
        t.put("newfstatat", a -> stat64(a[0], a[1], a[2], a[3]));   // the 64-bit ABIs' name for it
        t.put("statx", a -> statx(a[0], a[1], a[2], a[3], a[4]));
        t.put("access", a -> access(cwd, a[0], a[1], 0));
        t.put("faccessat", a -> access(a[0], a[1], a[2], 0));
        t.put("faccessat2", a -> {
            if ((a[3] & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
            return access(a[0], a[1], a[2], a[3]);
        });
        t.put("readlink", a -> readlink(cwd, a[0], a[1], a[2]));
        t.put("readlinkat", a -> readlink(a[0], a[1], a[2], a[3]));
        t.put("getcwd", a -> getcwd(a[0], a[1]));
    }

    /** stat of {@code path} relative to {@code dirfd}, honouring AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW. */
    HostStat lookup(int dirfd, int pathPtr, int flags) throws IOException {
        String name = p.view.path(pathPtr);
        if (name.isEmpty() && (flags & AT_EMPTY_PATH) != 0)
            return dirfd == PathResolver.AT_FDCWD ? HostStat.of(p.paths.cwd(), true) : p.fds.get(dirfd).stat();
        boolean follow = (flags & AT_SYMLINK_NOFOLLOW) == 0;
        ProcFs proc = new ProcFs(p);
        ProcFs.Node node = proc.lookup(dirfd, name, follow);
        if (node != null) {
            HostStat s = proc.stat(node, follow);
            if (name.endsWith("/") && !s.isDir()) throw new SysErr(Errno.ENOTDIR);
            return s;
        }
        Path host = p.paths.resolve(dirfd, name);
        HostStat s = HostStat.of(host, follow || p.paths.isSelfExe(name));
        if (name.endsWith("/") && !s.isDir()) throw new SysErr(Errno.ENOTDIR);
        return s;
    }

    private int stat64(int dirfd, int pathPtr, int buf, int flags) throws IOException {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        p.view.write(buf, StructWriter.stat64(p.abi, lookup(dirfd, pathPtr, flags)));
        return 0;
    }

    private int statx(int dirfd, int pathPtr, int flags, int mask, int buf) throws IOException {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) != 0
                || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || mask < 0) return -Errno.EINVAL;
        p.view.write(buf, StructWriter.statx(p.abi, lookup(dirfd, pathPtr, flags)));
        return 0;
    }

    private int access(int dirfd, int pathPtr, int mode, int flags) throws IOException {
        if ((mode & ~7) != 0) return -Errno.EINVAL;
        String name = p.view.path(pathPtr);
        if (name.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            Path own = dirfd == PathResolver.AT_FDCWD ? p.paths.cwd() : p.fds.get(dirfd).path();
            if (own == null) return 0;   // a pipe or stream: its owner is the guest
            name = own.toString();
        }
        ProcFs proc = new ProcFs(p);
        ProcFs.Node node = proc.lookup(dirfd, name, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        if (node != null) {
            // /proc files are read-only (0444), its directories searchable (0555), links followed above
            HostStat s = proc.stat(node, (flags & AT_SYMLINK_NOFOLLOW) == 0);
            if (name.endsWith("/") && !s.isDir()) return -Errno.ENOTDIR;
            if (node instanceof ProcFs.Host h) return access(h.path(), mode);
            int perm = s.mode() & 0777;
            if ((mode & W_OK) != 0 && (perm & 0222) == 0) return -Errno.EACCES;
            if ((mode & X_OK) != 0 && (perm & 0111) == 0) return -Errno.EACCES;
            return 0;
        }
        Path host = p.paths.resolve(dirfd, name);
        HostStat st = HostStat.of(host, (flags & AT_SYMLINK_NOFOLLOW) == 0);   // ENOENT, ENOTDIR, ... as the host says
        if (name.endsWith("/") && !st.isDir()) return -Errno.ENOTDIR;
        return access(host, mode);
    }

    private static int access(Path host, int mode) {
        if ((mode & R_OK) != 0 && !Files.isReadable(host)) return -Errno.EACCES;
        if ((mode & W_OK) != 0 && !Files.isWritable(host)) return -Errno.EACCES;
        if ((mode & X_OK) != 0 && !Files.isExecutable(host)) return -Errno.EACCES;
        return 0;
    }

    private int readlink(int dirfd, int pathPtr, int buf, int size) throws IOException {
        if (size <= 0) return -Errno.EINVAL;
        String name = p.view.path(pathPtr);
        ProcFs.Node node = new ProcFs(p).lookup(dirfd, name, false);
        String target = node != null ? ProcFs.readlink(node)
                : p.paths.isSelfExe(name) ? p.paths.exe().toString()
                : Files.readSymbolicLink(p.paths.resolve(dirfd, name)).toString();
        byte[] b = target.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(size, b.length);
        p.view.write(buf, b, 0, n);
        return n;
    }

    private int getcwd(int buf, int size) {
        byte[] b = (p.paths.cwd().toString() + "\0").getBytes(StandardCharsets.UTF_8);
        if (size < b.length) return -Errno.ERANGE;
        p.view.write(buf, b);
        return b.length;
    }
}
