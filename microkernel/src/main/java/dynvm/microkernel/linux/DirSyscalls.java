package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Changes to the namespace: unlink, rename, mkdir, rmdir, symlink, link, chdir, chmod, umask. */
final class DirSyscalls implements Syscall.Group {
    static final int AT_REMOVEDIR = 0x200, RENAME_NOREPLACE = 1, AT_SYMLINK_FOLLOW = 0x400;

    private final GuestProcess p;

    DirSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        int cwd = PathResolver.AT_FDCWD;
        t.put("unlink", a -> unlinkat(cwd, a[0], 0));
        t.put("unlinkat", a -> unlinkat(a[0], a[1], a[2]));
        t.put("rmdir", a -> unlinkat(cwd, a[0], AT_REMOVEDIR));
        t.put("rename", a -> renameat(cwd, a[0], cwd, a[1], 0));
        t.put("renameat", a -> renameat(a[0], a[1], a[2], a[3], 0));
        t.put("renameat2", a -> renameat(a[0], a[1], a[2], a[3], a[4]));
        t.put("symlink", a -> symlinkat(a[0], cwd, a[1]));
        t.put("symlinkat", a -> symlinkat(a[0], a[1], a[2]));
        t.put("link", a -> linkat(cwd, a[0], cwd, a[1], 0));
        t.put("linkat", a -> linkat(a[0], a[1], a[2], a[3], a[4]));
        t.put("mkdir", a -> mkdirat(cwd, a[0], a[1]));
        t.put("mkdirat", a -> mkdirat(a[0], a[1], a[2]));
        t.put("chdir", a -> chdir(p.paths.resolveHost(cwd, p.view.path(a[0]))));
        t.put("fchdir", a -> {
            OpenFile f = p.fds.get(a[0]);
            if (!(f instanceof HostDirectory)) return -Errno.ENOTDIR;
            return chdir(f.path());
        });
        t.put("umask", a -> { int old = p.umask; p.umask = a[0] & 0777; return old; });
        t.put("chmod", a -> chmod(p.paths.resolveHost(cwd, p.view.path(a[0])), a[1]));
        t.put("fchmodat", a -> chmod(p.paths.resolveHost(a[0], p.view.path(a[1])), a[2]));
        t.put("fchmod", a -> {
            Path host = p.fds.get(a[0]).path();
            return host == null ? 0 : chmod(host, a[1]);
        });
    }

    private int unlinkat(int dirfd, int pathPtr, int flags) throws IOException {
        if ((flags & ~AT_REMOVEDIR) != 0) return -Errno.EINVAL;
        String name = p.view.path(pathPtr);
        Path host = p.paths.resolveHost(dirfd, name);
        boolean rmdir = (flags & AT_REMOVEDIR) != 0;
        if (rmdir && (name.equals(".") || name.endsWith("/."))) return -Errno.EINVAL;
        if (rmdir && (name.equals("..") || name.endsWith("/.."))) return -Errno.ENOTEMPTY;
        HostStat s = HostStat.of(host, false);
        if (rmdir && !s.isDir()) return -Errno.ENOTDIR;
        if (!rmdir && s.isDir()) return -Errno.EISDIR;
        if (name.endsWith("/") && !s.isDir()) return -Errno.ENOTDIR;
        Files.delete(host);
        return 0;
    }

    private int renameat(int oldDirfd, int oldPtr, int newDirfd, int newPtr, int flags) throws IOException {
        if ((flags & ~RENAME_NOREPLACE) != 0) return -Errno.EINVAL;   // RENAME_EXCHANGE, RENAME_WHITEOUT: unsupported
        String oldName = p.view.path(oldPtr), newName = p.view.path(newPtr);
        Path from = p.paths.resolveHost(oldDirfd, oldName);
        Path to = p.paths.resolveHost(newDirfd, newName);
        HostStat src = HostStat.of(from, false);
        // the JDK drops a trailing slash, which Linux only accepts on directories
        if ((oldName.endsWith("/") || newName.endsWith("/")) && !src.isDir()) return -Errno.ENOTDIR;
        if ((flags & RENAME_NOREPLACE) != 0 && Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return -Errno.EEXIST;
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);   // rename(2), which replaces the target
        } catch (AtomicMoveNotSupportedException e) {
            return -Errno.EXDEV;
        }
        return 0;
    }

    /** The target is stored as the guest wrote it (relative targets stay relative to the link). */
    private int symlinkat(int targetPtr, int dirfd, int linkPtr) throws IOException {
        String target = p.view.path(targetPtr);
        if (target.isEmpty()) return -Errno.ENOENT;
        Files.createSymbolicLink(p.paths.resolveHost(dirfd, p.view.path(linkPtr)), Path.of(target));
        return 0;
    }

    /** Hard link; like Linux, a symbolic link itself is linked unless AT_SYMLINK_FOLLOW. */
    private int linkat(int oldDirfd, int oldPtr, int newDirfd, int newPtr, int flags) throws IOException {
        if ((flags & ~AT_SYMLINK_FOLLOW) != 0) return -Errno.EINVAL;
        Path from = p.paths.resolveHost(oldDirfd, p.view.path(oldPtr));
        Path to = p.paths.resolveHost(newDirfd, p.view.path(newPtr));
        if ((flags & AT_SYMLINK_FOLLOW) != 0) from = from.toRealPath();
        else if (HostStat.of(from, false).isDir()) return -Errno.EPERM;
        Files.createLink(to, from);
        return 0;
    }

    private int mkdirat(int dirfd, int pathPtr, int mode) throws IOException {
        Path host = p.paths.resolveHost(dirfd, p.view.path(pathPtr));
        try {
            var perms = PosixFilePermissions.fromString(FdSyscalls.rwx(mode & ~p.umask & 0777));
            Files.createDirectory(host, PosixFilePermissions.asFileAttribute(perms));
            // the host's own umask applied too: the guest's alone counts. Only when it changed
            // something, since a chmod is an IN_ATTRIB event a watcher would see and Linux's mkdir has none
            if (!Files.getPosixFilePermissions(host, java.nio.file.LinkOption.NOFOLLOW_LINKS).equals(perms))
                Files.setPosixFilePermissions(host, perms);
        } catch (UnsupportedOperationException noPosix) {
            Files.createDirectory(host);
        }
        return 0;
    }

    private int chdir(Path dir) throws IOException {
        if (!HostStat.of(dir, true).isDir()) return -Errno.ENOTDIR;
        p.paths.chdir(dir);
        return 0;
    }

    private int chmod(Path host, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(host, PosixFilePermissions.fromString(FdSyscalls.rwx(mode & 0777)));
        } catch (UnsupportedOperationException noPosix) {
            HostStat.of(host, true);
        }
        return 0;
    }
}
